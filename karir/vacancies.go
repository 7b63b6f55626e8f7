package karir

import (
	"slices"
	"time"
)

// Vacancy is a post with a seat to fill: free now (its holder approved to
// move away, reached the retirement age already, or nobody holds it), or
// soon, when a holder reaches the retirement age (PP 11/2017 Pasal 239)
// within the horizon.
type Vacancy struct {
	Occupancy
	PostFacts
	// Retiring names the holders who retire within the horizon, and when.
	Retiring []Retirement
	// Retired names the holders the roster still has in the post whose
	// retirement age is already reached (PP 11/2017 Pasal 239): their seat
	// is free now, as an ASN who left service frees it.
	Retired []Retirement
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

// postSpelling is a post as one roster row writes it. The rows of a post's
// holders write it alike, so Vacancies builds a post's Key (which folds
// case and spaces: an allocation) once per spelling, not once per ASN.
type postSpelling struct{ opd, position string }

// postSlot gathers what Vacancies knows of one post.
type postSlot struct {
	post    Post
	holders []int32 // indices in emps
	planned PlannedPost
	inMap   bool
	wanted  bool
	to      []string // names of movers approved to it
}

// Vacancies lists the posts of an OPD (all when opd is empty) with a seat
// to fill: the peta jabatan's posts with a seat no holder who stays and no
// approved mover takes, the posts someone asked for, the posts of approved
// movers, and every post a holder retires from within RetireWithin months
// (a holder past the retirement age at now frees the seat now).
// Seats are the peta jabatan's where it lists the post, else the holders
// in the roster, at least 1. Free seats first, then the sooner
// retirement; by OPD and post after.
func Vacancies(emps []Employee, subs []Submission, maps []PostMap, opd string, now time.Time) []Vacancy {
	slots := map[string]*postSlot{} // by Post.Key
	slot := func(p Post) *postSlot {
		key := p.Key()
		sl, ok := slots[key]
		if !ok {
			sl = &postSlot{post: p}
			slots[key] = sl
		}
		return sl
	}
	for _, m := range maps {
		if opd != "" && m.OPDCode != opd {
			continue
		}
		for _, pp := range m.Posts {
			sl := slot(Post{OPDCode: m.OPDCode, OPDName: m.OPDName, Position: pp.Name})
			sl.planned, sl.inMap = pp, true
		}
	}
	// Only the OPD's posts are listed, and only their holders count: the
	// rest of the roster is passed over.
	spellings := map[postSpelling]*postSlot{}
	for i := range emps {
		e := &emps[i]
		if opd != "" && e.OPDCode != opd {
			continue
		}
		sp := postSpelling{e.OPDCode, e.Position}
		sl, ok := spellings[sp]
		if !ok {
			sl = slot(Post{OPDCode: e.OPDCode, OPDName: e.OPDName, Position: e.Position})
			spellings[sp] = sl
		}
		sl.holders = append(sl.holders, int32(i))
	}
	// An approved mover leaves whatever post the roster has them in.
	movedOut := map[string]bool{}
	for i := range subs {
		s := &subs[i]
		if s.Answers.Choice != ChoiceMove {
			continue
		}
		approved := s.Approved()
		if approved {
			movedOut[s.NIP] = true
		}
		if target := s.TargetPost(); opd == "" || target.OPDCode == opd {
			sl := slot(target)
			sl.wanted = true
			if approved {
				sl.to = append(sl.to, s.Name)
			}
		}
	}
	horizon := now.AddDate(0, RetireWithin, 0)
	// The lowest retirement age (58): a holder younger than that at the
	// horizon retires from no post within it, so most posts are passed
	// over before their type is read.
	youngest := horizon.AddDate(-58, 0, 0)
	youngestNIP := youngest.Format("20060102")
	var out []Vacancy
	for _, sl := range slots {
		staying, retiring := 0, false
		for _, i := range sl.holders {
			h := &emps[i]
			// Who left service (Employee.Inactive) counts for the seat,
			// which is free.
			if (len(movedOut) > 0 && movedOut[h.NIP]) || !h.Active() {
				continue
			}
			staying++
			if !retiring && bornBy(h, youngest, youngestNIP) {
				retiring = true
			}
		}
		seats := max(1, len(sl.holders))
		if sl.inMap {
			seats = sl.planned.Seats
		}
		if staying+len(sl.to) >= seats && !retiring {
			continue
		}
		if len(sl.holders) == 0 && !sl.wanted && !sl.inMap {
			continue
		}
		if v, ok := sl.vacancy(emps, movedOut, seats, now, horizon); ok {
			out = append(out, v)
		}
	}
	slices.SortFunc(out, compareVacancies)
	return out
}

// vacancy is the slot as a Vacancy, with its type, holders and
// retirements; false when no seat is free now nor soon. A holder whose
// retirement age is reached by now takes no seat (a retirement already
// past is no "akan kosong": the seat is free).
func (sl *postSlot) vacancy(emps []Employee, movedOut map[string]bool, seats int, now, horizon time.Time) (Vacancy, bool) {
	hs := make([]Employee, len(sl.holders))
	for j, i := range sl.holders {
		hs[j] = emps[i]
	}
	// The peta jabatan's type over the holders' rows, as OccupancyOf
	// reads it (PlannedFacts): the two agree on who is past the age.
	v := Vacancy{Occupancy: Occupancy{Post: sl.post, Seats: seats, FromMap: sl.inMap, Approved: sl.to}, PostFacts: PlannedFacts(sl.post, sl.planned, hs)}
	if sl.inMap {
		v.Held = true
	}
	for i := range hs {
		h := &hs[i]
		if movedOut[h.NIP] || !h.Active() {
			continue
		}
		if b := BirthOfEmployee(*h); !b.IsZero() {
			at := b.AddDate(bupOf(v.Rung), 0, 0)
			if !at.After(now) {
				v.Retired = append(v.Retired, Retirement{Name: h.Name, At: at})
				continue
			}
			if !at.After(horizon) {
				v.Retiring = append(v.Retiring, Retirement{Name: h.Name, At: at})
			}
		}
		v.Holders = append(v.Holders, h.Name)
	}
	return v, v.Free() > 0 || len(v.Retiring) > 0
}

// retired reports whether the holder reached the retirement age of a post
// of the rung (PP 11/2017 Pasal 239) by now; false without a birth date.
func retired(h *Employee, rung Rung, now time.Time) bool {
	b := BirthOfEmployee(*h)
	return !b.IsZero() && !b.AddDate(bupOf(rung), 0, 0).After(now)
}

// bornBy reports whether the employee was born on or before limit (nip is
// limit as a NIP writes it, "20060102"): the NIP's digits compare as the
// date does, so the date is parsed only for who may be old enough.
func bornBy(e *Employee, limit time.Time, nip string) bool {
	if !e.BirthDate.IsZero() {
		return !e.BirthDate.After(limit)
	}
	if len(e.NIP) < 8 || e.NIP[:8] > nip {
		return false // too young, or no date (a date's 8 digits sort as it does)
	}
	b := BirthOf(e.NIP)
	return !b.IsZero() && !b.After(limit)
}

// compareVacancies orders free seats first; the posts free only later by
// the sooner retirement; then by OPD and post. (The retirement is compared
// only between posts without a free seat, which all have one: comparing it
// whenever both had one made the order depend on the map's.)
func compareVacancies(a, b Vacancy) int {
	if (a.Free() > 0) != (b.Free() > 0) {
		if a.Free() > 0 {
			return -1
		}
		return 1
	}
	if a.Free() == 0 && len(a.Retiring) > 0 && len(b.Retiring) > 0 {
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
}
