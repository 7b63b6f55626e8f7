package bot

import (
	"context"
	"time"

	"openkarir/karir"
)

// takeLease takes or renews the sender lease; a process that gains it
// loads the pending messages, one that loses it forgets them.
func (s *Sender) takeLease(ctx context.Context) {
	ok, err := s.leases.AcquireLease(ctx, "sender", s.cfg.Holder, s.now(), s.cfg.LeaseTTL)
	if err != nil {
		s.log.Warn("sender lease", "err", err)
		ok = false
	}
	s.mu.Lock()
	gained := ok && !s.holding
	s.holding = ok
	if !ok {
		s.queue = map[string]karir.Outgoing{}
	}
	s.mu.Unlock()
	if gained {
		s.reload(ctx)
	}
}

// releaseLease gives the sender lease up when Run stops.
func (s *Sender) releaseLease(ctx context.Context) {
	s.mu.Lock()
	s.holding = false
	s.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := s.leases.ReleaseLease(ctx, "sender", s.cfg.Holder); err != nil {
		s.log.Warn("release the sender lease", "err", err)
	}
}

// reload reads the pending messages and unreachable chats from the store.
func (s *Sender) reload(ctx context.Context) {
	s.mu.Lock()
	holding := s.holding
	s.mu.Unlock()
	if !holding {
		return
	}
	pending, err := s.outbox.PendingOutgoing(ctx)
	if err != nil {
		s.log.Warn("read outbox", "err", err)
		return
	}
	unreachable, err := s.outbox.Unreachable(ctx)
	if err != nil {
		s.log.Warn("read unreachable chats", "err", err)
		return
	}
	s.mu.Lock()
	for _, m := range pending {
		// A copy read while its try was under way may be stale: the claim
		// decides (dispatch).
		if old, ok := s.queue[m.Key]; !ok || old.NotBefore.Before(m.NotBefore) {
			s.queue[m.Key] = m
		}
	}
	s.unreachable = unreachable
	s.mu.Unlock()
	s.poke()
}
