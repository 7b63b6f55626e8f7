package bot_test

import (
	"bytes"
	"context"
	"log/slog"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"openkarir/bot"
	"openkarir/flows"
	"openkarir/telegramtest"
)

func TestConnectErrorsSayWhatToChange(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().String()
	l.Close()
	tg := telegramtest.NewServer("1:RIGHT")
	defer tg.Close()
	cases := []struct {
		name, token, endpoint string
		want                  []string
	}{
		{"Unreachable", "7:SECRETTOKEN", "http://" + closed + "/bot%s/%s",
			[]string{"cannot reach the Bot API at http://" + closed, "TELEGRAM_API_ENDPOINT", "HTTPS_PROXY", "openkarir demo"}},
		{"TokenRefused", "7:SECRETTOKEN", tg.Endpoint(),
			[]string{"refused the bot token", "TELEGRAM_BOT_TOKEN", tg.URL()}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := bot.New(context.Background(), bot.Config{Token: c.token, Endpoint: c.endpoint}, slog.New(slog.DiscardHandler))
			if err == nil {
				t.Fatal("connected")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
			if strings.Contains(err.Error(), "SECRETTOKEN") {
				t.Errorf("error shows the token:\n%v", err)
			}
		})
	}
}

// syncBuffer is a log sink the bot writes while the test reads.
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

// TestPollErrorsHideTheToken: a network error quotes the request's URL,
// which holds the token; the log must not.
func TestPollErrorsHideTheToken(t *testing.T) {
	tg := telegramtest.NewServer("7:SECRETTOKEN")
	var logs syncBuffer
	b, err := bot.New(context.Background(), bot.Config{Token: "7:SECRETTOKEN", Endpoint: tg.Endpoint()},
		slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = b.Run(ctx, flows.NewRouter(nil, nil, time.UTC, time.Now)); close(done) }()
	defer func() { cancel(); <-done }()
	wait, stop := context.WithTimeout(ctx, 10*time.Second)
	defer stop()
	if err := tg.Wait(wait, func() bool { return tg.Calls("getUpdates") > 0 }); err != nil {
		t.Fatal(err)
	}
	tg.Close() // Telegram goes away in the middle of a long poll
	for !strings.Contains(logs.String(), "get updates") && wait.Err() == nil {
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(logs.String(), "127.0.0.1") {
		t.Fatalf("no failed call logged:\n%s", logs.String())
	}
	if strings.Contains(logs.String(), "SECRETTOKEN") {
		t.Errorf("the log shows the token:\n%s", logs.String())
	}
}
