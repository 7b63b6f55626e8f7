package store_test

import (
	"context"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"openkarir/store"
)

func mustAcquire(t *testing.T, s *store.Store, holder string, at time.Time, want bool) {
	t.Helper()
	ok, err := s.AcquireLease(context.Background(), "job", holder, at, time.Minute)
	if err != nil || ok != want {
		t.Fatalf("%s at %s: holds %v, %v; want %v", holder, at.Format(time.TimeOnly), ok, err, want)
	}
}

func TestLeaseHasOneHolder(t *testing.T) {
	modes(t, func(t *testing.T, s *store.Store) {
		now := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
		mustAcquire(t, s, "a", now, true)
		mustAcquire(t, s, "b", now.Add(30*time.Second), false)
		mustAcquire(t, s, "a", now.Add(30*time.Second), true)
		mustAcquire(t, s, "b", now.Add(70*time.Second), false)
		// a stopped renewing at 0:30: by 1:30 its minute is over.
		mustAcquire(t, s, "b", now.Add(90*time.Second), true)
		mustAcquire(t, s, "a", now.Add(100*time.Second), false)
		// A holder that stops cleanly gives the lease up at once.
		if err := s.ReleaseLease(context.Background(), "job", "a"); err != nil {
			t.Fatal(err)
		}
		mustAcquire(t, s, "a", now.Add(110*time.Second), false) // not a's to give
		if err := s.ReleaseLease(context.Background(), "job", "b"); err != nil {
			t.Fatal(err)
		}
		mustAcquire(t, s, "a", now.Add(111*time.Second), true)
	})
}

// The embedded store is one process's: a bot started again after a crash
// holds its leases at once, and renewing them writes nothing.
func TestEmbeddedLeasesAfterACrash(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	s := mustOpenDir(t, dir)
	mustAcquire(t, s, "before-the-crash", now, true)
	mustClose(t, s) // without a release, as a kill -9 leaves it
	s = mustOpenDir(t, dir)
	defer mustClose(t, s)
	mustAcquire(t, s, "after-the-crash", now.Add(time.Second), true)
	if n, err := s.DB().Collection("leases").CountDocuments(context.Background(), bson.D{}); err != nil || n != 0 {
		t.Errorf("leases holds %d documents, %v; want none", n, err)
	}
	if logs := collectionsLike(t, s, "commits"); len(logs) != 0 {
		t.Errorf("leases wrote to the commit log: %v", logs)
	}
}

// On a shared database a holder that surely died (its pid on this machine
// is free or another process's) loses its claims to the next process.
func TestLeaseOfADeadProcessOnThisMachine(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc")
	}
	s := openOnURI(t)
	ctx := context.Background()
	now := time.Now()
	host, _ := os.Hostname()
	boot, _ := os.ReadFile("/proc/sys/kernel/random/boot_id")
	ns, _ := os.Readlink("/proc/self/ns/pid")
	slot := now.UnixNano() / int64(20*time.Second)
	claim := func(holder string, pid int, start string) {
		t.Helper()
		for i := range int64(3) {
			_, err := s.DB().Collection("leases").InsertOne(ctx, bson.D{
				{Key: "_id", Value: "job#" + itoa(slot+i)}, {Key: "name", Value: "job"}, {Key: "slot", Value: slot + i},
				{Key: "holder", Value: holder}, {Key: "at", Value: now},
				{Key: "proc", Value: bson.D{{Key: "host", Value: host}, {Key: "boot", Value: strings.TrimSpace(string(boot))},
					{Key: "pidns", Value: ns}, {Key: "pid", Value: pid}, {Key: "start", Value: start}}}})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	// Alive: this very process (its start time is its own).
	claim("alive", os.Getpid(), selfStart(t))
	mustAcquire(t, s, "next", now, false)
	if _, err := s.DB().Collection("leases").DeleteMany(ctx, bson.D{}); err != nil {
		t.Fatal(err)
	}
	// Dead: the same pid, started at another time (a reused pid).
	claim("killed", os.Getpid(), "1")
	mustAcquire(t, s, "next", now, true)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// selfStart is this process's start time, field 22 of /proc/self/stat.
func selfStart(t *testing.T) string {
	stat, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		t.Fatal(err)
	}
	s := string(stat)
	return strings.Fields(s[strings.LastIndexByte(s, ')')+1:])[19]
}
