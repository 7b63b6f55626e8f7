package flows

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
)

// Tally counts the ASN of a group by where they stand with the form.
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

// GroupTally is the tally of one OPD or one eselon.
type GroupTally struct {
	Key, Name string
	Tally
}

// Coverage is who has filed in a round: overall, per OPD, per eselon.
type Coverage struct {
	Round    Round
	All      Tally
	ByOPD    []GroupTally // lowest coverage first
	ByEselon []GroupTally // II, III, IV, Staf
}

// Standing is one employee's place in the programme, for the admin lists.
type Standing struct {
	Employee
	Bound       bool
	TelegramID  int64 // the bound account, when Bound
	Unreachable bool  // bound, but the bot cannot write to them
	Submission  *Submission
}

// Standings joins the roster with the bindings and submissions of a round,
// limited to one OPD when opd is not empty. Each list is read once: on
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
		if opd != "" && e.OPDCode != opd {
			continue
		}
		tg, ok := bound[e.NIP]
		out = append(out, Standing{Employee: e, Bound: ok, TelegramID: tg, Unreachable: ok && unreachable[tg], Submission: filed[e.NIP]})
	}
	return out, nil
}

// eselonOrder sorts the eselon groups from the top.
var eselonOrder = []string{"II", "III", "IV", "Staf"}

// ComputeCoverage tallies standings.
func ComputeCoverage(round Round, people []Standing) Coverage {
	cov := Coverage{Round: round}
	opds := map[string]*GroupTally{}
	eselons := map[string]*GroupTally{}
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
		e, ok := eselons[p.Eselon]
		if !ok {
			e = &GroupTally{Key: p.Eselon, Name: "Eselon " + p.Eselon}
			if p.Eselon == "Staf" {
				e.Name = "Staf (non-eselon)"
			}
			eselons[p.Eselon] = e
		}
		e.add(filed, p.Bound, choice)
	}
	for _, o := range opds {
		cov.ByOPD = append(cov.ByOPD, *o)
	}
	slices.SortFunc(cov.ByOPD, func(a, b GroupTally) int {
		return cmp.Or(cmp.Compare(a.Percent(), b.Percent()), strings.Compare(a.Key, b.Key))
	})
	for _, k := range eselonOrder {
		if e, ok := eselons[k]; ok {
			cov.ByEselon = append(cov.ByEselon, *e)
		}
	}
	return cov
}

// percentID writes a percentage the Indonesian way: "50,0%".
func percentID(p float64) string {
	return strings.Replace(fmt.Sprintf("%.1f%%", p), ".", ",", 1)
}

// CoverageText is the /cakupan answer.
func CoverageText(c Coverage, scope string) string {
	var b strings.Builder
	fmt.Fprintf(&b, txtCoverageHead, esc(c.Round.ID), scope)
	fmt.Fprintf(&b, txtCoverageAll, c.All.Filed, c.All.Total, percentID(c.All.Percent()))
	fmt.Fprintf(&b, txtCoverageBreakdown, c.All.BoundNotFiled, c.All.NotBound, c.All.Stay, c.All.Move)
	b.WriteString(txtCoveragePerOPD)
	for _, o := range c.ByOPD {
		fmt.Fprintf(&b, txtCoverageLine, esc(o.Key), o.Filed, o.Total, percentID(o.Percent()), o.BoundNotFiled, o.NotBound, o.Stay, o.Move)
	}
	b.WriteString(txtCoveragePerEselon)
	for _, e := range c.ByEselon {
		fmt.Fprintf(&b, txtCoverageLine, esc(e.Name), e.Filed, e.Total, percentID(e.Percent()), e.BoundNotFiled, e.NotBound, e.Stay, e.Move)
	}
	b.WriteString(txtCoverageLegend)
	return b.String()
}

// MaxMessage is Telegram's limit on a message's text.
const MaxMessage = 4096

// SplitText cuts a long text into messages within Telegram's limit, at line
// ends (a single over-long line is cut at the limit).
func SplitText(s string, limit int) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.SplitAfter(s, "\n") {
		for len([]rune(line)) > limit {
			r := []rune(line)
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
			out = append(out, string(r[:limit]))
			line = string(r[limit:])
		}
		if len([]rune(cur.String()))+len([]rune(line)) > limit {
			out = append(out, cur.String())
			cur.Reset()
		}
		cur.WriteString(line)
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

// SayLong sends a text that may pass Telegram's limit as several messages.
func (t *Turn) SayLong(text string) {
	for _, part := range SplitText(text, MaxMessage) {
		t.Say(Reply{Text: part})
	}
}
