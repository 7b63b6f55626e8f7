package bot

import (
	"sync"
	"time"
)

// Limiter books send slots within Telegram's limits: a global rate for the
// bot, a minimum interval per private chat, a longer one per group. It is
// given the time rather than reading a clock, so tests can drive it.
type Limiter struct {
	mu            sync.Mutex
	every         time.Duration // between two sends of the bot
	chatInterval  time.Duration
	groupInterval time.Duration
	next          time.Time // the bot's next free slot
	nextChat      map[int64]time.Time
	pausedUntil   time.Time
}

// NewLimiter allows perSecond messages overall, one per chatInterval to a
// private chat and one per groupInterval to a group.
func NewLimiter(perSecond float64, chatInterval, groupInterval time.Duration) *Limiter {
	return &Limiter{
		every:         time.Duration(float64(time.Second) / perSecond),
		chatInterval:  chatInterval,
		groupInterval: groupInterval,
		nextChat:      map[int64]time.Time{},
	}
}

// Reserve books the earliest slot for a message to chat, at or after now.
// When the chat's own slot is later than the bot's next one (the chat was
// written to just now), it books nothing and returns ok false, so other
// chats are not held up behind it; the caller tries again later.
func (l *Limiter) Reserve(chat int64, now time.Time) (at time.Time, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	// A caller that woke late may catch up on the slots it missed, within
	// a short window, so timer jitter does not lower the rate.
	base := maxTime(l.next, now.Add(-catchUp))
	at = maxTime(base, l.pausedUntil)
	sendAt := maxTime(at, now)
	if chatFree := l.nextChat[chat]; chatFree.After(sendAt) {
		return chatFree, false
	}
	l.next = at.Add(l.every)
	interval := l.chatInterval
	if chat < 0 {
		interval = l.groupInterval
	}
	l.nextChat[chat] = sendAt.Add(interval)
	at = sendAt
	l.forget(now)
	return at, true
}

// catchUp is how far behind its schedule the limiter lets a late caller
// catch up.
const catchUp = 50 * time.Millisecond

// Pause stops every send until t (a 429's retry_after).
func (l *Limiter) Pause(until time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if until.After(l.pausedUntil) {
		l.pausedUntil = until
	}
}

// forget drops chats whose interval is over, so the map stays small; l.mu
// must be held.
func (l *Limiter) forget(now time.Time) {
	if len(l.nextChat) < 4096 {
		return
	}
	for chat, t := range l.nextChat {
		if !t.After(now) {
			delete(l.nextChat, chat)
		}
	}
}

func maxTime(ts ...time.Time) time.Time {
	m := ts[0]
	for _, t := range ts[1:] {
		if t.After(m) {
			m = t
		}
	}
	return m
}
