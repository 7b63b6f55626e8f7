package bot_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"openkarir/bot"
	"openkarir/flows"
	"openkarir/karir"
	"openkarir/telegramtest"
)

// benchN is how many reminders the benchmark sends at 1000/s.
const benchN = 10000

// BenchmarkSenderRate sends reminders to the Bot API fake and reports the
// rate achieved against the limit set (run with -benchtime=1x; see
// BENCHMARKS.md). Every message goes through the outbox in FerretDB.
func BenchmarkSenderRate(b *testing.B) {
	for _, tc := range []struct {
		limit float64
		n     int
	}{{1000, benchN}, {25, 500}} {
		b.Run(fmt.Sprintf("limit=%v/n=%d", tc.limit, tc.n), func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				r := newSenderRig(b)
				s, stop := r.start(bot.SenderConfig{GlobalRate: tc.limit, Workers: 32})
				ns := make([]karir.Notice, tc.n)
				chats := make([]int64, tc.n)
				for i := range ns {
					chats[i] = int64(10_000 + i)
					ns[i] = karir.Notice{Key: fmt.Sprintf("remind:bench:%d", i), ChatID: chats[i], Reply: karir.Reply{Text: "Pengingat Open Karir"}}
				}
				b.StartTimer()
				start := time.Now()
				if _, err := s.Notify(context.Background(), ns...); err != nil {
					b.Fatal(err)
				}
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
				err := r.tg.Wait(ctx, func() bool { return r.tg.Calls("sendMessage") >= tc.n })
				cancel()
				if err != nil {
					b.Fatal(err)
				}
				overall := float64(tc.n) / time.Since(start).Seconds()
				b.StopTimer()
				stop()
				// The delivered rate: from the first message's arrival to the
				// last's, as Telegram would count it.
				first, last := r.tg.LastMessage(chats[0]).At, r.tg.LastMessage(chats[0]).At
				for _, c := range chats {
					at := r.tg.LastMessage(c).At
					if at.Before(first) {
						first = at
					}
					if at.After(last) {
						last = at
					}
				}
				rate := float64(tc.n-1) / last.Sub(first).Seconds()
				b.ReportMetric(rate, "msg/s")
				b.ReportMetric(100*rate/tc.limit, "%of-limit")
				b.ReportMetric(overall, "msg/s-with-enqueue")
			}
		})
	}
}

// replyHandler answers every update with the reply made for it.
type replyHandler func(in flows.Input) karir.Reply

func (h replyHandler) Handle(_ context.Context, in flows.Input) (flows.Result, error) {
	return flows.Result{Replies: []karir.Reply{h(in)}}, nil
}

// BenchmarkDeliver is the Bot API's share of one update: a typed message
// answered with a text and its buttons (one sendMessage), and a pressed
// button answered (answerCallbackQuery) with its message edited
// (editMessageText), both through the Bot API fake (whose own work is in
// the figures too; compare runs, not absolutes). cpu-ns/op is the process's
// CPU time (bot, fake and the HTTP between them) per update.
func BenchmarkDeliver(b *testing.B) {
	tg := telegramtest.NewServer(token)
	defer tg.Close()
	bt, err := bot.New(context.Background(), bot.Config{Token: token, Endpoint: tg.Endpoint()}, quietLog())
	if err != nil {
		b.Fatal(err)
	}
	const chat = 4242
	buttons := [][]karir.Button{
		{{Text: "✅ Benar, lanjutkan", Data: "form:ok:1"}, {Text: "✏️ Ubah", Data: "form:edit:1"}},
		{{Text: "Batal", Data: "form:cancel"}},
	}
	text := func(i int) string {
		return fmt.Sprintf("<b>Langkah %d dari 6</b>\nTulis <i>target kinerja</i> Anda untuk periode berikutnya, "+
			"misalnya \"seluruh pasar di kota bersih dalam 6 bulan\". Target ini menjadi dasar penilaian & evaluasi.", i)
	}
	from := &tgbotapi.User{ID: chat, FirstName: "Rina"}
	private := &tgbotapi.Chat{ID: chat, Type: "private"}
	say := replyHandler(func(in flows.Input) karir.Reply {
		return karir.Reply{Text: text(in.UpdateID), Buttons: buttons}
	})
	// The message the buttons' case edits.
	if !bt.HandleUpdate(context.Background(), say, tgbotapi.Update{UpdateID: 1, Message: &tgbotapi.Message{From: from, Chat: private, Text: "mulai"}}) {
		b.Fatal("first message not sent")
	}
	first := tg.LastMessage(chat)
	b.Run("message", func(b *testing.B) {
		b.ReportAllocs()
		cpu := processCPU()
		for i := range b.N {
			u := tgbotapi.Update{UpdateID: i + 1, Message: &tgbotapi.Message{MessageID: i + 1, From: from, Chat: private, Text: "target"}}
			if !bt.HandleUpdate(context.Background(), say, u) {
				b.Fatal("update not done")
			}
		}
		b.StopTimer()
		b.ReportMetric(float64(processCPU()-cpu)/float64(b.N), "cpu-ns/op")
		if n := tg.Calls("sendMessage"); n < b.N {
			b.Fatalf("%d messages sent, want %d", n, b.N)
		}
	})
	b.Run("button", func(b *testing.B) {
		h := replyHandler(func(in flows.Input) karir.Reply {
			return karir.Reply{Text: text(-in.UpdateID), Buttons: buttons, EditMessageID: in.Callback.MessageID}
		})
		edits := tg.Calls("editMessageText")
		b.ReportAllocs()
		cpu := processCPU()
		for i := range b.N {
			u := tgbotapi.Update{UpdateID: i + 1, CallbackQuery: &tgbotapi.CallbackQuery{ID: fmt.Sprint(i), From: from, Data: "form:ok:1",
				Message: &tgbotapi.Message{MessageID: first.ID, Chat: private}}}
			if !bt.HandleUpdate(context.Background(), h, u) {
				b.Fatal("update not done")
			}
		}
		b.StopTimer()
		b.ReportMetric(float64(processCPU()-cpu)/float64(b.N), "cpu-ns/op")
		if n := tg.Calls("editMessageText") - edits; n < b.N {
			b.Fatalf("%d edits, want %d", n, b.N)
		}
	})
}
