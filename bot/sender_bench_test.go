package bot_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"openkarir/karir"

	"openkarir/bot"
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
