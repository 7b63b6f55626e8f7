// Package storetest opens a fresh store for each test: an embedded FerretDB
// in a temp dir, or a new database on MONGODB_TEST_URI when that is set.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"log/slog"
	"os"
	"testing"
	"time"

	"openkarir/store"
)

// Open returns a store no other test uses, closed (and, on MongoDB,
// dropped) when the test ends.
func Open(tb testing.TB) *store.Store {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cfg := store.Config{
		DataDir: tb.TempDir(),
		Logger:  slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	if uri := os.Getenv("MONGODB_TEST_URI"); uri != "" {
		b := make([]byte, 8)
		_, _ = rand.Read(b)
		cfg.URI, cfg.Database = uri, "openkarir_test_"+hex.EncodeToString(b)
	}
	s, err := store.Open(ctx, cfg)
	if err != nil {
		tb.Fatalf("open test store: %v", err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if cfg.URI != "" {
			_ = s.DB().Drop(ctx)
		}
		if err := s.Close(ctx); err != nil {
			tb.Errorf("close test store: %v", err)
		}
	})
	return s
}
