package main

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"testing"
)

// TestCompareFlags: -runs belongs to -compare, and a comparison refuses
// the runs whose figures are not the load's.
func TestCompareFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-runs", "3"},
		{"-compare", "HEAD", "-runs", "0"},
		{"-compare", "HEAD", "-kill-every", "100"},
		{"-compare", "HEAD", "-stop-after", "5"},
		{"-compare", "HEAD", "-cpuprofile", "x.pprof"},
	} {
		var stderr bytes.Buffer
		if err := run(context.Background(), args, &bytes.Buffer{}, &stderr); err == nil {
			t.Errorf("%v accepted", args)
		}
	}
	// Refused before anything is built: a revision that does not exist
	// fails as such.
	err := run(context.Background(), []string{"-compare", "no-such-revision-h26p", "-bin", "/nonexistent", "-quiet"}, &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "no-such-revision-h26p") {
		t.Errorf("unknown revision: %v", err)
	}
}

// TestCompareTable: medians per build over runs in either order, and the
// ratio this over base for each figure.
func TestCompareTable(t *testing.T) {
	rep := func(ups, forms, p50, p95, p99 float64) *Report {
		return &Report{Users: 1000, Concurrency: 100, Store: "embedded FerretDB", Mode: "polling", Machine: "linux/amd64, 2 CPUs",
			UpdatesPerSec: ups, FormsPerSecond: forms, LatencyP50ms: p50, LatencyP95ms: p95, LatencyP99ms: p99}
	}
	cmp := &Comparison{Base: "c3e66f2", This: "this checkout (abc1234)", Runs: []ComparedRun{
		{Round: 1, Build: "base", LoadAvg: "1.00 1.00 1.00", Report: rep(600, 60, 80, 150, 200)},
		{Round: 1, Build: "this", LoadAvg: "1.10 1.00 1.00", Report: rep(900, 90, 40, 90, 100)},
		{Round: 2, Build: "this", LoadAvg: "1.20 1.00 1.00", Report: rep(700, 70, 60, 110, 140)},
		{Round: 2, Build: "base", LoadAvg: "1.30 1.00 1.00", Report: rep(400, 40, 120, 250, 300)},
	}}
	cmp.Stats = compareStats(cmp.Runs)
	want := map[string][3]float64{ // base median, this median, ratio
		"updates/s": {500, 800, 1.6},
		"forms/s":   {50, 80, 1.6},
		"p50 ms":    {100, 50, 0.5},
		"p95 ms":    {200, 100, 0.5},
		"p99 ms":    {250, 120, 0.48},
	}
	if len(cmp.Stats) != len(want) {
		t.Fatalf("stats: %+v", cmp.Stats)
	}
	for _, s := range cmp.Stats {
		w := want[s.Name]
		if s.Base != w[0] || s.This != w[1] || s.Ratio < w[2]-1e-9 || s.Ratio > w[2]+1e-9 {
			t.Errorf("%s: base %v, this %v, ratio %v; want %v", s.Name, s.Base, s.This, s.Ratio, w)
		}
	}
	var out strings.Builder
	cmp.WriteTable(&out)
	for _, line := range []string{
		"base: c3e66f2",
		"this: this checkout (abc1234)",
		"users 1000, concurrency 100, store embedded FerretDB, polling, linux/amd64, 2 CPUs; 2 runs each",
		"2     base  1.30 1.00 1.00",
		"ratio this/base                   1.60x      1.60x      0.50x      0.50x      0.48x",
	} {
		if !strings.Contains(out.String(), line) {
			t.Errorf("table lacks %q:\n%s", line, out.String())
		}
	}
	if err := cmp.failed(); err != nil {
		t.Errorf("clean runs reported as failed: %v", err)
	}
	cmp.Runs[3].Report.VerifyError = "NIP 1 stored twice"
	if err := cmp.failed(); err == nil || !strings.Contains(err.Error(), "round 2, base") {
		t.Errorf("a failed store check not reported: %v", err)
	}
}

// TestCompareSmoke compares this checkout's HEAD with itself on a few
// users: both builds run, alternating, and the worktree is gone after.
func TestCompareSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the bot twice and runs it four times")
	}
	cmp, err := Compare(context.Background(), Config{Users: 4, Concurrency: 2, Mode: "polling"}, "HEAD", 2)
	if err != nil {
		t.Fatal(err)
	}
	if err := cmp.failed(); err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, r := range cmp.Runs {
		order = append(order, r.Build)
		if r.Report.FormsStored != 4 || r.LoadAvg == "" {
			t.Errorf("round %d %s: %+v, load %q", r.Round, r.Build, r.Report, r.LoadAvg)
		}
	}
	if strings.Join(order, ",") != "base,this,this,base" {
		t.Errorf("order %v", order)
	}
	out, err := exec.Command("git", "worktree", "list").Output()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "openkarir-compare-") {
		t.Errorf("worktree left behind:\n%s", out)
	}
}
