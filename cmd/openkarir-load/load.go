package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	mrand "math/rand/v2"
	"net"
	"openkarir/karir"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
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
	// DataDir keeps the embedded store's files (empty: a temp dir, removed).
	DataDir  string
	Progress io.Writer // nil: no progress bar
	// StopAfter, when set, has each user stop after that many steps and
	// leave the form open: conversations in progress, for the memory figure.
	// The store check is skipped then.
	StopAfter int
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
}

// Report is what a run measured.
type Report struct {
	Users          int     `json:"users"`
	Concurrency    int     `json:"concurrency"`
	Store          string  `json:"store"`
	Mode           string  `json:"mode"`
	APILatencyMS   float64 `json:"api_latency_ms,omitempty"`
	Machine        string  `json:"machine"`
	Seconds        float64 `json:"seconds"`
	FormsPerSecond float64 `json:"forms_per_second"`
	Updates        int64   `json:"updates"`
	UpdatesPerSec  float64 `json:"updates_per_second"`
	LatencyP50ms   float64 `json:"latency_p50_ms"`
	LatencyP90ms   float64 `json:"latency_p90_ms"`
	LatencyP99ms   float64 `json:"latency_p99_ms"`
	LatencyMaxms   float64 `json:"latency_max_ms"`
	Errors         int64   `json:"errors"`
	Kills          int     `json:"kills,omitempty"`
	FirstError     string  `json:"first_error,omitempty"`
	PeakRSSMB      float64 `json:"bot_peak_rss_mb"`
	StopAfter      int     `json:"stop_after,omitempty"`
	FormsStored    int     `json:"forms_stored"`
	VerifyError    string  `json:"verify_error,omitempty"`
}

// WriteTable prints the report for a person.
func (r Report) WriteTable(w io.Writer) {
	fmt.Fprintf(w, "users %d, concurrency %d, store %s, %s, %s\n", r.Users, r.Concurrency, r.Store, r.Mode, r.Machine)
	if r.APILatencyMS > 0 {
		fmt.Fprintf(w, "%-28s %10.1f ms\n", "Bot API latency added", r.APILatencyMS)
	}
	fmt.Fprintf(w, "%-28s %10.1f s\n", "wall time", r.Seconds)
	fmt.Fprintf(w, "%-28s %10.1f\n", "forms completed / s", r.FormsPerSecond)
	fmt.Fprintf(w, "%-28s %10.1f (%d updates)\n", "updates handled / s", r.UpdatesPerSec, r.Updates)
	fmt.Fprintf(w, "%-28s %6.1f / %.1f / %.1f / %.1f ms\n", "reply p50 / p90 / p99 / max", r.LatencyP50ms, r.LatencyP90ms, r.LatencyP99ms, r.LatencyMaxms)
	fmt.Fprintf(w, "%-28s %10d %s\n", "errors", r.Errors, r.FirstError)
	fmt.Fprintf(w, "%-28s %10.1f MB\n", "bot peak RSS", r.PeakRSSMB)
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

const (
	token   = "4242:LOAD"
	roundID = "load"
)

// Run makes one load run.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	if cfg.Users <= 0 || cfg.Concurrency <= 0 {
		return nil, errors.New("users and concurrency must be positive")
	}
	tmp, err := os.MkdirTemp("", "openkarir-load-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	if cfg.DataDir == "" {
		cfg.DataDir = filepath.Join(tmp, "data")
	}
	if cfg.Binary == "" {
		if cfg.Binary, err = buildBot(ctx, tmp); err != nil {
			return nil, err
		}
	}
	env := []string{
		"TELEGRAM_BOT_TOKEN=" + token, "DATA_DIR=" + cfg.DataDir, "FORM_DEADLINE=2099-12-31",
		"ROUND_ID=" + roundID, "LOG_LEVEL=error", "MONGODB_URI=" + cfg.MongoURI,
		"DEBUG_ADDR=" + os.Getenv("DEBUG_ADDR"),   // profile the bot: DEBUG_ADDR=127.0.0.1:6060
		"BOT_WORKERS=" + os.Getenv("BOT_WORKERS"), // empty: the bot's default
	}
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
	}
	env = append(env, "MONGODB_DATABASE="+database)

	people := roster(cfg.Users)
	csvPath := filepath.Join(tmp, "roster.csv")
	if err := os.WriteFile(csvPath, people.csv(), 0o600); err != nil {
		return nil, err
	}
	imp := exec.CommandContext(ctx, cfg.Binary, "import-roster", csvPath)
	imp.Env, imp.Dir = env, tmp
	if out, err := imp.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("import roster: %v\n%s", err, out)
	}

	tg := telegramtest.NewServer(token)
	defer tg.Close()
	tg.SetLatency(cfg.APILatency)
	env = append(env, "TELEGRAM_API_ENDPOINT="+tg.Endpoint())
	if cfg.Mode == "webhook" {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		addr := l.Addr().String()
		l.Close()
		env = append(env, "WEBHOOK_URL=http://"+addr+"/telegram", "HTTP_ADDR="+addr)
	}
	bot := &botProcess{bin: cfg.Binary, env: env, dir: tmp}
	if err := bot.start(); err != nil {
		return nil, err
	}
	defer bot.stop()
	readyCtx, cancel := context.WithTimeout(ctx, time.Minute)
	err = tg.Wait(readyCtx, func() bool {
		url, _ := tg.Webhook()
		return tg.Calls("getUpdates") > 0 || url != ""
	})
	cancel()
	if err != nil {
		return nil, fmt.Errorf("the bot did not start polling: %w", err)
	}

	if cfg.CPUProfile != nil {
		if err := pprof.StartCPUProfile(cfg.CPUProfile); err != nil {
			return nil, fmt.Errorf("start the CPU profile: %w", err)
		}
	}
	r := &runner{tg: tg, people: people, stopAfter: cfg.StopAfter, steps: map[int64]int{}}
	start := time.Now()
	done := make(chan struct{})
	if cfg.Progress != nil {
		go r.progress(cfg.Progress, cfg.Users, done)
	}
	killerDone := make(chan int)
	go func() { killerDone <- bot.killer(done, int64(cfg.KillEvery), r.updates.Load) }()
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
	rss := max(bot.peakRSS, peakRSS(bot.pid()))
	bot.stop()

	rep := &Report{
		Users: cfg.Users, Concurrency: cfg.Concurrency, Store: storeName(cfg.MongoURI), Mode: cfg.Mode,
		APILatencyMS: float64(cfg.APILatency) / float64(time.Millisecond),
		Machine:      fmt.Sprintf("%s/%s, %d CPUs", runtime.GOOS, runtime.GOARCH, runtime.NumCPU()),
		Seconds:      elapsed.Seconds(), FormsPerSecond: float64(r.completed.Load()) / elapsed.Seconds(),
		Updates: r.updates.Load(), UpdatesPerSec: float64(r.updates.Load()) / elapsed.Seconds(),
		Errors: r.errors.Load(), PeakRSSMB: rss, Kills: kills,
	}
	if e := r.firstError.Load(); e != nil {
		rep.FirstError = e.(string)
	}
	rep.LatencyP50ms, rep.LatencyP90ms, rep.LatencyP99ms, rep.LatencyMaxms = r.percentiles()

	st, err := store.Open(ctx, store.Config{URI: cfg.MongoURI, Database: database, DataDir: cfg.DataDir,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return nil, fmt.Errorf("open the bot's store: %w", err)
	}
	defer func() {
		if cfg.MongoURI != "" {
			_ = st.DB().Drop(context.WithoutCancel(ctx))
		}
		_ = st.Close(context.WithoutCancel(ctx))
	}()
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

func storeName(uri string) string {
	if uri == "" {
		return "embedded FerretDB"
	}
	return "MongoDB"
}

// buildBot compiles the bot from this module.
func buildBot(ctx context.Context, dir string) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil || strings.TrimSpace(string(out)) == "" {
		return "", fmt.Errorf("find the openkarir module (run from its checkout): %v", err)
	}
	bin := filepath.Join(dir, "openkarir")
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/openkarir")
	build.Dir = filepath.Dir(strings.TrimSpace(string(out)))
	if msg, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build the bot: %v\n%s", err, msg)
	}
	return bin, nil
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

// people is the generated roster: user i has NIP nip(i) and code code(i).
type people int

func roster(n int) people { return people(n) }

func nip(i int) string {
	birth := time.Date(1975, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/1000)
	return fmt.Sprintf("%s200501%d%03d", birth.Format("20060102"), 1+i%2, i%1000)
}

func code(i int) string { return fmt.Sprintf("K%05d", i) }

var opds = []struct{ code, name string }{
	{"DINKES", "Dinas Kesehatan"}, {"DISDIK", "Dinas Pendidikan dan Kebudayaan"},
	{"DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang"}, {"BKPSDM", "Badan Kepegawaian dan Pengembangan SDM"},
	{"DISPERINDAG", "Dinas Perindustrian dan Perdagangan"},
}

func (p people) csv() []byte {
	var b bytes.Buffer
	b.WriteString("nip;nama;kode_opd;nama_opd;jabatan;eselon;no_hp;kode_aktivasi\n")
	for i := range int(p) {
		o := opds[i%len(opds)]
		fmt.Fprintf(&b, "%s;ASN Uji %d;%s;%s;Analis %d;Staf;;%s\n", nip(i), i, o.code, o.name, i%7, code(i))
	}
	return b.Bytes()
}

func (p people) nips() []string {
	out := make([]string, p)
	for i := range out {
		out[i] = nip(i)
	}
	return out
}

// runner plays the users and keeps the tallies.
type runner struct {
	tg        *telegramtest.Server
	people    people
	updates   atomic.Int64
	completed atomic.Int64 // forms sent
	finished  atomic.Int64 // users done, with their form sent or not
	errors    atomic.Int64

	firstError atomic.Value
	mu         sync.Mutex
	latencies  []time.Duration
	stopAfter  int
	steps      map[int64]int
}

const (
	reason = "Saya ingin memperkuat layanan publik di unit kerja yang dituju."
	target = "Waktu layanan turun menjadi 3 hari dalam 6 bulan"
)

// user plays one ASN from /start to the sent form, with some wrong inputs
// on the way (a wrong code, a reason too short).
func (r *runner) user(ctx context.Context, i int) {
	chat := int64(1_000_000 + i)
	steps := []struct {
		act    func() int
		expect string
	}{
		{func() int { return r.tg.SendText(chat, "/start") }, "Pelindungan data pribadi"},
		{func() int { return r.tg.PressButton(chat, r.tg.LastMessage(chat).ID, "k:ya") }, "NIP"},
		{func() int { return r.tg.SendText(chat, nip(i)) }, "kode aktivasi"},
	}
	if i%5 == 0 {
		steps = append(steps, struct {
			act    func() int
			expect string
		}{func() int { return r.tg.SendText(chat, "SALAH1") }, "Kode aktivasi salah"})
	}
	for _, s := range steps {
		if !r.step(ctx, chat, s.act, s.expect) {
			return
		}
	}
	press := func(data string) func() int {
		return func() int { return r.tg.PressButton(chat, r.tg.LastMessage(chat).ID, data) }
	}
	pressFirst := func() int {
		m := r.tg.LastMessage(chat)
		if len(m.Buttons) == 0 {
			return r.tg.SendText(chat, "?")
		}
		return r.tg.PressButton(chat, m.ID, m.Buttons[0][0].Data)
	}
	// A position other than the user's own (moving to it is refused).
	pressOtherPosition := func() int {
		m := r.tg.LastMessage(chat)
		for _, row := range m.Buttons {
			if b := row[0]; b.Text != fmt.Sprintf("Analis %d", i%7) && strings.HasPrefix(b.Data, "p:") {
				return r.tg.PressButton(chat, m.ID, b.Data)
			}
		}
		// Only the user's own post is listed: type another one.
		return r.tg.SendText(chat, "Analis Kebijakan")
	}
	say := func(text string) func() int { return func() int { return r.tg.SendText(chat, text) } }
	if !r.step(ctx, chat, say(code(i)), "Langkah 1") {
		return
	}
	if i%2 == 1 {
		if !r.step(ctx, chat, press("c:pindah"), "OPD tujuan") ||
			!r.step(ctx, chat, pressFirst, "Jabatan tujuan") ||
			!r.step(ctx, chat, pressOtherPosition, "Mengapa") {
			return
		}
	} else if !r.step(ctx, chat, press("c:tetap"), "Mengapa") {
		return
	}
	if i%3 == 0 && !r.step(ctx, chat, say("pendek"), "Terlalu singkat") {
		return
	}
	if !r.step(ctx, chat, say(reason), "Target kinerja") ||
		!r.step(ctx, chat, say(target), "Jangka waktu") ||
		!r.step(ctx, chat, press("t:6"), "Periksa jawaban") ||
		!r.step(ctx, chat, press("s:kirim"), "Formulir terkirim") {
		return
	}
	r.completed.Add(1)
}

// step sends one update, waits until the bot handled it, and records the
// time from the update being available to the bot's last reply. It reports
// false when the user must stop (an error, or the step budget spent).
func (r *runner) step(ctx context.Context, chat int64, act func() int, expect string) bool {
	if r.stopAfter > 0 {
		r.mu.Lock()
		r.steps[chat]++
		over := r.steps[chat] > r.stopAfter
		r.mu.Unlock()
		if over {
			return false
		}
	}
	mark := r.tg.Seq()
	start := time.Now()
	id := act()
	waitCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
	err := r.tg.WaitHandled(waitCtx, id)
	cancel()
	r.updates.Add(1)
	replies := r.tg.Since(chat, mark)
	ok := err == nil && slices.ContainsFunc(replies, func(m telegramtest.Message) bool { return strings.Contains(m.Text, expect) })
	if !ok {
		r.errors.Add(1)
		got := "nothing"
		if len(replies) > 0 {
			got = fmt.Sprintf("%q", replies[len(replies)-1].Text)
		}
		r.firstError.CompareAndSwap(nil, fmt.Sprintf("chat %d: wanted %q, got %s (%v)", chat, expect, got, err))
		return false
	}
	last := start
	for _, m := range replies {
		if m.At.After(last) {
			last = m.At
		}
	}
	r.mu.Lock()
	r.latencies = append(r.latencies, last.Sub(start))
	r.mu.Unlock()
	return true
}

func (r *runner) percentiles() (p50, p90, p99, max float64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.latencies) == 0 {
		return 0, 0, 0, 0
	}
	slices.Sort(r.latencies)
	at := func(q float64) float64 {
		i := int(q * float64(len(r.latencies)-1))
		return float64(r.latencies[i]) / float64(time.Millisecond)
	}
	return at(0.50), at(0.90), at(0.99), at(1)
}

// progress draws a bar of users done (a form sent, or the step budget of
// -stop-after spent) until done.
func (r *runner) progress(w io.Writer, total int, done <-chan struct{}) {
	t := time.NewTicker(500 * time.Millisecond)
	defer t.Stop()
	draw := func() {
		n := int(r.finished.Load())
		width := 40
		filled := width * n / max(total, 1)
		fmt.Fprintf(w, "\r[%s%s] %d/%d users, %d forms, %d updates, %d errors", strings.Repeat("#", filled), strings.Repeat(".", width-filled),
			n, total, r.completed.Load(), r.updates.Load(), r.errors.Load())
	}
	for {
		select {
		case <-done:
			draw()
			fmt.Fprintln(w)
			return
		case <-t.C:
			draw()
		}
	}
}

// Verify checks the store holds exactly one complete form per expected NIP
// and nothing else, and returns how many forms it holds.
func Verify(ctx context.Context, st *store.Store, nips []string) (int, error) {
	subs, err := st.ListSubmissions(ctx, roundID)
	if err != nil {
		return 0, err
	}
	want := make(map[string]bool, len(nips))
	for _, n := range nips {
		want[n] = true
	}
	seen := map[string]bool{}
	for _, s := range subs {
		switch {
		case !want[s.NIP]:
			return len(subs), fmt.Errorf("a form for NIP %s nobody filed", s.NIP)
		case seen[s.NIP]:
			return len(subs), fmt.Errorf("NIP %s stored twice", s.NIP)
		case !complete(s.Answers):
			return len(subs), fmt.Errorf("the form of NIP %s is incomplete: %+v", s.NIP, s.Answers)
		}
		seen[s.NIP] = true
	}
	for _, n := range nips {
		if !seen[n] {
			return len(subs), fmt.Errorf("no form for NIP %s", n)
		}
	}
	return len(subs), nil
}

func complete(a karir.Answers) bool {
	ok := a.Reason != "" && a.Target != "" && a.TermMonths > 0
	switch a.Choice {
	case karir.ChoiceMove:
		return ok && a.TargetOPDCode != "" && a.TargetPosition != ""
	case karir.ChoiceStay:
		return ok
	}
	return false
}

// botProcess is the bot binary as a child process, which the crash test
// kills and starts again.
type botProcess struct {
	bin, dir string
	env      []string

	mu      sync.Mutex
	cmd     *exec.Cmd
	peakRSS float64
}

func (b *botProcess) start() error {
	cmd := exec.Command(b.bin)
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

// killer kills the bot with SIGKILL after a random number of updates
// around every and starts it again, until done; it returns how many times
// it killed.
func (b *botProcess) killer(done <-chan struct{}, every int64, updates func() int64) int {
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
