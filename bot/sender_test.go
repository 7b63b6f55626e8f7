package bot_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"openkarir/karir"

	"openkarir/bot"
	"openkarir/flows"
	"openkarir/store"
	"openkarir/store/storetest"
	"openkarir/telegramtest"
)

// senderRig is a sender between the Bot API fake and a real store, without
// the update loop.
type senderRig struct {
	t     testing.TB
	tg    *telegramtest.Server
	store *store.Store
	bot   *bot.Bot
	// now is the senders' clock (nil: time.Now).
	now func() time.Time
}

func newSenderRig(t testing.TB) *senderRig {
	t.Helper()
	tg := telegramtest.NewServer(token)
	t.Cleanup(tg.Close)
	st := storetest.Open(t)
	b, err := bot.New(context.Background(), bot.Config{Token: token, Endpoint: tg.Endpoint()}, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	return &senderRig{t: t, tg: tg, store: st, bot: b}
}

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// start runs a sender until the test ends or the returned stop is called.
func (r *senderRig) start(cfg bot.SenderConfig) (*bot.Sender, func()) {
	if cfg.Holder == "" {
		cfg.Holder = "rig"
	}
	now := r.now
	if now == nil {
		now = time.Now
	}
	s := bot.NewSender(r.bot, r.store, r.store, cfg, quietLog(), now)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = s.Run(ctx)
	}()
	stop := func() {
		cancel()
		<-done
	}
	r.t.Cleanup(stop)
	return s, stop
}

// notices makes n notices to the chats in turn, each with a unique text.
func notices(prefix string, n int, chats ...int64) []karir.Notice {
	out := make([]karir.Notice, n)
	for i := range out {
		key := fmt.Sprintf("%s-%d", prefix, i)
		out[i] = karir.Notice{Key: key, ChatID: chats[i%len(chats)], Reply: karir.Reply{Text: "pesan " + key}}
	}
	return out
}

// waitSent waits until the chats received n messages in all.
func (r *senderRig) waitSent(n int, chats ...int64) {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err := r.tg.Wait(ctx, func() bool {
		got := 0
		for _, c := range chats {
			got += r.tg.Sent(c)
		}
		return got >= n
	})
	if err != nil {
		r.t.Fatalf("not all %d messages arrived: %v", n, err)
	}
}

// mustDeliverOnce checks each notice's text reached its chat exactly once.
func (r *senderRig) mustDeliverOnce(ns []karir.Notice) {
	r.t.Helper()
	count := map[string]int{}
	seen := map[int64]bool{}
	for _, n := range ns {
		if seen[n.ChatID] {
			continue
		}
		seen[n.ChatID] = true
		for _, m := range r.tg.Messages(n.ChatID) {
			count[m.Text]++
		}
	}
	for _, n := range ns {
		if c := count[n.Reply.Text]; c != 1 {
			r.t.Errorf("%s delivered %d times", n.Key, c)
		}
	}
}

// senderClock is a fake clock for the sender: its time moves only when the
// sender waits on it (a wait of d moves it d ahead, after a moment of real
// time so that the workers and the fake run meanwhile). The pace the sender
// keeps is then exact in this time, however loaded the machine is.
type senderClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *senderClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Timer implements bot.SenderConfig.Timer.
func (c *senderClock) Timer(d time.Duration) (<-chan time.Time, func() bool) {
	c.mu.Lock()
	at := c.now.Add(d)
	c.mu.Unlock()
	ch := make(chan time.Time, 1)
	var stopped, fired bool // guarded by c.mu
	time.AfterFunc(time.Millisecond, func() {
		c.mu.Lock()
		if stopped {
			c.mu.Unlock()
			return
		}
		fired = true
		if c.now.Before(at) {
			c.now = at
		}
		now := c.now
		c.mu.Unlock()
		ch <- now
	})
	return ch, func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		stopped = !fired
		return stopped
	}
}

// TestSenderRetriesThrough429And5xx checks, on the sender's own clock, that
// messages to one chat are handed to Telegram at least the chat interval
// apart and that a failed try is repeated no sooner than Telegram asked (a
// 429's retry_after) or the backoff after a 5xx allows.
func TestSenderRetriesThrough429And5xx(t *testing.T) {
	r := newSenderRig(t)
	clock := &senderClock{now: time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)}
	r.now = clock.Now
	r.tg.SetClock(clock.Now)
	chats := []int64{11, 12, 13, 14}
	ns := notices("n", 16, chats...)
	r.tg.FailNext("sendMessage", 1, http.StatusTooManyRequests, 1)
	r.tg.FailNext("sendMessage", 2, http.StatusBadGateway, 0)
	const interval = 100 * time.Millisecond
	s, _ := r.start(bot.SenderConfig{GlobalRate: 200, ChatInterval: interval, Timer: clock.Timer})
	if n, err := s.Notify(context.Background(), ns...); err != nil || n != 16 {
		t.Fatalf("notify = %d, %v", n, err)
	}
	// The same keys again are not queued twice.
	if n, err := s.Notify(context.Background(), ns...); err != nil || n != 0 {
		t.Fatalf("notify again = %d, %v", n, err)
	}
	r.waitSent(16, chats...)
	r.mustDeliverOnce(ns)

	sentAt := map[string]time.Time{} // by text
	perChat := map[int64][]time.Time{}
	for _, n := range ns {
		m := r.waitFinal(n.Key)
		if m.Status != karir.OutSent || m.SentAt.IsZero() {
			t.Errorf("%s stored as %+v", n.Key, m)
		}
		sentAt[n.Reply.Text] = m.SentAt
		perChat[n.ChatID] = append(perChat[n.ChatID], m.SentAt)
	}
	for chat, times := range perChat {
		slices.SortFunc(times, time.Time.Compare)
		for i := 1; i < len(times); i++ {
			if gap := times[i].Sub(times[i-1]); gap < interval {
				t.Errorf("chat %d: two messages %v apart, want at least %v", chat, gap, interval)
			}
		}
	}
	failed := r.tg.FailedCalls()
	if len(failed) != 3 {
		t.Fatalf("%d calls failed, want 3", len(failed))
	}
	for _, f := range failed {
		wait := 2 * time.Second // the backoff after a first 5xx
		if f.Status == http.StatusTooManyRequests {
			wait = time.Second // retry_after
		}
		if got := sentAt[f.Text].Sub(f.At); got < wait {
			t.Errorf("%q failed with %d and was sent again %v later, want at least %v", f.Text, f.Status, got, wait)
		}
	}
}

func TestSender403MarksUnreachableWithoutRetry(t *testing.T) {
	r := newSenderRig(t)
	r.tg.SetChatBlocked(21, true)
	s, _ := r.start(bot.SenderConfig{GlobalRate: 200, ChatInterval: 10 * time.Millisecond})
	ns := []karir.Notice{
		{Key: "blocked", ChatID: 21, Reply: karir.Reply{Text: "untuk 21"}},
		{Key: "fine", ChatID: 22, Reply: karir.Reply{Text: "untuk 22"}},
	}
	if _, err := s.Notify(context.Background(), ns...); err != nil {
		t.Fatal(err)
	}
	r.waitSent(1, 22)
	m := r.waitFinal("blocked")
	if m.Status != karir.OutUnreachable {
		t.Fatalf("blocked message: %+v", m)
	}
	un, err := r.store.Unreachable(context.Background())
	if err != nil || !un[21] || un[22] {
		t.Fatalf("unreachable = %v, %v", un, err)
	}
	if calls := r.tg.Calls("sendMessage"); calls != 2 {
		t.Errorf("sendMessage called %d times, want 2 (no retry after 403)", calls)
	}
}

// TestSenderCrashMidwaySendsEachOnce stops a sender in the middle of a batch
// and lets a fresh one (a restarted process) finish it.
func TestSenderCrashMidwaySendsEachOnce(t *testing.T) {
	r := newSenderRig(t)
	chats := make([]int64, 50)
	for i := range chats {
		chats[i] = int64(100 + i)
	}
	ns := notices("crash", 150, chats...)
	s, stop := r.start(bot.SenderConfig{GlobalRate: 100, ChatInterval: 10 * time.Millisecond, LeaseTTL: time.Second})
	if _, err := s.Notify(context.Background(), ns...); err != nil {
		t.Fatal(err)
	}
	r.waitSent(40, chats...)
	stop()
	sentBefore := 0
	for _, c := range chats {
		sentBefore += r.tg.Sent(c)
	}
	if sentBefore >= len(ns) {
		t.Fatalf("the first sender finished everything (%d); the test needs it stopped midway", sentBefore)
	}
	// Same holder name: a restarted process takes its lease back at once.
	r.start(bot.SenderConfig{GlobalRate: 100, ChatInterval: 10 * time.Millisecond, LeaseTTL: time.Second})
	r.waitSent(len(ns), chats...)
	r.mustDeliverOnce(ns)
}

// sentBy counts the messages a sender's metrics say it sent.
func sentBy(t *testing.T, reg *prometheus.Registry) int {
	t.Helper()
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() != "openkarir_outbox_messages_total" {
			continue
		}
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == "outcome" && l.GetValue() == karir.OutSent {
					return int(m.GetCounter().GetValue())
				}
			}
		}
	}
	return 0
}

// TestOnlyTheLeaseHolderSends: of two senders on one database, the one
// holding the lease sends everything, also what was queued through the
// other.
func TestOnlyTheLeaseHolderSends(t *testing.T) {
	r := newSenderRig(t)
	regA, regB := prometheus.NewRegistry(), prometheus.NewRegistry()
	a, _ := r.start(bot.SenderConfig{GlobalRate: 200, ChatInterval: 10 * time.Millisecond, Holder: "a", LeaseTTL: time.Hour,
		Rescan: 50 * time.Millisecond, Metrics: bot.NewMetrics(regA)})
	// Let a take the lease before b starts.
	ns := notices("first", 1, 31)
	if _, err := a.Notify(context.Background(), ns...); err != nil {
		t.Fatal(err)
	}
	r.waitSent(1, 31)
	b, _ := r.start(bot.SenderConfig{GlobalRate: 200, ChatInterval: 10 * time.Millisecond, Holder: "b", LeaseTTL: time.Hour,
		Rescan: 50 * time.Millisecond, Metrics: bot.NewMetrics(regB)})
	// Queued through b, sent by a when it reads the outbox again.
	more := notices("via-b", 5, 31, 32)
	if _, err := b.Notify(context.Background(), more...); err != nil {
		t.Fatal(err)
	}
	r.waitSent(6, 31, 32)
	r.mustDeliverOnce(append(ns, more...))
	for _, n := range append(ns, more...) {
		r.waitFinal(n.Key) // a counts a message once its outcome is stored
	}
	if byA, byB := sentBy(t, regA), sentBy(t, regB); byA != 6 || byB != 0 {
		t.Errorf("a sent %d and b sent %d, want all 6 by a, the lease holder", byA, byB)
	}
}

func TestRemindAndBroadcastFromChat(t *testing.T) {
	h := newHarness(t)
	const filer, idle = 701, 702
	fileStay(h, filer)
	h.begin(idle)
	h.say(idle, nipPhone)
	h.tg.Share(t, idle, phoneOwner, idle)

	mustSee(t, h.say(idle, "/ingatkan"), "Maaf, ini khusus ")
	mustSee(t, h.say(idle, "/siaran halo semua"), "Maaf, ini khusus ")

	h.say(adminID, "/ingatkan")
	h.press(adminID, "Semua OPD")
	got := h.press(adminID, "Kirim ke 1 ASN")
	mustSee(t, got, "Pengingat masuk antrean untuk <b>1</b> ASN")
	if err := h.tg.Wait(ctxTimeout(t), func() bool { return strings.Contains(h.tg.LastMessage(adminID).Text, "Pengingat selesai") }); err != nil {
		t.Fatalf("no report to the admin: %v\n%s\nto the ASN:\n%s", err, dump(h.tg.Messages(adminID)), dump(h.tg.Messages(idle)))
	}
	mustSee(t, []telegramtest.Message{h.tg.LastMessage(adminID)}, "Terkirim: 1")
	reminder := h.tg.LastMessage(idle)
	if !strings.Contains(reminder.Text, "belum mengisi") || len(reminder.Buttons) == 0 {
		t.Fatalf("reminder: %+v", reminder)
	}
	for _, m := range h.tg.Messages(filer) {
		if strings.Contains(m.Text, "Pengingat Open Karir") {
			t.Errorf("the ASN who filed was reminded")
		}
	}
	// The reminder's button opens the form.
	mustSee(t, h.tg.Press(t, idle, reminder.ID, reminder.Buttons[0][0].Data), "Langkah 1 dari 4 atau 5: Pilihan")

	mustSee(t, h.say(adminID, "/siaran"), "Tulis pengumumannya")
	mustSee(t, h.say(adminID, "/siaran DPUPR Rapat <b>besok</b> pukul 09.00"), "Diterima: <b>1</b> ASN", "OPD DPUPR")
	mustSee(t, h.press(adminID, "📨 Kirim"), "untuk <b>1</b> ASN OPD DPUPR. Laporan pengiriman")
	h.waitFor(func() bool { return strings.Contains(h.tg.LastMessage(idle).Text, "Rapat") })
	if text := h.tg.LastMessage(idle).Text; !strings.Contains(text, "Rapat &lt;b&gt;besok&lt;/b&gt;") {
		t.Errorf("broadcast not escaped: %q", text)
	}
	for _, m := range h.tg.Messages(filer) {
		if strings.Contains(m.Text, "Rapat") {
			t.Errorf("broadcast to DPUPR reached BKPSDM staff")
		}
	}
}

func (h *harness) waitFor(cond func() bool) {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := h.tg.Wait(ctx, cond); err != nil {
		h.t.Fatal(err)
	}
}

func TestReminderPlan(t *testing.T) {
	h := newHarness(t)
	const idle = 703
	h.begin(idle)
	h.say(idle, nipPhone)
	h.tg.Share(t, idle, phoneOwner, idle)
	fileStay(h, 704)

	rem := flows.NewReminders(h.deps, flows.DefaultReminderPlan())
	tick := func() int {
		n, err := rem.Tick(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	// 24 November is H-6: not a reminder day.
	if n := tick(); n != 0 {
		t.Errorf("H-6 queued %d", n)
	}
	h.advance(3*24*time.Hour + 13*time.Hour) // 27 November 22:00, H-3 at night
	if n := tick(); n != 0 {
		t.Errorf("at night queued %d", n)
	}
	h.advance(12 * time.Hour) // 28 November 10:00 is H-2
	if n := tick(); n != 0 {
		t.Errorf("H-2 queued %d", n)
	}
	h.advance(-24 * time.Hour) // 27 November 10:00, H-3 in working hours
	if n := tick(); n != 1 {
		t.Fatalf("H-3 queued %d, want 1 (the bound ASN who has not filed)", n)
	}
	if n := tick(); n != 0 {
		t.Errorf("a second tick queued %d more", n)
	}
	h.waitFor(func() bool { return strings.Contains(h.tg.LastMessage(idle).Text, "sisa 3 hari") })
	for _, m := range h.tg.Messages(704) {
		if strings.Contains(m.Text, "Pengingat") {
			t.Errorf("reminded an ASN who filed")
		}
	}
}

func ctxTimeout(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// waitFinal waits until the outcome of a message is stored (the sender
// records it just after Telegram answers).
func (r *senderRig) waitFinal(key string) *karir.Outgoing {
	r.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		m, err := r.store.Outgoing(context.Background(), key)
		if err != nil {
			r.t.Fatal(err)
		}
		if m.Status != karir.OutPending || time.Now().After(deadline) {
			return m
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestSenderRetriesAfterATimeout(t *testing.T) {
	r := newSenderRig(t)
	b, err := bot.New(context.Background(), bot.Config{Token: token, Endpoint: r.tg.Endpoint(), CallTimeout: 200 * time.Millisecond}, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	r.bot = b
	s, _ := r.start(bot.SenderConfig{GlobalRate: 100, ChatInterval: 10 * time.Millisecond})
	r.tg.SetLatency(time.Second) // every call now outlasts the timeout
	ns := notices("slow", 1, 41)
	if _, err := s.Notify(context.Background(), ns...); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := r.tg.Wait(ctx, func() bool { return r.tg.Calls("sendMessage") >= 1 }); err != nil {
		t.Fatal(err)
	}
	r.tg.SetLatency(0)
	// The first try timed out on our side (the fake still recorded it after
	// its delay); the retry, after the backoff, gets through. A timeout is
	// the one case where Telegram may have the message already: it is
	// retried all the same, since losing a notice is worse than a repeat.
	r.waitSent(1, 41)
	if m := r.waitFinal("slow-0"); m.Status != karir.OutSent || m.Attempts < 1 {
		t.Errorf("after a timeout: %+v", m)
	}
}

// outboxThatCannotRecord is the store with its outcome writes failing, as
// when the disk is full.
type outboxThatCannotRecord struct{ *store.Store }

func (outboxThatCannotRecord) FinishOutgoing(context.Context, karir.Outgoing) error {
	return errors.New("disk full")
}

// TestSenderStopsWhileRecordingFails: a sender that cannot record what it
// sent keeps trying for a while, but a shutdown ends the trying after the
// grace period instead of sleeping through every retry.
func TestSenderStopsWhileRecordingFails(t *testing.T) {
	r := newSenderRig(t)
	s := bot.NewSender(r.bot, outboxThatCannotRecord{r.store}, r.store,
		bot.SenderConfig{GlobalRate: 100, ChatInterval: 10 * time.Millisecond, Holder: "rig", RecordGrace: 300 * time.Millisecond},
		quietLog(), time.Now)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = s.Run(ctx)
	}()
	defer func() { cancel(); <-done }()
	if _, err := s.Notify(context.Background(), notices("unrecorded", 1, 61)...); err != nil {
		t.Fatal(err)
	}
	r.waitSent(1, 61)
	stopped := time.Now()
	cancel()
	select {
	case <-done:
		t.Logf("stopped in %v", time.Since(stopped))
	case <-time.After(5 * time.Second):
		t.Fatal("the sender still retries its record 5 s after the shutdown")
	}
}

// outboxReadLate is the store with its read of the pending messages
// answered late: it holds the list it read until a message's outcome was
// recorded meanwhile, as a slow scan on a busy database does.
type outboxReadLate struct {
	*store.Store
	recorded chan struct{}
	once     sync.Once
	reads    atomic.Int32
	read     chan struct{} // a read answered
}

func (o *outboxReadLate) FinishOutgoing(ctx context.Context, m karir.Outgoing) error {
	err := o.Store.FinishOutgoing(ctx, m)
	o.once.Do(func() { close(o.recorded) })
	return err
}

func (o *outboxReadLate) PendingOutgoing(ctx context.Context) ([]karir.Outgoing, error) {
	pending, err := o.Store.PendingOutgoing(ctx)
	if o.reads.Add(1) > 1 && len(pending) > 0 {
		select {
		case <-o.recorded:
		case <-time.After(5 * time.Second):
		}
	}
	select {
	case o.read <- struct{}{}:
	default:
	}
	return pending, err
}

// TestSenderIgnoresAStaleReadOfTheOutbox: a message sent and recorded while
// the outbox was being read is not sent again because the read still
// listed it as pending.
func TestSenderIgnoresAStaleReadOfTheOutbox(t *testing.T) {
	r := newSenderRig(t)
	outbox := &outboxReadLate{Store: r.store, recorded: make(chan struct{}), read: make(chan struct{}, 1)}
	r.tg.SetLatency(100 * time.Millisecond) // the send outlasts the next rescan's start
	reg := prometheus.NewRegistry()
	s := bot.NewSender(r.bot, outbox, r.store,
		bot.SenderConfig{GlobalRate: 100, ChatInterval: 10 * time.Millisecond, Holder: "rig", Rescan: 20 * time.Millisecond,
			Metrics: bot.NewMetrics(reg)},
		quietLog(), time.Now)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = s.Run(ctx)
	}()
	defer func() { cancel(); <-done }()
	ns := notices("stale", 1, 71)
	if _, err := s.Notify(context.Background(), ns...); err != nil {
		t.Fatal(err)
	}
	r.waitSent(1, 71)
	r.waitFinal(ns[0].Key)
	// Two reads answered after the record: the one that began before it
	// (stale) and the next, which begins once the stale one was taken in.
	// A repeat is queued by then, and the sender is busy until it is sent.
	for range 2 {
		select {
		case <-outbox.read:
		case <-time.After(10 * time.Second):
			t.Fatal("the sender stopped reading the outbox")
		}
	}
	ctx2, stop := context.WithTimeout(context.Background(), 2*time.Second)
	defer stop()
	_ = r.tg.Wait(ctx2, func() bool { return outboxDepth(t, reg) == 0 })
	r.mustDeliverOnce(ns)
}

// outboxDepth is the sender's openkarir_outbox_depth: messages queued or
// in flight.
func outboxDepth(t *testing.T, reg *prometheus.Registry) float64 {
	t.Helper()
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() == "openkarir_outbox_depth" {
			return f.GetMetric()[0].GetGauge().GetValue()
		}
	}
	return 0
}
