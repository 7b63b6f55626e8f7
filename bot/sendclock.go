package bot

import (
	"context"
	"time"
)

// realTimer is the sender's default SenderConfig.Timer.
func realTimer(d time.Duration) (<-chan time.Time, func() bool) {
	t := time.NewTimer(d)
	return t.C, t.Stop
}

// sleep waits d on the sender's clock, or until ctx ends; it reports
// whether the wait was complete.
func (s *Sender) sleep(ctx context.Context, d time.Duration) bool {
	timer, stop := s.cfg.Timer(d)
	defer stop()
	select {
	case <-ctx.Done():
		return false
	case <-timer:
		return true
	}
}

// backoff grows from 2 s to 5 min between tries through outages.
func backoff(attempt int) time.Duration {
	d := 2 * time.Second << min(attempt-1, 8)
	return min(d, 5*time.Minute)
}
