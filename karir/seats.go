package karir

import (
	"slices"
	"time"
)

// A post is given once: approving a move to a post whose seats are all
// taken needs a second, recorded confirmation (DESIGN.md, "Posts"). A
// post is filled where it is vacant: for JPT, PP 11/2017 Pasal 105 ayat
// (2) ("kesempatan yang sama untuk mengisi JPT yang lowong"); for the
// other posts no article was confirmed. A post's seats are the peta
// jabatan's (the kebutuhan from analisis jabatan and analisis beban
// kerja, PermenPANRB 1/2020; named without a Pasal, none was checked).

// Approved reports whether the decision on the submission was approval
// (an undone approval is dropped from the milestones, so it no longer
// counts).
func (s *Submission) Approved() bool {
	_, ok := s.Reached(StepApproved)
	return ok
}

// Occupancy is who takes a post's seats: its holders who stay (not
// approved to move elsewhere) and the movers already approved to it.
type Occupancy struct {
	Post
	// Seats is the post's number of seats: the peta jabatan's where it
	// lists the post, else its holders in the roster, at least 1.
	Seats int
	// FromMap tells whether Seats came from the peta jabatan.
	FromMap bool
	// Holders and Approved name who takes a seat, holders first.
	Holders, Approved []string
}

// Taken is how many seats are taken.
func (o Occupancy) Taken() int { return len(o.Holders) + len(o.Approved) }

// Full reports whether no seat is left.
func (o Occupancy) Full() bool { return o.Taken() >= o.Seats }

// OccupancyOf counts a post's seats for a move of nip there. emps holds at
// least the post's OPD; subs are the round's submissions; planned is the
// peta jabatan's row for the post, zero when the post is not in it (its
// Seats then 0). A holder past the post's retirement age at now (PP
// 11/2017 Pasal 239) takes no seat, as Vacancies counts it; the age is
// that of the post's type (PlannedFacts: the peta jabatan's, else
// the holders').
func OccupancyOf(post Post, nip string, planned PlannedPost, emps []Employee, subs []Submission, now time.Time) Occupancy {
	movedOut := map[string]bool{}
	for i := range subs {
		s := &subs[i]
		if s.Answers.Choice == ChoiceMove && s.Approved() && !post.Is(s.Answers.TargetOPDCode, s.Answers.TargetPosition) {
			movedOut[s.NIP] = true
		}
	}
	o := Occupancy{Post: post, Seats: planned.Seats, FromMap: planned.Seats > 0}
	var holders []Employee
	for _, e := range emps {
		if post.Is(e.OPDCode, e.Position) {
			holders = append(holders, e)
		}
	}
	var rung Rung
	if len(holders) > 0 {
		rung = PlannedFacts(post, planned, holders).Rung
	}
	for i := range holders {
		e := &holders[i]
		// Who left service (Employee.Inactive) or reached the retirement
		// age keeps the seat counted but no longer takes it.
		if !movedOut[e.NIP] && e.NIP != nip && e.Active() && !retired(e, rung, now) {
			o.Holders = append(o.Holders, e.Name)
		}
	}
	if !o.FromMap {
		o.Seats = max(1, len(holders))
	}
	for i := range subs {
		s := &subs[i]
		if s.NIP != nip && s.Answers.Choice == ChoiceMove && s.Approved() && post.Is(s.Answers.TargetOPDCode, s.Answers.TargetPosition) {
			o.Approved = append(o.Approved, s.Name)
		}
	}
	slices.Sort(o.Holders)
	slices.Sort(o.Approved)
	return o
}

// PlannedFacts is what is known of a post for its requirements and its
// retirement age: FactsOf its holders, with the peta jabatan's type over
// theirs when the map lists the post (planned is its row, zero when not)
// with a type that has a place on the ladder. The map's type is imported
// per post from its jenis_jabatan and eselon: what the post is; the
// holders' roster rows may be stale or loosely written. A holder whose row
// says "ahli muda" in a post the map has as JF ahli madya retires at that
// post's 60 (PP 11/2017 Pasal 239), not at 58. A map's bare "fungsional"
// (no jenjang) says less than the holders' rows do, so they decide.
// OccupancyOf, Vacancies and a post's succession pool read the type here,
// so the seat check, /suksesi and its spreadsheet agree.
func PlannedFacts(post Post, planned PlannedPost, holders []Employee) PostFacts {
	return FactsOf(post, holders).Planned(planned)
}
