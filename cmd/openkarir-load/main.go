// Command openkarir-load plays a crowd of ASN filling the Open Karir form
// against the real bot: it serves a Bot API fake on loopback, runs the bot
// binary pointed at it, imports a generated roster, and has each user bind
// their NIP and file the whole form, C users at a time, each waiting for the
// bot's answer before the next step. It reports throughput, reply latency,
// the bot's peak memory, and checks every form was stored once, complete.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "openkarir-load:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "ceiling-bot" { // the child -bot ceiling starts
		return ceilingBot(ctx, os.Getenv("TELEGRAM_API_ROOT"), os.Getenv("TELEGRAM_BOT_TOKEN"))
	}
	fs := flag.NewFlagSet("openkarir-load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg Config
	fs.IntVar(&cfg.Users, "users", 1000, "how many ASN fill the form")
	fs.IntVar(&cfg.Concurrency, "concurrency", 10, "how many of them at a time")
	fs.StringVar(&cfg.MongoURI, "mongodb-uri", "", "a MongoDB server for the bot (or FerretDB: .ci/ferretdb-pg prints one); empty runs the embedded FerretDB")
	fs.StringVar(&cfg.Mode, "mode", "polling", "how the bot receives updates: polling or webhook (the default with -bots)")
	fs.IntVar(&cfg.Bots, "bots", 1, "run this many bot processes on -mongodb-uri, the webhook posts alternated between them as a load balancer would")
	fs.StringVar(&cfg.Bot, "bot", botOpenkarir, "which bot plays: openkarir, or a reference with state in memory playing the same script: ceiling (the tool's trivial bot, the instrument's ceiling) or grammy (the grammY peer, npm ci in cmd/openkarir-load/peer/grammy first)")
	fs.StringVar(&cfg.Binary, "bin", "", "the openkarir binary; empty builds ./cmd/openkarir")
	fs.IntVar(&cfg.StopAfter, "stop-after", 0, "each user stops after this many steps, leaving the form open (memory figure; no store check)")
	fs.IntVar(&cfg.KillEvery, "kill-every", 0, "kill the bot with SIGKILL about every N updates and restart it (crash test)")
	fs.DurationVar(&cfg.APILatency, "api-latency", 0, "delay every Bot API call by this much, as the round trip to Telegram does (e.g. 50ms)")
	fs.StringVar(&cfg.StepLog, "step-log", "", "write every step's reply time to this CSV file (ms since the play began, the step, ms): which steps make the tail")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	quiet := fs.Bool("quiet", false, "no progress bar")
	cpuProfile := fs.String("cpuprofile", "", "write the load tool's own CPU profile (users and the Bot API fake, while they play) to this file")
	fs.BoolVar(&cfg.DBOps, "db-ops", false, "have the bot count its database commands (DEBUG_ADDR) and report them per update")
	fs.StringVar(&cfg.BotProfile, "bot-profile", "", "write the bot's CPU profile (the play's first -bot-profile-seconds) and its allocations during the play to PREFIX.cpu.pprof and PREFIX.allocs.pprof (base PREFIX.allocs-start.pprof); implies -db-ops")
	fs.IntVar(&cfg.BotProfileSeconds, "bot-profile-seconds", 10, "length of the bot's CPU profile")
	compare := fs.String("compare", "", "also run the same load on a base, back to back with this bot, printing each figure and the ratio this/base: a git revision (built in a temporary worktree and played by its own load tool when it has one), or ceiling or grammy (the reference bots of -bot)")
	runs := fs.Int("runs", 1, "with -compare: runs of each build, alternating which goes first")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := checkCompareFlags(fs, *compare, *runs); err != nil {
		return err
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		cfg.CPUProfile = f
	}
	modeSet := false
	fs.Visit(func(f *flag.Flag) { modeSet = modeSet || f.Name == "mode" })
	if cfg.Bots > 1 && !modeSet {
		cfg.Mode = "webhook"
	}
	if cfg.Mode != "polling" && cfg.Mode != "webhook" {
		return fmt.Errorf("mode %q: use polling or webhook", cfg.Mode)
	}
	if !*quiet {
		cfg.Progress = stderr
	}
	if *compare != "" {
		cmp, err := Compare(ctx, cfg, *compare, *runs)
		if err != nil {
			return err
		}
		if *asJSON {
			enc := json.NewEncoder(stdout)
			enc.SetIndent("", "  ")
			if err := enc.Encode(cmp); err != nil {
				return err
			}
		} else {
			cmp.WriteTable(stdout)
		}
		return cmp.failed()
	}
	rep, err := Run(ctx, cfg)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	rep.WriteTable(stdout)
	if rep.VerifyError != "" {
		return fmt.Errorf("store check failed: %s", rep.VerifyError)
	}
	return nil
}

// checkCompareFlags refuses what a comparison cannot do: -runs alone, no
// run at all, or a crash test or an open-form run, whose figures are not
// the load's.
func checkCompareFlags(fs *flag.FlagSet, compare string, runs int) error {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	switch {
	case compare == "" && set["runs"]:
		return errors.New("-runs goes with -compare")
	case compare == "":
		return nil
	case runs < 1:
		return fmt.Errorf("-runs %d: at least 1", runs)
	case set["kill-every"] || set["stop-after"] || set["cpuprofile"] || set["bot-profile"] || set["db-ops"]:
		return errors.New("-compare runs the plain load: without -kill-every, -stop-after, -cpuprofile, -bot-profile or -db-ops")
	}
	return nil
}
