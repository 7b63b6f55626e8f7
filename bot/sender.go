package bot

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"openkarir/karir"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

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
