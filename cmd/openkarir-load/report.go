package main

import (
	"fmt"
	"io"
)

// Report is what a run measured.
type Report struct {
	Bot            string  `json:"bot,omitempty"` // a reference bot (-bot), not openkarir
	Users          int     `json:"users"`
	Concurrency    int     `json:"concurrency"`
	Store          string  `json:"store"`
	Mode           string  `json:"mode"`
	Bots           int     `json:"bots,omitempty"`            // bot processes, when more than one
	UpdatesPerBot  []int64 `json:"updates_per_bot,omitempty"` // posts each answered 200
	APILatencyMS   float64 `json:"api_latency_ms,omitempty"`
	Machine        string  `json:"machine"`
	Seconds        float64 `json:"seconds"`
	FormsPerSecond float64 `json:"forms_per_second"`
	Updates        int64   `json:"updates"`
	UpdatesPerSec  float64 `json:"updates_per_second"`
	LatencyP50ms   float64 `json:"latency_p50_ms"`
	LatencyP90ms   float64 `json:"latency_p90_ms"`
	LatencyP95ms   float64 `json:"latency_p95_ms"`
	LatencyP99ms   float64 `json:"latency_p99_ms"`
	LatencyMaxms   float64 `json:"latency_max_ms"`
	Errors         int64   `json:"errors"`
	Polls          int     `json:"get_updates_calls"` // the bot's getUpdates during the play (long polling)
	Kills          int     `json:"kills,omitempty"`
	FirstError     string  `json:"first_error,omitempty"`
	PeakRSSMB      float64 `json:"bot_peak_rss_mb"`
	StopAfter      int     `json:"stop_after,omitempty"`
	FormsStored    int     `json:"forms_stored"`
	VerifyError    string  `json:"verify_error,omitempty"`
	// DBOps are the bot's database commands per update (-db-ops), "all"
	// first, then each by command and collection, most frequent first.
	DBOps []DBOpStat `json:"db_ops_per_update,omitempty"`
}

// WriteTable prints the report for a person.
func (r Report) WriteTable(w io.Writer) {
	fmt.Fprintf(w, "users %d, concurrency %d, store %s, %s, %s\n", r.Users, r.Concurrency, r.Store, r.Mode, r.Machine)
	if r.Bot != "" {
		fmt.Fprintf(w, "%-28s %10s (the trivial script, state in memory)\n", "bot", r.Bot)
	}
	rss := "bot peak RSS"
	if r.Bots > 1 {
		fmt.Fprintf(w, "%-28s %10d (webhook posts answered: %v)\n", "bot processes, alternated", r.Bots, r.UpdatesPerBot)
		rss = "bot peak RSS (per process)"
	}
	if r.APILatencyMS > 0 {
		fmt.Fprintf(w, "%-28s %10.1f ms\n", "Bot API latency added", r.APILatencyMS)
	}
	fmt.Fprintf(w, "%-28s %10.1f s\n", "wall time", r.Seconds)
	fmt.Fprintf(w, "%-28s %10.1f\n", "forms completed / s", r.FormsPerSecond)
	fmt.Fprintf(w, "%-28s %10.1f (%d updates)\n", "updates handled / s", r.UpdatesPerSec, r.Updates)
	fmt.Fprintf(w, "%-28s %6.1f / %.1f / %.1f / %.1f / %.1f ms\n", "reply p50 / p90 / p95 / p99 / max", r.LatencyP50ms, r.LatencyP90ms, r.LatencyP95ms, r.LatencyP99ms, r.LatencyMaxms)
	if r.Mode == "polling" {
		fmt.Fprintf(w, "%-28s %10d (%.2f per update)\n", "getUpdates calls", r.Polls, float64(r.Polls)/float64(max(r.Updates, 1)))
	}
	fmt.Fprintf(w, "%-28s %10d %s\n", "errors", r.Errors, r.FirstError)
	fmt.Fprintf(w, "%-28s %10.1f MB\n", rss, r.PeakRSSMB)
	for i, op := range r.DBOps {
		label := ""
		if i == 0 {
			label = "database commands / update"
		}
		fmt.Fprintf(w, "%-28s %10.2f  %-28s %7.0f us\n", label, op.PerUpdate, op.Op, op.MicrosPerUpdate)
	}
	if r.Bot != "" {
		fmt.Fprintf(w, "%-28s %10s (the bot stores nothing: %d forms sent)\n", "forms in the store", "-", int(r.FormsPerSecond*r.Seconds+0.5))
		return
	}
	if r.StopAfter > 0 {
		fmt.Fprintf(w, "%-28s %10s (each user stopped after %d steps, the form left open)\n", "forms in the store", "-", r.StopAfter)
		return
	}
	status := "every form stored once, complete"
	if r.VerifyError != "" {
		status = "FAILED: " + r.VerifyError
	}
	fmt.Fprintf(w, "%-28s %10d (%s)\n", "forms in the store", r.FormsStored, status)
}
