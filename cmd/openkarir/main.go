// Command openkarir runs the Open Karir Telegram bot, and does the admin work
// that belongs in a terminal (importing the employee roster).
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/joho/godotenv"
	"github.com/prometheus/client_golang/prometheus"
	"go.mongodb.org/mongo-driver/v2/event"

	"openkarir/bot"
	"openkarir/flows"
	"openkarir/karir"
	"openkarir/report"
	"openkarir/roster"
	"openkarir/store"
)

const usage = `Usage:
  openkarir                         run the bot (long polling)
  openkarir demo [-addr HOST:PORT] [-data DIR]
                                    try the bot in a browser: no token, no network
  openkarir import-roster FILE.csv  load the employee roster into the store
  openkarir import-talent FILE.csv  load talent data (SKP predikat, potential) for the 9-box
  openkarir import-posts FILE.csv   load the peta jabatan: each OPD's posts, type and seats
  openkarir import-forms FILE.csv   load forms filed on paper or Google Forms into the current round
  openkarir codes [KODE_OPD] [-dir DIR]
                                    issue an activation code to every ASN who has none and is
                                    not bound; one .xlsx per OPD in DIR (a new folder)
  openkarir export FILE.xlsx|FILE.csv [ROUND]
                                    write the submissions of the current round, or of ROUND
  openkarir new-round YYYY-MM-DD [--yes]
                                    open the next round with this last day to file (the
                                    current one's forms stay); without --yes, only say so
  openkarir backup FILE.tar.gz      write a snapshot of the store (also while the bot runs)
  openkarir restore FILE.tar.gz     load a snapshot into an empty DATA_DIR or database
Settings come from the environment and .env; see .env.example.
`

func main() {
	// Real environment variables win over .env, which is optional.
	if err := godotenv.Load(); err != nil && !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintln(os.Stderr, "load .env:", err)
		os.Exit(1)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "openkarir:", err)
		os.Exit(1)
	}
}

// run is the whole program, so tests can run it as main does.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cmd := ""
	if len(args) > 0 {
		cmd = args[0]
	}
	switch cmd {
	case "", "serve":
		return serve(ctx, getenv, stderr)
	case "demo":
		o, err := parseDemoFlags(args[1:], stderr)
		if err != nil {
			return err
		}
		return runDemo(ctx, o, stdout, stderr, nil)
	case "import-roster":
		if len(args) != 2 {
			return errors.New("import-roster needs one CSV file\n" + usage)
		}
		return importRoster(ctx, getenv, args[1], stdout, stderr)
	case "backup", "restore":
		if len(args) != 2 {
			return fmt.Errorf("%s needs one file name\n%s", cmd, usage)
		}
		return backupOrRestore(ctx, getenv, cmd, args[1], stdout, stderr)
	case "import-talent":
		if len(args) != 2 {
			return errors.New("import-talent needs one CSV file\n" + usage)
		}
		return importTalent(ctx, getenv, args[1], stdout, stderr)
	case "import-posts", "import-forms":
		if len(args) != 2 {
			return fmt.Errorf("%s needs one CSV or .xlsx file\n%s", cmd, usage)
		}
		if cmd == "import-posts" {
			return importPosts(ctx, getenv, args[1], stdout, stderr)
		}
		return importForms(ctx, getenv, args[1], stdout, stderr)
	case "codes":
		return issueCodes(ctx, getenv, args[1:], stdout, stderr)
	case "export":
		if len(args) != 2 && len(args) != 3 {
			return errors.New("export needs one file name ending in .xlsx or .csv, and a round if not the current one\n" + usage)
		}
		return exportSubmissions(ctx, getenv, args[1:], stdout, stderr)
	case "new-round":
		return newRound(ctx, getenv, args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return fmt.Errorf("unknown command %q\n%s", cmd, usage)
}

func newLogger(cfg Config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogJSON {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func openStore(ctx context.Context, cfg Config, log *slog.Logger) (*store.Store, error) {
	return openStoreMonitored(ctx, cfg, log, nil)
}

// openStoreMonitored opens the store with a command monitor on its driver
// (nil: none).
func openStoreMonitored(ctx context.Context, cfg Config, log *slog.Logger, monitor *event.CommandMonitor) (*store.Store, error) {
	st, err := store.Open(ctx, store.Config{URI: cfg.MongoURI, Database: cfg.Database, DataDir: cfg.DataDir, Logger: log,
		Monitor: monitor})
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	return st, nil
}

// withStore runs a terminal command: it reads the settings, opens the
// store and closes it when use returns. The store stays cold (no
// background read of the whole roster into memory): a command reads what
// it needs, and at 100,000 employees that read took longer than an import.
func withStore(ctx context.Context, getenv func(string) string, stderr io.Writer,
	use func(cfg Config, st *store.Store, log *slog.Logger) error) error {
	cfg, err := loadConfig(getenv, false)
	if err != nil {
		return err
	}
	log := newLogger(cfg, stderr)
	st, err := store.Open(ctx, store.Config{URI: cfg.MongoURI, Database: cfg.Database, DataDir: cfg.DataDir, Logger: log, NoWarmUp: true})
	if err != nil {
		return fmt.Errorf("open store: %w", err)
	}
	defer closeStore(ctx, st, log)
	return use(cfg, st, log)
}

// closeStore disconnects even when ctx is already cancelled by a signal.
func closeStore(ctx context.Context, st *store.Store, log *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := st.Close(ctx); err != nil {
		log.Error("close store", "err", err)
	}
}

func serve(ctx context.Context, getenv func(string) string, stderr io.Writer) error {
	cfg, err := loadConfig(getenv, true)
	if err != nil {
		return err
	}
	log := newLogger(cfg, stderr)
	// With the profiler on, the database commands are counted too.
	var ops *dbOps
	var monitor *event.CommandMonitor
	if cfg.DebugAddr != "" {
		ops = newDBOps()
		monitor = ops.Monitor()
	}
	// A database down at start is waited out; meanwhile, in long
	// polling, whoever writes is told of the trouble (startup.go).
	var whileDown func(context.Context) []int
	if cfg.WebhookURL == "" {
		whileDown = func(ctx context.Context) []int { return answerWhileDown(ctx, cfg, log) }
	}
	// The HTTP server listens before the wait: /healthz answers 503 with
	// the reason and the webhook 503, which Telegram retries later, until
	// the store opened (a liveness probe then sees a process starting, not
	// one absent, and Telegram's posts are kept, not refused).
	var early *httpService
	var swap *swapHandler
	if cfg.WebhookURL != "" || cfg.HTTPAddr != "" {
		addr := cfg.HTTPAddr
		if addr == "" {
			addr = ":8080"
		}
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			return fmt.Errorf("listen on %s: %w", addr, err)
		}
		swap = newSwapHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "starting: the database is not reachable yet", http.StatusServiceUnavailable)
		}))
		early = &httpService{name: "http server", srv: &http.Server{Handler: swap, ReadHeaderTimeout: 10 * time.Second}, ln: ln}
		served := make(chan struct{})
		go func() { defer close(served); _ = early.srv.Serve(ln) }()
		defer func() {
			if early != nil { // not handed over: serve returns before running
				_ = early.srv.Close()
				<-served
			}
		}()
	}
	// The rounds are read within the wait too: a database that stops
	// answering right after it opened is waited out the same way.
	type opened struct {
		st     *store.Store
		rounds *flows.StoredRounds
		round  karir.Round
	}
	o, told, err := openWhenReachable(ctx, log, whileDown, func(ctx context.Context) (opened, error) {
		st, err := openStoreMonitored(ctx, cfg, log, monitor)
		if err != nil {
			return opened{}, err
		}
		rounds, err := openRounds(ctx, cfg, st, log, time.Now())
		if err != nil {
			closeStore(ctx, st, log)
			return opened{}, err
		}
		round, err := rounds.CurrentRound(ctx)
		if err != nil {
			closeStore(ctx, st, log)
			return opened{}, err
		}
		return opened{st: st, rounds: rounds, round: round}, nil
	})
	if err != nil {
		if ctx.Err() != nil {
			return nil // stopped while waiting for the database
		}
		return err
	}
	st, rounds, round := o.st, o.rounds, o.round
	defer closeStore(ctx, st, log)

	registry := prometheus.NewRegistry()
	metrics := bot.NewMetrics(registry)
	b, err := bot.New(ctx, bot.Config{Token: cfg.Token, Endpoint: cfg.Endpoint, UserRatePerMinute: cfg.UserRate,
		Workers: cfg.Workers, Metrics: metrics, Health: st.Ping, Inbox: st}, log)
	if err != nil {
		return err
	}
	b.MarkTold(told)
	holder := processName()
	sender := bot.NewSender(b, st, st, bot.SenderConfig{GlobalRate: cfg.SendRate, Holder: holder, Metrics: metrics}, log, time.Now)
	deps := flows.Deps{
		Store: st, Rounds: rounds, Sender: sender, Files: b,
		Reports: report.Renderer{}, Importer: roster.Strict{W: st}, Uploads: roster.Uploads{}, Talent: roster.StrictTalent{W: st},
		Forms: roster.StrictForms{W: st}, Posts: roster.StrictPosts{W: st},
		Signer: cfg.Signer, Supers: cfg.Admins, Location: cfg.Location, Now: time.Now, Menus: b,
		MayorInaugurated: cfg.MayorInaugurated,
		PilkadaPenetapan: cfg.PilkadaPenetapan,
	}
	router := flows.New(deps)
	reminders := flows.NewReminders(deps, cfg.Plan)
	digest := flows.NewDigest(deps, cfg.Plan, cfg.DigestEvery)
	// The mayor's decisions a crash left recorded but not carried out on
	// the forms: carried out at start, and by the scheduler after.
	catchUp := flows.NewDecisionCatchUp(deps, log)
	catchUpTick := func(ctx context.Context) (int, error) {
		_, err := catchUp.Tick(ctx) // it logs each decision it carries out
		return 0, err
	}

	if err := b.SetCommands(ctx); err != nil {
		log.Warn("command menu not set", "err", err)
	}
	// Each holder of a role gets the menu of their roles; a super admin
	// who never opened the bot cannot be given one yet (their /start does).
	if err := router.SetRoleMenus(ctx, cfg.Admins, st); err != nil {
		log.Warn("role menus not all set", "err", err)
	}
	// Everything that may fail is set up before anything starts, so a
	// failure leaves nothing running.
	var servers []*httpService
	if cfg.DebugAddr != "" {
		ln, err := net.Listen("tcp", cfg.DebugAddr)
		if err != nil {
			return fmt.Errorf("DEBUG_ADDR: %w", err)
		}
		// The profiler's handlers live on http.DefaultServeMux.
		mux := http.NewServeMux()
		mux.Handle("/debug/dbops", ops)
		mux.Handle("/", http.DefaultServeMux)
		servers = append(servers, &httpService{name: "debug server", ln: ln,
			srv: &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}})
	}
	if cfg.WebhookURL != "" || cfg.HTTPAddr != "" {
		if err := httpServer(ctx, cfg, st, b, router, sender, registry, log, swap); err != nil {
			closeAll(servers)
			return err
		}
	}
	if !round.Opened() {
		if _, err := sender.Notify(ctx, flows.NoRoundNotices(cfg.Admins, time.Now().In(cfg.Location))...); err != nil {
			log.Warn("ask the admins for a deadline", "err", err)
		}
	}
	waitWarm(ctx, st, log)
	if _, err := catchUpTick(ctx); err != nil {
		log.Error("carry out the decisions left unapplied", "err", err)
	}
	log.Info("bot running", "bot", b.Username(), "round", round.ID, "embedded_store", cfg.MongoURI == "")
	// Whatever stops first (a signal, or the bot failing) stops the rest,
	// and serve returns only when all of it has stopped.
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		cancel()
		wg.Wait()
		log.Info("bot stopped")
	}()
	wg.Go(func() {
		if err := sender.Run(ctx); err != nil {
			log.Error("sender stopped", "err", err)
		}
	})
	wg.Go(func() {
		_ = flows.RunScheduler(ctx, st, holder, time.Minute, time.Now, log, flows.Ticks(reminders.Tick, digest.Tick, catchUpTick))
	})
	for _, s := range servers {
		s.run(ctx, &wg, cancel, log)
	}
	if early != nil {
		// Serving since before the wait: it is shut down with the rest.
		srv := early.srv
		early = nil
		wg.Go(func() {
			<-ctx.Done()
			shutdown, done := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
			defer done()
			_ = srv.Shutdown(shutdown)
		})
	}
	if cfg.WebhookURL != "" {
		<-ctx.Done() // updates arrive through the webhook
		return nil
	}
	return b.Run(ctx, router)
}

// processName tells this process apart from others on the same database,
// for the leases.
func processName() string {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
}

func exportSubmissions(ctx context.Context, getenv func(string) string, args []string, stdout, stderr io.Writer) error {
	path, roundID := args[0], ""
	if len(args) > 1 {
		roundID = args[1]
	}
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".xlsx" && ext != ".csv" {
		return fmt.Errorf("export: %s must end in .xlsx or .csv", path)
	}
	return withStore(ctx, getenv, stderr, func(cfg Config, st *store.Store, _ *slog.Logger) error {
		roundID, err := exportRound(ctx, st, roundID)
		if err != nil {
			return err
		}
		subs, err := st.ListSubmissions(ctx, roundID)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		roster, err := st.ListEmployees(ctx)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		var data []byte
		if ext == ".xlsx" {
			data, err = report.Renderer{}.ExportXLSX(subs, roster, cfg.Location)
		} else {
			data, err = report.Renderer{}.ExportCSV(subs, roster, cfg.Location)
		}
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if err := os.WriteFile(path, data, 0o600); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		fmt.Fprintf(stdout, "%d formulir periode %s ditulis ke %s\n", len(subs), roundID, path)
		return nil
	})
}
