package store_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/event"

	"openkarir/karir"
	"openkarir/store"
)

// openWarmMonitored opens the embedded store kept in dir, its commands
// seen by m, and waits for its warm-up: the hot-path tests count what a
// warm store still sends.
func openWarmMonitored(t *testing.T, dir string, m *event.CommandMonitor) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{DataDir: dir, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Monitor: m})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Warm(ctx); err != nil {
		t.Fatal(err)
	}
	return st
}

// finds counts the find commands a store sends, by collection.
type finds struct {
	mu sync.Mutex
	by map[string]int
}

func (f *finds) monitor() *event.CommandMonitor {
	return &event.CommandMonitor{Started: func(_ context.Context, e *event.CommandStartedEvent) {
		if e.CommandName != "find" {
			return
		}
		coll, _ := e.Command.Lookup("find").StringValueOK()
		f.mu.Lock()
		f.by[coll]++
		f.mu.Unlock()
	}}
}

// take returns the counts since the last take, the commit log's hours as
// one "commits".
func (f *finds) take() map[string]int {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[string]int{}
	for coll, n := range f.by {
		if strings.HasPrefix(coll, "commits") {
			coll = "commits"
		}
		out[coll] += n
	}
	f.by = map[string]int{}
	return out
}

// TestEmbeddedHotPathReadsNothing: on the embedded store, once warm, a new
// user's first load and save send no lookup to FerretDB, nor do a NIP's
// wrong codes and admin checks once their collection was read (each cost
// one to four on the one connection); after a restart what was saved is
// read back, and new users are still known new.
func TestEmbeddedHotPathReadsNothing(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	f := &finds{by: map[string]int{}}
	open := func() *store.Store { return openWarmMonitored(t, dir, f.monitor()) }
	st := open()
	if err := st.GrantAdmin(ctx, karir.AdminGrant{TelegramID: 7, Name: "Admin", Roles: []karir.Role{karir.RoleVerifier}}); err != nil {
		t.Fatal(err)
	}
	f.take()

	c, err := st.LoadConversation(ctx, 1)
	if err != nil || c.Version != 0 || c.State != karir.StateStart {
		t.Fatalf("new user: %+v, %v", c, err)
	}
	c.State = karir.StateConsent
	if err := st.SaveConversation(ctx, c); err != nil {
		t.Fatal(err)
	}
	if got := f.take(); len(got) != 0 {
		t.Errorf("a new user's first load and save looked up %v", got)
	}

	// The tries are read whole once; then a NIP never guessed at is known.
	if _, err := st.CodeAttempts(ctx, "199001012020011001"); err != nil {
		t.Fatal(err)
	}
	f.take()
	a, err := st.FailCode(ctx, "199001012020011002", time.Now())
	if err != nil || a.Failures != 1 {
		t.Fatalf("first wrong code: %+v, %v", a, err)
	}
	if a, err := st.CodeAttempts(ctx, "199001012020011002"); err != nil || a.Failures != 1 {
		t.Fatalf("tries after a wrong code: %+v, %v", a, err)
	}
	// The grants are read whole at the first user not known.
	if _, err := st.AdminGrant(ctx, 8); err == nil {
		t.Fatal("a grant for a user who holds none")
	}
	f.take()
	if g, err := st.AdminGrant(ctx, 7); err != nil || g.Roles[0] != karir.RoleVerifier {
		t.Fatalf("grant: %+v, %v", g, err)
	}
	if _, err := st.AdminGrant(ctx, 9); err == nil {
		t.Fatal("a grant for a user who holds none")
	}
	if err := st.RevokeAdmin(ctx, 7); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AdminGrant(ctx, 7); err == nil {
		t.Fatal("a revoked grant still answered")
	}
	if got := f.take(); len(got) != 0 {
		t.Errorf("known tries and grants looked up %v", got)
	}
	if err := st.Close(ctx); err != nil {
		t.Fatal(err)
	}

	st = open()
	defer st.Close(ctx)
	f.take()
	if c, err := st.LoadConversation(ctx, 1); err != nil || c.Version != 1 || c.State != karir.StateConsent {
		t.Fatalf("after a restart: %+v, %v", c, err)
	}
	if a, err := st.CodeAttempts(ctx, "199001012020011002"); err != nil || a.Failures != 1 {
		t.Fatalf("tries after a restart: %+v, %v", a, err)
	}
	f.take()
	if c, err := st.LoadConversation(ctx, 2); err != nil || c.Version != 0 {
		t.Fatalf("new user after a restart: %+v, %v", c, err)
	}
	if got := f.take(); len(got) != 0 {
		t.Errorf("a new user after a restart looked up %v", got)
	}
}

// commands counts the commands a store sends to one collection, by name.
type commands struct {
	mu   sync.Mutex
	coll string
	by   map[string]int
}

func (c *commands) monitor() *event.CommandMonitor {
	return &event.CommandMonitor{Started: func(_ context.Context, e *event.CommandStartedEvent) {
		coll, _ := e.Command.Lookup(e.CommandName).StringValueOK()
		if coll != c.coll {
			return
		}
		c.mu.Lock()
		c.by[e.CommandName]++
		c.mu.Unlock()
	}}
}

// TestEmbeddedFirstFormIsInserted: once warm, the embedded store writes a
// first form's main document with one insert (an upsert is a lookup and an
// insert in FerretDB), and a later save of it with one update; a restart
// reads the form back.
func TestEmbeddedFirstFormIsInserted(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	cmds := &commands{coll: "submissions", by: map[string]int{}}
	open := func() *store.Store { return openWarmMonitored(t, dir, cmds.monitor()) }
	st := open()
	take := func() map[string]int {
		cmds.mu.Lock()
		defer cmds.mu.Unlock()
		got := cmds.by
		cmds.by = map[string]int{}
		return got
	}
	take()
	sub := &karir.Submission{Round: "2026-1", NIP: "199001012020011001", Ref: "OK-TEST01", Stage: karir.StepSubmitted}
	if err := st.SaveSubmission(ctx, sub); err != nil {
		t.Fatal(err)
	}
	if got := take(); len(got) != 1 || got["insert"] != 1 {
		t.Errorf("a first form sent %v to submissions; want one insert", got)
	}
	sub.Stage = karir.StepVerified
	if err := st.SaveSubmission(ctx, sub); err != nil {
		t.Fatal(err)
	}
	if got := take(); len(got) != 1 || got["update"] != 1 {
		t.Errorf("a second save sent %v to submissions; want one update", got)
	}
	if err := st.Close(ctx); err != nil {
		t.Fatal(err)
	}
	st = open()
	defer st.Close(ctx)
	if got, err := st.Submission(ctx, "2026-1", "199001012020011001"); err != nil || got.Version != 2 || got.Stage != karir.StepVerified {
		t.Fatalf("after a restart: %+v, %v", got, err)
	}
}
