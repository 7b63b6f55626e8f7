package bot_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"openkarir/bot"
	"openkarir/telegramtest"
)

// TestStalledDownloadGivesUp: a file server that never answers must not
// hold the update's worker for ever.
func TestStalledDownloadGivesUp(t *testing.T) {
	tg := telegramtest.NewServer(token)
	defer tg.Close()
	b, err := bot.New(context.Background(), bot.Config{Token: token, Endpoint: tg.Endpoint(), DownloadTimeout: 300 * time.Millisecond}, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	id := tg.AddFile([]byte("nip;nama\n"))
	if data, err := b.Download(context.Background(), id); err != nil || string(data) != "nip;nama\n" {
		t.Fatalf("download = %q, %v", data, err)
	}
	tg.FailNext("file", 1, telegramtest.Stall, 0)
	done := make(chan error, 1)
	go func() {
		_, err := b.Download(context.Background(), id)
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("a stalled download: %v, want a deadline error", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a stalled download still waits after 10 s")
	}
}
