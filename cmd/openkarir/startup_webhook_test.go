package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"openkarir/store"
	"openkarir/telegramtest"
)

// TestServeWebhookWaitsForTheDatabase starts the bot in webhook mode while
// its database server is not up yet: the HTTP server listens at once,
// /healthz and the webhook answer 503 with the reason (Telegram retries a
// post answered so), and once the database is up /healthz answers ok.
func TestServeWebhookWaitsForTheDatabase(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for a database started late")
	}
	dbAddr, httpAddr := freeAddr(t), freeAddr(t)
	tg := telegramtest.NewServer("42:SECRET")
	defer tg.Close()
	env := testEnv(t, tg.Endpoint())
	env["MONGODB_URI"], env["MONGODB_DATABASE"] = "mongodb://"+dbAddr+"/", "openkarir"
	env["WEBHOOK_URL"] = "http://" + httpAddr + "/telegram"
	env["HTTP_ADDR"] = httpAddr
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	var logs bytes.Buffer
	go func() { done <- run(ctx, nil, getenv(env), &bytes.Buffer{}, &logs) }()

	get := func(method, path string) (int, string, error) {
		req, _ := http.NewRequest(method, "http://"+httpAddr+path, strings.NewReader(`{"update_id":1}`))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0, "", err
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body), nil
	}
	waitFor := func(what string, ok func(int, string) bool) {
		t.Helper()
		deadline := time.Now().Add(60 * time.Second)
		for {
			code, body, err := get(http.MethodGet, "/healthz")
			if err == nil && ok(code, body) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: last /healthz %d %q %v", what, code, body, err)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	waitFor("not listening while the database is down", func(code int, body string) bool {
		return code == http.StatusServiceUnavailable && strings.Contains(body, "database")
	})
	if code, _, err := get(http.MethodPost, "/telegram"); err != nil || code != http.StatusServiceUnavailable {
		t.Errorf("a webhook post while the database is down: %d %v, want 503", code, err)
	}

	db, err := store.StartEmbedded(ctx, t.TempDir(), dbAddr, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatalf("start the database: %v", err)
	}
	defer db.Stop()
	waitFor("not healthy once the database is up", func(code int, body string) bool { return code == http.StatusOK })
	stopRun(t, cancel, done, 20*time.Second, &logs)
}
