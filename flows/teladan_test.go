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
	subs := []karir.Submission{
		// Xena and Yudi average 4.5 in January; Yudi has four rated, so wins.
		sub("x", rated(day(1, 5), 5, 4, 5), rated(day(1, 20), 4, 5, 4)),
		sub("y", rated(day(1, 3), 5, 4, 5), rated(day(1, 15), 4, 5, 4), rated(day(1, 22), 5, 4, 5), rated(day(1, 28), 4, 5, 4), rated(day(2, 2), 1, 1, 1)),
		// Zaki has one perfect rating: not yet a record.
		sub("z", rated(day(1, 9), 5, 5, 5)),
		// Wati's second rating is in February: one in January is not enough.
		sub("w", rated(day(1, 9), 4, 4, 4), rated(day(2, 9), 4, 4, 4)),
		// Vivi has two reports in January but one is not rated.
		sub("v", rated(day(1, 9), 5, 5, 5), karir.Milestone{Step: karir.StepCheckIn, At: day(1, 25)}),
	}
	// 31 January 20:00 UTC is 1 February in WIB: not January.
	subs = append(subs, sub("x", rated(time.Date(2027, 1, 31, 20, 0, 0, 0, time.UTC), 1, 1, 1)))
	got := flows.Teladan(subs[:5], emps, "2027-01", "", wib)
	if len(got) != 1 || got[0].NIP != "y" || got[0].Ratings.Count != 4 || got[0].Ratings.Average() != 4.5 {
		t.Fatalf("January: %+v, want Yudi alone, with 4 rated averaging 4.5", got)
	}
	if got := flows.Teladan(subs[:5], emps, "2027-01", "B", wib); len(got) != 0 {
		t.Errorf("OPD B: %+v, want nobody", got)
	}
	if got := flows.Teladan(subs[:5], emps, "2027-02", "", wib); len(got) != 0 {
		t.Errorf("February: %+v, want nobody (one rated each)", got)
	}
	// A rating on a later submission of Xena's counts on its own
	// submission only, and 1 February WIB is February.
	if got := flows.Teladan(subs, emps, "2027-02", "A", wib); len(got) != 0 {
		t.Errorf("February, OPD A: %+v", got)
	}
}
