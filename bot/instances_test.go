package bot_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"openkarir/karir"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"openkarir/bot"
	"openkarir/flows"
	"openkarir/store"
	"openkarir/store/storetest"
	"openkarir/telegramtest"
)

type panickyHandler struct {
	inner  bot.Handler
	panics atomic.Int32
}

func (p *panickyHandler) Handle(ctx context.Context, in flows.Input) (flows.Result, error) {
	if in.Text == "meledak" {
		p.panics.Add(1)
		panic("boom")
	}
	return p.inner.Handle(ctx, in)
}

func TestPanicIsContainedAndAnswered(t *testing.T) {
	h := newHarness(t)
	h.stopBot()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ph := &panickyHandler{inner: flows.NewRouter(h.store, flows.FixedRound(h.round), h.loc, h.clock)}
	b, err := bot.New(ctx, bot.Config{Token: token, Endpoint: h.tg.Endpoint(), PollTimeout: time.Second}, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = b.Run(ctx, ph) }()
	mustSee(t, h.say(1601, "meledak"), "gangguan")
	// The process goes on: the next message is answered as usual.
	mustSee(t, h.say(1601, "/bantuan"), "Bantuan Open Karir")
	if ph.panics.Load() != 1 {
		t.Errorf("the panicking update was tried %d times", ph.panics.Load())
	}
}

// TestTwoInstancesShareOneDatabase runs two bot processes' worth of parts
// on one database server (reached by URI, as several processes would: no
// cache) and spreads one user's updates across both, as a load balancer
// would.
func TestTwoInstancesShareOneDatabase(t *testing.T) {
	ctx := context.Background()
	// MONGODB_TEST_URI, or a FerretDB of the test's own reached by URI.
	uri, database := storetest.Server(t)
	open := func() *store.Store { return storetest.OpenOn(t, uri, database) }
	h := newHarnessOn(t, open()) // imports the roster, runs instance A (polling)
	h.stopBot()
	tg := h.tg
	var bots []*bot.Bot
	var routers []*flows.Router
	for _, st := range []*store.Store{h.store, open()} {
		b, err := bot.New(ctx, bot.Config{Token: token, Endpoint: tg.Endpoint()}, quietLog())
		if err != nil {
			t.Fatal(err)
		}
		bots = append(bots, b)
		routers = append(routers, flows.NewRouter(st, flows.FixedRound(h.round), h.loc, h.clock))
	}
	const user = 1701
	id := 100_000
	// send hands the update to instance i and waits for it.
	send := func(i int, text string, data string) []telegramtest.Message {
		t.Helper()
		id++
		mark := tg.Seq()
		u := tgbotapi.Update{UpdateID: id}
		if data != "" {
			u.CallbackQuery = &tgbotapi.CallbackQuery{ID: "cb", From: &tgbotapi.User{ID: user}, Data: data,
				Message: &tgbotapi.Message{MessageID: tg.LastMessage(user).ID, Chat: &tgbotapi.Chat{ID: user, Type: "private"}}}
		} else {
			u.Message = &tgbotapi.Message{MessageID: id, From: &tgbotapi.User{ID: user}, Chat: &tgbotapi.Chat{ID: user, Type: "private"}, Text: text}
			if strings.HasPrefix(text, "/") {
				u.Message.Entities = []tgbotapi.MessageEntity{{Type: "bot_command", Offset: 0, Length: len(text)}}
			}
		}
		if !bots[i%2].HandleUpdate(ctx, routers[i%2], u) {
			t.Fatalf("instance %d failed update %q", i%2, text)
		}
		return tg.Since(user, mark)
	}
	send(0, "/start", "")
	send(1, "", "x:isi:k:ya")
	send(0, nipCode, "")
	mustSee(t, send(1, codeText, ""), "sudah terhubung")
	send(0, "", "x:isi:c:tetap")
	send(1, reasonText, "")
	send(0, targetText, "")
	send(1, "", "x:isi:t:6")
	mustSee(t, send(0, "", "x:isi:s:kirim"), "Formulir terkirim")
	// Two updates of the user at the same moment, one on each instance: the
	// slower save loses the race, runs again on fresh state, and both count.
	before, err := h.store.LoadConversation(ctx, user)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{}, 2)
	for i := range 2 {
		go func() {
			id := 200_000 + i
			u := tgbotapi.Update{UpdateID: id, Message: &tgbotapi.Message{MessageID: id, From: &tgbotapi.User{ID: user},
				Chat: &tgbotapi.Chat{ID: user, Type: "private"}, Text: "/status",
				Entities: []tgbotapi.MessageEntity{{Type: "bot_command", Offset: 0, Length: 7}}}}
			bots[i].HandleUpdate(ctx, routers[i], u)
			done <- struct{}{}
		}()
	}
	<-done
	<-done
	after, err := h.store.LoadConversation(ctx, user)
	if err != nil {
		t.Fatal(err)
	}
	if after.Version != before.Version+2 {
		t.Errorf("two concurrent updates made %d saves, want 2", after.Version-before.Version)
	}
	// Both instances see the same conversation and the same filed form.
	for i, st := range []*store.Store{h.store, open()} {
		c, err := st.LoadConversation(ctx, user)
		if err != nil || c.State != karir.StateIdle || c.NIP != nipCode {
			t.Errorf("instance %d sees %+v, %v", i, c, err)
		}
		s, err := st.Submission(ctx, h.round.ID, nipCode)
		if err != nil || s.Answers.Reason != reasonText || s.Answers.TermMonths != 6 {
			t.Errorf("instance %d sees the form %+v, %v", i, s, err)
		}
	}
}
