package bot

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"openkarir/karir"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// claimTTL is how long a claimed try holds its message: beyond the call's
// timeout and the record of its outcome, twice the lease (60 s by default).
func (s *Sender) claimTTL() time.Duration { return 2 * s.cfg.LeaseTTL }

// claim takes m for one try in the outbox. A copy that is pending no more
// is dropped; one that is not due or under way is put back on the schedule
// as the outbox has it.
func (s *Sender) claim(ctx context.Context, m karir.Outgoing) (karir.Outgoing, bool) {
	got, ok, err := s.outbox.ClaimOutgoing(ctx, m.Key, s.now(), s.claimTTL())
	if err != nil {
		s.log.Warn("claim a message", "key", m.Key, "err", err)
		m.NotBefore = s.now().Add(time.Second)
		s.put(m)
		return m, false
	}
	if got == nil {
		return m, false // sent, or given up, meanwhile
	}
	if !ok {
		s.put(*got)
		return m, false
	}
	s.inflight.Add(1)
	return *got, true
}

// put schedules m, unless a newer copy is scheduled.
func (s *Sender) put(m karir.Outgoing) {
	s.mu.Lock()
	if old, ok := s.queue[m.Key]; s.holding && (!ok || old.NotBefore.Before(m.NotBefore)) {
		s.queue[m.Key] = m
	}
	s.mu.Unlock()
}

// deliver makes one try of one message and records what came of it.
func (s *Sender) deliver(ctx context.Context, m karir.Outgoing) {
	err := s.bot.send(ctx, m.ChatID, m.Reply)
	now := s.now()
	var apiErr *tgbotapi.Error
	isAPI := errors.As(err, &apiErr)
	if err != nil {
		m.SentAt = time.Time{}
	}
	switch {
	case err == nil:
		m.Status, m.LastError = karir.OutSent, ""
	case isAPI && apiErr.RetryAfter > 0:
		// Telegram asked everyone to wait: pause all sending, keep the
		// message, and do not count it as a failed try.
		until := now.Add(time.Duration(apiErr.RetryAfter) * time.Second)
		s.limiter.Pause(until)
		m.NotBefore = until
		s.cfg.Metrics.outcome("retried")
		s.record(ctx, m)
		s.requeue(m)
		return
	case isAPI && (apiErr.Code == http.StatusForbidden || strings.Contains(apiErr.Message, "chat not found")):
		m.Status, m.LastError = karir.OutUnreachable, apiErr.Message
	case isAPI && apiErr.Code < 500:
		m.Status, m.LastError = karir.OutFailed, apiErr.Message
	default: // 5xx or the network: try again later
		m.Attempts++
		m.LastError = err.Error()
		if m.Attempts >= s.cfg.MaxAttempts {
			m.Status = karir.OutFailed
			break
		}
		m.NotBefore = now.Add(backoff(m.Attempts))
		s.cfg.Metrics.outcome("retried")
		s.record(ctx, m)
		s.requeue(m)
		return
	}
	s.cfg.Metrics.outcome(m.Status)
	s.mu.Lock()
	wasUnreachable := s.unreachable[m.ChatID]
	switch m.Status {
	case karir.OutUnreachable:
		s.unreachable[m.ChatID] = true
	case karir.OutSent:
		delete(s.unreachable, m.ChatID)
	}
	s.mu.Unlock()
	// The chat's reachability is stored before the outcome, so whoever sees
	// the outcome also sees it.
	switch {
	case m.Status == karir.OutUnreachable && !wasUnreachable:
		if err := s.outbox.MarkUnreachable(ctx, m.ChatID, now); err != nil {
			s.log.Error("mark chat unreachable", "err", err)
		}
	case m.Status == karir.OutSent && wasUnreachable:
		if err := s.outbox.MarkReachable(ctx, m.ChatID); err != nil {
			s.log.Error("mark chat reachable", "err", err)
		}
	}
	s.record(ctx, m)
	s.mu.Lock()
	delete(s.queue, m.Key) // a copy read during the try
	s.mu.Unlock()
	s.inflight.Add(-1)
	if m.Batch != "" {
		s.tally(ctx, m)
	}
}

// record stores the outcome, insisting: a message sent but not recorded
// would be sent again after a restart.
func (s *Sender) record(ctx context.Context, m karir.Outgoing) {
	wait := 100 * time.Millisecond
	for attempt := 1; ; attempt++ {
		err := s.outbox.FinishOutgoing(ctx, m)
		if err == nil {
			return
		}
		if attempt == 10 || !sleep(ctx, wait) {
			s.log.Error("record message outcome", "key", m.Key, "status", m.Status, "err", err)
			return
		}
		wait = min(2*wait, 5*time.Second)
	}
}

// requeue schedules a message whose try will be repeated (its retry is
// recorded, and its claim gone).
func (s *Sender) requeue(m karir.Outgoing) {
	s.inflight.Add(-1)
	s.mu.Lock()
	if s.holding {
		s.queue[m.Key] = m
	}
	s.mu.Unlock()
	s.poke()
}
