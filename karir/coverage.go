package karir

import (
	"cmp"
	"context"
	"slices"
	"strings"
)

// Tally counts the ASN of a group by where they stand with the form (that
// every ASN files is a programme rule of Open Karir, not a regulation).
type Tally struct {
	Total         int
	Filed         int
	BoundNotFiled int // can be reminded in the bot
	NotBound      int // never proved their NIP: must be chased another way
	Stay, Move    int
}

// Percent is the share that filed, 0 to 100.
func (t Tally) Percent() float64 {
	if t.Total == 0 {
		return 0
	}
	return 100 * float64(t.Filed) / float64(t.Total)
}

func (t *Tally) add(filed, bound bool, choice Choice) {
	t.Total++
	switch {
	case filed:
		t.Filed++
		if choice == ChoiceMove {
			t.Move++
		} else {
			t.Stay++
		}
	case bound:
		t.BoundNotFiled++
	default:
		t.NotBound++
	}
}

// GroupTally is the tally of one OPD, one jenis jabatan or one kind of ASN.
type GroupTally struct {
	Key, Name string
	Tally
}

// Coverage is who has filed in a round: overall, per OPD, per jenis
// jabatan, per kind of ASN (PNS, PPPK).
type Coverage struct {
	Round  Round
	All    Tally
	ByOPD  []GroupTally // lowest coverage first
	ByType []GroupTally // by JabatanType, highest first (Key the type)
	ByKind []GroupTally // PNS, then PPPK (Key the ASNKind)
}

// Standing is one employee's place in the programme, for the admin lists.
type Standing struct {
	Employee
	Bound       bool
	TelegramID  int64 // the bound account, when Bound
	Unreachable bool  // bound, but the bot cannot write to them
	Submission  *Submission
}

// ToFix reports whether the standing's form was sent back for correction
// and not sent again (StepReturned): filed, for coverage (the ASN filed in
// the round, and the form is in review), but still the ASN's turn to act,
// so the reminders reach them.
func (p Standing) ToFix() bool { return p.Submission != nil && p.Submission.Stage == StepReturned }

// Standings joins the roster's active employees with the bindings and
// submissions of a round, limited to one OPD when opd is not empty. Each list is read once: on
// FerretDB a query that is not by _id reads the whole collection anyway.
func Standings(ctx context.Context, dir Directory, round, opd string, unreachable map[int64]bool) ([]Standing, error) {
	emps, err := dir.ListEmployees(ctx)
	if err != nil {
		return nil, err
	}
	binds, err := dir.ListBindings(ctx)
	if err != nil {
		return nil, err
	}
	subs, err := dir.ListSubmissions(ctx, round)
	if err != nil {
		return nil, err
	}
	bound := make(map[string]int64, len(binds))
	for _, b := range binds {
		bound[b.NIP] = b.TelegramID
	}
	filed := make(map[string]*Submission, len(subs))
	for i := range subs {
		filed[subs[i].NIP] = &subs[i]
	}
	out := make([]Standing, 0, len(emps))
	for _, e := range emps {
		if (opd != "" && e.OPDCode != opd) || !e.Active() {
			continue // no longer in service: not someone who must file
		}
		tg, ok := bound[e.NIP]
		out = append(out, Standing{Employee: e, Bound: ok, TelegramID: tg, Unreachable: ok && unreachable[tg], Submission: filed[e.NIP]})
	}
	return out, nil
}

// ComputeCoverage tallies standings.
func ComputeCoverage(round Round, people []Standing) Coverage {
	cov := Coverage{Round: round}
	opds := map[string]*GroupTally{}
	types := map[JabatanType]*GroupTally{}
	kinds := map[ASNKind]*GroupTally{}
	for _, p := range people {
		var choice Choice
		if p.Submission != nil {
			choice = p.Submission.Answers.Choice
		}
		filed := p.Submission != nil
		cov.All.add(filed, p.Bound, choice)
		o, ok := opds[p.OPDCode]
		if !ok {
			o = &GroupTally{Key: p.OPDCode, Name: p.OPDName}
			opds[p.OPDCode] = o
		}
		o.add(filed, p.Bound, choice)
		t := p.Type()
		g, ok := types[t]
		if !ok {
			g = &GroupTally{Key: string(t), Name: t.Name()}
			types[t] = g
		}
		g.add(filed, p.Bound, choice)
		k := p.ASN()
		kg, ok := kinds[k]
		if !ok {
			kg = &GroupTally{Key: string(k), Name: string(k)}
			kinds[k] = kg
		}
		kg.add(filed, p.Bound, choice)
	}
	for _, o := range opds {
		cov.ByOPD = append(cov.ByOPD, *o)
	}
	slices.SortFunc(cov.ByOPD, func(a, b GroupTally) int {
		return cmp.Or(cmp.Compare(a.Percent(), b.Percent()), strings.Compare(a.Key, b.Key))
	})
	for _, t := range jabatanTypes {
		if g, ok := types[t]; ok {
			cov.ByType = append(cov.ByType, *g)
		}
	}
	for _, k := range []ASNKind{PNS, PPPK} {
		if g, ok := kinds[k]; ok {
			cov.ByKind = append(cov.ByKind, *g)
		}
	}
	return cov
}

// Recipient is a bound ASN the bot can write to.
type Recipient struct {
	Employee
	TelegramID int64
	Filed      bool
	// ToFix: filed, but returned for correction (Standing.ToFix).
	ToFix bool
}

// Recipients lists the bound ASN of one OPD (or all when opd is empty),
// with whether they filed in the round.
func Recipients(ctx context.Context, dir Directory, round, opd string) ([]Recipient, error) {
	people, err := Standings(ctx, dir, round, opd, nil)
	if err != nil {
		return nil, err
	}
	var out []Recipient
	for _, p := range people {
		if p.Bound {
			out = append(out, Recipient{Employee: p.Employee, TelegramID: p.TelegramID, Filed: p.Submission != nil, ToFix: p.ToFix()})
		}
	}
	return out, nil
}
