package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestOpsPerUpdate: the commands between two tallies, per update, the sum
// first, then the most frequent; commands not sent meanwhile are left out.
func TestOpsPerUpdate(t *testing.T) {
	start := map[string]dbOp{"find submissions": {Count: 10, Micros: 1000}, "insert commits": {Count: 5, Micros: 500}}
	end := map[string]dbOp{"find submissions": {Count: 30, Micros: 3000}, "insert commits": {Count: 5, Micros: 500},
		"update submissions": {Count: 40, Micros: 8000}}
	got := opsPerUpdate(start, end, 10)
	want := []DBOpStat{{"all", 6, 1000}, {"update submissions", 4, 800}, {"find submissions", 2, 200}}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("entry %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	if opsPerUpdate(start, end, 0) != nil {
		t.Error("per update of no update")
	}
}

// TestSmokeBotProfile runs a few users with the bot profiled: its
// database commands come per update, and the profiles are written.
func TestSmokeBotProfile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the bot")
	}
	prefix := filepath.Join(t.TempDir(), "bot")
	rep, err := Run(context.Background(), Config{Users: 3, Concurrency: 3, Mode: "polling", BotProfile: prefix, BotProfileSeconds: 1})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Errors != 0 || rep.FormsStored != 3 {
		t.Fatalf("report: %+v", rep)
	}
	// Every form's sending writes: at least one command in the play.
	if len(rep.DBOps) < 2 || rep.DBOps[0].Op != "all" || rep.DBOps[0].PerUpdate <= 0 {
		t.Errorf("commands per update: %+v", rep.DBOps)
	}
	for _, suffix := range []string{".cpu.pprof", ".allocs.pprof", ".allocs-start.pprof"} {
		if fi, err := os.Stat(prefix + suffix); err != nil || fi.Size() == 0 {
			t.Errorf("profile %s: %v", suffix, err)
		}
	}
	if _, err := Run(context.Background(), Config{Users: 1, Concurrency: 1, Mode: "polling", DBOps: true, KillEvery: 5}); err == nil {
		t.Error("a profiled crash test accepted")
	}
}
