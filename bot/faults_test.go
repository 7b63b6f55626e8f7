package bot_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"

	"openkarir/flows"
	"openkarir/store"
	"openkarir/telegramtest"
)

// TestStoreDownThenBack stops the database under the bot: the user is told
// there is trouble, the update is kept, and once the database is back the
// bot reconnects by itself and answers it.
func TestStoreDownThenBack(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the retries")
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
	const user = 1201
	h.bindByCode(user, nipCode, codeText)

	stopAt := time.Now()
	db.Stop()
	t.Logf("database stopped in %v", time.Since(stopAt))
	id := h.tg.SendText(user, "/status")
	troubleCtx, cancelTrouble := context.WithTimeout(ctx, 40*time.Second)
	defer cancelTrouble()
	if err := h.tg.Wait(troubleCtx, func() bool { return strings.Contains(h.tg.LastMessage(user).Text, "gangguan") }); err != nil {
		t.Fatalf("the user was not told of the trouble: %v", err)
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
	if c := h.conversation(user); c.LastUpdateID != id || c.State != flows.StateChoice {
		t.Errorf("conversation after recovery: %+v", c)
	}
}
