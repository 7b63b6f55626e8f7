package main

import (
	"context"
	"log/slog"
	"time"

	"openkarir/bot"
	"openkarir/store"
)

// startRetryMax caps the pause between tries to reach a database that is
// down at start.
const startRetryMax = 30 * time.Second

// openWhenReachable opens the store with what serve reads of it at start
// (open). While the database does not answer (store.Unreachable: a server
// down or not yet up), it logs each failure as an error and tries again
// after a pause doubling from 1 s up to startRetryMax, for as long as ctx
// lasts; any other failure (a bad URI, a refusal, a passed FORM_DEADLINE)
// ends it at once. From the first such failure whileDown (nil: none) runs
// until open succeeds, and what it returns (the updates it told of the
// trouble) is returned with what open returned.
func openWhenReachable[T any](ctx context.Context, log *slog.Logger, whileDown func(context.Context) []int,
	open func(context.Context) (T, error)) (T, []int, error) {
	var none T
	began := time.Now()
	var told []int
	downCtx, stopDown := context.WithCancel(ctx)
	defer stopDown()
	downDone := make(chan struct{})
	started := false
	stop := func() {
		stopDown()
		if started {
			<-downDone
		}
	}
	pause := time.Second
	for attempt := 1; ; attempt++ {
		st, err := open(ctx)
		if err == nil {
			stop()
			if attempt > 1 {
				log.Info("database reachable: starting", "waited", time.Since(began).Round(time.Second), "attempts", attempt)
			}
			return st, told, nil
		}
		if !store.Unreachable(err) || ctx.Err() != nil {
			stop()
			return none, nil, err
		}
		log.Error("database not reachable at start: trying again",
			"err", err, "attempt", attempt, "retry_in", pause)
		if !started && whileDown != nil {
			started = true
			go func() {
				defer close(downDone)
				told = whileDown(downCtx)
			}()
		}
		t := time.NewTimer(pause)
		select {
		case <-ctx.Done():
			t.Stop()
			stop()
			return none, nil, ctx.Err()
		case <-t.C:
		}
		pause = min(2*pause, startRetryMax)
	}
}

// answerWhileDown tells whoever writes while the database is down at start
// of the trouble (bot.AnswerWhileDown), through a bot of its own: the
// bot that serves is built with the store. Telegram unreachable too: no
// one is told, the updates wait at Telegram.
func answerWhileDown(ctx context.Context, cfg Config, log *slog.Logger) []int {
	b, err := bot.New(ctx, bot.Config{Token: cfg.Token, Endpoint: cfg.Endpoint, PollTimeout: 10 * time.Second}, log)
	if err != nil {
		log.Warn("Telegram not reachable either: nobody is told of the trouble", "err", err)
		return nil
	}
	return b.AnswerWhileDown(ctx)
}

// warmWait bounds how long serve waits for the embedded store's cache:
// long enough for a city's roster (3.2 s for 10,000 ASN on a busy 2-core
// machine, store BenchmarkWarmUp10k), short enough that a province's bot
// still answers within seconds of a restart, cold, as it did before the
// wait.
const warmWait = 5 * time.Second

// waitWarm prepares the hour's commit log and waits, up to warmWait, for
// the embedded store to have read the roster, bindings, forms and
// conversations into memory before updates are taken. Updates queued at
// Telegram during a restart arrive together; served cold, each is two or
// three lookups queued behind the warm-up's own reads on the store's one
// connection (at 1,000 ASN and 100 at once, the first 100 replies took
// 100-200 ms where a warm bot answers in 20-40). Telegram keeps them
// meanwhile.
func waitWarm(ctx context.Context, st *store.Store, log *slog.Logger) {
	began := time.Now()
	if err := st.PrepareCommitLog(ctx); err != nil {
		log.Warn("commit log not prepared: the first save will", "err", err)
	}
	warmCtx, cancel := context.WithTimeout(ctx, warmWait)
	defer cancel()
	if err := st.Warm(warmCtx); err != nil {
		log.Warn("the store is not in memory yet: taking updates anyway", "waited", time.Since(began).Round(time.Millisecond), "err", err)
		return
	}
	log.Info("store in memory", "took", time.Since(began).Round(time.Millisecond))
}
