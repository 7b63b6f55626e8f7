package flows

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"openkarir/karir"
)

// StoredRounds is the RoundSource of the rounds kept in the store: admins
// own them (/tenggat moves the current one's deadline, /periode baru opens
// the next); the settings only seed the first. The current round is read
// at most every few seconds.
type StoredRounds struct {
	store karir.RoundStore
	ttl   time.Duration

	mu     sync.Mutex
	cached karir.Round
	until  time.Time
}

var _ RoundSource = (*StoredRounds)(nil)

// ErrRoundChanged is a round opened, or the deadline moved, on a round that
// is no longer the current one (another admin, or a button pressed twice).
var ErrRoundChanged = errors.New("the current round changed")

// NewStoredRounds serves the stored rounds. When there is none yet and
// closes is set (FORM_DEADLINE), it opens the first round as id; once there
// is one, the settings change nothing.
func NewStoredRounds(ctx context.Context, store karir.RoundStore, id string, closes time.Time, now time.Time) (*StoredRounds, error) {
	s := &StoredRounds{store: store, ttl: 5 * time.Second}
	if id == "" || closes.IsZero() {
		return s, nil
	}
	rounds, err := store.ListRounds(ctx)
	if err != nil {
		return nil, err
	}
	if len(rounds) == 0 {
		if _, err := store.CreateRound(ctx, karir.RoundRecord{ID: id, Opens: now, Closes: closes, UpdatedAt: now}); err != nil {
			return nil, fmt.Errorf("seed round %s: %w", id, err)
		}
	}
	return s, nil
}

// CurrentRound implements RoundSource: the round opened last, or the zero
// Round when none was opened yet.
func (s *StoredRounds) CurrentRound(ctx context.Context) (karir.Round, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if time.Now().Before(s.until) {
		return s.cached, nil
	}
	rounds, err := s.store.ListRounds(ctx)
	if err != nil {
		return karir.Round{}, fmt.Errorf("load rounds: %w", err)
	}
	cur, _ := karir.CurrentRound(rounds)
	s.cached, s.until = cur.Round(), time.Now().Add(s.ttl)
	return s.cached, nil
}

// Rounds lists every round, in the order they were opened.
func (s *StoredRounds) Rounds(ctx context.Context) ([]karir.RoundRecord, error) {
	return s.store.ListRounds(ctx)
}

// Find returns the round with the id, and whether there is one.
func (s *StoredRounds) Find(ctx context.Context, id string) (karir.Round, bool, error) {
	r, err := s.store.Round(ctx, id)
	switch {
	case errors.Is(err, karir.ErrNotFound):
		return karir.Round{}, false, nil
	case err != nil:
		return karir.Round{}, false, err
	}
	return r.Round(), true, nil
}

// Latest looks a form up in the current round, then in the earlier ones,
// newest first, and returns the first that want accepts (nil: any), or
// karir.ErrNotFound. A form stays reachable (its review, its target's
// check-ins and ratings, its contract) after the next round opened. get
// reads one round's form.
func (s *StoredRounds) Latest(ctx context.Context, get func(round string) (*karir.Submission, error), want func(*karir.Submission) bool) (*karir.Submission, error) {
	rounds, err := s.store.ListRounds(ctx)
	if err != nil {
		return nil, err
	}
	cur, _ := karir.CurrentRound(rounds)
	slices.SortStableFunc(rounds, func(a, b karir.RoundRecord) int {
		switch {
		case a.ID == cur.ID:
			return -1
		case b.ID == cur.ID:
			return 1
		}
		return b.Opens.Compare(a.Opens)
	})
	for _, r := range rounds {
		sub, err := get(r.ID)
		switch {
		case errors.Is(err, karir.ErrNotFound):
		case err != nil:
			return nil, err
		case want == nil || want(sub):
			return sub, nil
		}
	}
	return nil, karir.ErrNotFound
}

// AtSteps returns the current round's forms whose stage is one of steps
// and, since a target outlives its round, the earlier rounds' forms whose
// stage is one of earlier.
func (s *StoredRounds) AtSteps(ctx context.Context, q karir.ReviewQueue, steps, earlier []karir.Step) ([]karir.Submission, error) {
	rounds, err := s.store.ListRounds(ctx)
	if err != nil {
		return nil, err
	}
	cur, _ := karir.CurrentRound(rounds)
	var out []karir.Submission
	for _, r := range rounds {
		want := earlier
		if r.ID == cur.ID {
			want = steps
		}
		if len(want) == 0 {
			continue
		}
		subs, err := q.SubmissionsAt(ctx, r.ID, want)
		if err != nil {
			return nil, fmt.Errorf("forms of round %s: %w", r.ID, err)
		}
		out = append(out, subs...)
	}
	return out, nil
}

// targetSteps are the stages of a form whose target runs or was evaluated:
// what still matters of earlier rounds.
var targetSteps = []karir.Step{karir.StepTargetActive, karir.StepCheckIn, karir.StepMet, karir.StepMissed}

// SetDeadline moves the current round's last day to lastDay (midnight of
// that date in the bot's zone); with no round yet, it opens the first.
func (s *StoredRounds) SetDeadline(ctx context.Context, lastDay time.Time, now time.Time) (karir.Round, error) {
	defer s.forget()
	rounds, err := s.store.ListRounds(ctx)
	if err != nil {
		return karir.Round{}, err
	}
	cur, ok := karir.CurrentRound(rounds)
	if !ok {
		return s.open(ctx, rounds, lastDay, now)
	}
	cur.Closes, cur.UpdatedAt = lastDay.AddDate(0, 0, 1), now
	if err := s.store.SaveRound(ctx, cur); err != nil {
		return karir.Round{}, err
	}
	return cur.Round(), nil
}

// OpenRound opens a new round whose last day is lastDay, if the current
// round is still after (the one the admin saw); otherwise ErrRoundChanged.
// The earlier rounds and their forms stay as they are.
func (s *StoredRounds) OpenRound(ctx context.Context, after string, lastDay time.Time, now time.Time) (karir.Round, error) {
	defer s.forget()
	rounds, err := s.store.ListRounds(ctx)
	if err != nil {
		return karir.Round{}, err
	}
	if cur, _ := karir.CurrentRound(rounds); cur.ID != after {
		return karir.Round{}, ErrRoundChanged
	}
	return s.open(ctx, rounds, lastDay, now)
}

func (s *StoredRounds) open(ctx context.Context, rounds []karir.RoundRecord, lastDay, now time.Time) (karir.Round, error) {
	r := karir.RoundRecord{ID: karir.NextRoundID(rounds, lastDay), Opens: now, Closes: lastDay.AddDate(0, 0, 1), UpdatedAt: now}
	created, err := s.store.CreateRound(ctx, r)
	if err != nil {
		return karir.Round{}, err
	}
	if !created {
		return karir.Round{}, ErrRoundChanged // another admin opened it first
	}
	return r.Round(), nil
}

// forget drops the cached current round, so the next read sees a change.
func (s *StoredRounds) forget() {
	s.mu.Lock()
	s.until = time.Time{}
	s.mu.Unlock()
}
