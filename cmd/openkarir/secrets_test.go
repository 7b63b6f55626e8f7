package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"openkarir/roster"
	"openkarir/store"
	"openkarir/telegramtest"
)

// syncBuffer is a log the bot writes while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// TestTokenNeverLeaks makes Bot API calls fail in every way the fake and a
// closed port allow (refused connections, dropped connections, stalls,
// 429, 403, 5xx; polls, replies, button answers, file downloads and the
// sender's messages), then looks for the token in the logs, in every
// collection of the database and in /metrics.
func TestTokenNeverLeaks(t *testing.T) {
	const secret = "7321:AAHsecretPART-of_the_token"
	leaks := func(where, text string) {
		t.Helper()
		for _, s := range []string{secret, "AAHsecretPART", "AAHsecretPART-of_the_token"} {
			if strings.Contains(text, s) {
				i := strings.Index(text, s)
				t.Errorf("the token is in %s: ...%s...", where, text[max(0, i-200):min(len(text), i+100)])
				return
			}
		}
	}

	t.Run("ClosedPortAtStart", func(t *testing.T) {
		env := testEnv(t, "http://"+freeAddr(t)+"/bot%s/%s")
		env["TELEGRAM_BOT_TOKEN"] = secret
		var logs syncBuffer
		err := run(context.Background(), nil, getenv(env), io.Discard, &logs)
		if err == nil {
			t.Fatal("the bot started without a Bot API")
		}
		leaks("the error", err.Error())
		leaks("the logs", logs.String())
	})

	tg := telegramtest.NewServer(secret)
	defer tg.Close()
	env := testEnv(t, tg.Endpoint())
	env["TELEGRAM_BOT_TOKEN"] = secret
	env["LOG_LEVEL"] = "debug"
	env["ADMIN_TELEGRAM_IDS"] = "900"
	httpAddr := freeAddr(t)
	env["HTTP_ADDR"] = httpAddr
	if err := run(context.Background(), []string{"import-roster", writeSample(t)}, getenv(env), io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var logs syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil, getenv(env), io.Discard, &logs) }()
	wait := func(what string, cond func() bool) {
		t.Helper()
		wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if err := tg.Wait(wctx, cond); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	scrape := func() string {
		resp, err := http.Get("http://" + httpAddr + "/metrics")
		if err != nil {
			return ""
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return string(body)
	}

	const admin, asn = 900, 77
	tg.Say(t, asn, "/start")
	tg.Press(t, asn, tg.LastMessage(asn).ID, "x:isi:k:ya")
	tg.Say(t, asn, "198507222010012005")
	tg.Say(t, asn, "K7P2XQ")
	tg.Say(t, asn, "/batal")

	// Replies: dropped until the bot gives up, then every HTTP failure.
	for status, n := range map[int]int{telegramtest.Disconnect: 4, http.StatusBadGateway: 1, http.StatusTooManyRequests: 1, http.StatusForbidden: 1} {
		before := tg.Calls("sendMessage")
		tg.FailNext("sendMessage", n, status, 1)
		id := tg.SendText(admin, "/bantuan")
		wait("the reply's tries", func() bool { return tg.Calls("sendMessage") > before })
		wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		if err := tg.WaitHandled(wctx, id); err != nil {
			t.Fatalf("status %d: %v", status, err)
		}
		cancel()
	}
	// A pressed button whose answer is dropped.
	tg.FailNext("answerCallbackQuery", 4, telegramtest.Disconnect, 0)
	tg.Press(t, asn, tg.LastMessage(asn).ID, "x:isi:k:ya")
	// A poll dropped.
	tg.FailNext("getUpdates", 1, telegramtest.Disconnect, 0)
	tg.Say(t, admin, "/bantuan")
	// A roster sent with /impor whose getFile, then download, are dropped
	// (each tried again by the update's retry).
	tg.FailNext("getFile", 1, telegramtest.Disconnect, 0)
	tg.FailNext("file", 1, telegramtest.Disconnect, 0)
	id := tg.SendDocument(admin, "roster.csv", roster.Sample, "/impor")
	wctx, cancelWait := context.WithTimeout(ctx, 60*time.Second)
	defer cancelWait()
	if err := tg.WaitHandled(wctx, id); err != nil {
		t.Fatal(err)
	}
	// The sender's reminder: every try dropped (its stored record is
	// looked at in the bot package, where a sender gives up at once).
	tg.FailChat(asn, 1000, telegramtest.Disconnect)
	tg.Say(t, admin, "/ingatkan")
	for _, label := range []string{"Semua OPD", "Kirim ke"} { // the picker, then the preview
		m, data := tg.LastMessage(admin), ""
		for _, row := range m.Buttons {
			for _, b := range row {
				if strings.Contains(b.Text, label) {
					data = b.Data
				}
			}
		}
		if data == "" {
			t.Fatalf("/ingatkan: no button %q in %q", label, m.Text)
		}
		tg.Press(t, admin, m.ID, data)
	}
	wait("the reminder's first try", func() bool {
		return strings.Contains(scrape(), `openkarir_outbox_messages_total{outcome="retried"}`)
	})
	// Telegram gone: the port refuses every call.
	tg.Close()
	for deadline := time.Now().Add(30 * time.Second); strings.Count(logs.String(), "get updates") < 2; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no refused poll was logged:\n%s", logs.String())
		}
	}
	leaks("/metrics", scrape())
	stopRun(t, cancel, done, 30*time.Second, nil)
	if !strings.Contains(logs.String(), "send reply") || !strings.Contains(logs.String(), "download") {
		t.Errorf("the failures were not all logged:\n%s", logs.String())
	}
	leaks("the logs", logs.String())

	// Every document of every collection, as the database holds it.
	cfg, err := loadConfig(getenv(env), false)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), store.Config{URI: cfg.MongoURI, Database: cfg.Database, DataDir: cfg.DataDir,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(context.Background())
	names, err := st.DB().ListCollectionNames(context.Background(), bson.D{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		cur, err := st.DB().Collection(name).Find(context.Background(), bson.D{})
		if err != nil {
			t.Fatal(err)
		}
		var docs []bson.M
		if err := cur.All(context.Background(), &docs); err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			leaks("collection "+name, fmt.Sprint(d))
		}
	}
}
