package bot_test

import (
	"context"
	"testing"
	"time"

	"openkarir/bot"
	"openkarir/store"
	"openkarir/store/storetest"
	"openkarir/telegramtest"
)

// A sender that stopped cleanly gives its lease up: the next process sends
// at once, on the embedded store and on a shared one. (The lease lasts an
// hour here: waiting for it to run out would fail the test.)
func TestNoticesRightAfterARestart(t *testing.T) {
	cfg := func(holder string) bot.SenderConfig {
		return bot.SenderConfig{GlobalRate: 200, ChatInterval: 10 * time.Millisecond, Holder: holder, LeaseTTL: time.Hour}
	}
	run := func(t *testing.T, first, second func() *store.Store) {
		tg := telegramtest.NewServer(token)
		t.Cleanup(tg.Close)
		b, err := bot.New(context.Background(), bot.Config{Token: token, Endpoint: tg.Endpoint()}, quietLog())
		if err != nil {
			t.Fatal(err)
		}
		r := &senderRig{t: t, tg: tg, store: first(), bot: b}
		a, stop := r.start(cfg("first-process"))
		if _, err := a.Notify(context.Background(), notices("before", 1, 41)...); err != nil {
			t.Fatal(err)
		}
		r.waitSent(1, 41)
		stop()

		r.store = second()
		next, _ := r.start(cfg("second-process"))
		start := time.Now()
		if _, err := next.Notify(context.Background(), notices("after", 1, 41)...); err != nil {
			t.Fatal(err)
		}
		r.waitSent(2, 41)
		t.Logf("a notice queued after the restart arrived in %v", time.Since(start).Round(time.Millisecond))
	}
	t.Run("Embedded", func(t *testing.T) {
		dir := t.TempDir()
		var s *store.Store
		run(t, func() *store.Store {
			var err error
			if s, err = store.Open(context.Background(), store.Config{DataDir: dir, Logger: quietLog()}); err != nil {
				t.Fatal(err)
			}
			return s
		}, func() *store.Store {
			if err := s.Close(context.Background()); err != nil {
				t.Fatal(err)
			}
			return mustOpenStore(t, store.Config{DataDir: dir, Logger: quietLog()})
		})
	})
	t.Run("URI", func(t *testing.T) {
		uri, database := storetest.Server(t)
		open := func() *store.Store { return storetest.OpenOn(t, uri, database) }
		run(t, open, open)
	})
}

func mustOpenStore(t *testing.T, cfg store.Config) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	return s
}
