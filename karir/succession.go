package karir

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// The succession pool: for a post, besides its applicants, every ASN of
// the roster in boxes 7-9 (the succession group, PermenPANRB 3/2020), one
// level below the post or at it, who meets its requirements, ranked as
// candidates are; each marked with their own wish from the programme
// (what SIMATA does not know). PP 11/2017 jo. PP 17/2020 Pasal 200 ayat
// (2): promotion goes first to the succession group.

// The wishes a pool entry is marked with.
const (
	WishApplied   = "mengajukan"    // asked to move to this post
	WishElsewhere = "berminat lain" // asked to move to another post
)

// Pool is the succession group of a city, checked once against a post of
// each level its members may step to (their own and the next), so the
// pools of many posts cost one pass over the roster.
type Pool struct {
	byLevel map[int][]poolEntry
	moves   map[string]*Submission // NIP -> a move filed this round
	now     time.Time
}

// poolEntry is a member as the pool keeps them: small, so 100,000 ASN
// sort fast (sorting Candidates, with their Submission inside, took most
// of a second); For makes Candidates of the few it returns.
type poolEntry struct {
	emp     *Employee
	rec     *TalentRecord
	record  TrackRecord
	profile *Profile
	// key orders the pool as RankCandidates orders candidates: the box's
	// standing, then potential, then the programme's record.
	standing  int
	potential float64
	rating    float64
}

func comparePoolEntries(a, b *poolEntry) int {
	if c := cmp.Compare(b.standing, a.standing); c != 0 {
		return c
	}
	if c := cmp.Compare(b.potential, a.potential); c != 0 {
		return c
	}
	if c := compareRecords(a.record, b.record); c != 0 {
		return c
	}
	return strings.Compare(a.emp.NIP, b.emp.NIP)
}

// NewPool gathers the succession group for posts of the given levels (all
// when none) from the roster (emps, all of it), the latest talent records,
// the SKP history, the round's submissions and the programme's records;
// now is the appointment's date. The retirement age is checked over 12
// months (a pool entry has no term of their own).
func NewPool(emps []Employee, latest map[string]TalentRecord, history TalentHistory, subs []Submission,
	records map[string]TrackRecord, now time.Time, levels ...int) *Pool {
	want := [LevelJPTPratama + 1]bool{}
	for _, l := range levels {
		if l >= 0 && l <= LevelJPTPratama {
			want[l] = true
		}
	}
	if len(levels) == 0 {
		want = [LevelJPTPratama + 1]bool{true, true, true, true}
	}
	p := &Pool{byLevel: map[int][]poolEntry{}, moves: map[string]*Submission{}, now: now}
	for i := range subs {
		if subs[i].Answers.Choice == ChoiceMove {
			p.moves[subs[i].NIP] = &subs[i]
		}
	}
	rungs := map[rungKey]Rung{} // posts repeat: their type once each
	for i := range emps {
		e := &emps[i]
		rec, ok := latest[e.NIP]
		if !ok || !InSuccessionGroup(rec.Box()) {
			continue
		}
		key := rungKey{e.JabatanType, e.Position, e.Eselon}
		rung, seen := rungs[key]
		if !seen {
			rung = RungOfType(e.Type())
			rungs[key] = rung
		}
		if !rung.Known || !(want[min(rung.Level, LevelJPTPratama)] || (rung.Level+1 <= LevelJPTPratama && want[rung.Level+1])) {
			continue
		}
		var hist []TalentRecord
		if history != nil {
			hist = history(e.NIP)
		}
		profile := profileAt(*e, rung, hist)
		for _, level := range []int{rung.Level, rung.Level + 1} {
			if level > LevelJPTPratama || !want[level] || Fails(profile, Target{Rung: Rung{Level: level, Known: true}, At: now}) {
				continue
			}
			var record TrackRecord
			if len(records) > 0 {
				record = records[e.NIP]
			}
			p.byLevel[level] = append(p.byLevel[level], poolEntry{emp: e, rec: &rec, record: record, profile: &profile,
				standing: BoxStanding(rec.Box()), potential: rec.potentialScore(), rating: ratingScore(record.Ratings)})
		}
	}
	for l := range p.byLevel {
		slices.SortFunc(p.byLevel[l], func(a, b poolEntry) int { return comparePoolEntries(&a, &b) })
	}
	return p
}

// rungKey is what an employee's type is read from.
type rungKey struct {
	t                JabatanType
	position, eselon string
}

// For is the pool of a post: its members who do not hold it, in rank
// order, at most limit (0: all), each marked with their wish; nil when
// the post's level is unknown.
func (p *Pool) For(post Post, facts PostFacts, limit int) []Candidate {
	if !facts.Rung.Known {
		return nil
	}
	var out []Candidate
	for i := range p.byLevel[facts.Rung.Level] {
		en := &p.byLevel[facts.Rung.Level][i]
		if post.Is(en.emp.OPDCode, en.emp.Position) {
			continue
		}
		checks := CheckRequirements(*en.profile, Target{Rung: Rung{Level: facts.Rung.Level, Known: true}, At: p.now})
		c := Candidate{Employee: en.emp, Talent: en.rec, Record: en.record, Checks: checks, Ready: true,
			Submission: Submission{NIP: en.emp.NIP, Name: en.emp.Name}}
		if s, ok := p.moves[en.emp.NIP]; ok {
			c.Submission = *s
			c.Wish = WishElsewhere
			if s.AppliesFor(post) {
				c.Wish = WishApplied
			}
		}
		out = append(out, c)
		if limit > 0 && len(out) == limit {
			break
		}
	}
	return out
}

// Size is how many are in the pool for posts of the level.
func (p *Pool) Size(level int) int { return len(p.byLevel[level]) }

// Vacancy is a post with a seat to fill: free now (its holder approved to
// move away, or nobody holds it), or soon, when a holder reaches the
// retirement age (PP 11/2017 Pasal 239) within the horizon.
type Vacancy struct {
	Occupancy
	PostFacts
	// Retiring names the holders who retire within the horizon, and when.
	Retiring []Retirement
}

// Retirement is a holder reaching the retirement age.
type Retirement struct {
	Name string
	At   time.Time
}

// Free is how many seats are free now.
func (v Vacancy) Free() int { return max(0, v.Seats-v.Taken()) }

// RetireWithin is how far ahead /suksesi looks for retirements.
const RetireWithin = 12 // months

// Vacancies lists the posts of an OPD (all when opd is empty) with a seat
// to fill: the peta jabatan's posts with a seat no holder who stays and no
// approved mover takes, the posts someone asked for, the posts of approved
// movers, and every post a holder retires from within RetireWithin months.
// Seats are the peta jabatan's where it lists the post, else the holders
// in the roster, at least 1. Free seats first, then the sooner
// retirement; by OPD and post after.
func Vacancies(emps []Employee, subs []Submission, maps []PostMap, opd string, now time.Time) []Vacancy {
	holders := map[string][]Employee{}
	posts := map[string]Post{}
	planned := map[string]PlannedPost{}
	for _, m := range maps {
		for _, pp := range m.Posts {
			p := Post{OPDCode: m.OPDCode, OPDName: m.OPDName, Position: pp.Name}
			planned[p.Key()] = pp
			if opd == "" || m.OPDCode == opd {
				posts[p.Key()] = p
			}
		}
	}
	for _, e := range emps {
		p := Post{OPDCode: e.OPDCode, OPDName: e.OPDName, Position: e.Position}
		holders[p.Key()] = append(holders[p.Key()], e)
		if opd == "" || e.OPDCode == opd {
			if _, ok := posts[p.Key()]; !ok {
				posts[p.Key()] = p
			}
		}
	}
	movedOut := map[string]bool{}
	approvedTo := map[string][]string{}
	wanted := map[string]bool{}
	for i := range subs {
		s := &subs[i]
		if s.Answers.Choice != ChoiceMove {
			continue
		}
		target := s.TargetPost()
		wanted[target.Key()] = true
		if _, ok := posts[target.Key()]; !ok && (opd == "" || target.OPDCode == opd) {
			posts[target.Key()] = target
		}
		if s.Approved() {
			movedOut[s.NIP] = true
			approvedTo[target.Key()] = append(approvedTo[target.Key()], s.Name)
		}
	}
	horizon := now.AddDate(0, RetireWithin, 0)
	// The lowest retirement age (58): a holder younger than that at the
	// horizon retires from no post within it, so most posts are passed
	// over before their type is read.
	youngest := horizon.AddDate(-58, 0, 0)
	var out []Vacancy
	for key, post := range posts {
		hs := holders[key]
		pp, inMap := planned[key]
		seats, staying, retiring := max(1, len(hs)), 0, false
		if inMap {
			seats = pp.Seats
		}
		for _, h := range hs {
			if movedOut[h.NIP] {
				continue
			}
			staying++
			if b := BirthOfEmployee(h); !b.IsZero() && !b.After(youngest) {
				retiring = true
			}
		}
		if staying+len(approvedTo[key]) >= seats && !retiring {
			continue
		}
		if len(hs) == 0 && !wanted[key] && !inMap {
			continue
		}
		v := Vacancy{Occupancy: Occupancy{Post: post, Seats: seats, FromMap: inMap, Approved: approvedTo[key]}, PostFacts: FactsOf(post, hs)}
		if inMap {
			v.Held = true
			if !v.Rung.Known {
				if t := pp.Type; t.Valid() {
					v.Type, v.Rung = t, RungOfType(t)
				}
			}
		}
		for _, h := range hs {
			if movedOut[h.NIP] {
				continue
			}
			v.Holders = append(v.Holders, h.Name)
			if b := BirthOfEmployee(h); !b.IsZero() {
				if at := b.AddDate(bupOf(v.Rung), 0, 0); !at.After(horizon) {
					v.Retiring = append(v.Retiring, Retirement{Name: h.Name, At: at})
				}
			}
		}
		if v.Free() == 0 && len(v.Retiring) == 0 {
			continue
		}
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b Vacancy) int {
		if (a.Free() > 0) != (b.Free() > 0) {
			if a.Free() > 0 {
				return -1
			}
			return 1
		}
		if len(a.Retiring) > 0 && len(b.Retiring) > 0 {
			if c := a.Retiring[0].At.Compare(b.Retiring[0].At); c != 0 {
				return c
			}
		}
		if a.OPDCode != b.OPDCode {
			if a.OPDCode < b.OPDCode {
				return -1
			}
			return 1
		}
		if a.Key() < b.Key() {
			return -1
		}
		if a.Key() > b.Key() {
			return 1
		}
		return 0
	})
	return out
}

// SuccessionPlan is a post to fill with its pool's first candidates.
type SuccessionPlan struct {
	Vacancy
	Candidates []Candidate
}

// PlanSuccession pairs each vacancy with the first limit of its pool.
func PlanSuccession(vacancies []Vacancy, pool *Pool, limit int) []SuccessionPlan {
	out := make([]SuccessionPlan, len(vacancies))
	for i, v := range vacancies {
		out[i] = SuccessionPlan{Vacancy: v, Candidates: pool.For(v.Post, v.PostFacts, limit)}
	}
	return out
}
