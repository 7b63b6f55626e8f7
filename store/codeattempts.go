package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// collCodeAttempts holds, per NIP, the wrong activation codes typed from
// all accounts (karir.CodeAttempts): one small document per NIP that was
// ever guessed at, saved as a versioned document.
const collCodeAttempts = "code_attempts"

var _ karir.CodeGuesses = (*Store)(nil)

// CodeAttempts implements karir.CodeGuesses.
// Every activation code typed asks it: the embedded store answers from
// memory (hot.go) rather than with three lookups (the document and two
// hours of its commit log). It reads the collection whole once (one
// document per NIP ever guessed at), so a NIP never guessed at is known.
// Its main documents are written with their commit; a commit a crash kept
// from its main document is found by the next FailCode, whose save then
// conflicts and reads the log (a read in between may count one wrong code
// fewer, once, after such a crash).
func (s *Store) CodeAttempts(ctx context.Context, nip string) (*karir.CodeAttempts, error) {
	if a, known := s.hot.tries.get(nip); known {
		if a == nil {
			return &karir.CodeAttempts{NIP: nip}, nil
		}
		return a, nil
	}
	gen := s.hot.tries.begin()
	if s.hot.tries != nil && !s.hot.tries.filledOnce() {
		var all []karir.CodeAttempts
		cur, err := s.db.Collection(collCodeAttempts).Find(ctx, bson.D{})
		if err == nil {
			err = cur.All(ctx, &all)
		}
		if err != nil {
			return nil, fmt.Errorf("read wrong codes: %w", err)
		}
		byNIP := make(map[string]karir.CodeAttempts, len(all))
		for _, a := range all {
			byNIP[a.NIP] = a
		}
		s.hot.tries.filled(gen, byNIP)
		if a, ok := byNIP[nip]; ok {
			return &a, nil
		}
		return &karir.CodeAttempts{NIP: nip}, nil
	}
	a := &karir.CodeAttempts{}
	err := s.loadVersioned(ctx, collCodeAttempts, nip, a, func() int64 { return a.Version })
	if errors.Is(err, karir.ErrNotFound) {
		s.hot.tries.loaded(gen, nip, nil)
		return &karir.CodeAttempts{NIP: nip}, nil
	}
	if err != nil {
		return nil, err
	}
	s.hot.tries.loaded(gen, nip, a)
	return a, nil
}

// FailCode implements karir.CodeGuesses.
func (s *Store) FailCode(ctx context.Context, nip string, now time.Time) (*karir.CodeAttempts, error) {
	for attempt := range 50 {
		if attempt > 0 {
			// Another account failed at the same moment: try again on its
			// record, after a pause that keeps the racers apart.
			pause := time.NewTimer(time.Duration(rand.IntN(2000*min(attempt, 10))) * time.Microsecond)
			select {
			case <-ctx.Done():
				pause.Stop()
				return nil, fmt.Errorf("count a wrong code: %w", ctx.Err())
			case <-pause.C:
			}
		}
		a, err := s.CodeAttempts(ctx, nip)
		if err != nil {
			return nil, err
		}
		a.Fail(now)
		a.Version++
		err = s.saveVersioned(ctx, collCodeAttempts, nip, a.Version, a)
		if err != nil {
			// Another writer may have won, or the save landed unanswered:
			// the next read goes to the database.
			s.hot.tries.forget(nip)
		}
		if errors.Is(err, karir.ErrConflict) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("count a wrong code: %w", err)
		}
		s.hot.tries.saved(nip, a)
		return a, nil
	}
	return nil, fmt.Errorf("count a wrong code: %w", karir.ErrConflict)
}
