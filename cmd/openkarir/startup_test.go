package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"openkarir/store"
	"openkarir/telegramtest"
)

// TestServeWaitsForTheDatabase starts the bot while its database server is
// not up yet: the bot does not crash, says so in its log, and polls
// meanwhile, telling who writes of the trouble; once the server is up, it
// answers that message, once, and the word of the trouble is not repeated.
func TestServeWaitsForTheDatabase(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for a database started late")
	}
	addr := freeAddr(t)
	tg := telegramtest.NewServer("42:SECRET")
	defer tg.Close()
	env := testEnv(t, tg.Endpoint())
	env["MONGODB_URI"], env["MONGODB_DATABASE"] = "mongodb://"+addr+"/", "openkarir"
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	var logs bytes.Buffer
	go func() { done <- run(ctx, nil, getenv(env), &bytes.Buffer{}, &logs) }()

	const user = 7
	id := tg.SendText(user, "/start")
	told, stopTold := context.WithTimeout(ctx, 40*time.Second)
	defer stopTold()
	if err := tg.Wait(told, func() bool { return strings.Contains(tg.LastMessage(user).Text, "gangguan") }); err != nil {
		t.Fatalf("the user was not told of the trouble: %v", err)
	}

	db, err := store.StartEmbedded(ctx, t.TempDir(), addr, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatalf("start the database: %v", err)
	}
	defer db.Stop()
	handled, stopHandled := context.WithTimeout(ctx, 60*time.Second)
	defer stopHandled()
	if err := tg.WaitHandled(handled, id); err != nil {
		t.Fatalf("the message was not answered once the database was up: %v", err)
	}
	got := tg.Since(user, 0)
	trouble, answers := 0, 0
	for _, m := range got {
		switch {
		case strings.Contains(m.Text, "gangguan"):
			trouble++
		case strings.Contains(m.Text, "NIP"):
			answers++
		}
	}
	if trouble != 1 || answers != 1 {
		t.Errorf("want one word of the trouble and one answer, got %d and %d:\n%+v", trouble, answers, got)
	}
	stopRun(t, cancel, done, 20*time.Second, &logs)
	if !strings.Contains(logs.String(), "database not reachable at start: trying again") {
		t.Errorf("the log does not say the database was down:\n%s", logs.String())
	}
}
