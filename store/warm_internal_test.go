package store

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// What is written while the cache warms up is newer than what the warm-up
// read, and stays: an unbound NIP is not bound again, a new binding or a
// changed employee is not taken back, a newer form is not replaced by the
// stored one.
func TestWarmUpKeepsWhatWasWrittenMeanwhile(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, Config{DataDir: t.TempDir(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	if err := s.Warm(ctx); err != nil {
		t.Fatal(err)
	}
	emp := func(nip, pos string) karir.Employee {
		return karir.Employee{NIP: nip, Name: "ASN", OPDCode: "DISHUB", Position: pos, Phone: "6281200000001"}
	}
	a, b, c := "198001012005011001", "198001012005011002", "198001012005011003"
	if _, _, err := s.UpsertEmployees(ctx, []karir.Employee{emp(a, "Staf"), emp(b, "Staf")}); err != nil {
		t.Fatal(err)
	}
	for _, nip := range []string{a, b} {
		if err := s.Bind(ctx, karir.Binding{NIP: nip, TelegramID: 1}); err != nil {
			t.Fatal(err)
		}
	}
	sub := &karir.Submission{Round: "r", NIP: a, Ref: "first"}
	if err := s.SaveSubmission(ctx, sub); err != nil {
		t.Fatal(err)
	}

	// As after a restart: a cache that holds nothing yet.
	e := s.mode.(*EmbeddedStore)
	old := e.cache
	old.mu.Lock()
	e.cache = newMemCacheLike(old)
	old.mu.Unlock()
	if err := s.Unbind(ctx, a); err != nil {
		t.Fatal(err)
	}
	if err := s.Bind(ctx, karir.Binding{NIP: c, TelegramID: 3}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.UpsertEmployees(ctx, []karir.Employee{emp(b, "Kasi")}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Submission(ctx, "r", a)
	if err != nil {
		t.Fatal(err)
	}
	got.Ref = "second"
	if err := s.SaveSubmission(ctx, got); err != nil {
		t.Fatal(err)
	}
	if e.warm() {
		t.Fatal("the cache is warm before the warm-up")
	}
	if err := e.readWarm(ctx); err != nil {
		t.Fatal(err)
	}

	binds, _ := s.ListBindings(ctx)
	var nips []string
	for _, bd := range binds {
		nips = append(nips, bd.NIP)
	}
	if len(nips) != 2 || nips[0] != b || nips[1] != c {
		t.Errorf("bindings after the warm-up: %v, want %s and %s", nips, b, c)
	}
	if _, err := s.Binding(ctx, a); err == nil {
		t.Error("the unbound NIP is bound again")
	}
	if e, _ := s.Employee(ctx, b); e == nil || e.Position != "Kasi" {
		t.Errorf("employee after the warm-up: %+v", e)
	}
	if subs, _ := s.ListSubmissions(ctx, "r"); len(subs) != 1 || subs[0].Ref != "second" {
		t.Errorf("forms after the warm-up: %+v", subs)
	}
}

// newMemCacheLike is an empty cache that keeps old's write-behind running.
func newMemCacheLike(old *memCache) *memCache {
	c := newMemCache()
	c.done, c.cancel = old.done, old.cancel
	return c
}

// lockedBuffer is a log a test reads while the store writes it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// A stored document the warm-up cannot decode is not only retried: it is
// logged as an error naming the collection and the document, and the
// store still answers.
func TestWarmUpNamesAnUndecodableDocument(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(ctx, Config{DataDir: dir, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	good := karir.Employee{NIP: "198001012005011001", Name: "ASN", OPDCode: "DISHUB", Position: "Staf"}
	if _, _, err := s.UpsertEmployees(ctx, []karir.Employee{good}); err != nil {
		t.Fatal(err)
	}
	// A name written as a number, as a hand edit or another program might.
	if _, err := s.db.Collection(collEmployees).InsertOne(ctx, bson.D{{Key: "_id", Value: "198001012005011002"}, {Key: "name", Value: 42}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(ctx); err != nil {
		t.Fatal(err)
	}

	var logs lockedBuffer
	s, err = Open(ctx, Config{DataDir: dir, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(logs.String(), "level=ERROR") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	line := ""
	for _, l := range strings.Split(logs.String(), "\n") {
		if strings.Contains(l, "level=ERROR") {
			line = l
		}
	}
	for _, want := range []string{"read the store into memory", "read employees", `\"198001012005011002\"`, "cannot be decoded"} {
		if !strings.Contains(line, want) {
			t.Errorf("the error line lacks %q:\n%s", want, logs.String())
		}
	}
	if e, err := s.Employee(ctx, good.NIP); err != nil || e.Name != "ASN" {
		t.Errorf("the store after the failed warm-up: %+v, %v", e, err)
	}
}
