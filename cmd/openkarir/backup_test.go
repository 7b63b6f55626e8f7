package main

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"openkarir/karir"

	"openkarir/store"
	"openkarir/telegramtest"
)

// A backup taken while the bot runs restores into an empty store, and not
// into one with data.
func TestBackupWhileServingThenRestore(t *testing.T) {
	tg := telegramtest.NewServer("42:SECRET")
	defer tg.Close()
	env := testEnv(t, tg.Endpoint())
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"import-roster", writeSample(t)}, getenv(env), &out, &errOut); err != nil {
		t.Fatalf("import: %v\n%s", err, errOut.String())
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil, getenv(env), &bytes.Buffer{}, &errOut) }()
	tg.Say(t, 7, "/start")

	archive := filepath.Join(t.TempDir(), "cadangan.tar.gz")
	out.Reset()
	if err := run(context.Background(), []string{"backup", archive}, getenv(env), &out, &errOut); err != nil {
		t.Fatalf("backup while the bot runs: %v\n%s", err, errOut.String())
	}
	if !strings.Contains(out.String(), "Cadangan ditulis ke") {
		t.Errorf("backup said %q", out.String())
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the bot did not stop")
	}

	fresh := testEnv(t, tg.Endpoint())
	out.Reset()
	if err := run(context.Background(), []string{"restore", archive}, getenv(fresh), &out, &errOut); err != nil {
		t.Fatalf("restore: %v", err)
	}
	if !strings.Contains(out.String(), "dipulihkan") {
		t.Errorf("restore said %q", out.String())
	}
	err := run(context.Background(), []string{"restore", archive}, getenv(fresh), &out, &errOut)
	if !errors.Is(err, store.ErrNotEmpty) {
		t.Fatalf("restore into a store with data = %v, want ErrNotEmpty", err)
	}
	s, err := store.Open(context.Background(), store.Config{URI: fresh["MONGODB_URI"], Database: fresh["MONGODB_DATABASE"], DataDir: fresh["DATA_DIR"]})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())
	if n, err := s.CountEmployees(context.Background()); err != nil || n != 40 {
		t.Errorf("restored roster: %d, %v", n, err)
	}
	if c, err := s.LoadConversation(context.Background(), 7); err != nil || c.State != karir.StateConsent {
		t.Errorf("restored conversation: %+v, %v", c, err)
	}
}
