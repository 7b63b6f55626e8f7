package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"openkarir/telegramtest"
)

// runner plays the users and keeps the tallies.
type runner struct {
	tg        *telegramtest.Server
	people    people
	updates   atomic.Int64
	completed atomic.Int64 // forms sent
	finished  atomic.Int64 // users done, with their form sent or not
	errors    atomic.Int64

	firstError atomic.Value
	mu         sync.Mutex
	latencies  []time.Duration
	samples    []stepSample // for -step-log
	stopAfter  int
	steps      map[int64]int
}

// The answers every user gives.
const (
	reason = "Saya ingin memperkuat layanan publik di unit kerja yang dituju."
	target = "Waktu layanan turun menjadi 3 hari dalam 6 bulan"
)

// user plays one ASN from /start to the sent form, with some wrong inputs
// on the way (a wrong code, a reason too short).
func (r *runner) user(ctx context.Context, i int) {
	chat := int64(1_000_000 + i)
	steps := []struct {
		act    func() int
		expect string
	}{
		{func() int { return r.tg.SendText(chat, "/start") }, "Pelindungan data pribadi"},
		{func() int { return r.tg.PressButton(chat, r.tg.LastMessage(chat).ID, "x:isi:k:ya") }, "NIP"},
		{func() int { return r.tg.SendText(chat, nip(i)) }, "kode aktivasi"},
	}
	if i%5 == 0 {
		steps = append(steps, struct {
			act    func() int
			expect string
		}{func() int { return r.tg.SendText(chat, "SALAH1") }, "Kode aktivasi salah"})
	}
	for _, s := range steps {
		if !r.step(ctx, chat, s.act, s.expect) {
			return
		}
	}
	press := func(data string) func() int {
		return func() int { return r.tg.PressButton(chat, r.tg.LastMessage(chat).ID, data) }
	}
	pressFirst := func() int {
		m := r.tg.LastMessage(chat)
		if len(m.Buttons) == 0 {
			return r.tg.SendText(chat, "?")
		}
		return r.tg.PressButton(chat, m.ID, m.Buttons[0][0].Data)
	}
	// A position other than the user's own (moving to it is refused);
	// empty when only the user's own post is listed.
	otherPosition := func() string {
		for _, row := range r.tg.LastMessage(chat).Buttons {
			if b := row[0]; b.Text != fmt.Sprintf("Analis %d", i%7) && strings.HasPrefix(b.Data, "x:isi:p:") {
				return b.Data
			}
		}
		return ""
	}
	// A typed post like none on the list is confirmed before it is taken.
	pressKeepTyped := func() int {
		m := r.tg.LastMessage(chat)
		for _, row := range m.Buttons {
			for _, b := range row {
				if b.Text == "Tetap pakai yang saya ketik" {
					return r.tg.PressButton(chat, m.ID, b.Data)
				}
			}
		}
		return r.tg.SendText(chat, "?")
	}
	say := func(text string) func() int { return func() int { return r.tg.SendText(chat, text) } }
	if !r.step(ctx, chat, say(code(i)), "Langkah 1") {
		return
	}
	if i%2 == 1 {
		if !r.step(ctx, chat, press("x:isi:c:pindah"), "OPD tujuan") ||
			!r.step(ctx, chat, pressFirst, "Jabatan tujuan") {
			return
		}
		if other := otherPosition(); other != "" {
			if !r.step(ctx, chat, press(other), "Mengapa") {
				return
			}
		} else if !r.step(ctx, chat, say("Analis Kebijakan"), "tidak ada di daftar") ||
			!r.step(ctx, chat, pressKeepTyped, "Mengapa") {
			return
		}
	} else if !r.step(ctx, chat, press("x:isi:c:tetap"), "Mengapa") {
		return
	}
	if i%3 == 0 && !r.step(ctx, chat, say("pendek"), "Terlalu singkat") {
		return
	}
	if !r.step(ctx, chat, say(reason), "Target kinerja") ||
		!r.step(ctx, chat, say(target), "Jangka waktu") ||
		!r.step(ctx, chat, press("x:isi:t:6"), "Periksa jawaban") ||
		!r.step(ctx, chat, press("x:isi:s:kirim"), "Formulir terkirim") {
		return
	}
	r.completed.Add(1)
}

// step sends one update, waits until the bot handled it, and records the
// time from the update being available to the bot's last reply. It reports
// false when the user must stop (an error, or the step budget spent).
func (r *runner) step(ctx context.Context, chat int64, act func() int, expect string) bool {
	if r.stopAfter > 0 {
		r.mu.Lock()
		r.steps[chat]++
		over := r.steps[chat] > r.stopAfter
		r.mu.Unlock()
		if over {
			return false
		}
	}
	mark := r.tg.Seq()
	start := time.Now()
	id := act()
	waitCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
	err := r.tg.WaitHandled(waitCtx, id)
	answered := func() bool {
		return slices.ContainsFunc(r.tg.Since(chat, mark), func(m telegramtest.Message) bool { return strings.Contains(m.Text, expect) })
	}
	if err == nil && !answered() {
		// Confirmed before it was answered: the bot parked it, held long
		// (bot/inbox.go), so Telegram's word is only that it was received.
		err = r.tg.Wait(waitCtx, answered)
	}
	cancel()
	r.updates.Add(1)
	replies := r.tg.Since(chat, mark)
	ok := err == nil && answered()
	if !ok {
		r.errors.Add(1)
		got := "nothing"
		if len(replies) > 0 {
			got = fmt.Sprintf("%q", replies[len(replies)-1].Text)
		}
		r.firstError.CompareAndSwap(nil, fmt.Sprintf("chat %d: wanted %q, got %s (%v)", chat, expect, got, err))
		return false
	}
	last := start
	for _, m := range replies {
		if m.At.After(last) {
			last = m.At
		}
	}
	r.mu.Lock()
	r.latencies = append(r.latencies, last.Sub(start))
	r.samples = append(r.samples, stepSample{start: start, expect: expect, latency: last.Sub(start)})
	r.mu.Unlock()
	return true
}

// stepSample is one step's reply time, by what the step waited for.
type stepSample struct {
	start   time.Time
	expect  string
	latency time.Duration
}

// writeStepLog writes every step as CSV (milliseconds since the play
// began, the text the step waited for, its reply time in ms): where the
// slowest replies are, by step and in time.
func (r *runner) writeStepLog(path string, began time.Time) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	var b strings.Builder
	fmt.Fprintf(&b, "# began %d\n", began.UnixMilli())
	b.WriteString("start_ms,step,latency_ms\n")
	for _, s := range r.samples {
		fmt.Fprintf(&b, "%.1f,%q,%.2f\n", float64(s.start.Sub(began))/1e6, s.expect, float64(s.latency)/1e6)
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// latencyFigures are the reply latencies' quantiles in milliseconds.
type latencyFigures struct{ p50, p90, p95, p99, max float64 }

func (r *runner) percentiles() latencyFigures {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.latencies) == 0 {
		return latencyFigures{}
	}
	slices.Sort(r.latencies)
	at := func(q float64) float64 {
		i := int(q * float64(len(r.latencies)-1))
		return float64(r.latencies[i]) / float64(time.Millisecond)
	}
	return latencyFigures{p50: at(0.50), p90: at(0.90), p95: at(0.95), p99: at(0.99), max: at(1)}
}

// progress draws a bar of users done (a form sent, or the step budget of
// -stop-after spent) until done.
func (r *runner) progress(w io.Writer, total int, done <-chan struct{}) {
	t := time.NewTicker(500 * time.Millisecond)
	defer t.Stop()
	draw := func() {
		n := int(r.finished.Load())
		width := 40
		filled := width * n / max(total, 1)
		fmt.Fprintf(w, "\r[%s%s] %d/%d users, %d forms, %d updates, %d errors", strings.Repeat("#", filled), strings.Repeat(".", width-filled),
			n, total, r.completed.Load(), r.updates.Load(), r.errors.Load())
	}
	for {
		select {
		case <-done:
			draw()
			fmt.Fprintln(w)
			return
		case <-t.C:
			draw()
		}
	}
}
