package bot_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"openkarir/bot"
	"openkarir/flows"
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
	const user = 1211
	h, st, db := newHarnessOnStoppableDB(t, user)
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	ctx := context.Background()
	h.stopBot()
	db.stop()

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

	db.restart()
	answeredOnceAfterTrouble(t, h, user, mark, id)
}
