package store

import (
	"context"
	"errors"
	"time"

	"openkarir/karir"
)

// collLeases holds one document per job that only one process may run.
// Taking one over is a versioned save, so two processes cannot both win.
const collLeases = "leases"

var _ karir.Leases = (*Store)(nil)

type lease struct {
	Name    string    `bson:"_id"`
	Holder  string    `bson:"holder"`
	Until   time.Time `bson:"until"`
	Version int64     `bson:"version"`
}

// AcquireLease implements karir.Leases.
func (s *Store) AcquireLease(ctx context.Context, name, holder string, now time.Time, ttl time.Duration) (bool, error) {
	var l lease
	err := s.loadVersioned(ctx, collLeases, name, &l, func() int64 { return l.Version })
	switch {
	case errors.Is(err, karir.ErrNotFound):
		l = lease{Name: name}
	case err != nil:
		return false, err
	}
	if l.Holder != holder && now.Before(l.Until) {
		return false, nil
	}
	l.Holder, l.Until, l.Version = holder, now.Add(ttl), l.Version+1
	err = s.saveVersioned(ctx, collLeases, name, l.Version, &l)
	if errors.Is(err, karir.ErrConflict) {
		return false, nil
	}
	return err == nil, err
}
