package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
// ratio this over base for each figure; a figure one build's tool did not
// report is "-" and has no ratio.
func TestCompareTable(t *testing.T) {
	rep := func(ups, forms, p50, p95, p99 float64) *Report {
		return &Report{Users: 1000, Concurrency: 100, Store: "embedded FerretDB", Mode: "polling", Machine: "linux/amd64, 2 CPUs",
			UpdatesPerSec: ups, FormsPerSecond: forms, LatencyP50ms: p50, LatencyP95ms: p95, LatencyP99ms: p99,
			Updates: 10500, Polls: int(ups / 10)}
	}
	old := []string{"p95 ms", "polls/upd"} // c3e66f2's tool reports neither
	cmp := &Comparison{Base: "c3e66f2", This: "this checkout (abc1234)", Runs: []ComparedRun{
		{Round: 1, Build: "base", LoadAvg: "1.00 1.00 1.00", Report: rep(600, 60, 80, 150, 200), Absent: old},
		{Round: 1, Build: "this", LoadAvg: "1.10 1.00 1.00", Report: rep(900, 90, 40, 90, 100)},
		{Round: 2, Build: "this", LoadAvg: "1.20 1.00 1.00", Report: rep(700, 70, 60, 110, 140)},
		{Round: 2, Build: "base", LoadAvg: "1.30 1.00 1.00", Report: rep(400, 40, 120, 250, 300), Absent: old},
	}}
	cmp.Stats = compareStats(cmp.Runs)
	want := map[string][3]float64{ // base median, this median, ratio
		"updates/s": {500, 800, 1.6},
		"forms/s":   {50, 80, 1.6},
		"p50 ms":    {100, 50, 0.5},
		"p95 ms":    {0, 100, 0},
		"p99 ms":    {250, 120, 0.48},
		"polls/upd": {0, 800.0 / 10 / 10500, 0},
		"upd/user":  {10.5, 10.5, 1},
	}
	if len(cmp.Stats) != len(want) {
		t.Fatalf("stats: %+v", cmp.Stats)
	}
	for _, s := range cmp.Stats {
		w := want[s.Name]
		if math.Abs(s.Base-w[0]) > 1e-9 || math.Abs(s.This-w[1]) > 1e-9 || math.Abs(s.Ratio-w[2]) > 1e-9 {
			t.Errorf("%s: base %v, this %v, ratio %v; want %v", s.Name, s.Base, s.This, s.Ratio, w)
		}
	}
	var out strings.Builder
	cmp.WriteTable(&out)
	for _, line := range []string{
		"base: c3e66f2",
		"this: this checkout (abc1234)",
		"users 1000, concurrency 100, polling, linux/amd64, 2 CPUs; 2 runs each",
		"2     base  1.30 1.00 1.00        400.0       40.0      120.0          -      300.0          -      10.50  ok",
		"median base                       500.0       50.0      100.0          -      250.0          -      10.50",
		"ratio this/base                   1.60x      1.60x      0.50x          -      0.48x          -      1.00x",
	} {
		if !strings.Contains(out.String(), line) {
			t.Errorf("table lacks %q:\n%s", line, out.String())
		}
	}
	if strings.Contains(out.String(), "scripts differ") {
		t.Errorf("the same script reported as different:\n%s", out.String())
	}
	if err := cmp.failed(); err != nil {
		t.Errorf("clean runs reported as failed: %v", err)
	}
	cmp.Runs[3].Report.VerifyError = "NIP 1 stored twice"
	if err := cmp.failed(); err == nil || !strings.Contains(err.Error(), "round 2, base") {
		t.Errorf("a failed store check not reported: %v", err)
	}
	// A base whose users send fewer updates each: updates/s is not the
	// fair ratio, and the table says so.
	for _, r := range cmp.Runs {
		if r.Build == "base" {
			r.Report.Updates = 9000
		}
	}
	cmp.Stats = compareStats(cmp.Runs)
	out.Reset()
	cmp.WriteTable(&out)
	if !strings.Contains(out.String(), "note: the two scripts differ: 9.00 updates per user on base, 10.50 on this; compare forms/s") {
		t.Errorf("different scripts not noted:\n%s", out.String())
	}
}

// c3e66f2's -json report (its Report type): no p95, no getUpdates count.
const c3e66f2Report = `{
  "users": 1000, "concurrency": 100, "store": "embedded FerretDB", "mode": "polling",
  "machine": "linux/amd64, 2 CPUs", "seconds": 11.5, "forms_per_second": 86.9, "updates": 10534,
  "updates_per_second": 916.0, "latency_p50_ms": 95.1, "latency_p90_ms": 150.2, "latency_p99_ms": 304.3,
  "latency_max_ms": 420.0, "errors": 0, "bot_peak_rss_mb": 70.2, "forms_stored": 1000
}`

// TestParseToolReport: another build's JSON is read with the figures it
// has, and those it lacks are named, not taken as zero.
func TestParseToolReport(t *testing.T) {
	rep, absent, err := parseToolReport([]byte(c3e66f2Report))
	if err != nil {
		t.Fatal(err)
	}
	if rep.UpdatesPerSec != 916 || rep.FormsPerSecond != 86.9 || rep.LatencyP99ms != 304.3 || rep.Updates != 10534 || rep.FormsStored != 1000 {
		t.Errorf("parsed %+v", rep)
	}
	if strings.Join(absent, ",") != "p95 ms,polls/upd" {
		t.Errorf("absent %v, want p95 ms and polls/upd", absent)
	}
	// This tool's own report lacks nothing in polling mode, and only the
	// polls in webhook mode.
	for mode, want := range map[string]string{"polling": "", "webhook": "polls/upd"} {
		data, _ := json.Marshal(Report{Mode: mode, Users: 2, Updates: 21, Polls: 3})
		_, absent, err := parseToolReport(data)
		if err != nil || strings.Join(absent, ",") != want {
			t.Errorf("%s: absent %v (%v), want %q", mode, absent, err, want)
		}
	}
	if _, _, err := parseToolReport([]byte("users 1000, concurrency 100\n")); err == nil {
		t.Error("a table taken for JSON")
	}
}

// TestToolFlags: the flags are read from a tool's usage, as the flag
// package prints it.
func TestToolFlags(t *testing.T) {
	usage := `Usage of openkarir-load:
  -api-latency duration
    	delay every Bot API call by this much
  -bin string
    	the openkarir binary; empty builds ./cmd/openkarir
  -json
    	print the report as JSON
  -users int
    	how many ASN fill the form (default 1000)
`
	flags := toolFlags(usage)
	for _, f := range []string{"api-latency", "bin", "json", "users"} {
		if !flags[f] {
			t.Errorf("-%s not read", f)
		}
	}
	if len(flags) != 4 {
		t.Errorf("flags %v", flags)
	}
}

// fakeTool writes a shell script standing for another build's load tool:
// it records its arguments in args.txt, prints out and exits with code.
func fakeTool(t *testing.T, out string, code int) (tool, argsFile string) {
	t.Helper()
	dir := t.TempDir()
	tool, argsFile = filepath.Join(dir, "openkarir-load-fake"), filepath.Join(dir, "args.txt")
	script := fmt.Sprintf("#!/bin/sh\necho \"$@\" > %s\ncat <<'EOF'\n%s\nEOF\necho 'bot: started' >&2\nexit %d\n", argsFile, out, code)
	if err := os.WriteFile(tool, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return tool, argsFile
}

// TestRevisionTool: a revision's own load tool is run with the load's
// settings, its bot and -json, and its report is read even when it exits
// non-zero (a failed store check); a tool that prints no report fails
// the run with what it said, and a setting it has no flag for is refused
// before anything runs.
func TestRevisionTool(t *testing.T) {
	flags := toolFlags("  -bin string\n  -json\n  -quiet\n  -users int\n  -concurrency int\n  -mode string\n  -api-latency duration\n")
	cfg := Config{Users: 40, Concurrency: 8, Mode: "polling", APILatency: 50 * time.Millisecond}
	tool, argsFile := fakeTool(t, c3e66f2Report, 1)
	b := revBuild{label: "c3e66f2", bot: "/tmp/openkarir-c3e66f2", tool: tool, flags: flags}
	args, err := b.toolArgs(cfg)
	if err != nil {
		t.Fatal(err)
	}
	rep, absent, err := b.runTool(args, t.TempDir())(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if rep.UpdatesPerSec != 916 || len(absent) != 2 {
		t.Errorf("report %+v, absent %v", rep, absent)
	}
	got, err := os.ReadFile(argsFile)
	if err != nil {
		t.Fatal(err)
	}
	if want := "-bin /tmp/openkarir-c3e66f2 -json -quiet -users 40 -concurrency 8 -mode polling -api-latency 50ms"; strings.TrimSpace(string(got)) != want {
		t.Errorf("the tool ran with %q, want %q", got, want)
	}

	silent, _ := fakeTool(t, "", 1)
	b.tool = silent
	if _, _, err := b.runTool(args, t.TempDir())(context.Background()); err == nil || !strings.Contains(err.Error(), "bot: started") {
		t.Errorf("a tool with no report: %v", err)
	}

	cfg.Bots, cfg.MongoURI, cfg.Mode = 2, "mongodb://127.0.0.1:1", "webhook"
	if _, err := b.toolArgs(cfg); err == nil || !strings.Contains(err.Error(), "has no -mongodb-uri") {
		t.Errorf("a setting the tool lacks: %v", err)
	}
}

// TestCompareCeiling: -compare ceiling runs the tool's trivial bot as the
// base, so the ratio is the one to the instrument's ceiling; here the
// ceiling against itself, which also shows both sides run alternated.
func TestCompareCeiling(t *testing.T) {
	cmp, err := Compare(context.Background(), Config{Users: 10, Concurrency: 5, Mode: "polling", Bot: botCeiling}, botCeiling, 2)
	if err != nil {
		t.Fatal(err)
	}
	if err := cmp.failed(); err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, r := range cmp.Runs {
		order = append(order, r.Build)
		if r.Report.Bot != botCeiling || len(r.Absent) != 0 {
			t.Errorf("%+v", r)
		}
	}
	if strings.Join(order, ",") != "base,this,this,base" || !strings.HasPrefix(cmp.Base, "ceiling") {
		t.Errorf("base %q, order %v", cmp.Base, order)
	}
	for _, s := range cmp.Stats {
		if s.Ratio <= 0 {
			t.Errorf("%s: no ratio", s.Name)
		}
	}
	if _, err := Compare(context.Background(), Config{Users: 1, Concurrency: 1, Mode: "webhook"}, botGrammy, 1); err == nil {
		t.Error("a reference bot compared in webhook mode")
	}
}

// TestCompareRevision compares this checkout with another commit played
// by its own load tool, as -compare REV does: opt-in, it builds both
// bots and the other tool (minutes). OPENKARIR_COMPARE_REV=c3e66f2, the
// end of round 1, whose users' script is older than this one's buttons.
func TestCompareRevision(t *testing.T) {
	rev := os.Getenv("OPENKARIR_COMPARE_REV")
	if rev == "" {
		t.Skip("set OPENKARIR_COMPARE_REV to a commit (e.g. c3e66f2)")
	}
	cmp, err := Compare(context.Background(), Config{Users: 20, Concurrency: 5, Mode: "polling"}, rev, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := cmp.failed(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(cmp.Base, "its own load tool") {
		t.Errorf("base %q", cmp.Base)
	}
	for _, r := range cmp.Runs {
		if r.Report.FormsStored != 20 {
			t.Errorf("%s: %d forms stored", r.Build, r.Report.FormsStored)
		}
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

// TestCompareFailureSaysWhy: a failed comparison names its first failed
// run with that run's first error (all that -json leaves on the
// terminal), and an older tool's report that names no first error takes
// the last line of the tool's stderr instead.
func TestCompareFailureSaysWhy(t *testing.T) {
	clean := func() *Report { return &Report{Users: 10, Mode: "polling", Updates: 100} }
	lost := clean()
	lost.Errors, lost.FirstError = 3, `chat 1000007: wanted "Target kinerja", got nothing (context deadline exceeded)`
	twice := clean()
	twice.VerifyError, twice.FirstError = "NIP 1 stored twice", "chat 1000002: wanted \"Terkirim\", got \"Maaf\""
	cmp := &Comparison{Runs: []ComparedRun{
		{Round: 1, Build: "base", Report: clean()},
		{Round: 1, Build: "this", Report: lost},
		{Round: 2, Build: "this", Report: twice},
	}}
	err := cmp.failed()
	if err == nil || err.Error() != `round 1, this: 3 errors; first error: chat 1000007: wanted "Target kinerja", got nothing (context deadline exceeded) (and 1 more runs failed)` {
		t.Errorf("failed: %v", err)
	}
	var out strings.Builder
	cmp.WriteTable(&out)
	if !strings.Contains(out.String(), `FAILED: NIP 1 stored twice; first error: chat 1000002: wanted "Terkirim", got "Maaf"`) {
		t.Errorf("the table does not say why round 2 failed:\n%s", out.String())
	}

	flags := toolFlags("  -bin string\n  -json\n  -quiet\n  -users int\n  -concurrency int\n  -mode string\n")
	tool, _ := fakeTool(t, strings.Replace(c3e66f2Report, `"errors": 0`, `"errors": 2`, 1), 0)
	b := revBuild{label: "c3e66f2", bot: "/tmp/openkarir-c3e66f2", tool: tool, flags: flags}
	args, err := b.toolArgs(Config{Users: 10, Concurrency: 2, Mode: "polling"})
	if err != nil {
		t.Fatal(err)
	}
	rep, _, err := b.runTool(args, t.TempDir())(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Errors != 2 || rep.FirstError != "bot: started" {
		t.Errorf("errors %d, first error %q: want 2 and the tool's last stderr line", rep.Errors, rep.FirstError)
	}
}
