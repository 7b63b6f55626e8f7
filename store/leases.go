package store

import (
	"context"
	"fmt"
	"sync"
	"time"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// collLeases holds, on a shared database, who holds each job that only one
// process may run: one small document per slot of time ("sender#<slot>").
const collLeases = "leases"

var (
	_ karir.Leases = (*ServerStore)(nil)
	_ karir.Leases = (*memLeases)(nil)
)

// memLeases are the embedded store's leases. The embedded store belongs to
// one process by construction, so they live in memory only: a bot started
// again after a crash takes them at once instead of waiting for the old
// holder's time to run out, and renewing one writes nothing.
type memLeases struct {
	mu   sync.Mutex
	held map[string]heldLease
}

// slotLeases remembers, on a shared database, the slots this process
// claimed, by lease.
type slotLeases struct {
	self procID // this process, in the claims it writes
	mu   sync.Mutex
	memo map[string]heldLease
}

type heldLease struct {
	holder   string
	until    time.Time // memLeases
	from, to int64     // slotLeases: the slots claimed, inclusive
}

func newMemLeases() *memLeases { return &memLeases{held: map[string]heldLease{}} }

func newSlotLeases() *slotLeases { return &slotLeases{self: selfProc(), memo: map[string]heldLease{}} }

// AcquireLease implements karir.Leases.
func (l *memLeases) AcquireLease(_ context.Context, name, holder string, now time.Time, ttl time.Duration) (bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if h, ok := l.held[name]; ok && h.holder != holder && now.Before(h.until) {
		return false, nil
	}
	l.held[name] = heldLease{holder: holder, until: now.Add(ttl)}
	return true, nil
}

// ReleaseLease implements karir.Leases.
func (l *memLeases) ReleaseLease(_ context.Context, name, holder string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if h, ok := l.held[name]; ok && h.holder == holder {
		delete(l.held, name)
	}
	return nil
}

// ReleaseLease implements karir.Leases.
func (s *ServerStore) ReleaseLease(ctx context.Context, name, holder string) error {
	l := s.leases
	l.mu.Lock()
	m, claimed := l.memo[name]
	if claimed && m.holder == holder {
		delete(l.memo, name)
	}
	l.mu.Unlock()
	if !claimed || m.holder != holder {
		return nil
	}
	// Another process may take the current slot at once.
	if _, err := s.db.Collection(collLeases).DeleteMany(ctx, bson.D{{Key: "name", Value: name}, {Key: "holder", Value: holder}}); err != nil {
		return fmt.Errorf("release lease %s: %w", name, err)
	}
	return nil
}

// slotsAhead is how many slots past the current one a holder claims: a
// lease of ttl is cut into three slots, so a holder that stops renewing
// keeps it for two to three slots (the ttl at most) and no longer.
const slotsAhead = 2

// AcquireLease implements karir.Leases: it takes or renews a lease on a
// shared database. Time is cut
// into slots of ttl/3; the process whose insert of "<name>#<slot>" lands
// holds the lease for that slot, and an insert of a unique _id is atomic on
// FerretDB too (an update is not). A holder claims the slots ahead of it as
// it renews, so others find them taken; a holder that stops renewing loses
// the lease when its last claimed slot ends. Released slots are deleted, so
// the next process takes the lease at once, as it does when the holder
// surely died (procID.gone: a kill -9 on the same machine). The processes'
// clocks must agree to well within a slot (10 s for the sender).
func (s *ServerStore) AcquireLease(ctx context.Context, name, holder string, now time.Time, ttl time.Duration) (bool, error) {
	slotLen := max(ttl/3, time.Millisecond)
	cur := now.UnixNano() / int64(slotLen)
	l := s.leases
	l.mu.Lock()
	m, ok := l.memo[name]
	l.mu.Unlock()
	if !ok || m.holder != holder || cur < m.from || cur > m.to {
		won, err := s.claimSlot(ctx, name, holder, cur, now)
		if err != nil || !won {
			return false, err
		}
		m = heldLease{holder: holder, from: cur, to: cur}
	}
	for next := m.to + 1; next <= cur+slotsAhead; next++ {
		won, err := s.claimSlot(ctx, name, holder, next, now)
		if err != nil || !won {
			break // the lease ends with the slots claimed so far
		}
		m.to = next
	}
	l.mu.Lock()
	l.memo[name] = m
	l.mu.Unlock()
	// Slots in the past are never claimed again: whatever is behind the
	// ones of the last ttl goes (the collection stays a few documents long).
	_, err := s.db.Collection(collLeases).DeleteMany(ctx, bson.D{{Key: "name", Value: name},
		{Key: "slot", Value: bson.D{{Key: "$lt", Value: cur - 3}}}})
	if err != nil {
		return true, fmt.Errorf("prune lease %s: %w", name, err)
	}
	return true, nil
}

// slotClaim is one slot of a lease as stored.
type slotClaim struct {
	ID     string    `bson:"_id"`
	Name   string    `bson:"name"`
	Slot   int64     `bson:"slot"`
	Holder string    `bson:"holder"`
	At     time.Time `bson:"at"`
	Proc   procID    `bson:"proc"`
}

// claimSlot inserts the claim of one slot, or reads whose it is. The claims
// of a holder that surely died are deleted first.
func (s *ServerStore) claimSlot(ctx context.Context, name, holder string, slot int64, now time.Time) (bool, error) {
	mine := slotClaim{ID: fmt.Sprintf("%s#%d", name, slot), Name: name, Slot: slot, Holder: holder, At: now, Proc: s.leases.self}
	for attempt := 0; ; attempt++ {
		_, err := s.db.Collection(collLeases).InsertOne(ctx, mine)
		if err == nil {
			return true, nil
		}
		if !mongo.IsDuplicateKeyError(err) {
			return false, fmt.Errorf("claim lease %s: %w", mine.ID, err)
		}
		var claim slotClaim
		if err := s.db.Collection(collLeases).FindOne(ctx, bson.D{{Key: "_id", Value: mine.ID}}).Decode(&claim); err != nil {
			return false, fmt.Errorf("read lease %s: %w", mine.ID, notFound(err))
		}
		if claim.Holder == holder || attempt > 0 || !claim.Proc.gone(s.leases.self) {
			return claim.Holder == holder, nil
		}
		if _, err := s.db.Collection(collLeases).DeleteMany(ctx, bson.D{{Key: "name", Value: name}, {Key: "holder", Value: claim.Holder}}); err != nil {
			return false, fmt.Errorf("drop the dead holder's lease %s: %w", name, err)
		}
	}
}
