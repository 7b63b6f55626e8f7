package bot

import (
	"context"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"openkarir/karir"

	"openkarir/flows"
)

// SenderConfig sets the pace and the patience of the sender.
type SenderConfig struct {
	// GlobalRate is messages per second for the whole bot (Telegram allows
	// about 30).
	GlobalRate float64
	// ChatInterval and GroupInterval space messages to one chat (Telegram:
	// about 1 per second, 20 per minute in a group).
	ChatInterval  time.Duration
	GroupInterval time.Duration
	Workers       int // HTTP calls in flight
	MaxAttempts   int // tries through 5xx and network errors
	// Rescan is how often the outbox is read again for messages another
	// process queued; LeaseTTL is how long the sender lease lasts.
	Rescan   time.Duration
	LeaseTTL time.Duration
	// RecordGrace is how long after a shutdown the sender keeps trying to
	// record what it sent (default 5 s): a message sent but not recorded
	// is sent again after a restart.
	RecordGrace time.Duration
	// Timer waits d on the sender's clock, whose time NewSender's now
	// reads; stop reports whether it stopped the timer before it fired.
	// Nil means real timers; a test's fake clock gives its own, so the
	// sender's pace is measured in the sender's time.
	Timer func(d time.Duration) (c <-chan time.Time, stop func() bool)
	// Holder names this process in the lease.
	Holder string
	// Metrics, when set, count outcomes and watch the outbox's depth.
	Metrics *Metrics
}

func (c *SenderConfig) defaults() {
	if c.GlobalRate <= 0 {
		c.GlobalRate = 25
	}
	if c.ChatInterval <= 0 {
		c.ChatInterval = time.Second
	}
	if c.GroupInterval <= 0 {
		c.GroupInterval = 3 * time.Second
	}
	if c.Workers <= 0 {
		c.Workers = 16
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = 8
	}
	if c.Rescan <= 0 {
		c.Rescan = 10 * time.Second
	}
	if c.LeaseTTL <= 0 {
		c.LeaseTTL = 30 * time.Second
	}
	if c.RecordGrace <= 0 {
		c.RecordGrace = 5 * time.Second
	}
	if c.Timer == nil {
		c.Timer = realTimer
	}
}

// Sender delivers the outbox: reminders, notices and broadcasts, within
// Telegram's limits. One process at a time sends (it holds the "sender"
// lease): the bot's global limit is Telegram's, so one sender is enough.
// The outbox's pending messages are the one record of what is to be sent:
// the sender keeps a schedule of them in memory (what this process queues
// is added at once, and the outbox is re-read every Rescan, 10 s, to pick
// up what other processes queued), and claims each try in the outbox
// before it makes it, so a copy that is stale (sent meanwhile, or in
// flight) is dropped there instead of sent twice.
type Sender struct {
	bot     *Bot
	outbox  karir.Outbox
	leases  karir.Leases
	limiter *Limiter
	cfg     SenderConfig
	log     *slog.Logger
	now     func() time.Time

	wake    chan struct{}
	running atomic.Bool

	mu          sync.Mutex
	holding     bool
	queue       map[string]karir.Outgoing // the schedule: pending, as last read
	unreachable map[int64]bool
	inflight    atomic.Int64 // tries claimed and not yet recorded
}

var (
	_ flows.Notifier      = (*Sender)(nil)
	_ flows.BatchNotifier = (*Sender)(nil)
)

// NewSender builds the sender of bot's messages.
func NewSender(b *Bot, outbox karir.Outbox, leases karir.Leases, cfg SenderConfig, log *slog.Logger, now func() time.Time) *Sender {
	cfg.defaults()
	s := &Sender{
		bot: b, outbox: outbox, leases: leases, cfg: cfg, log: log, now: now,
		limiter:     NewLimiter(cfg.GlobalRate, cfg.ChatInterval, cfg.GroupInterval),
		wake:        make(chan struct{}, 1),
		queue:       map[string]karir.Outgoing{},
		unreachable: map[int64]bool{},
	}
	cfg.Metrics.watchDepth(func() float64 {
		s.mu.Lock()
		defer s.mu.Unlock()
		return float64(len(s.queue) + int(s.inflight.Load()))
	})
	return s
}

// Notify implements flows.Notifier.
func (s *Sender) Notify(ctx context.Context, notices ...karir.Notice) (int, error) {
	return s.enqueue(ctx, "", notices)
}

// NotifyBatch implements flows.BatchNotifier: the admin who started the
// batch is told its progress and its final tally.
func (s *Sender) NotifyBatch(ctx context.Context, b karir.Batch, notices []karir.Notice) (int, error) {
	b.Total, b.CreatedAt = len(notices), s.now()
	if err := s.outbox.CreateBatch(ctx, b); err != nil {
		return 0, err
	}
	return s.enqueue(ctx, b.ID, notices)
}

func (s *Sender) enqueue(ctx context.Context, batch string, notices []karir.Notice) (int, error) {
	fresh, err := s.outbox.Enqueue(ctx, s.now(), batch, notices)
	if err != nil {
		return 0, err
	}
	s.mu.Lock()
	if s.holding {
		for _, m := range fresh {
			s.queue[m.Key] = m
		}
	}
	s.mu.Unlock()
	s.poke()
	return len(fresh), nil
}

func (s *Sender) poke() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Run sends until ctx ends. Messages already handed to Telegram are
// recorded after ctx ends too (for up to RecordGrace), so a restart sends
// nothing twice.
func (s *Sender) Run(ctx context.Context) error {
	s.running.Store(true)
	defer s.running.Store(false)
	finishing, stopFinishing := context.WithCancel(context.WithoutCancel(ctx))
	defer stopFinishing()
	stopGrace := context.AfterFunc(ctx, func() { time.AfterFunc(s.cfg.RecordGrace, stopFinishing) })
	defer stopGrace()
	work := make(chan karir.Outgoing)
	var wg sync.WaitGroup
	for range s.cfg.Workers {
		wg.Go(func() {
			for m := range work {
				s.deliver(finishing, m)
			}
		})
	}
	defer func() {
		close(work)
		wg.Wait()
		// What was handed to Telegram is recorded: another process may
		// take over at once.
		s.releaseLease(ctx)
	}()

	renew := time.NewTicker(s.cfg.LeaseTTL / 3)
	defer renew.Stop()
	rescan := time.NewTicker(s.cfg.Rescan)
	defer rescan.Stop()
	s.takeLease(ctx)
	wait := time.Duration(0)
	for {
		timer, stop := s.cfg.Timer(wait)
		select {
		case <-ctx.Done():
			stop()
			return nil
		case <-renew.C:
			s.takeLease(ctx)
		case <-rescan.C:
			s.reload(ctx)
		case <-s.wake:
		case <-timer:
		}
		stop()
		wait = s.dispatch(ctx, work)
	}
}

// Running reports whether Run is going (for /healthz).
func (s *Sender) Running() bool { return s.running.Load() }

// dispatch hands every message that is due to the workers, each at the
// slot the limiter books. It returns how long to wait before the next pass.
func (s *Sender) dispatch(ctx context.Context, work chan<- karir.Outgoing) time.Duration {
	now := s.now()
	s.mu.Lock()
	var due []karir.Outgoing
	next := now.Add(time.Second)
	for _, m := range s.queue {
		if m.NotBefore.After(now) {
			if m.NotBefore.Before(next) {
				next = m.NotBefore
			}
			continue
		}
		due = append(due, m)
	}
	s.mu.Unlock()
	slices.SortFunc(due, func(a, b karir.Outgoing) int { return a.NotBefore.Compare(b.NotBefore) })

	busy := false
	for _, m := range due {
		at, ok := s.limiter.Reserve(m.ChatID, s.now())
		if !ok {
			busy = true // that chat was written to just now
			if at.Before(next) {
				next = at
			}
			continue
		}
		if d := at.Sub(s.now()); d > 0 && !s.sleep(ctx, d) {
			return 0
		}
		s.mu.Lock()
		delete(s.queue, m.Key)
		s.mu.Unlock()
		claimed, ok := s.claim(ctx, m)
		if !ok {
			continue
		}
		// Sent when handed over, at the booked slot: the outcome keeps
		// it, and tests check the pace on it.
		claimed.SentAt = s.now()
		select {
		case work <- claimed:
		case <-ctx.Done():
			// Not tried: the claim goes, so a restart sends it at once.
			s.inflight.Add(-1)
			rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			claimed.SentAt = time.Time{}
			if err := s.outbox.FinishOutgoing(rctx, claimed); err != nil {
				s.log.Warn("drop the claim of a message not sent", "key", m.Key, "err", err)
			}
			cancel()
			return 0
		}
	}
	if busy {
		return max(next.Sub(s.now()), 10*time.Millisecond)
	}
	return max(next.Sub(s.now()), time.Millisecond)
}
