package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
)

// Comparison is the same load run on two bots, back to back: Base is
// another commit (-compare REV, played by REV's own load tool when it has
// one) or a reference bot (-compare ceiling or grammy), This the bot of
// -bot and -bin, or of this checkout.
type Comparison struct {
	Base  string         `json:"base"`
	This  string         `json:"this"`
	Runs  []ComparedRun  `json:"runs"`
	Stats []ComparedStat `json:"stats"`
}

// ComparedRun is one run of one build, with the machine's load average
// read just before it (the machine is shared: a figure means little
// without it). Absent are the figures its load tool did not report (an
// older tool's JSON lacks some).
type ComparedRun struct {
	Round   int      `json:"round"`
	Build   string   `json:"build"` // "base" or "this"
	LoadAvg string   `json:"load_average"`
	Report  *Report  `json:"report"`
	Absent  []string `json:"absent,omitempty"`
}

// ComparedStat is one figure's median over each build's runs and their
// ratio, this over base (0 when either build did not report it).
type ComparedStat struct {
	Name         string  `json:"name"`
	Base         float64 `json:"base"`
	This         float64 `json:"this"`
	Ratio        float64 `json:"ratio"`
	HigherBetter bool    `json:"higher_is_better"`
	// BaseRuns and ThisRuns are how many runs of each reported it.
	BaseRuns int `json:"base_runs"`
	ThisRuns int `json:"this_runs"`
}

// comparedFigures are what a comparison reports, in print order; keys are
// the report's JSON fields each needs (absent from an older tool's JSON,
// the figure is not compared).
var comparedFigures = []struct {
	name   string
	higher bool
	keys   []string
	of     func(*Report) float64
}{
	{"updates/s", true, []string{"updates_per_second"}, func(r *Report) float64 { return r.UpdatesPerSec }},
	{"forms/s", true, []string{"forms_per_second"}, func(r *Report) float64 { return r.FormsPerSecond }},
	{"p50 ms", false, []string{"latency_p50_ms"}, func(r *Report) float64 { return r.LatencyP50ms }},
	{"p95 ms", false, []string{"latency_p95_ms"}, func(r *Report) float64 { return r.LatencyP95ms }},
	{"p99 ms", false, []string{"latency_p99_ms"}, func(r *Report) float64 { return r.LatencyP99ms }},
	{"polls/upd", false, []string{"get_updates_calls", "updates"}, func(r *Report) float64 { return float64(r.Polls) / float64(max(r.Updates, 1)) }},
	{"upd/user", false, []string{"updates", "users"}, func(r *Report) float64 { return float64(r.Updates) / float64(max(r.Users, 1)) }},
}

// side is how one build of a comparison runs once.
type side func(ctx context.Context) (*Report, []string, error)

// Compare runs cfg on the base (rev: a git revision, or ceiling or grammy)
// and on this build runs times each, alternating which goes first so that
// neither always meets the machine warmer or busier. A revision is built
// in a temporary git worktree (removed once built) with its own load tool
// when it has one, which then plays its own users' script against its
// bot: the script changes with the bot (issue 25's buttons), so an older
// bot fails this tool's users.
func Compare(ctx context.Context, cfg Config, rev string, runs int) (*Comparison, error) {
	if runs < 1 {
		return nil, errors.New("runs must be at least 1")
	}
	if cfg.DataDir != "" || cfg.KillEvery > 0 || cfg.StopAfter > 0 {
		return nil, errors.New("a comparison runs the plain load: no data dir, -kill-every or -stop-after")
	}
	peerBase := cfg
	peerBase.Bot, peerBase.Binary = rev, ""
	if isPeer(rev) {
		if err := checkPeer(peerBase); err != nil {
			return nil, err
		}
	}
	tmp, err := os.MkdirTemp("", "openkarir-compare-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	cmp := &Comparison{}
	switch {
	case isPeer(cfg.Bot):
		cmp.This = cfg.Bot + " (reference bot)"
	case cfg.Binary != "":
		cmp.This = cfg.Binary
	default:
		if cfg.Binary, err = buildBot(ctx, tmp); err != nil {
			return nil, err
		}
		cmp.This = "this checkout"
		if head, err := gitOutput(ctx, "", "rev-parse", "--short", "HEAD"); err == nil {
			cmp.This = "this checkout (" + head + dirtyMark(ctx) + ")"
		}
	}
	sides := map[string]side{"this": inProcess(cfg)}
	if isPeer(rev) {
		cmp.Base, sides["base"] = rev+" (reference bot: the trivial script, state in memory)", inProcess(peerBase)
	} else {
		b, err := buildRevision(ctx, rev, tmp)
		if err != nil {
			return nil, err
		}
		if b.tool == "" {
			base := cfg
			base.Bot, base.Binary = botOpenkarir, b.bot
			cmp.Base, sides["base"] = b.label+" (played by this load tool: it has none)", inProcess(base)
		} else {
			args, err := b.toolArgs(cfg)
			if err != nil {
				return nil, err
			}
			cmp.Base, sides["base"] = b.label+" (played by its own load tool)", b.runTool(args, tmp)
		}
	}
	for round := range runs {
		order := []string{"base", "this"}
		if round%2 == 1 {
			order = []string{"this", "base"}
		}
		for _, build := range order {
			if cfg.Progress != nil {
				fmt.Fprintf(cfg.Progress, "round %d/%d: %s\n", round+1, runs, build)
			}
			load := loadAverage()
			rep, absent, err := sides[build](ctx)
			if err != nil {
				return nil, fmt.Errorf("round %d, %s: %w", round+1, build, err)
			}
			cmp.Runs = append(cmp.Runs, ComparedRun{Round: round + 1, Build: build, LoadAvg: load, Report: rep, Absent: absent})
		}
	}
	cmp.Stats = compareStats(cmp.Runs)
	return cmp, nil
}

// inProcess runs cfg with this load tool; its report has every figure
// (getUpdates only when long polling).
func inProcess(cfg Config) side {
	return func(ctx context.Context) (*Report, []string, error) {
		rep, err := Run(ctx, cfg)
		if err != nil {
			return nil, nil, err
		}
		var absent []string
		if rep.Mode != "polling" {
			absent = append(absent, "polls/upd")
		}
		return rep, absent, nil
	}
}

// compareStats takes each figure's median per build and the ratio, over
// the runs that reported it.
func compareStats(runs []ComparedRun) []ComparedStat {
	var stats []ComparedStat
	for _, f := range comparedFigures {
		var base, this []float64
		for _, r := range runs {
			if slices.Contains(r.Absent, f.name) {
				continue
			}
			if r.Build == "base" {
				base = append(base, f.of(r.Report))
			} else {
				this = append(this, f.of(r.Report))
			}
		}
		s := ComparedStat{Name: f.name, Base: median(base), This: median(this), HigherBetter: f.higher, BaseRuns: len(base), ThisRuns: len(this)}
		if s.Base != 0 && len(this) > 0 {
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

// scriptsDiffer says how the two builds' users' scripts differ in updates
// per user, if they do by more than 1%: updates/s then compares different
// work, and forms/s (a whole form each) is the fair ratio.
func (c *Comparison) scriptsDiffer() string {
	for _, s := range c.Stats {
		if s.Name == "upd/user" && s.Base > 0 && s.This > 0 && (s.Ratio < 0.99 || s.Ratio > 1.01) {
			return fmt.Sprintf("the two scripts differ: %.2f updates per user on base, %.2f on this; compare forms/s, not updates/s", s.Base, s.This)
		}
	}
	return ""
}

// failed says why the comparison's figures are not to be trusted, if any
// run lost a user or failed its store check: the first such run, with its
// first error, so that a failed comparison can be diagnosed from its last
// line alone (with -json nothing else is printed to the terminal).
func (c *Comparison) failed() error {
	var first *ComparedRun
	n := 0
	for i, r := range c.Runs {
		if r.problem() != "" {
			if first == nil {
				first = &c.Runs[i]
			}
			n++
		}
	}
	if first == nil {
		return nil
	}
	more := ""
	if n > 1 {
		more = fmt.Sprintf(" (and %d more runs failed)", n-1)
	}
	return fmt.Errorf("round %d, %s: %s%s", first.Round, first.Build, first.problem(), more)
}

// problem says what went wrong in the run, if anything: its errors, its
// store check, and the first error it met.
func (r ComparedRun) problem() string {
	var parts []string
	if r.Report.Errors > 0 {
		parts = append(parts, fmt.Sprintf("%d errors", r.Report.Errors))
	}
	if r.Report.VerifyError != "" {
		parts = append(parts, "store check failed: "+r.Report.VerifyError)
	}
	if len(parts) == 0 {
		return ""
	}
	s := strings.Join(parts, ", ")
	if r.Report.FirstError != "" {
		s += "; first error: " + r.Report.FirstError
	}
	return s
}
