package main

import (
	"fmt"
	"io"
	"slices"
)

// WriteTable prints every run, then the medians and the ratios; a figure
// a build's tool did not report is "-".
func (c *Comparison) WriteTable(w io.Writer) {
	fmt.Fprintf(w, "base: %s\nthis: %s\n", c.Base, c.This)
	if len(c.Runs) > 0 {
		r := c.Runs[0].Report
		fmt.Fprintf(w, "users %d, concurrency %d, %s, %s; %d runs each\n",
			r.Users, r.Concurrency, r.Mode, r.Machine, (len(c.Runs)+1)/2)
	}
	fmt.Fprintf(w, "%-5s %-5s %-16s", "round", "build", "load average")
	for _, f := range comparedFigures {
		fmt.Fprintf(w, " %10s", f.name)
	}
	fmt.Fprintf(w, "  %s\n", "store check")
	for _, r := range c.Runs {
		fmt.Fprintf(w, "%-5d %-5s %-16s", r.Round, r.Build, r.LoadAvg)
		for _, f := range comparedFigures {
			if slices.Contains(r.Absent, f.name) {
				fmt.Fprintf(w, " %10s", "-")
				continue
			}
			fmt.Fprintf(w, " %10.*f", decimals(f.name), f.of(r.Report))
		}
		check := "ok"
		switch {
		case r.Report.VerifyError != "":
			check = "FAILED: " + r.Report.VerifyError
			if r.Report.FirstError != "" {
				check += "; first error: " + r.Report.FirstError
			}
		case r.Report.Errors > 0:
			check = fmt.Sprintf("%d errors: %s", r.Report.Errors, r.Report.FirstError)
		case r.Report.Bot != "":
			check = "none (" + r.Report.Bot + " stores nothing)"
		}
		fmt.Fprintf(w, "  %s\n", check)
	}
	for _, row := range []struct {
		label string
		of    func(ComparedStat) float64
		n     func(ComparedStat) int
	}{
		{"median base", func(s ComparedStat) float64 { return s.Base }, func(s ComparedStat) int { return s.BaseRuns }},
		{"median this", func(s ComparedStat) float64 { return s.This }, func(s ComparedStat) int { return s.ThisRuns }},
	} {
		fmt.Fprintf(w, "%-28s", row.label)
		for _, s := range c.Stats {
			if row.n(s) == 0 {
				fmt.Fprintf(w, " %10s", "-")
				continue
			}
			fmt.Fprintf(w, " %10.*f", decimals(s.Name), row.of(s))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "%-28s", "ratio this/base")
	for _, s := range c.Stats {
		if s.Ratio == 0 {
			fmt.Fprintf(w, " %10s", "-")
			continue
		}
		fmt.Fprintf(w, " %9.2fx", s.Ratio)
	}
	fmt.Fprintln(w, "  (throughput: higher is better; latency and polls: lower is better)")
	if note := c.scriptsDiffer(); note != "" {
		fmt.Fprintln(w, "note:", note)
	}
}

// decimals is how precisely a figure prints: counts per update to the
// hundredth, the rest to the tenth.
func decimals(figure string) int {
	if figure == "polls/upd" || figure == "upd/user" {
		return 2
	}
	return 1
}
