package flows

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"openkarir/karir"
)

// StoredRounds is the RoundSource of the current round kept in the store,
// read at most every few seconds.
type StoredRounds struct {
	store karir.RoundStore
	id    string
	ttl   time.Duration

	mu     sync.Mutex
	cached karir.Round
	until  time.Time
}

var _ RoundSource = (*StoredRounds)(nil)

// NewStoredRounds seeds the round id with the settings' deadline on first
// start (a deadline set later with /tenggat wins) and serves it.
func NewStoredRounds(ctx context.Context, store karir.RoundStore, id string, closes time.Time, now time.Time) (*StoredRounds, error) {
	err := store.CreateRound(ctx, karir.RoundRecord{ID: id, Opens: now, Closes: closes, UpdatedAt: now})
	if err != nil {
		return nil, fmt.Errorf("seed round %s: %w", id, err)
	}
	return &StoredRounds{store: store, id: id, ttl: 5 * time.Second}, nil
}

// CurrentRound implements RoundSource.
func (s *StoredRounds) CurrentRound(ctx context.Context) (karir.Round, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if time.Now().Before(s.until) {
		return s.cached, nil
	}
	r, err := s.store.Round(ctx, s.id)
	if err != nil {
		return karir.Round{}, fmt.Errorf("load round %s: %w", s.id, err)
	}
	s.cached, s.until = karir.Round{ID: r.ID, Closes: r.Closes}, time.Now().Add(s.ttl)
	return s.cached, nil
}

// SetDeadline moves the current round's last day.
func (s *StoredRounds) SetDeadline(ctx context.Context, lastDay time.Time, now time.Time) error {
	r, err := s.store.Round(ctx, s.id)
	if err != nil {
		return fmt.Errorf("load round %s: %w", s.id, err)
	}
	r.Closes, r.UpdatedAt = lastDay.AddDate(0, 0, 1), now
	if err := s.store.SaveRound(ctx, *r); err != nil {
		return err
	}
	s.mu.Lock()
	s.until = time.Time{}
	s.mu.Unlock()
	return nil
}

// DeadlineCommand is /tenggat YYYY-MM-DD: an admin moves the form deadline.
func DeadlineCommand(d Deps, audit *Auditor) Command {
	rounds, loc, now := d.Rounds, d.Location, d.Now
	return Command{
		Name: "tenggat", Description: "ubah batas pengisian: /tenggat YYYY-MM-DD", Access: SuperOnly,
		Run: func(t *Turn) error {
			arg := strings.TrimSpace(t.In.Args)
			day, err := time.ParseInLocation(time.DateOnly, arg, loc)
			if err != nil {
				round, rerr := rounds.CurrentRound(t.Ctx)
				if rerr != nil {
					return rerr
				}
				t.Sayf(txtDeadlineUsage, karir.FormatDate(round.LastDay(), loc))
				return nil
			}
			if karir.DaysUntil(now(), day, loc) < 0 {
				t.Sayf(txtDeadlinePast, karir.FormatDate(day, loc))
				return nil
			}
			if err := rounds.SetDeadline(t.Ctx, day, now()); err != nil {
				return err
			}
			t.Sayf(txtDeadlineSet, karir.FormatDate(day, loc), karir.Countdown(now(), day, loc))
			return audit.Record(t, "tenggat", "batas pengisian "+arg)
		},
	}
}
