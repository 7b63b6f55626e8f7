package flows

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"openkarir/karir"
)

// minRatedForTeladan is how many rated check-ins in the month an ASN needs
// to be named teladan: one good report is not yet a record.
const minRatedForTeladan = 2

// teladanCommand is /teladan [YYYY-MM]: per OPD, the ASN whose check-ins of
// the month were rated best on average by their supervisors (at least two
// rated), for an employee-of-the-month award. An OPD admin sees their OPD.
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
				t.Sayf(txtTeladanNone, minRatedForTeladan, label, scopeName(t.Role.OPD))
				return nil
			}
			var b strings.Builder
			fmt.Fprintf(&b, txtTeladanHead, label, scopeName(t.Role.OPD), minRatedForTeladan)
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
// reported in month, among those with at least minRatedForTeladan rated.
// Ties go to more rated check-ins, then to the name.
func Teladan(subs []karir.Submission, emps []karir.Employee, month, opd string, loc *time.Location) []TeladanPick {
	byNIP := make(map[string]karir.Employee, len(emps))
	for _, e := range emps {
		byNIP[e.NIP] = e
	}
	best := map[string]TeladanPick{}
	for i := range subs {
		s := &subs[i]
		sum := s.Ratings(month, loc)
		if sum.Count < minRatedForTeladan {
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

// monthLabel writes "2027-01" as "Januari 2027".
func monthLabel(month string) string {
	m, err := time.Parse("2006-01", month)
	if err != nil {
		return month
	}
	return strings.TrimPrefix(karir.FormatDate(m, time.UTC), "1 ")
}
