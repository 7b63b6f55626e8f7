package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// revBuild is another commit built for a comparison: its bot, and its own
// load tool with the flags that tool knows (tool empty: the commit has no
// load tool).
type revBuild struct {
	label, bot, tool string
	flags            map[string]bool
}

// buildRevision builds the bot of rev, and its load tool when it has
// cmd/openkarir-load, in a temporary git worktree of this checkout's
// repository, removed again once built.
func buildRevision(ctx context.Context, rev, dir string) (b revBuild, err error) {
	b.label, err = gitOutput(ctx, "", "rev-parse", "--short", rev+"^{commit}")
	if err != nil {
		return b, fmt.Errorf("revision %q: %w", rev, err)
	}
	tree := filepath.Join(dir, "tree-"+b.label)
	if _, err := gitOutput(ctx, "", "worktree", "add", "--detach", tree, b.label); err != nil {
		return b, fmt.Errorf("check out %s: %w", b.label, err)
	}
	defer func() {
		if _, rmErr := gitOutput(context.WithoutCancel(ctx), "", "worktree", "remove", "--force", tree); rmErr != nil {
			err = errors.Join(err, fmt.Errorf("remove the worktree of %s: %w", b.label, rmErr))
		}
	}()
	b.bot = filepath.Join(dir, "openkarir-"+b.label)
	if err := goBuild(ctx, tree, b.bot, "./cmd/openkarir"); err != nil {
		return b, fmt.Errorf("build %s: %w", b.label, err)
	}
	if _, err := os.Stat(filepath.Join(tree, "cmd", "openkarir-load", "main.go")); err != nil {
		return b, nil
	}
	b.tool = filepath.Join(dir, "openkarir-load-"+b.label)
	if err := goBuild(ctx, tree, b.tool, "./cmd/openkarir-load"); err != nil {
		return b, fmt.Errorf("build the load tool of %s: %w", b.label, err)
	}
	// The flag package prints the usage on -h and exits non-zero.
	usage, _ := exec.CommandContext(ctx, b.tool, "-h").CombinedOutput()
	b.flags = toolFlags(string(usage))
	return b, nil
}

var usageFlag = regexp.MustCompile(`(?m)^\s+-([A-Za-z0-9][A-Za-z0-9_-]*)`)

// toolFlags are the flag names a load tool's usage lists.
func toolFlags(usage string) map[string]bool {
	flags := map[string]bool{}
	for _, m := range usageFlag.FindAllStringSubmatch(usage, -1) {
		flags[m[1]] = true
	}
	return flags
}

// toolArgs are the arguments that have the revision's load tool run cfg's
// load on its bot once, printing JSON; a setting its tool has no flag for
// is refused (its run would not be the same load).
func (b revBuild) toolArgs(cfg Config) ([]string, error) {
	args := []string{"-bin", b.bot, "-json", "-quiet",
		"-users", strconv.Itoa(cfg.Users), "-concurrency", strconv.Itoa(cfg.Concurrency), "-mode", cfg.Mode}
	if cfg.MongoURI != "" {
		args = append(args, "-mongodb-uri", cfg.MongoURI)
	}
	if cfg.APILatency > 0 {
		args = append(args, "-api-latency", cfg.APILatency.String())
	}
	if cfg.Bots > 1 {
		args = append(args, "-bots", strconv.Itoa(cfg.Bots))
	}
	for _, a := range args {
		if name, ok := strings.CutPrefix(a, "-"); ok && !b.flags[name] {
			return nil, fmt.Errorf("the load tool of %s has no -%s: compare without it", b.label, name)
		}
	}
	return args, nil
}

// runTool runs the revision's load tool with args in dir and reads its
// report. The tool prints its JSON even when a store check failed (and
// then exits non-zero): the report says so, as this tool's would.
func (b revBuild) runTool(args []string, dir string) side {
	return func(ctx context.Context) (*Report, []string, error) {
		cmd := exec.CommandContext(ctx, b.tool, args...)
		var stdout, stderr bytes.Buffer
		cmd.Dir, cmd.Stdout = dir, &stdout
		cmd.Stderr = io.MultiWriter(os.Stderr, &tail{max: 4096, buf: &stderr})
		runErr := cmd.Run()
		rep, absent, err := parseToolReport(stdout.Bytes())
		if err != nil {
			return nil, nil, fmt.Errorf("the load tool of %s: %w (%v: %s)", b.label, err, runErr, strings.TrimSpace(stderr.String()))
		}
		if rep.FirstError == "" && (rep.Errors > 0 || rep.VerifyError != "" || runErr != nil) {
			// An older tool's report may not name its first error: its
			// last word on stderr is the next best clue.
			rep.FirstError = lastLine(stderr.String())
			if runErr != nil {
				rep.FirstError = fmt.Sprintf("%v, its stderr ends: %s", runErr, rep.FirstError)
			}
		}
		return rep, absent, nil
	}
}

// parseToolReport reads a load tool's -json report: the figures it has,
// and the names of those it lacks (comparedFigures).
func parseToolReport(data []byte) (*Report, []string, error) {
	var rep Report
	if err := json.Unmarshal(data, &rep); err != nil {
		return nil, nil, fmt.Errorf("read its JSON report: %w", err)
	}
	var fields map[string]json.RawMessage
	_ = json.Unmarshal(data, &fields)
	var absent []string
	for _, f := range comparedFigures {
		for _, k := range f.keys {
			if _, ok := fields[k]; !ok {
				absent = append(absent, f.name)
				break
			}
		}
	}
	if rep.Mode != "polling" && !slices.Contains(absent, "polls/upd") {
		absent = append(absent, "polls/upd")
	}
	return &rep, absent, nil
}

// lastLine is the last line of s that is not blank.
func lastLine(s string) string {
	s = strings.TrimRight(s, " \t\r\n")
	return strings.TrimSpace(s[strings.LastIndexByte(s, '\n')+1:])
}

// tail keeps the last max bytes written to buf.
type tail struct {
	max int
	buf *bytes.Buffer
}

func (t *tail) Write(p []byte) (int, error) {
	t.buf.Write(p)
	if over := t.buf.Len() - t.max; over > 0 {
		t.buf.Next(over)
	}
	return len(p), nil
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
