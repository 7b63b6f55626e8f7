package store_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"

	"openkarir/store"
	"openkarir/store/storetest"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

// modes runs a test against the two ways the store works: embedded (one
// process owns the data and keeps it in memory) and on a URI (no cache, as
// with MongoDB shared by several processes; here a FerretDB of its own).
func modes(t *testing.T, test func(t *testing.T, s *store.Store)) {
	t.Run("Embedded", func(t *testing.T) {
		t.Parallel()
		test(t, storetest.Open(t))
	})
	t.Run("URI", func(t *testing.T) {
		t.Parallel()
		test(t, openOnURI(t))
	})
}

// openOnURI opens a store on a database server reached by URI, so the
// store has no cache and every read goes to the database: MONGODB_TEST_URI,
// or a FerretDB started beside it.
func openOnURI(tb testing.TB) *store.Store {
	tb.Helper()
	uri, database := storetest.Server(tb)
	return storetest.OpenOn(tb, uri, database)
}

// mustOpenDir opens the embedded store on dir; the caller closes it.
func mustOpenDir(tb testing.TB, dir string) *store.Store {
	tb.Helper()
	s, err := store.Open(context.Background(), store.Config{DataDir: dir, Logger: quiet})
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func mustClose(tb testing.TB, s *store.Store) {
	tb.Helper()
	if err := s.Close(context.Background()); err != nil {
		tb.Fatal(err)
	}
}

func mustLoad(tb testing.TB, s *store.Store, userID int64) *karir.Conversation {
	tb.Helper()
	c, err := s.LoadConversation(context.Background(), userID)
	if err != nil {
		tb.Fatalf("load conversation %d: %v", userID, err)
	}
	return c
}

// insertCommit writes a commit log entry by hand, as a save that crashed
// before updating the main document leaves it: "<coll>/<id>@<version>".
func insertCommit(tb testing.TB, s *store.Store, coll, id string, version int64, doc any) {
	tb.Helper()
	raw, err := bson.Marshal(doc)
	if err != nil {
		tb.Fatal(err)
	}
	// The log's generation of the current hour (store/versioned.go).
	hour := fmt.Sprintf("commits_%d", time.Now().UnixNano()/int64(time.Hour))
	_, err = s.DB().Collection(hour).InsertOne(context.Background(), bson.D{
		{Key: "_id", Value: fmt.Sprintf("%s/%s@%d", coll, id, version)},
		{Key: "coll", Value: coll}, {Key: "doc", Value: bson.Raw(raw)}, {Key: "at", Value: time.Now()},
	})
	if err != nil {
		tb.Fatal(err)
	}
}

func TestConversation(t *testing.T) {
	modes(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()

		t.Run("NewIsStartAtVersion0", func(t *testing.T) {
			c := mustLoad(t, s, 41)
			if c.LoadedAt.IsZero() {
				t.Error("a load does not say when it was")
			}
			c.LoadedAt = time.Time{}
			want := &karir.Conversation{ID: "tg:41", UserID: 41, State: karir.StateStart}
			if !reflect.DeepEqual(c, want) {
				t.Fatalf("new conversation = %+v, want %+v", c, want)
			}
		})

		t.Run("OK", func(t *testing.T) {
			c := mustLoad(t, s, 42)
			c.ChatID, c.State, c.NIP = 4242, karir.StateAskNIP, "198001012005011001"
			c.Draft = karir.Answers{Choice: karir.ChoiceMove, TargetOPDCode: "DISHUB", TermMonths: 6}
			c.PendingArgs = map[string]string{"nip": "198001012005011001"}
			c.RecentUpdates = []int{7, 8}
			c.UpdatedAt = time.Date(2025, 7, 14, 3, 0, 0, 0, time.UTC)
			if err := s.SaveConversation(ctx, c); err != nil {
				t.Fatal(err)
			}
			if c.Version != 1 {
				t.Fatalf("version after the first save = %d, want 1", c.Version)
			}
			got := mustLoad(t, s, 42)
			got.UpdatedAt = got.UpdatedAt.UTC()
			if plain, saved := *got, *c; !reflect.DeepEqual(unheld(plain), unheld(saved)) {
				t.Fatalf("loaded %+v\nsaved  %+v", got, c)
			}
			// What the caller changes after a save is not the store's.
			c.PendingArgs["nip"] = "changed"
			if got := mustLoad(t, s, 42); got.PendingArgs["nip"] != "198001012005011001" {
				t.Fatalf("stored conversation shares the caller's map: %v", got.PendingArgs)
			}
			got.State = karir.StateIdle
			if err := s.SaveConversation(ctx, got); err != nil || got.Version != 2 {
				t.Fatalf("second save = %v, version %d", err, got.Version)
			}
			if again := mustLoad(t, s, 42); again.State != karir.StateIdle || again.Version != 2 {
				t.Fatalf("after the second save: state %s version %d", again.State, again.Version)
			}
		})
	})
}

func TestConversationConflict(t *testing.T) {
	modes(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a, b := mustLoad(t, s, 7), mustLoad(t, s, 7)
		a.State, b.State = karir.StateAskNIP, karir.StateIdle
		if err := s.SaveConversation(ctx, a); err != nil {
			t.Fatalf("first save: %v", err)
		}
		if err := s.SaveConversation(ctx, b); !errors.Is(err, karir.ErrConflict) {
			t.Fatalf("second save from the same version = %v, want ErrConflict", err)
		}
		if b.Version != 0 {
			t.Errorf("the loser's version moved to %d", b.Version)
		}
		// The loser reloads and sees the winner, then saves on top of it.
		c := mustLoad(t, s, 7)
		if c.State != karir.StateAskNIP || c.Version != 1 {
			t.Fatalf("after the conflict: state %s version %d, want %s 1", c.State, c.Version, karir.StateAskNIP)
		}
		c.State = karir.StateIdle
		if err := s.SaveConversation(ctx, c); err != nil {
			t.Fatalf("save after reloading: %v", err)
		}
		if got := mustLoad(t, s, 7); got.State != karir.StateIdle || got.Version != 2 {
			t.Fatalf("final: state %s version %d", got.State, got.Version)
		}
	})
}

func TestConversationRaceHasOneWinner(t *testing.T) {
	modes(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		base := mustLoad(t, s, 9)
		base.State = karir.StateAskNIP
		if err := s.SaveConversation(ctx, base); err != nil {
			t.Fatal(err)
		}
		const n = 20
		errs := make([]error, n)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range n {
			c := mustLoad(t, s, 9)
			c.LastUpdateID = 100 + i
			wg.Go(func() {
				<-start
				errs[i] = s.SaveConversation(ctx, c)
			})
		}
		close(start)
		wg.Wait()
		winner := oneWinner(t, errs, karir.ErrConflict)
		if got := mustLoad(t, s, 9); got.Version != 2 || got.LastUpdateID != 100+winner {
			t.Fatalf("stored version %d update %d, want 2 and the winner's %d", got.Version, got.LastUpdateID, 100+winner)
		}
	})
}

// A save that crashed after its commit insert and before its main document
// was written is not lost: the next load (embedded) or save (external
// server) rolls forward.
func TestConversationRollsForwardAfterCrash(t *testing.T) {
	lost := func(t *testing.T, s *store.Store) *karir.Conversation {
		ctx := context.Background()
		c := mustLoad(t, s, 5)
		c.State = karir.StateAskNIP
		if err := s.SaveConversation(ctx, c); err != nil {
			t.Fatal(err)
		}
		next := *c
		next.State, next.Version = karir.StateIdle, 2
		insertCommit(t, s, "conversations", c.ID, 2, next)
		return &next
	}
	check := func(t *testing.T, s *store.Store, want *karir.Conversation) {
		got := mustLoad(t, s, 5)
		if got.State != want.State || got.Version != want.Version {
			t.Fatalf("loaded state %s version %d, want %s %d", got.State, got.Version, want.State, want.Version)
		}
		// The next save builds on the rolled-forward version.
		got.State = karir.StateAskNIP
		if err := s.SaveConversation(context.Background(), got); err != nil || got.Version != 3 {
			t.Fatalf("save after rolling forward = %v, version %d", err, got.Version)
		}
	}
	t.Run("URI", func(t *testing.T) {
		t.Parallel()
		s := openOnURI(t)
		want := lost(t, s)
		// Loads read the main document alone: the next save of the
		// version below conflicts and writes the logged one into it.
		stale := mustLoad(t, s, 5)
		if stale.Version != 1 {
			t.Fatalf("loaded version %d before a save, want the main document's 1", stale.Version)
		}
		if err := s.SaveConversation(context.Background(), stale); !errors.Is(err, karir.ErrConflict) {
			t.Fatalf("save over a logged version = %v, want ErrConflict", err)
		}
		check(t, s, want)
	})
	t.Run("Embedded", func(t *testing.T) {
		t.Parallel()
		// The embedded store reads the log at start: crash, then restart.
		dir := t.TempDir()
		s := mustOpenDir(t, dir)
		want := lost(t, s)
		mustClose(t, s)
		s = mustOpenDir(t, dir)
		defer mustClose(t, s)
		check(t, s, want)
	})
}

func TestBindRaceHasOneWinner(t *testing.T) {
	modes(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		const nip = "198001012005011001"
		if _, err := s.Binding(ctx, nip); !errors.Is(err, karir.ErrNotFound) {
			t.Fatalf("binding before any = %v, want ErrNotFound", err)
		}
		const n = 20
		errs := make([]error, n)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range n {
			wg.Go(func() {
				<-start
				errs[i] = s.Bind(ctx, karir.Binding{NIP: nip, TelegramID: int64(1000 + i), Method: "contact", BoundAt: time.Now()})
			})
		}
		close(start)
		wg.Wait()
		winner := oneWinner(t, errs, karir.ErrAlreadyBound)
		b, err := s.Binding(ctx, nip)
		if err != nil || b.TelegramID != int64(1000+winner) {
			t.Fatalf("binding = %+v, %v; want account %d", b, err, 1000+winner)
		}
		if err := s.Bind(ctx, karir.Binding{NIP: nip, TelegramID: int64(1000 + winner), Method: "code"}); err != nil {
			t.Fatalf("binding again to the same account = %v, want nil", err)
		}
		// An admin frees the NIP; another account may bind it.
		if err := s.Unbind(ctx, nip); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Binding(ctx, nip); !errors.Is(err, karir.ErrNotFound) {
			t.Fatalf("binding after unbind = %v, want ErrNotFound", err)
		}
		other := int64(1000 + (winner+1)%n)
		if err := s.Bind(ctx, karir.Binding{NIP: nip, TelegramID: other}); err != nil {
			t.Fatalf("bind after unbind: %v", err)
		}
		if b, err := s.Binding(ctx, nip); err != nil || b.TelegramID != other {
			t.Fatalf("rebound = %+v, %v; want account %d", b, err, other)
		}
	})
}

func TestUpsertEmployees(t *testing.T) {
	modes(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		at := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
		emp := func(nip, name, pos string) karir.Employee {
			return karir.Employee{NIP: nip, Name: name, OPDCode: "DISHUB", OPDName: "Dinas Perhubungan",
				Position: pos, Eselon: "IV", Phone: "6281200000001", UpdatedAt: at}
		}
		if _, err := s.Employee(ctx, "198001012005011001"); !errors.Is(err, karir.ErrNotFound) {
			t.Fatalf("employee in an empty roster = %v, want ErrNotFound", err)
		}
		added, updated, err := s.UpsertEmployees(ctx, []karir.Employee{
			emp("198001012005011003", "Cici", "Staf"),
			emp("198001012005011001", "Ani", "Kasi"),
			emp("198001012005011002", "Budi", "Staf"),
		})
		if err != nil || added != 3 || updated != 0 {
			t.Fatalf("first import: added %d updated %d, %v; want 3 0", added, updated, err)
		}
		// A field the roster does not carry, written by someone else.
		if _, err := s.DB().Collection("employees").UpdateOne(ctx, bson.D{{Key: "_id", Value: "198001012005011001"}},
			bson.D{{Key: "$set", Value: bson.D{{Key: "note", Value: "kept"}}}}); err != nil {
			t.Fatal(err)
		}
		added, updated, err = s.UpsertEmployees(ctx, []karir.Employee{
			emp("198001012005011001", "Ani", "Kabid"),
			emp("198001012005011002", "Budi", "Staf"),
			emp("198001012005011004", "Dedi", "Staf"),
		})
		if err != nil || added != 1 || updated != 2 {
			t.Fatalf("second import: added %d updated %d, %v; want 1 2", added, updated, err)
		}
		e, err := s.Employee(ctx, "198001012005011001")
		if err != nil || e.Position != "Kabid" || e.Name != "Ani" {
			t.Fatalf("employee = %+v, %v; want the new position", e, err)
		}
		var raw bson.M
		if err := s.DB().Collection("employees").FindOne(ctx, bson.D{{Key: "_id", Value: "198001012005011001"}}).Decode(&raw); err != nil {
			t.Fatal(err)
		}
		if raw["note"] != "kept" || raw["position"] != "Kabid" {
			t.Errorf("stored document = %v; want note kept and position Kabid", raw)
		}
		if n, err := s.CountEmployees(ctx); err != nil || n != 4 {
			t.Errorf("count = %d, %v; want 4", n, err)
		}
		list, err := s.ListEmployees(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var nips []string
		for _, e := range list {
			nips = append(nips, e.NIP)
		}
		want := []string{"198001012005011001", "198001012005011002", "198001012005011003", "198001012005011004"}
		if !slices.Equal(nips, want) {
			t.Errorf("listed %v, want %v", nips, want)
		}
	})
}

// FerretDB kept the query of every update of a bulk write open until the
// write ended, and ran out of its 100 connections: a re-import of 100 or
// more existing rows failed after 15 s.
func TestUpsertManyExistingEmployees(t *testing.T) {
	modes(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		emps := make([]karir.Employee, 250)
		for i := range emps {
			emps[i] = karir.Employee{NIP: fmt.Sprintf("198001012005011%03d", i), Name: fmt.Sprintf("ASN %d", i),
				OPDCode: "DISHUB", Position: "Staf", Phone: "6281200000001"}
		}
		if added, updated, err := s.UpsertEmployees(ctx, emps); err != nil || added != 250 || updated != 0 {
			t.Fatalf("first import: added %d updated %d, %v", added, updated, err)
		}
		for i := range emps {
			emps[i].Position = "Analis"
		}
		if added, updated, err := s.UpsertEmployees(ctx, emps); err != nil || added != 0 || updated != 250 {
			t.Fatalf("second import: added %d updated %d, %v; want 0 250", added, updated, err)
		}
		if e, err := s.Employee(ctx, emps[249].NIP); err != nil || e.Position != "Analis" {
			t.Fatalf("employee after the second import: %+v, %v", e, err)
		}
	})
}

func TestUpsertOPDsMergesPositions(t *testing.T) {
	modes(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if _, err := s.OPD(ctx, "DISHUB"); !errors.Is(err, karir.ErrNotFound) {
			t.Fatalf("unknown OPD = %v, want ErrNotFound", err)
		}
		if _, err := s.UpsertOPDs(ctx, []karir.OPD{
			{Code: "DISHUB", Name: "Dinas Perhubungan", Positions: []string{"Staf", "Kasi Angkutan"}},
			{Code: "BKPSDM", Name: "BKPSDM", Positions: []string{"Analis SDM"}},
		}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UpsertOPDs(ctx, []karir.OPD{
			{Code: "DISHUB", Name: "Dinas Perhubungan Kota", Positions: []string{"Kabid Lalu Lintas", "Staf", "Staf"}},
		}); err != nil {
			t.Fatal(err)
		}
		o, err := s.OPD(ctx, "DISHUB")
		if err != nil {
			t.Fatal(err)
		}
		want := karir.OPD{Code: "DISHUB", Name: "Dinas Perhubungan Kota", Positions: []string{"Kabid Lalu Lintas", "Kasi Angkutan", "Staf"}}
		if !reflect.DeepEqual(*o, want) {
			t.Fatalf("merged OPD = %+v, want %+v", *o, want)
		}
		all, err := s.OPDs(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 2 || all[0].Code != "BKPSDM" || all[1].Code != "DISHUB" {
			t.Fatalf("OPDs = %+v, want BKPSDM then DISHUB (by name)", all)
		}
		// What the caller changes after a read is not the store's.
		o.Positions[0], all[1].Positions[0] = "changed", "changed"
		if again, err := s.OPD(ctx, "DISHUB"); err != nil || !reflect.DeepEqual(*again, want) {
			t.Fatalf("after the caller changed its copies: %+v, %v", again, err)
		}
	})
}

// The embedded store serves OPDs from memory after a restart, as it read
// them at open.
func TestOPDsAfterRestart(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := mustOpenDir(t, dir)
	opds := []karir.OPD{
		{Code: "DISHUB", Name: "Dinas Perhubungan", Positions: []string{"Kasi Angkutan", "Staf"}},
		{Code: "BKPSDM", Name: "BKPSDM", Positions: []string{"Analis SDM"}},
	}
	if _, err := s.UpsertOPDs(ctx, opds); err != nil {
		t.Fatal(err)
	}
	mustClose(t, s)
	s = mustOpenDir(t, dir)
	defer mustClose(t, s)
	all, err := s.OPDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := []karir.OPD{opds[1], opds[0]}; !reflect.DeepEqual(all, want) {
		t.Fatalf("OPDs after restart = %+v, want %+v", all, want)
	}
	if _, err := s.OPD(ctx, "DINKES"); !errors.Is(err, karir.ErrNotFound) {
		t.Fatalf("unknown OPD after restart = %v, want ErrNotFound", err)
	}
}

func TestSubmissions(t *testing.T) {
	modes(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		const nip = "198001012005011001"
		if _, err := s.Submission(ctx, "2025-07", nip); !errors.Is(err, karir.ErrNotFound) {
			t.Fatalf("submission before filing = %v, want ErrNotFound", err)
		}
		at := time.Date(2025, 7, 14, 2, 0, 0, 0, time.UTC)
		sub := &karir.Submission{Round: "2025-07", NIP: nip, Ref: "OK-0001", Name: "Ani", OPDCode: "DISHUB",
			Answers:    karir.Answers{Choice: karir.ChoiceStay, Reason: "alasan", Target: "pasar bersih", TermMonths: 6},
			TelegramID: 42, Stage: karir.StepSubmitted, Milestones: []karir.Milestone{{Step: karir.StepSubmitted, At: at}},
			SubmittedAt: at, UpdatedAt: at}
		if err := s.SaveSubmission(ctx, sub); err != nil {
			t.Fatal(err)
		}
		if sub.Version != 1 || sub.ID != karir.SubmissionID("2025-07", nip) {
			t.Fatalf("after saving: id %q version %d", sub.ID, sub.Version)
		}
		got, err := s.Submission(ctx, "2025-07", nip)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(utcSubmission(*got), utcSubmission(*sub)) {
			t.Fatalf("loaded %+v\nsaved  %+v", *got, *sub)
		}

		t.Run("ErrConflict", func(t *testing.T) {
			stale := *got
			got.Answers.Reason = "alasan baru"
			if err := s.SaveSubmission(ctx, got); err != nil || got.Version != 2 {
				t.Fatalf("second save = %v, version %d", err, got.Version)
			}
			if err := s.SaveSubmission(ctx, &stale); !errors.Is(err, karir.ErrConflict) {
				t.Fatalf("save from a stale version = %v, want ErrConflict", err)
			}
			// A second new form for the same NIP and round is a conflict too.
			dup := &karir.Submission{Round: "2025-07", NIP: nip}
			if err := s.SaveSubmission(ctx, dup); !errors.Is(err, karir.ErrConflict) {
				t.Fatalf("second new submission = %v, want ErrConflict", err)
			}
			now, err := s.Submission(ctx, "2025-07", nip)
			if err != nil || now.Version != 2 || now.Answers.Reason != "alasan baru" {
				t.Fatalf("after the conflicts: %+v, %v", now, err)
			}
		})

		t.Run("List", func(t *testing.T) {
			for _, x := range []karir.Submission{{Round: "2025-07", NIP: "198001012005011002"}, {Round: "2026-01", NIP: nip}} {
				if err := s.SaveSubmission(ctx, &x); err != nil {
					t.Fatal(err)
				}
			}
			list, err := s.ListSubmissions(ctx, "2025-07")
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, x := range list {
				ids = append(ids, x.ID)
			}
			want := []string{"2025-07:198001012005011001", "2025-07:198001012005011002"}
			if !slices.Equal(ids, want) {
				t.Fatalf("listed %v, want %v", ids, want)
			}
			if list[0].Version != 2 {
				t.Errorf("listed version %d, want 2", list[0].Version)
			}
			if none, err := s.ListSubmissions(ctx, "2024-01"); err != nil || len(none) != 0 {
				t.Errorf("empty round = %v, %v", none, err)
			}
		})
	})
}

func TestSubmissionRollsForwardAfterCrash(t *testing.T) {
	const nip = "198001012005011001"
	id := karir.SubmissionID("2025-07", nip)
	// Version 1 reached the log but not the main document.
	lost := func(t *testing.T, s *store.Store) {
		insertCommit(t, s, "submissions", id, 1, karir.Submission{ID: id, Round: "2025-07", NIP: nip, Ref: "OK-1", Version: 1})
	}
	check := func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		got, err := s.Submission(ctx, "2025-07", nip)
		if err != nil || got.Version != 1 || got.Ref != "OK-1" {
			t.Fatalf("loaded %+v, %v; want version 1 from the log", got, err)
		}
		if list, err := s.ListSubmissions(ctx, "2025-07"); err != nil || len(list) != 1 || list[0].Version != 1 {
			t.Fatalf("listed %+v, %v; want version 1 from the log", list, err)
		}
		if err := s.SaveSubmission(ctx, &karir.Submission{Round: "2025-07", NIP: nip}); !errors.Is(err, karir.ErrConflict) {
			t.Fatalf("new submission over a logged one = %v, want ErrConflict", err)
		}
		got.Ref = "OK-2"
		if err := s.SaveSubmission(ctx, got); err != nil || got.Version != 2 {
			t.Fatalf("save after rolling forward = %v, version %d", err, got.Version)
		}
	}
	t.Run("URI", func(t *testing.T) {
		t.Parallel()
		s := openOnURI(t)
		lost(t, s)
		// Loads read the main document alone: the next save of a first
		// version conflicts and writes the logged one into it.
		if _, err := s.Submission(context.Background(), "2025-07", nip); !errors.Is(err, karir.ErrNotFound) {
			t.Fatalf("load before a save = %v, want ErrNotFound from the main documents", err)
		}
		if err := s.SaveSubmission(context.Background(), &karir.Submission{Round: "2025-07", NIP: nip}); !errors.Is(err, karir.ErrConflict) {
			t.Fatalf("new submission over a logged one = %v, want ErrConflict", err)
		}
		check(t, s)
	})
	t.Run("Embedded", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		s := mustOpenDir(t, dir)
		lost(t, s)
		mustClose(t, s)
		s = mustOpenDir(t, dir)
		defer mustClose(t, s)
		check(t, s)
	})
}

// utcSubmission puts the times of a loaded submission in UTC, as saved.
// unheld is c without the time the store handed it out.
func unheld(c karir.Conversation) karir.Conversation {
	c.LoadedAt = time.Time{}
	return c
}

func utcSubmission(s karir.Submission) karir.Submission {
	s.LoadedAt = time.Time{}
	s.SubmittedAt, s.UpdatedAt = s.SubmittedAt.UTC(), s.UpdatedAt.UTC()
	s.Milestones = slices.Clone(s.Milestones)
	for i := range s.Milestones {
		s.Milestones[i].At = s.Milestones[i].At.UTC()
	}
	return s
}

// oneWinner checks that exactly one of racing writers succeeded and the
// others failed with lost; it returns the winner's index.
func oneWinner(t *testing.T, errs []error, lost error) int {
	t.Helper()
	winner := -1
	for i, err := range errs {
		switch {
		case err == nil && winner >= 0:
			t.Errorf("both %d and %d won", winner, i)
		case err == nil:
			winner = i
		case !errors.Is(err, lost):
			t.Errorf("writer %d: %v, want %v", i, err, lost)
		}
	}
	if winner < 0 {
		t.Fatal("no writer won")
	}
	return winner
}
