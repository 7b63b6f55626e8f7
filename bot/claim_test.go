package bot_test

import (
	"context"
	"testing"
	"time"

	"openkarir/bot"
	"openkarir/karir"
	"openkarir/store"
	"openkarir/telegramtest"
)

// outboxAnsweredLate is the store with its answer to a queuing held until
// the sender has begun a try of what was queued, as on a loaded database
// where the sender's read of the outbox overtakes the queuing's last step.
type outboxAnsweredLate struct {
	*store.Store
	tg *telegramtest.Server
}

func (o outboxAnsweredLate) Enqueue(ctx context.Context, now time.Time, batch string, ns []karir.Notice) ([]karir.Outgoing, error) {
	fresh, err := o.Store.Enqueue(ctx, now, batch, ns)
	wait, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	_ = o.tg.Wait(wait, func() bool { return o.tg.Calls("sendMessage") >= 1 })
	return fresh, err
}

// TestSenderTriesAMessageInFlightOnce: a message the sender read from the
// outbox and is trying (a stalled call) is not tried a second time when the
// queuing's own answer hands it to the sender again. The second try used to
// get through and be stored as sent, before the stalled one failed.
func TestSenderTriesAMessageInFlightOnce(t *testing.T) {
	r := newSenderRig(t)
	b, err := bot.New(context.Background(), bot.Config{Token: token, Endpoint: r.tg.Endpoint(), CallTimeout: 300 * time.Millisecond}, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	r.bot = b
	r.tg.FailChat(52, 1, telegramtest.Stall)
	s := bot.NewSender(r.bot, outboxAnsweredLate{Store: r.store, tg: r.tg}, r.store,
		bot.SenderConfig{GlobalRate: 100, ChatInterval: 10 * time.Millisecond, MaxAttempts: 1, Holder: "rig",
			Rescan: 20 * time.Millisecond},
		quietLog(), time.Now)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = s.Run(ctx)
	}()
	defer func() { cancel(); <-done }()
	if _, err := s.Notify(context.Background(), karir.Notice{Key: "stalled", ChatID: 52, Reply: karir.Reply{Text: "macet"}}); err != nil {
		t.Fatal(err)
	}
	if m := r.waitFinal("stalled"); m.Status != karir.OutFailed {
		t.Errorf("stored as %+v, want failed (one try allowed)", m)
	}
	if n := r.tg.Calls("sendMessage"); n != 1 {
		t.Errorf("sendMessage called %d times, want 1", n)
	}
}
