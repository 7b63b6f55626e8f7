package bot_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"

	"openkarir/bot"
	"openkarir/flows"
	"openkarir/store"
	"openkarir/telegramtest"
)

// TestRestoreWhileTheDatabaseIsDown starts the bot after its store opened
// and the database went down, before polling began (restore cannot read
// the parked updates): a user who writes meanwhile is told of the trouble
// once, and once the database is back the bot polls and answers the update
// once.
func TestRestoreWhileTheDatabaseIsDown(t *testing.T) {
	if testing.Short() {
		t.Skip("stops and restarts a database")
	}
	dir := t.TempDir()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	ctx := context.Background()
	db, err := store.StartEmbedded(ctx, dir, addr, quiet)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, store.Config{URI: db.URI(), Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close(context.Background()) })
	h := newHarnessOn(t, st)
	const user = 1211
	h.bindByCode(user, nipCode, codeText)
	h.stopBot()
	db.Stop()

	// A process whose store opened a moment before the database went down.
	runCtx, cancelRun := context.WithCancel(ctx)
	b, err := bot.New(runCtx, bot.Config{Token: token, Endpoint: h.tg.Endpoint(), PollTimeout: time.Second,
		Health: st.Ping, RetryPause: 50 * time.Millisecond, RetryMax: time.Second, Inbox: st}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	ran := make(chan error, 1)
	go func() { ran <- b.Run(runCtx, flows.New(h.deps)) }()
	t.Cleanup(func() {
		cancelRun()
		if err := <-ran; err != nil {
			t.Errorf("bot run: %v", err)
		}
	})

	mark := h.tg.Seq()
	id := h.tg.SendText(user, "/status")
	troubleCtx, cancelTrouble := context.WithTimeout(ctx, 30*time.Second)
	defer cancelTrouble()
	if err := h.tg.Wait(troubleCtx, func() bool { return strings.Contains(h.tg.LastMessage(user).Text, "gangguan") }); err != nil {
		t.Fatalf("the user was not told of the trouble while the parked updates could not be read: %v", err)
	}

	db, err = store.StartEmbedded(ctx, dir, addr, quiet)
	if err != nil {
		t.Fatalf("restart the database: %v", err)
	}
	t.Cleanup(db.Stop)
	waitCtx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := h.tg.WaitHandled(waitCtx, id); err != nil {
		t.Fatalf("the update was not handled after the database came back: %v", err)
	}
	mustSee(t, []telegramtest.Message{h.tg.LastMessage(user)}, "belum mengisi")
	if got := h.tg.Since(user, mark); countTexts(got, "gangguan") != 1 || countTexts(got, "belum mengisi") != 1 {
		t.Errorf("want one word of the trouble and one answer:\n%s", dump(got))
	}
}
