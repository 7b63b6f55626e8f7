package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"openkarir/store"
	"openkarir/telegramtest"
)

// Config is one load run.
type Config struct {
	Users       int
	Concurrency int
	MongoURI    string // empty: the bot runs the embedded FerretDB
	Mode        string
	Binary      string // empty: build ./cmd/openkarir
	// Bots is how many bot processes share the work (0 or 1: one). More
	// than one need a MongoURI they share and webhook mode: the tool posts
	// Telegram's updates to them in turn, as a load balancer would.
	Bots int
	// DataDir keeps the embedded store's files (empty: a temp dir, removed).
	DataDir  string
	Progress io.Writer // nil: no progress bar
	// StopAfter, when set, has each user stop after that many steps and
	// leave the form open: conversations in progress, for the memory figure.
	// The store check is skipped then.
	StopAfter int
	// StepLog, when set, is a CSV file for every step's reply time.
	StepLog string
	// KillEvery, when set, kills the bot with SIGKILL at a random moment
	// about every KillEvery updates and starts it again: the crash test.
	// Counted in updates, not time, so a faster bot is killed as often.
	KillEvery int
	// APILatency delays every Bot API call, as the round trip to Telegram
	// does (zero: loopback only).
	APILatency time.Duration
	// CPUProfile, when set, receives the tool's own CPU profile while the
	// users play (not the set-up or the store check).
	CPUProfile io.Writer
	// DBOps has the bot count its database commands (its debug server,
	// DEBUG_ADDR) and the report give them per update.
	DBOps bool
	// BotProfile, when set, also takes the bot's CPU profile over the first
	// BotProfileSeconds of the play and its allocations during the play:
	// files BotProfile+".cpu.pprof", ".allocs.pprof" and
	// ".allocs-start.pprof" (the base to subtract: pprof -diff_base).
	BotProfile        string
	BotProfileSeconds int
	// Bot is which bot plays (peers.go): empty or "openkarir" the real
	// one, "ceiling" or "grammy" a reference bot with state in memory,
	// whose run has no roster and no store check.
	Bot string
}

// The bot's token at the fake and the round it runs.
const (
	token   = "4242:LOAD"
	roundID = "load"
)

// Run makes one load run.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	if cfg.Users <= 0 || cfg.Concurrency <= 0 {
		return nil, errors.New("users and concurrency must be positive")
	}
	cfg.Bots = max(cfg.Bots, 1)
	profiling := cfg.DBOps || cfg.BotProfile != ""
	if profiling && (cfg.Bots > 1 || cfg.KillEvery > 0) {
		return nil, errors.New("the bot is profiled as one process that stays up: not with several bots or -kill-every")
	}
	peer := isPeer(cfg.Bot)
	if cfg.Bot != "" && cfg.Bot != botOpenkarir && !peer {
		return nil, fmt.Errorf("bot %q: use %s, %s or %s", cfg.Bot, botOpenkarir, botCeiling, botGrammy)
	}
	if peer {
		if err := checkPeer(cfg); err != nil {
			return nil, err
		}
	}
	if cfg.Bots > 1 && (cfg.MongoURI == "" || cfg.Mode != "webhook") {
		return nil, errors.New("several bot processes need a database server they share (a MongoDB URI) and webhook mode")
	}
	tmp, err := os.MkdirTemp("", "openkarir-load-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	if cfg.DataDir == "" {
		cfg.DataDir = filepath.Join(tmp, "data")
	}
	var botArgs []string
	switch {
	case peer:
		if cfg.Binary, botArgs, err = peerCommand(ctx, cfg.Bot); err != nil {
			return nil, err
		}
	case cfg.Binary == "":
		if cfg.Binary, err = buildBot(ctx, tmp); err != nil {
			return nil, err
		}
	}
	env := []string{
		"TELEGRAM_BOT_TOKEN=" + token, "DATA_DIR=" + cfg.DataDir, "FORM_DEADLINE=2099-12-31",
		"ROUND_ID=" + roundID, "LOG_LEVEL=error", "MONGODB_URI=" + cfg.MongoURI,
		"BOT_WORKERS=" + os.Getenv("BOT_WORKERS"), // empty: the bot's default
		// Posts Telegram (the fake) keeps open at once; empty: the bot's
		// default, Telegram's 40.
		"WEBHOOK_MAX_CONNECTIONS=" + os.Getenv("WEBHOOK_MAX_CONNECTIONS"),
	}
	// Profile the bot: DEBUG_ADDR=127.0.0.1:6060, or one of the tool's
	// choosing for -db-ops and -bot-profile.
	var profiler *botProfiler
	debugAddr := os.Getenv("DEBUG_ADDR")
	if profiling {
		if debugAddr == "" {
			if debugAddr, err = freeAddr(); err != nil {
				return nil, err
			}
		}
		profiler = &botProfiler{addr: debugAddr, prefix: cfg.BotProfile, seconds: max(cfg.BotProfileSeconds, 1)}
	}
	env = append(env, "DEBUG_ADDR="+debugAddr)
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "PATH=") {
			env = append(env, kv)
		}
	}
	database := "openkarir"
	if cfg.MongoURI != "" {
		b := make([]byte, 4)
		_, _ = rand.Read(b)
		database = "openkarir_load_" + hex.EncodeToString(b)
		// Dropped however the run ends, after the store check closed it.
		defer func() {
			if err := dropDatabase(cfg.MongoURI, database); err != nil {
				fmt.Fprintf(os.Stderr, "openkarir-load: drop database %s: %v\n", database, err)
			}
		}()
	}
	env = append(env, "MONGODB_DATABASE="+database)

	people := roster(cfg.Users)
	csvPath := filepath.Join(tmp, "roster.csv")
	if err := os.WriteFile(csvPath, people.csv(), 0o600); err != nil {
		return nil, err
	}
	if !peer {
		imp := exec.CommandContext(ctx, cfg.Binary, "import-roster", csvPath)
		imp.Env, imp.Dir = env, tmp
		if out, err := imp.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("import roster: %v\n%s", err, out)
		}
	}

	tg := telegramtest.NewServer(token)
	defer tg.Close()
	tg.SetLatency(cfg.APILatency)
	env = append(env, "TELEGRAM_API_ENDPOINT="+tg.Endpoint(), "TELEGRAM_API_ROOT="+tg.URL())
	var botAddrs []string
	var proxy *alternatingProxy
	if cfg.Mode == "webhook" {
		for range cfg.Bots {
			addr, err := freeAddr()
			if err != nil {
				return nil, err
			}
			botAddrs = append(botAddrs, addr)
		}
		hook := botAddrs[0]
		if cfg.Bots > 1 {
			if proxy, err = startProxy(botAddrs); err != nil {
				return nil, err
			}
			defer proxy.close()
			hook = proxy.addr
		}
		env = append(env, "WEBHOOK_URL=http://"+hook+"/telegram")
	}
	procs := make([]*botProcess, cfg.Bots)
	for i := range procs {
		procEnv := env
		if botAddrs != nil {
			procEnv = append(slices.Clip(env), "HTTP_ADDR="+botAddrs[i])
		}
		procs[i] = &botProcess{bin: cfg.Binary, args: botArgs, env: procEnv, dir: tmp}
		if err := procs[i].start(); err != nil {
			return nil, err
		}
		defer procs[i].stop()
	}
	readyCtx, cancel := context.WithTimeout(ctx, time.Minute)
	err = tg.Wait(readyCtx, func() bool {
		url, _ := tg.Webhook()
		return tg.Calls("getUpdates") > 0 || url != ""
	})
	if err == nil && cfg.Bots > 1 {
		err = waitHealthy(readyCtx, botAddrs)
	}
	cancel()
	if err != nil {
		return nil, fmt.Errorf("the bot did not start: %w", err)
	}

	if cfg.CPUProfile != nil {
		if err := pprof.StartCPUProfile(cfg.CPUProfile); err != nil {
			return nil, fmt.Errorf("start the CPU profile: %w", err)
		}
	}
	if profiler != nil {
		if err := profiler.start(ctx); err != nil {
			return nil, err
		}
	}
	r := &runner{tg: tg, people: people, stopAfter: cfg.StopAfter, steps: map[int64]int{}}
	pollsBefore := tg.Calls("getUpdates")
	start := time.Now()
	done := make(chan struct{})
	if cfg.Progress != nil {
		go r.progress(cfg.Progress, cfg.Users, done)
	}
	killerDone := make(chan int)
	go func() { killerDone <- killer(procs, done, int64(cfg.KillEvery), r.updates.Load) }()
	next := atomic.Int64{}
	var wg sync.WaitGroup
	for range cfg.Concurrency {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= cfg.Users || ctx.Err() != nil {
					return
				}
				r.user(ctx, i)
				r.finished.Add(1)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if cfg.CPUProfile != nil {
		pprof.StopCPUProfile()
	}
	close(done)
	kills := <-killerDone
	var dbOps []DBOpStat
	if profiler != nil {
		if dbOps, err = profiler.finish(ctx, r.updates.Load()); err != nil {
			return nil, err
		}
	}
	var rss float64
	for _, p := range procs {
		rss = max(rss, p.peakRSS, peakRSS(p.pid()))
		p.stop()
	}

	rep := &Report{
		Users: cfg.Users, Concurrency: cfg.Concurrency, Store: storeName(cfg.MongoURI), Mode: cfg.Mode,
		APILatencyMS: float64(cfg.APILatency) / float64(time.Millisecond),
		Machine:      fmt.Sprintf("%s/%s, %d CPUs", runtime.GOOS, runtime.GOARCH, runtime.NumCPU()),
		Seconds:      elapsed.Seconds(), FormsPerSecond: float64(r.completed.Load()) / elapsed.Seconds(),
		Updates: r.updates.Load(), UpdatesPerSec: float64(r.updates.Load()) / elapsed.Seconds(),
		Errors: r.errors.Load(), PeakRSSMB: rss, Kills: kills, DBOps: dbOps,
		Polls: tg.Calls("getUpdates") - pollsBefore,
	}
	if proxy != nil {
		rep.Bots, rep.UpdatesPerBot = cfg.Bots, proxy.handledEach()
	}
	if e := r.firstError.Load(); e != nil {
		rep.FirstError = e.(string)
	}
	if cfg.StepLog != "" {
		if err := r.writeStepLog(cfg.StepLog, start); err != nil {
			return nil, fmt.Errorf("write the step log: %w", err)
		}
	}
	lat := r.percentiles()
	rep.LatencyP50ms, rep.LatencyP90ms, rep.LatencyP95ms, rep.LatencyP99ms, rep.LatencyMaxms = lat.p50, lat.p90, lat.p95, lat.p99, lat.max

	if peer {
		rep.Bot, rep.Store = cfg.Bot, "none (the bot keeps its chats in memory)"
		return rep, nil
	}
	st, err := store.Open(ctx, store.Config{URI: cfg.MongoURI, Database: database, DataDir: cfg.DataDir,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return nil, fmt.Errorf("open the bot's store: %w", err)
	}
	defer func() { _ = st.Close(context.WithoutCancel(ctx)) }()
	if cfg.StopAfter > 0 {
		rep.StopAfter = cfg.StopAfter
		return rep, nil
	}
	rep.FormsStored, err = Verify(ctx, st, people.nips())
	if err != nil {
		rep.VerifyError = err.Error()
	}
	return rep, nil
}
