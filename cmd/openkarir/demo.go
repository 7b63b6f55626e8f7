package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"openkarir/demo"
	"openkarir/roster"
	"openkarir/telegramtest"
)

// demoToken is the bot token of the demo's Bot API fake; it reaches nothing.
const demoToken = "1000:DEMO"

// demoOptions are the flags of `openkarir demo`.
type demoOptions struct {
	Addr    string // where the chat page listens
	DataDir string // the store's directory; empty: a temporary one
}

func parseDemoFlags(args []string, stderr io.Writer) (demoOptions, error) {
	var o demoOptions
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.Addr, "addr", "127.0.0.1:8088", "address of the chat page")
	fs.StringVar(&o.DataDir, "data", "", "keep the demo's store in this directory (default: a temporary one, removed on exit)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	return o, nil
}

// runDemo runs the real bot, as serve does, against the Bot API fake on a
// fresh embedded store loaded with the sample roster, and serves the chat
// page that plays its users. No token, no network. ready, when set, gets
// the page's URL once everything answers.
func runDemo(ctx context.Context, o demoOptions, stdout, stderr io.Writer, ready func(url string)) error {
	personas, err := demo.Personas(roster.Sample)
	if err != nil {
		return err
	}
	dir := o.DataDir
	if dir == "" {
		if dir, err = os.MkdirTemp("", "openkarir-demo-"); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		defer os.RemoveAll(dir)
	}
	// Listen first: a busy port should fail before the store starts.
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return fmt.Errorf("demo: listen on %s (choose another with -addr): %w", o.Addr, err)
	}
	defer ln.Close()

	tg := telegramtest.NewServer(demoToken)
	defer tg.Close()
	env := demoEnv(tg.Endpoint(), dir, time.Now())
	getenv := func(key string) string { return env[key] }

	sample := filepath.Join(dir, "contoh_roster.csv")
	if err := os.WriteFile(sample, roster.Sample, 0o600); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	// The city as SIASN exports it (jabatan types, golongan, TMT, the
	// PPPK), then our own roster, which carries the activation codes and
	// is the file the demo's admin sends again with /impor.
	siasn := filepath.Join(dir, "contoh_siasn.csv")
	if err := os.WriteFile(siasn, roster.SampleSIASN, 0o600); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	fmt.Fprintln(stdout, "Menyiapkan demo: basis data contoh dan 45 ASN (40 PNS, 5 PPPK)...")
	for _, f := range []string{siasn, sample} {
		if err := importRoster(ctx, getenv, f, io.Discard, stderr); err != nil {
			return err
		}
	}
	// The peta jabatan of the sample's OPDs, so the form offers the vacant posts.
	posts := filepath.Join(dir, "contoh_peta_jabatan.csv")
	if err := os.WriteFile(posts, roster.SamplePosts, 0o600); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	if err := importPosts(ctx, getenv, posts, io.Discard, stderr); err != nil {
		return err
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	served := make(chan error, 1)
	go func() { served <- serve(ctx, getenv, stderr) }()
	seeded := make(chan error, 1)
	go func() {
		seedCtx, done := context.WithTimeout(ctx, time.Minute)
		defer done()
		seeded <- demo.Seed(seedCtx, tg, personas)
	}()
	select {
	case err := <-served:
		return fmt.Errorf("demo: the bot stopped: %w", err)
	case err := <-seeded:
		if err != nil {
			cancel()
			<-served
			return fmt.Errorf("demo: %w", err)
		}
	}

	page := &http.Server{Handler: demo.Handler(tg, personas, roster.Sample), ReadHeaderTimeout: 10 * time.Second}
	pageDone := make(chan error, 1)
	go func() { pageDone <- page.Serve(ln) }()
	url := "http://" + ln.Addr().String()
	fmt.Fprintf(stdout, "Demo Open Karir siap: buka %s di peramban (Ctrl+C untuk berhenti).\n", url)
	if ready != nil {
		ready(url)
	}

	select {
	case <-ctx.Done():
		err = nil
	case err = <-served:
		err = fmt.Errorf("demo: the bot stopped: %w", err)
	case err = <-pageDone:
		err = fmt.Errorf("demo: chat page: %w", err)
	}
	shutdown, done := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer done()
	_ = page.Shutdown(shutdown) // ends the page's long polls
	cancel()
	if serr := <-served; serr != nil && err == nil && !errors.Is(serr, context.Canceled) {
		err = serr
	}
	return err
}

// demoSigner signs the demo's contracts: the head of BKPSDM in the sample
// roster, so a contract shows a name where production may leave a line.
const demoSigner = "Ratna Marlina, S.T., M.T."

// demoEnv is the settings the demo runs the bot with.
func demoEnv(endpoint, dir string, now time.Time) map[string]string {
	return map[string]string{
		"TELEGRAM_BOT_TOKEN":    demoToken,
		"TELEGRAM_API_ENDPOINT": endpoint,
		"DATA_DIR":              filepath.Join(dir, "store"),
		// A round that closes in six weeks, so the form is open.
		"FORM_DEADLINE":         now.AddDate(0, 0, 42).Format(time.DateOnly),
		"ADMIN_TELEGRAM_IDS":    strconv.Itoa(demo.SuperAdminID),
		"LOG_LEVEL":             "warn",
		"CONTRACT_SIGNER_NAME":  demoSigner,
		"CONTRACT_SIGNER_TITLE": "Kepala BKPSDM",
	}
}
