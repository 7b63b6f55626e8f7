package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"openkarir/karir"
	"openkarir/store"
)

func talentRec(nip string, year int, p karir.Predikat, pot karir.Potential, jpm *float64) karir.TalentRecord {
	return karir.TalentRecord{NIP: nip, Year: year, Predikat: p, Potential: pot, JPM: jpm,
		ImportedAt: time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC)}
}

func TestSaveTalent(t *testing.T) {
	modes(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		jpm := 82.5
		const a, b = "198001012005011001", "198001012005011002"
		added, changed, err := s.SaveTalent(ctx, []karir.TalentRecord{
			talentRec(a, 2024, karir.PredikatBaik, karir.PotentialMiddle, nil),
			talentRec(a, 2025, karir.PredikatSangatBaik, karir.PotentialHigh, &jpm),
			talentRec(b, 2025, karir.PredikatKurang, karir.PotentialLow, nil),
		})
		if err != nil || added != 3 || changed != 0 {
			t.Fatalf("first import: added %d changed %d, %v", added, changed, err)
		}
		// The same file again writes nothing; one changed row is replaced,
		// and an older year is added to the history.
		again := talentRec(b, 2025, karir.PredikatBaik, karir.PotentialLow, nil)
		added, changed, err = s.SaveTalent(ctx, []karir.TalentRecord{
			talentRec(a, 2024, karir.PredikatBaik, karir.PotentialMiddle, nil),
			talentRec(a, 2025, karir.PredikatSangatBaik, karir.PotentialHigh, &jpm),
			again,
			talentRec(b, 2023, karir.PredikatSangatBaik, karir.PotentialHigh, nil),
		})
		if err != nil || added != 1 || changed != 1 {
			t.Fatalf("second import: added %d changed %d, %v; want 1 1", added, changed, err)
		}
		hist, err := s.TalentOf(ctx, a)
		if err != nil || len(hist) != 2 || hist[0].Year != 2024 || hist[1].Year != 2025 || *hist[1].JPM != 82.5 {
			t.Fatalf("history of a = %+v, %v", hist, err)
		}
		if none, err := s.TalentOf(ctx, "198001012005011009"); err != nil || len(none) != 0 {
			t.Fatalf("history of nobody = %+v, %v", none, err)
		}
		latest, err := s.LatestTalent(ctx)
		if err != nil || len(latest) != 2 {
			t.Fatalf("latest = %+v, %v", latest, err)
		}
		if latest[a].Year != 2025 || latest[a].Box() != 9 {
			t.Errorf("latest of a = %+v (box %d)", latest[a], latest[a].Box())
		}
		if latest[b].Year != 2025 || latest[b].Predikat != karir.PredikatBaik || latest[b].Box() != 2 {
			t.Errorf("latest of b = %+v: the 2025 record, replaced, counts", latest[b])
		}
	})
}

// A snapshot handed out by LatestTalent stays as it was after a write.
func TestLatestTalentIsASnapshot(t *testing.T) {
	s := mustOpenDir(t, t.TempDir())
	defer mustClose(t, s)
	ctx := context.Background()
	const a = "198001012005011001"
	if _, _, err := s.SaveTalent(ctx, []karir.TalentRecord{talentRec(a, 2024, karir.PredikatBaik, karir.PotentialLow, nil)}); err != nil {
		t.Fatal(err)
	}
	before, _ := s.LatestTalent(ctx)
	if _, _, err := s.SaveTalent(ctx, []karir.TalentRecord{talentRec(a, 2025, karir.PredikatSangatBaik, karir.PotentialHigh, nil)}); err != nil {
		t.Fatal(err)
	}
	after, _ := s.LatestTalent(ctx)
	if before[a].Year != 2024 || after[a].Year != 2025 {
		t.Errorf("before %d, after %d", before[a].Year, after[a].Year)
	}
}

func TestTalentAfterRestart(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := mustOpenDir(t, dir)
	const a = "198001012005011001"
	if _, _, err := s.SaveTalent(ctx, []karir.TalentRecord{
		talentRec(a, 2025, karir.PredikatBaik, karir.PotentialHigh, nil),
		talentRec(a, 2024, karir.PredikatKurang, karir.PotentialHigh, nil),
	}); err != nil {
		t.Fatal(err)
	}
	mustClose(t, s)
	s = mustOpenDir(t, dir)
	defer mustClose(t, s)
	latest, err := s.LatestTalent(ctx)
	if err != nil || latest[a].Year != 2025 || latest[a].Box() != 8 {
		t.Fatalf("latest after restart = %+v, %v", latest, err)
	}
	if hist, _ := s.TalentOf(ctx, a); len(hist) != 2 {
		t.Fatalf("history after restart = %+v", hist)
	}
	// Unchanged after the restart: nothing written.
	if added, changed, err := s.SaveTalent(ctx, []karir.TalentRecord{talentRec(a, 2025, karir.PredikatBaik, karir.PotentialHigh, nil)}); err != nil || added+changed != 0 {
		t.Fatalf("re-import after restart: added %d changed %d, %v", added, changed, err)
	}
}

func TestTrackRecords(t *testing.T) {
	modes(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		for _, f := range []struct {
			round, nip string
			stage      karir.Step
		}{
			{"2025-1", "198001012005011001", karir.StepMet},
			{"2025-2", "198001012005011001", karir.StepMet},
			{"2026-1", "198001012005011001", karir.StepSubmitted},
			{"2025-1", "198001012005011002", karir.StepMissed},
			{"2025-1", "198001012005011003", karir.StepTargetActive},
		} {
			sub := &karir.Submission{Round: f.round, NIP: f.nip, Stage: f.stage, SubmittedAt: at, UpdatedAt: at}
			if err := s.SaveSubmission(ctx, sub); err != nil {
				t.Fatal(err)
			}
		}
		recs, err := s.TrackRecords(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]karir.TrackRecord{
			"198001012005011001": {Met: 2},
			"198001012005011002": {Missed: 1},
		}
		if len(recs) != len(want) || recs["198001012005011001"] != want["198001012005011001"] || recs["198001012005011002"] != want["198001012005011002"] {
			t.Errorf("track records = %+v, want %+v", recs, want)
		}
	})
}

// The roster's optional columns: an empty cell keeps what is stored, in
// the database and in the embedded store's memory alike.
func TestUpsertEmployeesKeepsOptionalFields(t *testing.T) {
	modes(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		const nip = "198001012005011001"
		e := karir.Employee{NIP: nip, Name: "Ani", OPDCode: "DISHUB", Position: "Kasi", Eselon: "IV", Phone: "6281200000001",
			Golongan: "III/c", SupervisorNIP: "197001012000011002"}
		if _, _, err := s.UpsertEmployees(ctx, []karir.Employee{e}); err != nil {
			t.Fatal(err)
		}
		e.Golongan, e.SupervisorNIP, e.Position = "", "", "Kabid"
		if _, _, err := s.UpsertEmployees(ctx, []karir.Employee{e}); err != nil {
			t.Fatal(err)
		}
		got, err := s.Employee(ctx, nip)
		if err != nil || got.Golongan != "III/c" || got.SupervisorNIP != "197001012000011002" || got.Position != "Kabid" {
			t.Fatalf("after a file without the columns: %+v, %v", got, err)
		}
		e.Golongan = "III/d"
		if _, _, err := s.UpsertEmployees(ctx, []karir.Employee{e}); err != nil {
			t.Fatal(err)
		}
		list, _ := s.ListEmployees(ctx)
		if len(list) != 1 || list[0].Golongan != "III/d" || list[0].SupervisorNIP != "197001012000011002" {
			t.Fatalf("listed: %+v", list)
		}
	})
}

// A corrected file changing many records at once: FerretDB hangs on a bulk
// update of about 100 statements, so they are written in smaller batches.
func TestSaveTalentManyChanges(t *testing.T) {
	modes(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var recs []karir.TalentRecord
		for i := range 300 {
			recs = append(recs, talentRec(fmt.Sprintf("19800101200501%04d", i), 2025, karir.PredikatBaik, karir.PotentialHigh, nil))
		}
		if added, _, err := s.SaveTalent(ctx, recs); err != nil || added != 300 {
			t.Fatalf("first: %d, %v", added, err)
		}
		for i := range 250 {
			recs[i].Predikat = karir.PredikatSangatBaik
		}
		added, changed, err := s.SaveTalent(ctx, recs)
		if err != nil || added != 0 || changed != 250 {
			t.Fatalf("corrected: added %d changed %d, %v", added, changed, err)
		}
		latest, _ := s.LatestTalent(ctx)
		if n := len(latest); n != 300 || latest[recs[0].NIP].Predikat != karir.PredikatSangatBaik {
			t.Errorf("latest: %d records, first %+v", n, latest[recs[0].NIP])
		}
	})
}

func TestEmployeesAndNIPsIn(t *testing.T) {
	modes(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var emps []karir.Employee
		for i, opd := range []string{"DLH", "DISHUB", "DLH"} {
			emps = append(emps, karir.Employee{NIP: fmt.Sprintf("19800101200501100%d", i), Name: "x", OPDCode: opd, Position: "Staf", Phone: "6281200000001"})
		}
		if _, _, err := s.UpsertEmployees(ctx, emps); err != nil {
			t.Fatal(err)
		}
		for opd, want := range map[string]int{"DLH": 2, "DISHUB": 1, "": 3, "DINKES": 0} {
			es, err := s.EmployeesIn(ctx, opd)
			if err != nil || len(es) != want {
				t.Errorf("EmployeesIn(%q) = %d, %v; want %d", opd, len(es), err, want)
			}
			for _, e := range es {
				if opd != "" && e.OPDCode != opd {
					t.Errorf("EmployeesIn(%q) has %+v", opd, e)
				}
			}
			nips, err := s.NIPsIn(ctx, opd)
			if err != nil || len(nips) != want {
				t.Errorf("NIPsIn(%q) = %v, %v; want %d", opd, nips, err, want)
			}
		}
	})
}

// TalentMapOf counts the same from memory as from the database, and
// follows later imports.
func TestTalentMapOf(t *testing.T) {
	modes(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var emps []karir.Employee
		var recs []karir.TalentRecord
		for i := range 6 {
			nip := fmt.Sprintf("19800101200501100%d", i)
			opd := []string{"DLH", "DISHUB"}[i%2]
			emps = append(emps, karir.Employee{NIP: nip, Name: "x", OPDCode: opd, Position: "Staf", Phone: "6281200000001"})
			if i < 4 {
				recs = append(recs, talentRec(nip, 2025, karir.PredikatSangatBaik, karir.PotentialHigh, nil))
			}
		}
		recs = append(recs, talentRec(emps[0].NIP, 2024, karir.PredikatKurang, karir.PotentialLow, nil))
		// Talent of someone no longer in the roster counts nowhere.
		recs = append(recs, talentRec("199001012015011001", 2025, karir.PredikatBaik, karir.PotentialLow, nil))
		if _, _, err := s.UpsertEmployees(ctx, emps); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.SaveTalent(ctx, recs); err != nil {
			t.Fatal(err)
		}
		all, err := s.TalentMapOf(ctx, "")
		if err != nil || all.Boxes[9] != 4 || all.WithoutData != 2 || all.Mapped() != 4 || all.Years[2025] != 4 {
			t.Fatalf("all = %+v, %v", all, err)
		}
		dlh, _ := s.TalentMapOf(ctx, "DLH")
		if dlh.Boxes[9] != 2 || dlh.WithoutData != 1 {
			t.Fatalf("DLH = %+v", dlh)
		}
		if _, _, err := s.SaveTalent(ctx, []karir.TalentRecord{talentRec(emps[4].NIP, 2025, karir.PredikatKurang, karir.PotentialLow, nil)}); err != nil {
			t.Fatal(err)
		}
		if dlh, _ := s.TalentMapOf(ctx, "DLH"); dlh.Boxes[1] != 1 || dlh.WithoutData != 0 {
			t.Fatalf("DLH after an import = %+v", dlh)
		}
	})
}
