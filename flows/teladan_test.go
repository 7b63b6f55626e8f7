package flows_test

import (
	"testing"
	"time"

	"openkarir/flows"
	"openkarir/karir"
)

func TestTeladanRule(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	day := func(m time.Month, d int) time.Time { return time.Date(2027, m, d, 10, 0, 0, 0, wib) }
	rated := func(at time.Time, p, s, i int) karir.Milestone {
		return karir.Milestone{Step: karir.StepCheckIn, At: at, Rating: &karir.Rating{Productivity: p, Service: s, Innovation: i}}
	}
	sub := func(nip string, ms ...karir.Milestone) karir.Submission {
		return karir.Submission{NIP: nip, Stage: karir.StepCheckIn, Milestones: ms}
	}
	emps := []karir.Employee{
		{NIP: "x", Name: "Xena", OPDCode: "A", OPDName: "Dinas A"},
		{NIP: "y", Name: "Yudi", OPDCode: "A", OPDName: "Dinas A"},
		{NIP: "z", Name: "Zaki", OPDCode: "A", OPDName: "Dinas A"},
		{NIP: "w", Name: "Wati", OPDCode: "B", OPDName: "Dinas B"},
		{NIP: "v", Name: "Vivi", OPDCode: "C", OPDName: "Dinas C"},
	}
	started := func(at time.Time) karir.Milestone { return karir.Milestone{Step: karir.StepTargetActive, At: at} }
	subs := []karir.Submission{
		// Xena (4.4) and Yudi (4.5) have a report or more each month from
		// November to January; Yudi's average is the better.
		sub("x", started(day(11, 1).AddDate(-1, 0, 0)), rated(day(11, 5).AddDate(-1, 0, 0), 5, 4, 5), rated(day(12, 20).AddDate(-1, 0, 0), 4, 5, 4),
			rated(day(1, 20), 4, 5, 4)),
		sub("y", started(day(10, 1).AddDate(-1, 0, 0)), rated(day(11, 3).AddDate(-1, 0, 0), 5, 4, 5), rated(day(12, 15).AddDate(-1, 0, 0), 4, 5, 4),
			rated(day(1, 22), 5, 4, 5), rated(day(1, 28), 4, 5, 4), rated(day(2, 2), 1, 1, 1)),
		// Zaki's target started in January: one perfect report is a record,
		// and the best of OPD A's averages, but he is of OPD C here.
		sub("z", started(day(1, 2)), rated(day(1, 9), 5, 5, 5)),
		// Wati has no report in December: not a record.
		sub("w", started(day(11, 1).AddDate(-1, 0, 0)), rated(day(11, 9).AddDate(-1, 0, 0), 4, 4, 4), rated(day(1, 9), 4, 4, 4)),
		// Vivi's January report is not rated.
		sub("v", started(day(12, 1).AddDate(-1, 0, 0)), rated(day(12, 9).AddDate(-1, 0, 0), 5, 5, 5), karir.Milestone{Step: karir.StepCheckIn, At: day(1, 25)}),
	}
	emps[2].OPDCode, emps[2].OPDName = "C", "Dinas C"
	got := flows.Teladan(subs, emps, "2027-01", "", wib)
	if len(got) != 2 || got[0].NIP != "y" || got[0].Ratings.Count != 4 || got[0].Ratings.Average() != 4.5 ||
		got[1].NIP != "z" || got[1].Ratings.Count != 1 {
		t.Fatalf("January: %+v, want Yudi (4 rated averaging 4.5) and Zaki (1 rated)", got)
	}
	if got := flows.Teladan(subs, emps, "2027-01", "B", wib); len(got) != 0 {
		t.Errorf("OPD B: %+v, want nobody", got)
	}
	// February: Yudi's window (December to February) has one in each
	// month; his February report of 1s brings him down, but he is OPD A's
	// only record (Xena has none in February).
	if got := flows.Teladan(subs, emps, "2027-02", "A", wib); len(got) != 1 || got[0].NIP != "y" || got[0].Ratings.Count != 4 {
		t.Errorf("February, OPD A: %+v, want Yudi with 4 rated", got)
	}
	// 31 January 20:00 UTC is 1 February in WIB: Xena's report then counts
	// for February.
	x := sub("x", started(day(11, 1).AddDate(-1, 0, 0)), rated(day(12, 20).AddDate(-1, 0, 0), 5, 5, 5),
		rated(day(1, 5), 5, 5, 5), rated(time.Date(2027, 1, 31, 20, 0, 0, 0, time.UTC), 5, 5, 5))
	if got := flows.Teladan([]karir.Submission{x}, emps, "2027-02", "A", wib); len(got) != 1 || got[0].Ratings.Count != 3 {
		t.Errorf("February with Xena's report of 1 February WIB: %+v", got)
	}
}
