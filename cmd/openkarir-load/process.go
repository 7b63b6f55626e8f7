package main

import (
	"context"
	"fmt"
	mrand "math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// botProcess is the bot binary as a child process, which the crash test
// kills and starts again.
type botProcess struct {
	bin, dir string
	args     []string
	env      []string

	mu      sync.Mutex
	cmd     *exec.Cmd
	peakRSS float64
}

func (b *botProcess) start() error {
	cmd := exec.Command(b.bin, b.args...)
	cmd.Env, cmd.Dir, cmd.Stderr = b.env, b.dir, os.Stderr
	dieWithParent(cmd)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start bot: %w", err)
	}
	b.mu.Lock()
	b.cmd = cmd
	b.mu.Unlock()
	return nil
}

func (b *botProcess) pid() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.cmd == nil {
		return 0
	}
	return b.cmd.Process.Pid
}

// stop ends the bot gracefully (once).
func (b *botProcess) stop() {
	b.mu.Lock()
	cmd := b.cmd
	b.cmd = nil
	b.mu.Unlock()
	if cmd != nil {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	}
}

// killer kills one of the bots (at random) with SIGKILL after a random
// number of updates around every and starts it again, until done; it
// returns how many times it killed.
func killer(procs []*botProcess, done <-chan struct{}, every int64, updates func() int64) int {
	if every <= 0 {
		return 0
	}
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	kills := 0
	for {
		for due := updates() + every/2 + mrand.Int64N(every); updates() < due; {
			select {
			case <-done:
				return kills
			case <-tick.C:
			}
		}
		b := procs[mrand.IntN(len(procs))]
		b.mu.Lock()
		cmd := b.cmd
		b.mu.Unlock()
		if cmd == nil {
			return kills
		}
		b.peakRSS = max(b.peakRSS, peakRSS(cmd.Process.Pid))
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		kills++
		if err := b.start(); err != nil {
			return kills
		}
	}
}

// buildBot compiles the bot from this module.
func buildBot(ctx context.Context, dir string) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil || strings.TrimSpace(string(out)) == "" {
		return "", fmt.Errorf("find the openkarir module (run from its checkout): %v", err)
	}
	bin := filepath.Join(dir, "openkarir")
	if err := goBuild(ctx, filepath.Dir(strings.TrimSpace(string(out))), bin, "./cmd/openkarir"); err != nil {
		return "", fmt.Errorf("build the bot: %w", err)
	}
	return bin, nil
}

// goBuild builds pkg (./cmd/openkarir, or the load tool) of the module in dir. Without the
// directory in the binary (-trimpath), a worktree elsewhere shares the
// build cache with this checkout for every package the two have alike.
func goBuild(ctx context.Context, dir, bin, pkg string) error {
	build := exec.CommandContext(ctx, "go", "build", "-trimpath", "-o", bin, pkg)
	build.Dir = dir
	if msg, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("%v\n%s", err, msg)
	}
	return nil
}

// peakRSS reads a process's peak resident memory in MB (Linux).
func peakRSS(pid int) float64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			return float64(kb) / 1024
		}
	}
	return 0
}
