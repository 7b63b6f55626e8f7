package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// Comparison is the same load run on two builds of the bot, back to back:
// Base is another commit (-compare REV), This the bot of -bin or of this
// checkout.
type Comparison struct {
	Base  string         `json:"base"`
	This  string         `json:"this"`
	Runs  []ComparedRun  `json:"runs"`
	Stats []ComparedStat `json:"stats"`
}

// ComparedRun is one run of one build, with the machine's load average
// read just before it (the machine is shared: a figure means little
// without it).
type ComparedRun struct {
	Round   int     `json:"round"`
	Build   string  `json:"build"` // "base" or "this"
	LoadAvg string  `json:"load_average"`
	Report  *Report `json:"report"`
}

// ComparedStat is one figure's median over each build's runs and their
// ratio, this over base.
type ComparedStat struct {
	Name         string  `json:"name"`
	Base         float64 `json:"base"`
	This         float64 `json:"this"`
	Ratio        float64 `json:"ratio"`
	HigherBetter bool    `json:"higher_is_better"`
}

// comparedFigures are what a comparison reports, in print order.
var comparedFigures = []struct {
	name   string
	higher bool
	of     func(*Report) float64
}{
	{"updates/s", true, func(r *Report) float64 { return r.UpdatesPerSec }},
	{"forms/s", true, func(r *Report) float64 { return r.FormsPerSecond }},
	{"p50 ms", false, func(r *Report) float64 { return r.LatencyP50ms }},
	{"p95 ms", false, func(r *Report) float64 { return r.LatencyP95ms }},
	{"p99 ms", false, func(r *Report) float64 { return r.LatencyP99ms }},
}

// Compare builds rev in a temporary git worktree (removed afterwards), then
// runs cfg on it and on cfg.Binary (built from this checkout when empty)
// runs times each, alternating which goes first so that neither always
// meets the machine warmer or busier.
func Compare(ctx context.Context, cfg Config, rev string, runs int) (*Comparison, error) {
	if runs < 1 {
		return nil, errors.New("runs must be at least 1")
	}
	if cfg.DataDir != "" || cfg.KillEvery > 0 || cfg.StopAfter > 0 {
		return nil, errors.New("a comparison runs the plain load: no data dir, -kill-every or -stop-after")
	}
	tmp, err := os.MkdirTemp("", "openkarir-compare-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	cmp := &Comparison{This: "this checkout"}
	if cfg.Binary == "" {
		if cfg.Binary, err = buildBot(ctx, tmp); err != nil {
			return nil, err
		}
		if head, err := gitOutput(ctx, "", "rev-parse", "--short", "HEAD"); err == nil {
			cmp.This = "this checkout (" + head + dirtyMark(ctx) + ")"
		}
	} else {
		cmp.This = cfg.Binary
	}
	base, label, err := buildRevision(ctx, rev, tmp)
	if err != nil {
		return nil, err
	}
	cmp.Base = label
	bins := map[string]string{"base": base, "this": cfg.Binary}
	for round := range runs {
		order := []string{"base", "this"}
		if round%2 == 1 {
			order = []string{"this", "base"}
		}
		for _, build := range order {
			c := cfg
			c.Binary = bins[build]
			if cfg.Progress != nil {
				fmt.Fprintf(cfg.Progress, "round %d/%d: %s\n", round+1, runs, build)
			}
			load := loadAverage()
			rep, err := Run(ctx, c)
			if err != nil {
				return nil, fmt.Errorf("round %d, %s: %w", round+1, build, err)
			}
			cmp.Runs = append(cmp.Runs, ComparedRun{Round: round + 1, Build: build, LoadAvg: load, Report: rep})
		}
	}
	cmp.Stats = compareStats(cmp.Runs)
	return cmp, nil
}

// compareStats takes each figure's median per build and the ratio.
func compareStats(runs []ComparedRun) []ComparedStat {
	var stats []ComparedStat
	for _, f := range comparedFigures {
		var base, this []float64
		for _, r := range runs {
			if r.Build == "base" {
				base = append(base, f.of(r.Report))
			} else {
				this = append(this, f.of(r.Report))
			}
		}
		s := ComparedStat{Name: f.name, Base: median(base), This: median(this), HigherBetter: f.higher}
		if s.Base != 0 {
			s.Ratio = s.This / s.Base
		}
		stats = append(stats, s)
	}
	return stats
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	xs = slices.Sorted(slices.Values(xs))
	if n := len(xs); n%2 == 0 {
		return (xs[n/2-1] + xs[n/2]) / 2
	}
	return xs[len(xs)/2]
}

// WriteTable prints every run, then the medians and the ratios.
func (c *Comparison) WriteTable(w io.Writer) {
	fmt.Fprintf(w, "base: %s\nthis: %s\n", c.Base, c.This)
	if len(c.Runs) > 0 {
		r := c.Runs[0].Report
		fmt.Fprintf(w, "users %d, concurrency %d, store %s, %s, %s; %d runs each\n",
			r.Users, r.Concurrency, r.Store, r.Mode, r.Machine, (len(c.Runs)+1)/2)
	}
	fmt.Fprintf(w, "%-5s %-5s %-16s", "round", "build", "load average")
	for _, f := range comparedFigures {
		fmt.Fprintf(w, " %10s", f.name)
	}
	fmt.Fprintf(w, "  %s\n", "store check")
	for _, r := range c.Runs {
		fmt.Fprintf(w, "%-5d %-5s %-16s", r.Round, r.Build, r.LoadAvg)
		for _, f := range comparedFigures {
			fmt.Fprintf(w, " %10.1f", f.of(r.Report))
		}
		check := "ok"
		switch {
		case r.Report.VerifyError != "":
			check = "FAILED: " + r.Report.VerifyError
		case r.Report.Errors > 0:
			check = fmt.Sprintf("%d errors: %s", r.Report.Errors, r.Report.FirstError)
		}
		fmt.Fprintf(w, "  %s\n", check)
	}
	for _, row := range []struct {
		label string
		of    func(ComparedStat) float64
	}{{"median base", func(s ComparedStat) float64 { return s.Base }}, {"median this", func(s ComparedStat) float64 { return s.This }}} {
		fmt.Fprintf(w, "%-28s", row.label)
		for _, s := range c.Stats {
			fmt.Fprintf(w, " %10.1f", row.of(s))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "%-28s", "ratio this/base")
	for _, s := range c.Stats {
		fmt.Fprintf(w, " %9.2fx", s.Ratio)
	}
	fmt.Fprintln(w, "  (throughput: higher is better; latency: lower is better)")
}

// failed says why the comparison's figures are not to be trusted, if any
// run lost a user or failed its store check.
func (c *Comparison) failed() error {
	for _, r := range c.Runs {
		if r.Report.VerifyError != "" || r.Report.Errors > 0 {
			return fmt.Errorf("round %d, %s: %d errors, store check %q", r.Round, r.Build, r.Report.Errors, r.Report.VerifyError)
		}
	}
	return nil
}

// buildRevision builds the bot of rev in a temporary git worktree of this
// checkout's repository, removed again once built; it returns the binary
// and rev's short hash.
func buildRevision(ctx context.Context, rev, dir string) (bin, label string, err error) {
	label, err = gitOutput(ctx, "", "rev-parse", "--short", rev+"^{commit}")
	if err != nil {
		return "", "", fmt.Errorf("revision %q: %w", rev, err)
	}
	tree := filepath.Join(dir, "tree-"+label)
	if _, err := gitOutput(ctx, "", "worktree", "add", "--detach", tree, label); err != nil {
		return "", "", fmt.Errorf("check out %s: %w", label, err)
	}
	defer func() {
		if _, rmErr := gitOutput(context.WithoutCancel(ctx), "", "worktree", "remove", "--force", tree); rmErr != nil {
			err = errors.Join(err, fmt.Errorf("remove the worktree of %s: %w", label, rmErr))
		}
	}()
	bin = filepath.Join(dir, "openkarir-"+label)
	if err := goBuild(ctx, tree, bin); err != nil {
		return "", "", fmt.Errorf("build %s: %w", label, err)
	}
	return bin, label, nil
}

// gitOutput runs git in dir (empty: the current directory) and returns
// its trimmed output.
func gitOutput(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return "", fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(string(exit.Stderr)))
		}
		return "", fmt.Errorf("git %s: %w", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out)), nil
}

// dirtyMark is "+" when the checkout has changes not committed (the build
// of this checkout is then not HEAD's).
func dirtyMark(ctx context.Context) string {
	if out, err := gitOutput(ctx, "", "status", "--porcelain", "--untracked-files=no"); err == nil && out != "" {
		return "+"
	}
	return ""
}

// loadAverage is the machine's 1, 5 and 15 minute load average (Linux;
// "?" elsewhere).
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}
