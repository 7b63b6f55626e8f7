package flows

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"openkarir/karir"
)

// teladanMonths is how many months, up to the one asked for, /teladan
// averages: the contract asks for one report a month (Pasal 3), so a
// record is one rated report in each month the target ran in, over three
// months; one good month is not yet a record.
const teladanMonths = 3

// teladanCommand is /teladan [YYYY-MM]: per OPD, the ASN whose check-ins of
// the last three months (up to the one asked for) were rated best on
// average, with a rated report in each of those months their target ran
// in, for an employee-of-the-month award. The ratings are those the
// contract names: the direct supervisor's, or BKPSDM's when the supervisor
// is not in the bot. An OPD admin sees their OPD.
func teladanCommand(d Deps) Command {
	return Command{
		Name: "teladan", Description: "ASN teladan per OPD menurut nilai laporan bulanan: /teladan [BULAN]", Right: karir.RightLists,
		Run: func(t *Turn) error {
			now := d.Now().In(d.Location)
			month := now.Format("2006-01")
			if arg := strings.TrimSpace(t.In.Args); arg != "" {
				m, err := karir.ParseMonth(arg, d.Location)
				if err != nil {
					t.Sayf(txtTeladanUsage, esc(arg), karir.MonthForms)
					return nil
				}
				month = m.Format("2006-01")
			}
			subs, err := d.Rounds.AtSteps(t.Ctx, d.Store, targetSteps, targetSteps)
			if err != nil {
				return err
			}
			emps, err := d.Store.ListEmployees(t.Ctx)
			if err != nil {
				return err
			}
			best := Teladan(subs, emps, month, t.Role.OPD, d.Location)
			label := monthLabel(month)
			if len(best) == 0 {
				t.Sayf(txtTeladanNone, windowLabel(month), scopeName(t.Role.OPD))
				return nil
			}
			var b strings.Builder
			fmt.Fprintf(&b, txtTeladanHead, label, scopeName(t.Role.OPD), windowLabel(month))
			for _, w := range best {
				fmt.Fprintf(&b, txtTeladanLine, escName(w.OPDName), escName(w.Name), escName(w.Position), decimalID(w.Ratings.Average()), w.Ratings.Count)
			}
			t.SayLong(b.String())
			return nil
		},
	}
}

// TeladanPick is the best-rated ASN of one OPD in a month.
type TeladanPick struct {
	karir.Employee
	Ratings karir.RatingSummary
}

// Teladan picks, per OPD (as the roster has the ASN now; of one OPD when
// opd is set), the ASN with the best average rating of the check-ins
// reported in the teladanMonths up to month, among those with a rated
// check-in in each of those months their target ran in. Ties go to more
// rated check-ins, then to the name.
func Teladan(subs []karir.Submission, emps []karir.Employee, month, opd string, loc *time.Location) []TeladanPick {
	byNIP := make(map[string]karir.Employee, len(emps))
	for _, e := range emps {
		byNIP[e.NIP] = e
	}
	best := map[string]TeladanPick{}
	for i := range subs {
		s := &subs[i]
		sum, ok := windowRatings(s, month, loc)
		if !ok {
			continue
		}
		e, ok := byNIP[s.NIP]
		if !ok {
			e = karir.Employee{NIP: s.NIP, Name: s.Name, OPDCode: s.OPDCode, OPDName: s.OPDName, Position: s.Position}
		}
		if opd != "" && e.OPDCode != opd {
			continue
		}
		p := TeladanPick{Employee: e, Ratings: sum}
		if cur, ok := best[e.OPDCode]; !ok || betterTeladan(p, cur) {
			best[e.OPDCode] = p
		}
	}
	out := make([]TeladanPick, 0, len(best))
	for _, p := range best {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b TeladanPick) int { return strings.Compare(a.OPDName, b.OPDName) })
	return out
}

func betterTeladan(a, b TeladanPick) bool {
	return cmp.Or(cmp.Compare(b.Ratings.Average(), a.Ratings.Average()), cmp.Compare(b.Ratings.Count, a.Ratings.Count),
		strings.Compare(a.Name, b.Name)) < 0
}

// teladanWindow are the months /teladan averages for month, oldest first.
func teladanWindow(month string) []string {
	m, err := time.Parse("2006-01", month)
	if err != nil {
		return []string{month}
	}
	out := make([]string, teladanMonths)
	for i := range out {
		out[i] = m.AddDate(0, i-teladanMonths+1, 0).Format("2006-01")
	}
	return out
}

// windowRatings sums the ratings of s's check-ins in the window of month;
// ok is false unless each month of the window since the target started
// has a rated one.
func windowRatings(s *karir.Submission, month string, loc *time.Location) (karir.RatingSummary, bool) {
	start := ""
	if at, ok := s.Reached(karir.StepTargetActive); ok {
		start = at.In(loc).Format("2006-01")
	}
	var sum karir.RatingSummary
	for _, m := range teladanWindow(month) {
		got := s.Ratings(m, loc)
		if got.Count == 0 && m >= start {
			return karir.RatingSummary{}, false
		}
		sum.Points += got.Points
		sum.Count += got.Count
	}
	return sum, sum.Count > 0
}

// windowLabel writes the window of month: "November 2026 – Januari 2027".
func windowLabel(month string) string {
	w := teladanWindow(month)
	return monthLabel(w[0]) + " – " + monthLabel(w[len(w)-1])
}

// monthLabel writes "2027-01" as "Januari 2027".
func monthLabel(month string) string {
	m, err := time.Parse("2006-01", month)
	if err != nil {
		return month
	}
	return strings.TrimPrefix(karir.FormatDate(m, time.UTC), "1 ")
}
