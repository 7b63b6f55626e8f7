package karir

import (
	"context"
	"strings"
	"time"
	"unicode"
)

// NormalizePost writes a post's (or an OPD's) name in lower case, with
// single spaces between its words and no punctuation, so "Kepala  Seksi
// Drainase." and "kepala seksi drainase" name one post: the rule by which
// the form, the imports and the peta jabatan match names.
func NormalizePost(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// The peta jabatan: each OPD's posts, their type and their seats
// (kebutuhan), as BKPSDM plans them (PermenPANRB 1/2020 on the analysis of
// posts and workload: the peta jabatan names every post of a unit and how
// many it needs). Holders come from the roster; vacant = seats − holders.

// PlannedPost is one post of an OPD's peta jabatan.
type PlannedPost struct {
	Name string      `bson:"name"`
	Type JabatanType `bson:"type"`
	// Seats is the kebutuhan: how many the post needs.
	Seats int `bson:"seats"`
}

// PostMap is the peta jabatan of one OPD: one document, so an import
// replaces an OPD's posts in one write (FerretDB has no transactions).
type PostMap struct {
	OPDCode   string        `bson:"_id"`
	OPDName   string        `bson:"opd_name"`
	Posts     []PlannedPost `bson:"posts"`
	UpdatedAt time.Time     `bson:"updated_at"`
}

// Find returns the post a name names, case, spacing and punctuation aside.
func (m *PostMap) Find(name string) (PlannedPost, bool) {
	if m == nil {
		return PlannedPost{}, false
	}
	n := NormalizePost(name)
	for _, p := range m.Posts {
		if NormalizePost(p.Name) == n {
			return p, true
		}
	}
	return PlannedPost{}, false
}

// PostSeats is a planned post with its holders counted.
type PostSeats struct {
	PlannedPost
	Holders int
}

// Vacant is how many seats no one holds (never below 0: a post may hold
// more people than planned).
func (p PostSeats) Vacant() int { return max(0, p.Seats-p.Holders) }

// SeatsOf counts each planned post's holders: the employees in service of
// the OPD whose post has the same name (NormalizePost).
func SeatsOf(m PostMap, emps []Employee) []PostSeats {
	held := map[string]int{}
	for _, e := range emps {
		if e.OPDCode == m.OPDCode && e.Active() {
			held[NormalizePost(e.Position)]++
		}
	}
	out := make([]PostSeats, len(m.Posts))
	for i, p := range m.Posts {
		out[i] = PostSeats{PlannedPost: p, Holders: held[NormalizePost(p.Name)]}
	}
	return out
}

// PostStore keeps the peta jabatan; the store implements it.
type PostStore interface {
	// PostMap returns ErrNotFound when the OPD has no peta jabatan.
	PostMap(ctx context.Context, opd string) (*PostMap, error)
	PostMaps(ctx context.Context) ([]PostMap, error)
	// SavePostMaps replaces the peta jabatan of each OPD given and returns
	// how many it wrote, also when it fails.
	SavePostMaps(ctx context.Context, maps []PostMap) (int, error)
}

// Planned is the facts with the peta jabatan's type over the holders'
// rows where the map's type says a rung (see PlannedFacts): its type and
// rung together, never the rung of one and the label of the other.
func (f PostFacts) Planned(p PlannedPost) PostFacts {
	if r := RungOfType(p.Type); r.Known {
		f.Type, f.Rung = p.Type, r
	}
	return f
}

// Plan applies the peta jabatan to a post's view: the post exists even when
// no one holds it (no "jabatan tidak ada" note), its type and rung are the
// planned ones (PostFacts.Planned, as PlannedFacts) rather than the holders'
// rows or a guess from its name, so its header, seats and checks agree, and
// the movers are assessed and ranked again (history and now as for ViewPost).
func (v *PostView) Plan(p PlannedPost, history TalentHistory, now time.Time) {
	v.Planned = &PostSeats{PlannedPost: p, Holders: v.Holders}
	v.PostFacts = v.PostFacts.Planned(p)
	v.Held = true
	for i := range v.Candidates {
		if c := &v.Candidates[i]; !c.Stay {
			var hist []TalentRecord
			if history != nil {
				hist = history(c.Submission.NIP)
			}
			c.Checks, c.Notes = v.Assess(c.Now(), hist, now, c.Submission.Answers.TermMonths)
		}
	}
	RankCandidates(v.Candidates)
}
