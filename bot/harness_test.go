package bot_test

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"openkarir/karir"

	"openkarir/bot"
	"openkarir/flows"
	"openkarir/report"
	"openkarir/roster"
	"openkarir/store"
	"openkarir/store/storetest"
	"openkarir/telegramtest"
)

const (
	token = "123456:TEST"
	// adminID is a super admin (ADMIN_TELEGRAM_IDS).
	adminID = 900
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

// harness is a running bot between the Bot API fake and a real store, with a
// clock the test sets.
type harness struct {
	t     *testing.T
	tg    *telegramtest.Server
	store *store.Store
	loc   *time.Location
	round karir.Round

	mu  sync.Mutex
	now time.Time
	// noticeMarks are, per user, where waitNotice looks from.
	noticeMarks map[int64]int

	sender *bot.Sender
	// deps are what the running bot was built from.
	deps flows.Deps
	// storage, when set before start, stands between the bot and the
	// store (to make a write fail); nil is the store itself.
	storage flows.Storage
	// importer, when set before start, replaces the roster importer;
	// talent the talent importer.
	importer flows.RosterImporter
	uploads  flows.UploadReader // nil: roster.Uploads
	talent   flows.TalentImporter
	// health, when set before start, replaces the store's Ping as the
	// bot's word on whether the database answers; wrap, when set, stands
	// between the bot and the router.
	health func(context.Context) error
	wrap   func(bot.Handler) bot.Handler
	stop   func()
	// crash ends the running bot as a killed process ends: at once,
	// finishing nothing (what it was doing may go on unseen).
	crash func()
	// inaugurated, when set before start, is the mayor's inauguration
	// (MAYOR_INAUGURATED).
	inaugurated time.Time
	// penetapan, when set before start, is the Pilkada's penetapan
	// pasangan calon (PILKADA_PENETAPAN_CALON).
	penetapan time.Time
	// refusalsExpected lets a test make Telegram refuse a call on purpose;
	// otherwise any refusal fails the test.
	refusalsExpected bool
	// logs holds the bot's error logs.
	logs logBuffer
}

// logBuffer keeps log lines for a test to read.
type logBuffer struct {
	mu    sync.Mutex
	lines []string
}

func (l *logBuffer) add(s string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, s)
}

// String is every line so far.
func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// checkRefusals fails the test for each call the fake refused as Telegram
// would: a reply Telegram refuses is a reply the user never gets.
func (h *harness) checkRefusals() {
	if h.refusalsExpected {
		return
	}
	for _, r := range h.tg.Refusals() {
		h.t.Errorf("Telegram refused %s to chat %d: %s\ntext: %.300q", r.Method, r.ChatID, r.Description, r.Text)
	}
}

// Users of the sample roster (roster/contoh_roster.csv).
const (
	// Has a phone number and no activation code.
	nipPhone   = "197803152005011003"
	phoneOwner = "081273450003"
	// Has an activation code.
	nipCode  = "198507222010012005"
	codeText = "K7P2XQ"
)

func newHarness(t *testing.T) *harness {
	t.Helper()
	return newHarnessOn(t, storetest.Open(t))
}

// newHarnessOn runs the bot on a store the test opened itself.
func newHarnessOn(t *testing.T, st *store.Store) *harness {
	t.Helper()
	return newHarnessSeeded(t, st, true)
}

// newHarnessWithoutRound runs the bot with no round opened yet, as a first
// start without FORM_DEADLINE.
func newHarnessWithoutRound(t *testing.T) *harness {
	t.Helper()
	return newHarnessSeeded(t, storetest.Open(t), false)
}

func newHarnessSeeded(t *testing.T, st *store.Store, seed bool) *harness {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{
		t:     t,
		tg:    telegramtest.NewServer(token),
		store: st,
		loc:   loc,
		now:   time.Date(2026, 11, 24, 9, 0, 0, 0, loc),

		noticeMarks: map[int64]int{},
	}
	if seed {
		// The last day to file is 30 November 2026.
		h.round = karir.Round{ID: "2026-1", Closes: time.Date(2026, 12, 1, 0, 0, 0, 0, loc)}
	}
	t.Cleanup(h.tg.Close)
	t.Cleanup(h.checkRefusals)
	t.Cleanup(func() { checkKeyboards(t, h.tg.Keyboards()) })
	sum, err := roster.Import(context.Background(), h.store, bytes.NewReader(roster.Sample), h.clock())
	if err != nil {
		t.Fatalf("import sample roster: %v", err)
	}
	if len(sum.Rejected) > 0 {
		t.Fatalf("sample roster has rejected rows: %v", sum.Rejected)
	}
	h.start()
	t.Cleanup(func() { h.stopBot() })
	return h
}

func (h *harness) clock() time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.now
}

func (h *harness) advance(d time.Duration) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.now = h.now.Add(d)
}

// start runs a fresh bot process-equivalent against the same store.
func (h *harness) start() {
	h.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	rounds, err := flows.NewStoredRounds(ctx, h.store, h.round.ID, h.round.Closes, h.clock())
	if err != nil {
		h.t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(testWriter{h.t, &h.logs}, &slog.HandlerOptions{Level: slog.LevelError}))
	health := h.store.Ping
	if h.health != nil {
		health = h.health
	}
	b, err := bot.New(ctx, bot.Config{Token: token, Endpoint: h.tg.Endpoint(), PollTimeout: time.Second,
		Health: health, RetryPause: 50 * time.Millisecond, RetryMax: time.Second, Inbox: h.store}, log)
	if err != nil {
		h.t.Fatalf("start bot: %v", err)
	}
	sender := bot.NewSender(b, h.store, h.store, bot.SenderConfig{GlobalRate: 500, ChatInterval: 50 * time.Millisecond, Holder: "test"}, log, time.Now)
	var storage flows.Storage = h.store
	if h.storage != nil {
		storage = h.storage
	}
	var importer flows.RosterImporter = roster.Strict{W: h.store}
	if h.importer != nil {
		importer = h.importer
	}
	var uploads flows.UploadReader = roster.Uploads{}
	if h.uploads != nil {
		uploads = h.uploads
	}
	var talent flows.TalentImporter = roster.StrictTalent{W: h.store}
	if h.talent != nil {
		talent = h.talent
	}
	h.deps = flows.Deps{
		Store: storage, Rounds: rounds, Sender: sender, Files: b,
		Reports: report.Renderer{}, Importer: importer, Uploads: uploads, Talent: talent,
		Forms: roster.StrictForms{W: h.store}, Posts: roster.StrictPosts{W: h.store},
		Signer: karir.Signer{Agency: "Pemerintah Kota Bengkulu", Name: "Dr. Rina Marlina, M.Si.", Title: "Kepala BKPSDM"},
		Supers: []int64{adminID}, Location: h.loc, Now: h.clock, Menus: b,
		MayorInaugurated: h.inaugurated,
		PilkadaPenetapan: h.penetapan,
	}
	flowsRouter := flows.New(h.deps)
	var router bot.Handler = flowsRouter
	if h.wrap != nil {
		router = h.wrap(router)
	}
	h.sender = sender
	if err := b.SetCommands(ctx); err != nil {
		h.t.Fatalf("set commands: %v", err)
	}
	if err := flowsRouter.SetRoleMenus(ctx, h.deps.Supers, h.store); err != nil {
		h.t.Fatalf("set role menus: %v", err)
	}
	// What main does at start: the decisions a crash left unapplied.
	if _, err := flows.NewDecisionCatchUp(h.deps, log).Tick(ctx); err != nil {
		log.Error("carry out the decisions left unapplied", "err", err)
	}
	done := make(chan error, 2)
	go func() { done <- b.Run(ctx, router) }()
	go func() { done <- sender.Run(ctx) }()
	h.crash = func() {
		cancel()
		h.stop = nil
	}
	h.stop = func() {
		cancel()
		for range 2 {
			if err := <-done; err != nil {
				h.t.Errorf("bot run: %v", err)
			}
		}
	}
}

func (h *harness) stopBot() {
	if h.stop != nil {
		h.stop()
		h.stop = nil
	}
}

// say sends text as the user and returns what the bot answered.
func (h *harness) say(user int64, text string) []telegramtest.Message {
	h.t.Helper()
	return h.tg.Say(h.t, user, text)
}

// press presses the button with the given label on the bot's latest message
// that has it.
func (h *harness) press(user int64, label string) []telegramtest.Message {
	h.t.Helper()
	msgs := h.tg.Messages(user)
	for i := len(msgs) - 1; i >= 0; i-- {
		for _, row := range msgs[i].Buttons {
			for _, b := range row {
				if b.Text == label || strings.Contains(b.Text, label) {
					return h.tg.Press(h.t, user, msgs[i].ID, b.Data)
				}
			}
		}
	}
	h.t.Fatalf("user %d: no button %q in the chat; last message: %q", user, label, h.tg.LastMessage(user).Text)
	return nil
}

// begin starts the conversation and agrees to the privacy notice.
func (h *harness) begin(user int64) {
	h.t.Helper()
	mustSee(h.t, h.say(user, "/start"), "Pelindungan data pribadi")
	mustSee(h.t, h.press(user, "Setuju"), "ketik <b>NIP/NI PPPK</b>")
}

// bind makes the user prove the NIP with the activation code.
func (h *harness) bindByCode(user int64, nip, code string) {
	h.t.Helper()
	h.begin(user)
	h.say(user, nip)
	got := h.say(user, code)
	mustSee(h.t, got, "sudah terhubung")
}

// checkKeyboards checks every inline keyboard a test made the bot send:
// callback data within Telegram's 64 bytes, in the one format the router
// reads back, and labels a phone shows whole (flows.FitsButton).
func checkKeyboards(t *testing.T, keyboards []telegramtest.Keyboard) {
	t.Helper()
	for _, k := range keyboards {
		for _, row := range k.Buttons {
			for _, b := range row {
				if len(b.Data) > 64 || !strings.HasPrefix(b.Data, "x:") {
					t.Errorf("chat %d: button %q has data %q (%d bytes); message:\n%s", k.ChatID, b.Text, b.Data, len(b.Data), k.Text)
				}
				if !flows.FitsButton(b.Text, len(row)) {
					t.Errorf("chat %d: button %q (one of %d in its row) is cut off on a phone; message:\n%s", k.ChatID, b.Text, len(row), k.Text)
				}
			}
		}
	}
}

// mustSee fails unless one of the messages contains each of the texts.
func mustSee(t *testing.T, msgs []telegramtest.Message, texts ...string) {
	t.Helper()
	for _, want := range texts {
		found := false
		for _, m := range msgs {
			if strings.Contains(m.Text, want) {
				found = true
			}
		}
		if !found {
			t.Errorf("no message contains %q; got:\n%s", want, dump(msgs))
		}
	}
}

func mustNotSee(t *testing.T, msgs []telegramtest.Message, text string) {
	t.Helper()
	for _, m := range msgs {
		if strings.Contains(m.Text, text) {
			t.Errorf("unexpected %q in:\n%s", text, dump(msgs))
		}
	}
}

func dump(msgs []telegramtest.Message) string {
	var b strings.Builder
	for _, m := range msgs {
		b.WriteString("---\n" + m.Text + "\n")
		for _, row := range m.Buttons {
			for _, btn := range row {
				b.WriteString("[" + btn.Text + "] ")
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

func (h *harness) conversation(user int64) *karir.Conversation {
	h.t.Helper()
	c, err := h.store.LoadConversation(context.Background(), user)
	if err != nil {
		h.t.Fatal(err)
	}
	return c
}

func (h *harness) submission(nip string) *karir.Submission {
	h.t.Helper()
	s, err := h.store.Submission(context.Background(), h.round.ID, nip)
	if err != nil {
		h.t.Fatalf("submission of %s: %v", nip, err)
	}
	return s
}

// testWriter shows the bot's error logs in the test's output.
type testWriter struct {
	t    *testing.T
	logs *logBuffer
}

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	if w.logs != nil {
		w.logs.add(strings.TrimSpace(string(p)))
	}
	return len(p), nil
}

// mustSeeButton fails unless one of the messages has a button whose label
// contains label.
func mustSeeButton(t *testing.T, msgs []telegramtest.Message, label string) {
	t.Helper()
	for _, m := range msgs {
		for _, row := range m.Buttons {
			for _, b := range row {
				if strings.Contains(b.Text, label) {
					return
				}
			}
		}
	}
	t.Errorf("no button %q; got:\n%s", label, dump(msgs))
}

// waitMessageSince waits for a message to user, sent or edited after the
// mark (telegramtest.Server.Seq), that contains text, and returns it.
func (h *harness) waitMessageSince(user int64, mark int, text string) telegramtest.Message {
	h.t.Helper()
	var found telegramtest.Message
	h.waitFor(func() bool {
		for _, m := range h.tg.Since(user, mark) {
			if strings.Contains(m.Text, text) {
				found = m
				return true
			}
		}
		return false
	})
	return found
}
