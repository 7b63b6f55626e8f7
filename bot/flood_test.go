package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"openkarir/bot"
	"openkarir/flows"
	"openkarir/telegramtest"
)

func TestFloodingUserIsSlowedDown(t *testing.T) {
	tg := telegramtest.NewServer(token)
	defer tg.Close()
	h := newHarness(t)
	_ = h
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	router := flows.NewRouter(h.store, flows.FixedRound(h.round), h.loc, h.clock)
	b, err := bot.New(ctx, bot.Config{Token: token, Endpoint: tg.Endpoint(), PollTimeout: time.Second, UserRatePerMinute: 5}, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = b.Run(ctx, router) }()
	const user = 1401
	var last int
	for range 9 {
		last = tg.SendText(user, "/bantuan")
	}
	waitCtx, cancelWait := context.WithTimeout(ctx, 10*time.Second)
	defer cancelWait()
	if err := tg.WaitHandled(waitCtx, last); err != nil {
		t.Fatal(err)
	}
	help, slow := 0, 0
	for _, m := range tg.Messages(user) {
		switch {
		case strings.Contains(m.Text, "Bantuan Open Karir"):
			help++
		case strings.Contains(m.Text, "terlalu banyak"):
			slow++
		}
	}
	if help != 5 || slow != 1 {
		t.Errorf("%d answers and %d warnings to 9 messages, want 5 and 1", help, slow)
	}
	// Another user is not held back.
	if got := tg.Say(t, 1402, "/bantuan"); len(got) == 0 || !strings.Contains(got[0].Text, "Bantuan") {
		t.Errorf("another user: %+v", got)
	}
}
