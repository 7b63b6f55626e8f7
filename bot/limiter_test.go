package bot_test

import (
	"testing"
	"time"

	"openkarir/bot"
)

// The limiter is driven with virtual time: no sleeping, exact slots.
func TestLimiterSpacing(t *testing.T) {
	l := bot.NewLimiter(10, time.Second, 3*time.Second)
	t0 := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	now := t0
	var slots []time.Time
	byChat := map[int64][]time.Time{}
	pending := []int64{1, 1, 1, 2, 2, 3, -100, -100}
	for len(pending) > 0 {
		var rest []int64
		for _, chat := range pending {
			at, ok := l.Reserve(chat, now)
			if !ok {
				rest = append(rest, chat)
				continue
			}
			slots = append(slots, at)
			byChat[chat] = append(byChat[chat], at)
			now = at
		}
		pending = rest
		now = now.Add(50 * time.Millisecond)
	}
	checkWindow(t, slots, t0)
	for i := 1; i < len(slots); i++ {
		if slots[i].Before(slots[i-1]) {
			t.Errorf("slot %d before slot %d", i, i-1)
		}
	}
	for chat, ts := range byChat {
		want := time.Second
		if chat < 0 {
			want = 3 * time.Second
		}
		for i := 1; i < len(ts); i++ {
			if gap := ts[i].Sub(ts[i-1]); gap < want {
				t.Errorf("chat %d: gap %v, want >= %v", chat, gap, want)
			}
		}
	}
	if len(slots) != 8 {
		t.Errorf("%d slots booked, want 8", len(slots))
	}
}

func TestLimiterPause(t *testing.T) {
	l := bot.NewLimiter(1000, time.Millisecond, time.Millisecond)
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	l.Pause(now.Add(5 * time.Second))
	at, ok := l.Reserve(7, now)
	if !ok || at.Before(now.Add(5*time.Second)) {
		t.Fatalf("slot during a 429 pause: %v %v", at, ok)
	}
}

func TestLimiterGlobalRate(t *testing.T) {
	l := bot.NewLimiter(10, time.Second, 3*time.Second)
	t0 := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	now := t0
	var slots []time.Time
	for chat := int64(1); chat <= 40; chat++ {
		at, ok := l.Reserve(chat, now)
		if !ok {
			t.Fatalf("chat %d refused", chat)
		}
		slots = append(slots, at)
		// The caller wakes a little late each time.
		now = at.Add(7 * time.Millisecond)
	}
	checkWindow(t, slots, t0)
	if span := slots[39].Sub(slots[0]); span < 3800*time.Millisecond || span > 4200*time.Millisecond {
		t.Errorf("40 slots at 10/s spanned %v, want about 3.9s", span)
	}
}

// checkWindow fails when any second after a slot holds more than 10 slots
// (the rate of 10/s, plus one a late caller may catch up).
func checkWindow(t *testing.T, slots []time.Time, t0 time.Time) {
	t.Helper()
	for i, start := range slots {
		n := 0
		for _, s := range slots[i:] {
			if s.Sub(start) < time.Second {
				n++
			}
		}
		if n > 11 {
			t.Errorf("%d slots in the second after %v", n, start.Sub(t0))
		}
	}
}
