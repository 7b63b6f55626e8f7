package karir

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// Candidates per post: who asked for a post, ranked for Baperjakat.

// Post is a position in an OPD: a target of the form, or held in the roster.
type Post struct {
	OPDCode, OPDName, Position string
}

// Key identifies a post: its OPD and its position in any case, the way
// the form matches a typed position against the pick list.
func (p Post) Key() string {
	return p.OPDCode + "\x00" + strings.ToLower(strings.TrimSpace(p.Position))
}

// Is reports whether opd and position name this post (Key without building it).
func (p Post) Is(opd, position string) bool {
	return opd == p.OPDCode && strings.EqualFold(strings.TrimSpace(position), strings.TrimSpace(p.Position))
}

// TargetPost is the post a move asks for, zero for a stay.
func (s *Submission) TargetPost() Post {
	a := s.Answers
	if a.Choice != ChoiceMove {
		return Post{}
	}
	return Post{OPDCode: a.TargetOPDCode, OPDName: a.TargetOPDName, Position: a.TargetPosition}
}

// AppliesFor reports whether the submission is an application for the
// post: a move there, or its holder's stay.
func (s *Submission) AppliesFor(p Post) bool {
	a := s.Answers
	return (a.Choice == ChoiceMove && p.Is(a.TargetOPDCode, a.TargetPosition)) ||
		(a.Choice == ChoiceStay && p.Is(s.OPDCode, s.Position))
}

// CurrentPost is the post the ASN held when filing.
func (s *Submission) CurrentPost() Post {
	return Post{OPDCode: s.OPDCode, OPDName: s.OPDName, Position: s.Position}
}

// PostDemand is a target post with how many asked to move there and how
// many of its holders filed to stay.
type PostDemand struct {
	Post
	Movers, Stayers int
}

// Applicants counts everyone ranked for the post.
func (d PostDemand) Applicants() int { return d.Movers + d.Stayers }

// Demand lists the posts someone asked to move to (of one OPD when opd is
// set), with their holders who filed to stay, most applicants first.
func Demand(subs []Submission, opd string) []PostDemand {
	byKey := map[string]*PostDemand{}
	for i := range subs {
		p := subs[i].TargetPost()
		if p.Position == "" || (opd != "" && p.OPDCode != opd) {
			continue
		}
		d, ok := byKey[p.Key()]
		if !ok {
			d = &PostDemand{Post: p}
			byKey[p.Key()] = d
		}
		d.Movers++
	}
	for i := range subs {
		if s := &subs[i]; s.Answers.Choice == ChoiceStay {
			if d, ok := byKey[s.CurrentPost().Key()]; ok {
				d.Stayers++
			}
		}
	}
	out := make([]PostDemand, 0, len(byKey))
	for _, d := range byKey {
		out = append(out, *d)
	}
	slices.SortFunc(out, func(a, b PostDemand) int {
		if c := cmp.Compare(b.Applicants(), a.Applicants()); c != 0 {
			return c
		}
		return strings.Compare(a.Key(), b.Key())
	})
	return out
}

// Candidate is one applicant for a post, with what ranks them.
type Candidate struct {
	Submission Submission
	// Employee is the applicant in the roster now (their current post,
	// eselon, golongan); nil when they left it since filing.
	Employee *Employee
	// Talent is the latest talent record, nil when there is none.
	Talent *TalentRecord
	Record TrackRecord
	// Stay marks the holder who filed to stay in the post.
	Stay bool
	// Checks are the post's requirements (requirements.go), checked for a
	// move; none for a stay. Notes are remarks that are no requirement
	// (the post is not in the data).
	Checks []Check
	Notes  []string
	// Ready ("siap"): memenuhi syarat and in the succession group (7-9).
	Ready bool
	// Wish marks a succession pool entry (succession.go): WishApplied,
	// WishElsewhere, or "" when they filed no move.
	Wish string
}

// Failed lists the requirements the candidate fails.
func (c Candidate) Failed() []Check { return c.withStatus(CheckFailed) }

// Unchecked lists the requirements the data cannot decide.
func (c Candidate) Unchecked() []Check { return c.withStatus(CheckUnchecked) }

func (c Candidate) withStatus(s CheckStatus) []Check {
	var out []Check
	for _, ch := range c.Checks {
		if ch.Status == s {
			out = append(out, ch)
		}
	}
	return out
}

// Stage is where the candidate's request stands, as /kandidat shows it:
// diajukan (also when returned for correction), diverifikasi, di
// Baperjakat, disetujui (and every step after), ditolak.
func (c Candidate) Stage() string { return RequestStage(&c.Submission) }

// RequestStage is a request's stage in the five words of /kandidat (the
// programme's own stages, no regulation's).
func RequestStage(s *Submission) string {
	switch s.Stage {
	case StepVerified:
		return "diverifikasi"
	case StepBaperjakat:
		return "di Baperjakat"
	case StepDeclined:
		return "ditolak"
	case StepApproved, StepTargetActive, StepCheckIn, StepMet, StepMissed:
		return "disetujui"
	}
	return "diajukan"
}

// Box is the candidate's 9-box number, 0 without talent data.
func (c Candidate) Box() int {
	if c.Talent == nil {
		return 0
	}
	return c.Talent.Box()
}

// Eligible ("memenuhi syarat") reports whether no checkable requirement
// fails; unchecked ones and notes do not count against it.
func (c Candidate) Eligible() bool { return eligible(c.Checks) }

func eligible(checks []Check) bool {
	for i := range checks {
		if checks[i].Status == CheckFailed {
			return false
		}
	}
	return true
}

// Now is the candidate as the roster has them now (or as they filed).
func (c Candidate) Now() Employee {
	if c.Employee != nil {
		return *c.Employee
	}
	s := c.Submission
	return Employee{NIP: s.NIP, Name: s.Name, OPDCode: s.OPDCode, OPDName: s.OPDName, Position: s.Position, Eselon: s.Eselon, JabatanType: s.JabatanType}
}

// PostView is a post with what the roster says of it and its ranked
// candidates.
type PostView struct {
	Post
	PostFacts
	Holders    int
	Candidates []Candidate
	// Planned is the post in the peta jabatan (its type and seats), nil
	// when the OPD's peta jabatan does not list it (see Plan).
	Planned *PostSeats
}

// TalentMap counts the post's candidates by box.
func (v PostView) TalentMap() TalentMap {
	var m TalentMap
	for _, c := range v.Candidates {
		m.Add(c.Talent)
		if b := c.Box(); b > 0 {
			m.Names[b] = append(m.Names[b], c.Now().Name)
		}
	}
	return m
}

// TalentHistory returns one ASN's talent records (for the SKP of the last
// two years); nil for none.
type TalentHistory func(nip string) []TalentRecord

// ViewPost gathers and ranks the candidates of a post: every ASN who asked
// to move there, and its holders who filed to stay. emps holds at least
// the post's OPD and the applicants (the whole roster will do); latest,
// history and records come from the TalentStore; now is the appointment's
// date for the requirements.
func ViewPost(post Post, subs []Submission, emps []Employee, latest map[string]TalentRecord, history TalentHistory,
	records map[string]TrackRecord, now time.Time) PostView {
	byNIP := map[string]*Employee{}
	var holders []Employee
	for i := range emps {
		if post.Is(emps[i].OPDCode, emps[i].Position) {
			holders = append(holders, emps[i])
		}
	}
	v := PostView{Post: post, PostFacts: FactsOf(post, holders), Holders: len(holders)}
	var picked []Submission
	for i := range subs {
		s := &subs[i]
		if s.AppliesFor(post) {
			picked = append(picked, *s)
			byNIP[s.NIP] = nil
		}
	}
	for i := range emps {
		if _, ok := byNIP[emps[i].NIP]; ok {
			byNIP[emps[i].NIP] = &emps[i]
		}
	}
	for _, s := range picked {
		c := Candidate{Submission: s, Employee: byNIP[s.NIP], Record: records[s.NIP], Stay: s.Answers.Choice == ChoiceStay}
		if r, ok := latest[s.NIP]; ok {
			c.Talent = &r
		}
		if !c.Stay {
			var hist []TalentRecord
			if history != nil {
				hist = history(s.NIP)
			}
			c.Checks, c.Notes = v.Assess(c.Now(), hist, now, s.Answers.TermMonths)
		}
		v.Candidates = append(v.Candidates, c)
	}
	RankCandidates(v.Candidates)
	return v
}

// FactsOf is what the roster's holders say of a post.
func FactsOf(post Post, holders []Employee) PostFacts {
	f := PostFacts{Type: PostType(holders), Eselon: PostEselon(holders), Held: len(holders) > 0}
	if f.Type == "" {
		// Nobody holds it: its name may still say its type.
		if t, ok := ClassifyJabatan("", "", post.Position); ok {
			f.Type = t
		}
	}
	f.Rung = RungOfType(f.Type)
	return f
}

// Assess checks an ASN against the post's requirements; notes say what is
// no requirement but worth knowing.
func (f PostFacts) Assess(e Employee, talent []TalentRecord, now time.Time, termMonths int) ([]Check, []string) {
	var notes []string
	if !f.Held {
		notes = append(notes, NoteNoSuchPost)
	}
	if !f.Rung.Known {
		notes = append(notes, NoteRungUnknown)
	}
	p := ProfileOf(e, talent)
	if n := GolonganNote(p.Golongan, f.Rung); n != "" {
		notes = append(notes, n)
	}
	return CheckRequirements(p, Target{Rung: f.Rung, At: now, TermMonths: termMonths}), notes
}

// Notes of a candidate that are no requirement.
const (
	NoteNoSuchPost  = "jabatan tidak ada di data (belum ada pemegangnya)"
	NoteRungUnknown = "jenis jabatan tujuan tidak diketahui: syarat jabatan belum dapat diperiksa"
)

// RankCandidates orders candidates for Baperjakat and marks the ready ones
// (the order is the programme's; the rules it rests on: the box and the
// succession group 7-9 of PermenPANRB 3/2020, named without a Pasal, none
// was checked; promotion goes first to the succession group, PP 11/2017
// Pasal 200 ayat (2); memenuhi syarat per requirements.go):
// memenuhi syarat before failing a requirement, then the box's standing (BoxStanding: 9, 8, 7,
// 6, 5, 4, 3, 2, 1, no data last), then potential, then the programme's
// own record, then who filed first.
func RankCandidates(cs []Candidate) {
	slices.SortStableFunc(cs, compareCandidates)
	for i := range cs {
		cs[i].Ready = cs[i].Eligible() && InSuccessionGroup(cs[i].Box())
	}
}

func compareCandidates(a, b Candidate) int { return compareCandidatePtrs(&a, &b) }

func compareCandidatePtrs(a, b *Candidate) int {
	if a.Eligible() != b.Eligible() {
		if a.Eligible() {
			return -1
		}
		return 1
	}
	if c := cmp.Compare(BoxStanding(b.Box()), BoxStanding(a.Box())); c != 0 {
		return c
	}
	if c := cmp.Compare(potentialScore(b.Talent), potentialScore(a.Talent)); c != 0 {
		return c
	}
	if c := compareRecords(a.Record, b.Record); c != 0 {
		return c
	}
	if c := a.Submission.SubmittedAt.Compare(b.Submission.SubmittedAt); c != 0 {
		return c
	}
	return strings.Compare(a.Submission.NIP, b.Submission.NIP)
}

// compareRecords orders by the programme's own record: more targets met
// first, then fewer missed, then the better average rating of the
// check-ins (by their supervisors), with no ratings last.
func compareRecords(a, b TrackRecord) int {
	if c := cmp.Compare(b.Met, a.Met); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Missed, b.Missed); c != 0 {
		return c
	}
	return cmp.Compare(ratingScore(b.Ratings), ratingScore(a.Ratings))
}

func ratingScore(r RatingSummary) float64 {
	if r.Count == 0 {
		return -1
	}
	return r.Average()
}

func potentialScore(r *TalentRecord) float64 {
	if r == nil {
		return -1
	}
	return r.potentialScore()
}
