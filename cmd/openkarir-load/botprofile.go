package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"time"
)

// botProfiler reads the bot's debug server (DEBUG_ADDR) while the users
// play: a CPU profile of the first seconds of the play, the allocations
// made during it (the heap profile's counts at the end, less those at the
// start: `go tool pprof -diff_base`), and the database commands it sent.
type botProfiler struct {
	addr    string // the bot's DEBUG_ADDR
	prefix  string // files PREFIX.cpu.pprof, PREFIX.allocs.pprof, PREFIX.allocs-start.pprof; empty: commands only
	seconds int

	startOps map[string]dbOp
	cpuDone  chan error
}

// dbOp is one command's tally as the bot's /debug/dbops serves it.
type dbOp struct {
	Count  int64 `json:"count"`
	Micros int64 `json:"micros"`
}

// DBOpStat is one command per update over the play.
type DBOpStat struct {
	Op        string  `json:"op"` // command and collection: "find submissions"
	PerUpdate float64 `json:"per_update"`
	// MicrosPerUpdate is the time the command took, from the driver's
	// sending it to the answer, per update (waits for the connection
	// not included).
	MicrosPerUpdate float64 `json:"micros_per_update"`
}

// start runs when the users start to play.
func (p *botProfiler) start(ctx context.Context) error {
	ops, err := p.ops(ctx)
	if err != nil {
		return err
	}
	p.startOps = ops
	if p.prefix == "" {
		return nil
	}
	if err := p.save(ctx, "/debug/pprof/allocs", p.prefix+".allocs-start.pprof"); err != nil {
		return err
	}
	p.cpuDone = make(chan error, 1)
	go func() {
		p.cpuDone <- p.save(ctx, fmt.Sprintf("/debug/pprof/profile?seconds=%d", p.seconds), p.prefix+".cpu.pprof")
	}()
	return nil
}

// finish runs when the users are done (the bot still running): it waits
// for the CPU profile and returns the commands per update.
func (p *botProfiler) finish(ctx context.Context, updates int64) ([]DBOpStat, error) {
	if p.cpuDone != nil {
		if err := <-p.cpuDone; err != nil {
			return nil, err
		}
		if err := p.save(ctx, "/debug/pprof/allocs", p.prefix+".allocs.pprof"); err != nil {
			return nil, err
		}
	}
	end, err := p.ops(ctx)
	if err != nil {
		return nil, err
	}
	return opsPerUpdate(p.startOps, end, updates), nil
}

// opsPerUpdate is the commands sent between two tallies, per update, most
// frequent first; the first entry, "all", sums them.
func opsPerUpdate(start, end map[string]dbOp, updates int64) []DBOpStat {
	if updates <= 0 {
		return nil
	}
	n := float64(updates)
	var stats []DBOpStat
	var all DBOpStat
	for op, e := range end {
		count, micros := e.Count-start[op].Count, e.Micros-start[op].Micros
		if count == 0 {
			continue
		}
		s := DBOpStat{Op: op, PerUpdate: float64(count) / n, MicrosPerUpdate: float64(micros) / n}
		all.PerUpdate += s.PerUpdate
		all.MicrosPerUpdate += s.MicrosPerUpdate
		stats = append(stats, s)
	}
	slices.SortFunc(stats, func(a, b DBOpStat) int {
		if a.PerUpdate != b.PerUpdate {
			if a.PerUpdate > b.PerUpdate {
				return -1
			}
			return 1
		}
		if a.Op < b.Op {
			return -1
		}
		return 1
	})
	all.Op = "all"
	return append([]DBOpStat{all}, stats...)
}

// ops reads the bot's command tallies; a build without them (older than
// the counter) answers 404, which counts as none.
func (p *botProfiler) ops(ctx context.Context) (map[string]dbOp, error) {
	body, status, err := p.get(ctx, "/debug/dbops")
	if err != nil {
		return nil, err
	}
	ops := map[string]dbOp{}
	if status == http.StatusNotFound {
		return ops, nil
	}
	if err := json.Unmarshal(body, &ops); err != nil {
		return nil, fmt.Errorf("the bot's /debug/dbops: %w", err)
	}
	return ops, nil
}

func (p *botProfiler) save(ctx context.Context, path, file string) error {
	body, status, err := p.get(ctx, path)
	if err != nil {
		return err
	}
	if status != http.StatusOK {
		return fmt.Errorf("the bot's %s: status %d", path, status)
	}
	return os.WriteFile(file, body, 0o644)
}

func (p *botProfiler) get(ctx context.Context, path string) ([]byte, int, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Duration(p.seconds+30)*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+p.addr+path, nil)
	if err != nil {
		return nil, 0, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, 0, fmt.Errorf("the bot's debug server: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return body, resp.StatusCode, err
}
