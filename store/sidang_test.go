package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"openkarir/karir"
	"openkarir/store"

	"go.mongodb.org/mongo-driver/v2/bson"
)

func sidangFixture(date time.Time) karir.Sidang {
	return karir.Sidang{Date: date, Round: "2026-1", OpenedBy: 900, OpenedAt: date,
		Agenda: []karir.AgendaPost{
			{OPD: "DPUPR", Post: "Kepala Seksi Drainase", Seats: 1, Vacant: 1,
				Nominees: []karir.Nominee{{NIP: "1", Name: "A"}, {NIP: "2", Name: "B"}, {NIP: "3", Name: "C"}, {NIP: "4", Name: "D"}}},
			{OPD: "DINKES", Post: "Kepala Bidang Pelayanan", Seats: 2, Vacant: 1, Nominees: []karir.Nominee{{NIP: "5", Name: "E"}}},
		}}
}

func TestSidangLifecycle(t *testing.T) {
	modes(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		date := time.Date(2026, 12, 10, 0, 0, 0, 0, time.UTC)
		if _, err := s.CreateSidang(ctx, karir.Sidang{Date: date}); !errors.Is(err, karir.ErrNoAgenda) {
			t.Fatalf("empty agenda: %v", err)
		}
		a, err := s.CreateSidang(ctx, sidangFixture(date))
		if err != nil || a.ID != "S-20261210-1" || a.Version != 1 {
			t.Fatalf("create: %+v %v", a, err)
		}
		b, err := s.CreateSidang(ctx, sidangFixture(date))
		if err != nil || b.ID != "S-20261210-2" {
			t.Fatalf("second of the day: %q %v", b.ID, err)
		}
		if _, err := s.Sidang(ctx, "S-19990101-1"); !errors.Is(err, karir.ErrNotFound) {
			t.Fatalf("missing: %v", err)
		}

		rec := karir.BoardRecommendation{NIPs: []string{"2", "1"}, Note: "urut kotak", By: 7, At: date}
		if _, err := s.RecordRecommendation(ctx, a.ID, "DPUPR", "kepala seksi drainase", karir.BoardRecommendation{NIPs: []string{"9"}}, 1); !errors.Is(err, karir.ErrNotNominee) {
			t.Fatalf("non-nominee: %v", err)
		}
		four := karir.BoardRecommendation{NIPs: []string{"1", "2", "3", "4"}}
		if _, err := s.RecordRecommendation(ctx, a.ID, "DPUPR", "Kepala Seksi Drainase", four, 1); !errors.Is(err, karir.ErrRecommendation) {
			t.Fatalf("four names: %v", err)
		}
		got, err := s.RecordRecommendation(ctx, a.ID, "DPUPR", "Kepala Seksi Drainase", rec, 1)
		if err != nil || got.Version != 2 || got.Agenda[0].Rec == nil || got.Agenda[0].Rec.NIPs[0] != "2" {
			t.Fatalf("record: %+v %v", got, err)
		}
		if _, err := s.RecordRecommendation(ctx, a.ID, "DINKES", "Kepala Bidang Pelayanan", karir.BoardRecommendation{None: true}, 1); !errors.Is(err, karir.ErrConflict) {
			t.Fatalf("stale version: %v", err)
		}
		if _, err := s.CloseSidang(ctx, a.ID, 900, date, 2); !errors.Is(err, karir.ErrAgendaUnfinished) {
			t.Fatalf("close early: %v", err)
		}

		// Two secretaries press at once on the same version: one wins.
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = s.RecordRecommendation(ctx, a.ID, "DINKES", "Kepala Bidang Pelayanan", karir.BoardRecommendation{None: true, Note: "tidak ada"}, 2)
			}()
		}
		wg.Wait()
		if (errs[0] == nil) == (errs[1] == nil) || !(errors.Is(errs[0], karir.ErrConflict) || errors.Is(errs[1], karir.ErrConflict)) {
			t.Fatalf("race: %v / %v (one must win, one conflict)", errs[0], errs[1])
		}
		closed, err := s.CloseSidang(ctx, a.ID, 900, date.Add(time.Hour), 3)
		if err != nil || !closed.Closed || closed.Version != 4 {
			t.Fatalf("close: %+v %v", closed, err)
		}
		if _, err := s.RecordRecommendation(ctx, a.ID, "DPUPR", "Kepala Seksi Drainase", rec, 4); !errors.Is(err, karir.ErrSidangClosed) {
			t.Fatalf("record after closing: %v", err)
		}
		open, err := s.OpenSidangs(ctx)
		if err != nil || len(open) != 1 || open[0].ID != b.ID {
			t.Fatalf("open: %v %v", open, err)
		}
		done, err := s.ClosedSidangs(ctx)
		if err != nil || len(done) != 1 || done[0].ID != a.ID {
			t.Fatalf("closed: %v %v", done, err)
		}

		// The mayor returns one post: it waits for a new recommendation,
		// which a closed session takes for that post alone.
		ret, err := s.ReturnAgendaPost(ctx, a.ID, "DPUPR", "Kepala Seksi Drainase", "mohon calon lain")
		if err != nil || ret.Agenda[0].Rec != nil || ret.Agenda[0].Returned != "mohon calon lain" || len(ret.Agenda[0].History) != 1 {
			t.Fatalf("return: %+v %v", ret.Agenda[0], err)
		}
		again, err := s.RecordRecommendation(ctx, a.ID, "DPUPR", "Kepala Seksi Drainase", karir.BoardRecommendation{NIPs: []string{"3"}}, ret.Version)
		if err != nil || again.Agenda[0].Rec.NIPs[0] != "3" {
			t.Fatalf("after return: %v", err)
		}
		if _, err := s.RecordRecommendation(ctx, a.ID, "DINKES", "Kepala Bidang Pelayanan", karir.BoardRecommendation{NIPs: []string{"5"}}, again.Version); !errors.Is(err, karir.ErrSidangClosed) {
			t.Fatalf("a post not returned, after closing: %v", err)
		}
	})
}

// TestSidangRollsForward: a version logged whose main document was never
// written (a crash between the two writes) is what the next load returns,
// and a save on the old version loses.
func TestSidangRollsForward(t *testing.T) {
	s := openOnURI(t)
	ctx := context.Background()
	date := time.Date(2026, 12, 11, 0, 0, 0, 0, time.UTC)
	a, err := s.CreateSidang(ctx, sidangFixture(date))
	if err != nil {
		t.Fatal(err)
	}
	next := a
	next.Version = 2
	next.Agenda = append([]karir.AgendaPost(nil), a.Agenda...)
	next.Agenda[1].Rec = &karir.BoardRecommendation{None: true}
	if _, err := s.DB().Collection("sidang_log").InsertOne(ctx, bson.D{{Key: "_id", Value: a.ID + "@2"}, {Key: "doc", Value: next}}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Sidang(ctx, a.ID)
	if err != nil || got.Version != 2 || got.Agenda[1].Rec == nil {
		t.Fatalf("load after the crash: %+v %v", got, err)
	}
	if _, err := s.RecordRecommendation(ctx, a.ID, "DPUPR", "Kepala Seksi Drainase", karir.BoardRecommendation{None: true}, 1); !errors.Is(err, karir.ErrConflict) {
		t.Fatalf("save on the old version: %v", err)
	}
}

// The decisions left unapplied are found (the catch-up's query, which
// FerretDB must run as MongoDB does), and leave the list once applied.
func TestPendingDecisions(t *testing.T) {
	modes(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		at := time.Date(2026, 12, 10, 9, 0, 0, 0, time.UTC)
		for _, d := range []karir.Decision{
			{ID: "S-1/DPUPR/kasi drainase", Sidang: "S-1", NIP: "1", At: at},
			{ID: "S-1/DINKES/kabid pelayanan", Sidang: "S-1", NIP: "5", At: at, Applied: true},
			{ID: "S-2/DPUPR/kasi jalan", Sidang: "S-2", NIP: "3", At: at},
		} {
			if err := s.ClaimDecision(ctx, d); err != nil {
				t.Fatal(err)
			}
		}
		ids := func() []string {
			got, err := s.PendingDecisions(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, d := range got {
				ids = append(ids, d.ID)
			}
			return ids
		}
		if got := ids(); len(got) != 2 || got[0] != "S-1/DPUPR/kasi drainase" || got[1] != "S-2/DPUPR/kasi jalan" {
			t.Fatalf("pending: %q", got)
		}
		d, err := s.Decision(ctx, "S-2/DPUPR/kasi jalan")
		if err != nil {
			t.Fatal(err)
		}
		d.Applied = true
		if err := s.SaveDecision(ctx, *d); err != nil {
			t.Fatal(err)
		}
		if got := ids(); len(got) != 1 || got[0] != "S-1/DPUPR/kasi drainase" {
			t.Fatalf("pending after one applied: %q", got)
		}
	})
}
