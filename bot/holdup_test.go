package bot_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"openkarir/karir"

	"openkarir/bot"
	"openkarir/flows"
	"openkarir/telegramtest"
)

// gate holds the updates of one user until released, and says when one
// has begun.
type gate struct {
	inner   bot.Handler
	user    int64
	begun   chan struct{}
	once    sync.Once
	release chan struct{}
	freed   sync.Once
	// dead makes a released update answer nothing: its process "died".
	dead bool
}

func newGate(user int64) *gate {
	return &gate{user: user, begun: make(chan struct{}), release: make(chan struct{})}
}

func (g *gate) Handle(ctx context.Context, in flows.Input) (flows.Result, error) {
	if in.UserID == g.user {
		g.once.Do(func() { close(g.begun) })
		<-g.release
		if g.dead {
			return flows.Result{}, nil
		}
	}
	return g.inner.Handle(ctx, in)
}

func (g *gate) wrap(h bot.Handler) bot.Handler { g.inner = h; return g }

// free lets the held updates go (once; also on a failed test's cleanup).
func (g *gate) free() { g.freed.Do(func() { close(g.release) }) }

func waitClosed(t *testing.T, c <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-c:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s: not within 10 s", what)
	}
}

// countTexts counts the messages that contain text.
func countTexts(msgs []telegramtest.Message, text string) int {
	n := 0
	for _, m := range msgs {
		if strings.Contains(m.Text, text) {
			n++
		}
	}
	return n
}

// TestSlowUpdateHoldsUpOnlyItsChat: while one user's update is being
// handled (held here until the test lets it go), other users' updates
// are answered, by long polling; the held one is answered afterwards.
func TestSlowUpdateHoldsUpOnlyItsChat(t *testing.T) {
	h := newHarness(t)
	h.stopBot()
	const slow, other = 1311, 1312
	g := newGate(slow)
	h.wrap = g.wrap
	h.start()
	t.Cleanup(g.free) // before the bot stops, which waits for the update
	held := h.tg.SendText(slow, "/bantuan")
	waitClosed(t, g.begun, "the slow update begun")
	for i := range 3 {
		mark := h.tg.Seq()
		h.tg.SendText(other+int64(i), "/bantuan")
		// Answered while the slow one is still held: it never is
		// released before this returns.
		h.waitMessageSince(other+int64(i), mark, "Bantuan Open Karir")
	}
	g.free()
	waitHandled(t, h, held)
	mustSee(t, h.tg.Messages(slow), "Bantuan Open Karir")
}

// TestCrashWhileAnUpdateIsHandledSkipsNothing: a process dies while one
// update is being handled and after later ones (of other chats) were
// answered. The offset it gave Telegram never passed the unfinished
// update, so the next process answers it; the later ones are not handled
// a second time.
func TestCrashWhileAnUpdateIsHandledSkipsNothing(t *testing.T) {
	h := newHarness(t)
	h.stopBot()
	const slow, other = 1321, 1322
	g := newGate(slow)
	g.dead = true
	g.inner = flows.NewRouter(h.store, flows.FixedRound(h.round), h.loc, h.clock)
	ctx, crash := context.WithCancel(context.Background())
	first, err := bot.New(ctx, bot.Config{Token: token, Endpoint: h.tg.Endpoint(), PollTimeout: time.Second}, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	ran := make(chan struct{})
	go func() { defer close(ran); _ = first.Run(ctx, g) }()
	t.Cleanup(func() {
		// The dead process's goroutine, let go only now: it answers
		// nothing more.
		crash()
		g.free()
		<-ran
	})
	held := h.tg.SendText(slow, "/start")
	waitClosed(t, g.begun, "the slow update begun")
	mark := h.tg.Seq()
	answered := h.tg.SendText(other, "/bantuan")
	h.waitMessageSince(other, mark, "Bantuan Open Karir")
	crash()

	h.start()
	waitHandled(t, h, held)
	mustSee(t, h.tg.Messages(slow), "Pelindungan data pribadi")
	if c := h.conversation(other); len(c.RecentUpdates) != 1 || c.RecentUpdates[0] != answered {
		t.Errorf("the other chat's updates after the restart: %v, want [%d]", c.RecentUpdates, answered)
	}
}

// outage is the store as seen during a database outage for one user's
// conversation: loading it fails while down is set, and the bot's health
// check says the database is down. Others are served meanwhile.
type outage struct {
	flows.Storage
	user  int64
	down  *atomic.Bool
	tries *atomic.Int32
}

func (o outage) LoadConversation(ctx context.Context, user int64) (*karir.Conversation, error) {
	if user == o.user && o.down.Load() {
		o.tries.Add(1)
		return nil, errors.New("connection refused")
	}
	return o.Storage.LoadConversation(ctx, user)
}

// TestOutageIsWaitedOut: a contact shared while the database is down is
// kept, however many tries it takes (more than the five an update gets
// when the database answers), the user is told once, other chats go on,
// and once the database is back the binding is made and confirmed once.
func TestOutageIsWaitedOut(t *testing.T) {
	h := newHarness(t)
	const user, other = 1331, 1332
	h.begin(user)
	mustSee(t, h.say(user, nipPhone), "nomor")
	h.stopBot()
	o := outage{Storage: h.store, user: user, down: &atomic.Bool{}, tries: &atomic.Int32{}}
	o.down.Store(true)
	h.storage = o
	h.health = func(ctx context.Context) error {
		if o.down.Load() {
			return errors.New("database down")
		}
		return h.store.Ping(ctx)
	}
	h.start()
	mark := h.tg.Seq()
	shared := h.tg.ShareContact(user, phoneOwner, user)
	h.waitMessageSince(user, mark, "gangguan")
	otherMark := h.tg.Seq()
	h.tg.SendText(other, "/bantuan")
	h.waitMessageSince(other, otherMark, "Bantuan Open Karir")
	h.waitFor(func() bool { return o.tries.Load() >= 8 })
	if b, err := h.store.Binding(context.Background(), nipPhone); err == nil {
		t.Fatalf("bound during the outage: %+v", b)
	}

	o.down.Store(false)
	waitHandled(t, h, shared)
	got := h.tg.Since(user, mark)
	if n := countTexts(got, "gangguan"); n != 1 {
		t.Errorf("told of the trouble %d times, want once:\n%s", n, dump(got))
	}
	if n := countTexts(got, "sudah terhubung"); n != 1 {
		t.Errorf("binding confirmed %d times, want once:\n%s", n, dump(got))
	}
	if b, err := h.store.Binding(context.Background(), nipPhone); err != nil || b.TelegramID != user {
		t.Errorf("binding after the outage: %+v, %v", b, err)
	}
	if c := h.conversation(user); c.NIP != nipPhone || c.LastUpdateID != shared {
		t.Errorf("conversation after the outage: NIP %q, last update %d (want %d)", c.NIP, c.LastUpdateID, shared)
	}
}

// TestFaultyUpdateIsGivenUp: an update that keeps failing while the
// database answers is the update's fault, not an outage: after its tries
// the user is told it failed, and the chat is not held up for good.
func TestFaultyUpdateIsGivenUp(t *testing.T) {
	h := newHarness(t)
	const user = 1341
	h.stopBot()
	o := outage{Storage: h.store, user: user, down: &atomic.Bool{}, tries: &atomic.Int32{}}
	o.down.Store(true)
	h.storage = o
	h.start()
	mark := h.tg.Seq()
	faulty := h.tg.SendText(user, "/bantuan")
	waitHandled(t, h, faulty)
	got := h.tg.Since(user, mark)
	mustSee(t, got, "akan kami proses", "tidak dapat kami proses")
	if n := o.tries.Load(); n != 5 {
		t.Errorf("the faulty update was tried %d times, want 5", n)
	}
	o.down.Store(false)
	mustSee(t, h.say(user, "/bantuan"), "Bantuan Open Karir")
}
