package bot_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"openkarir/karir"

	"openkarir/store"
	"openkarir/telegramtest"
)

// TestStoreDownThenBack stops the database under the bot: the user is told
// there is trouble, the update is kept, and once the database is back the
// bot reconnects by itself and answers it.
func TestStoreDownThenBack(t *testing.T) {
	if testing.Short() {
		t.Skip("stops and restarts a database")
	}
	const user = 1201
	h, _, db := newHarnessOnStoppableDB(t, user)
	ctx := context.Background()

	stopAt := time.Now()
	db.stop()
	t.Logf("database stopped in %v", time.Since(stopAt))
	mark := h.tg.Seq()
	id := h.tg.SendText(user, "/status")
	troubleCtx, cancelTrouble := context.WithTimeout(ctx, 40*time.Second)
	defer cancelTrouble()
	if err := h.tg.Wait(troubleCtx, func() bool { return strings.Contains(h.tg.LastMessage(user).Text, "gangguan") }); err != nil {
		t.Fatalf("the user was not told of the trouble: %v", err)
	}

	db.restart()
	answeredOnceAfterTrouble(t, h, user, mark, id)
	if c := h.conversation(user); c.LastUpdateID != id || c.State != karir.StateChoice {
		t.Errorf("conversation after recovery: %+v", c)
	}
}

// stoppableDB is an embedded FerretDB on a fixed directory and port under a
// store opened on its URI, as on a database server: a test stops it and
// starts it again where the store looks for it.
type stoppableDB struct {
	t         *testing.T
	dir, addr string
	log       *slog.Logger
	db        *store.Embedded
}

// newHarnessOnStoppableDB starts a stoppableDB, opens the harness on a
// store on it, and binds user.
func newHarnessOnStoppableDB(t *testing.T, user int64) (*harness, *store.Store, *stoppableDB) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	d := &stoppableDB{t: t, dir: t.TempDir(), addr: l.Addr().String(), log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	l.Close()
	if d.db, err = store.StartEmbedded(context.Background(), d.dir, d.addr, d.log); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), store.Config{URI: d.db.URI(), Logger: d.log})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close(context.Background()) })
	h := newHarnessOn(t, st)
	h.bindByCode(user, nipCode, codeText)
	return h, st, d
}

func (d *stoppableDB) stop() { d.db.Stop() }

// restart starts the database again on its directory and port.
func (d *stoppableDB) restart() {
	d.t.Helper()
	db, err := store.StartEmbedded(context.Background(), d.dir, d.addr, d.log)
	if err != nil {
		d.t.Fatalf("restart the database: %v", err)
	}
	d.db = db
	d.t.Cleanup(db.Stop)
}

// answeredOnceAfterTrouble waits, once the database is back, for update id
// to be handled, and checks user was told of the trouble once and answered
// once since mark.
func answeredOnceAfterTrouble(t *testing.T, h *harness, user int64, mark, id int) {
	t.Helper()
	waitCtx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := h.tg.WaitHandled(waitCtx, id); err != nil {
		t.Fatalf("the update was not handled after the database came back: %v", err)
	}
	mustSee(t, []telegramtest.Message{h.tg.LastMessage(user)}, "belum mengisi")
	if got := h.tg.Since(user, mark); countTexts(got, "gangguan") != 1 || countTexts(got, "belum mengisi") != 1 {
		t.Errorf("want one word of the trouble and one answer:\n%s", dump(got))
	}
}

// TestTelegramDownThenBack fails the long poll for a while: the bot backs
// off, does not crash, and answers once Telegram answers again.
func TestTelegramDownThenBack(t *testing.T) {
	h := newHarness(t)
	h.stopBot()
	h.tg.FailNext("getUpdates", 3, http.StatusBadGateway, 0)
	calls := h.tg.Calls("getUpdates")
	h.start()
	got := h.say(1801, "/bantuan")
	mustSee(t, got, "Bantuan Open Karir")
	// No tight loop: each failure is followed by the poll's backoff (1 s,
	// then 2 s). The successful calls are not counted: while the update is
	// handled the poller asks again every 10-250 ms (poll.go, rereadGap),
	// a number that grows with the machine's slowness, not with failures.
	var failed []time.Time
	for _, c := range h.tg.FailedCalls() {
		if c.Method == "getUpdates" {
			failed = append(failed, c.At)
		}
	}
	if len(failed) != 3 {
		t.Fatalf("%d getUpdates failures seen by the fake, want 3", len(failed))
	}
	for i, want := range []time.Duration{time.Second, 2 * time.Second} {
		// 100 ms of slack for the fake's and the bot's clocks.
		if gap := failed[i+1].Sub(failed[i]); gap < want-100*time.Millisecond {
			t.Errorf("failure %d came %v after the one before, want the backoff of %v", i+2, gap, want)
		}
	}
	if n := h.tg.Calls("getUpdates") - calls; n < 4 {
		t.Errorf("%d getUpdates calls: the three failures and no success?", n)
	}
}

// TestInterleavedChatsKeepTheirOrder queues the updates of many chats
// interleaved, all at once: chats are handled in parallel, and each chat's
// updates in the order they were sent.
func TestInterleavedChatsKeepTheirOrder(t *testing.T) {
	h := newHarness(t)
	const chats, each = 12, 6
	var last int
	for i := range each {
		for c := range chats {
			text := "/bantuan"
			if i%2 == 1 {
				text = "/status"
			}
			last = h.tg.SendText(int64(1900+c), text)
		}
	}
	waitHandled(t, h, last)
	for c := range chats {
		conv := h.conversation(int64(1900 + c))
		if len(conv.RecentUpdates) != each {
			t.Fatalf("chat %d: %d updates handled, want %d", c, len(conv.RecentUpdates), each)
		}
		for i := 1; i < each; i++ {
			if conv.RecentUpdates[i] <= conv.RecentUpdates[i-1] {
				t.Errorf("chat %d handled its updates out of order: %v", c, conv.RecentUpdates)
			}
		}
	}
}
