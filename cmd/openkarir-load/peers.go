package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// The bots a run can play against (-bot): the real one, and the two
// references of issue 26, which play the trivial script (script.go) with
// state in memory and store nothing: the instrument's ceiling (the tool's
// own trivial bot) and the grammY peer (the same script written with
// grammY, peer/grammy; it needs `npm ci` there first).
const (
	botOpenkarir = "openkarir"
	botCeiling   = "ceiling"
	botGrammy    = "grammy"
)

// isPeer says whether name is a reference bot rather than openkarir.
func isPeer(name string) bool { return name == botCeiling || name == botGrammy }

// checkPeer refuses what a reference bot cannot do: it long-polls, alone,
// and has no store, roster or debug server.
func checkPeer(cfg Config) error {
	switch {
	case cfg.Mode != "polling":
		return fmt.Errorf("the %s bot long-polls: not -mode %s", cfg.Bot, cfg.Mode)
	case cfg.Bots > 1, cfg.KillEvery > 0, cfg.MongoURI != "", cfg.DBOps, cfg.BotProfile != "":
		return fmt.Errorf("the %s bot runs alone and stores nothing: not with -bots, -kill-every, -mongodb-uri, -db-ops or -bot-profile", cfg.Bot)
	}
	return nil
}

// peerCommand is the program and arguments that run a reference bot; both
// read TELEGRAM_API_ROOT and TELEGRAM_BOT_TOKEN.
func peerCommand(ctx context.Context, name string) (bin string, args []string, err error) {
	switch name {
	case botCeiling:
		self, err := os.Executable()
		if err != nil {
			return "", nil, fmt.Errorf("find the load tool to run its ceiling bot: %w", err)
		}
		return self, []string{"ceiling-bot"}, nil
	case botGrammy:
		dir, err := grammyDir(ctx)
		if err != nil {
			return "", nil, err
		}
		node, err := exec.LookPath("node")
		if err != nil {
			return "", nil, errors.New("the grammY peer needs Node.js (node on PATH)")
		}
		return node, []string{filepath.Join(dir, "bot.js")}, nil
	}
	return "", nil, fmt.Errorf("bot %q: use %s, %s or %s", name, botOpenkarir, botCeiling, botGrammy)
}

// grammyDir is peer/grammy of this checkout (GRAMMY_PEER_DIR overrides),
// with its packages installed.
func grammyDir(ctx context.Context) (string, error) {
	dir := os.Getenv("GRAMMY_PEER_DIR")
	if dir == "" {
		out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
		if err != nil || strings.TrimSpace(string(out)) == "" {
			return "", fmt.Errorf("find the openkarir checkout for the grammY peer (run from it, or set GRAMMY_PEER_DIR): %v", err)
		}
		dir = filepath.Join(filepath.Dir(strings.TrimSpace(string(out))), "cmd", "openkarir-load", "peer", "grammy")
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "grammy")); err != nil {
		return "", fmt.Errorf("the grammY peer's packages are not installed: run `npm ci` in %s first", dir)
	}
	return dir, nil
}
