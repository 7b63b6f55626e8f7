package store

import (
	"context"
	"errors"
	"fmt"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// collBindings holds one document per bound NIP: its _id is the NIP, so the
// insert that binds it is also what lets only one account win.
const collBindings = "bindings"

func bindingIndexes() []mongo.IndexModel {
	return []mongo.IndexModel{{Keys: bson.D{{Key: "telegram_id", Value: 1}}}}
}

// readBinding reads a binding from the database.
func (s *core) readBinding(ctx context.Context, nip string) (*karir.Binding, error) {
	var b karir.Binding
	if err := s.db.Collection(collBindings).FindOne(ctx, bson.D{{Key: "_id", Value: nip}}).Decode(&b); err != nil {
		return nil, fmt.Errorf("load binding: %w", notFound(err))
	}
	return &b, nil
}

// bind inserts b; the insert of its NIP's _id lets only one account win.
// It returns the binding that stands (b, or the winner's) and
// karir.ErrAlreadyBound when that is another account's.
func (s *core) bind(ctx context.Context, b karir.Binding) (karir.Binding, error) {
	err := s.commits.insertOne(ctx, collBindings, b)
	if err == nil {
		return b, nil
	}
	if !mongo.IsDuplicateKeyError(err) {
		return karir.Binding{}, fmt.Errorf("bind: %w", err)
	}
	// Read the database, not a cache: the winner of a race may not have
	// cached its binding yet, and the cache would say there is none.
	old, err := s.readBinding(ctx, b.NIP)
	if err != nil {
		return karir.Binding{}, fmt.Errorf("bind: read the existing binding: %w", err)
	}
	if old.TelegramID != b.TelegramID {
		return *old, karir.ErrAlreadyBound
	}
	return *old, nil
}

func (s *core) unbind(ctx context.Context, nip string) error {
	if _, err := s.db.Collection(collBindings).DeleteOne(ctx, bson.D{{Key: "_id", Value: nip}}); err != nil {
		return fmt.Errorf("unbind: %w", err)
	}
	return nil
}

func (s *core) listBindings(ctx context.Context) ([]karir.Binding, error) {
	cur, err := s.db.Collection(collBindings).Find(ctx, bson.D{})
	if err != nil {
		return nil, fmt.Errorf("list bindings: %w", err)
	}
	var bs []karir.Binding
	if err := cur.All(ctx, &bs); err != nil {
		return nil, fmt.Errorf("list bindings: %w", err)
	}
	return bs, nil
}

// Binding implements karir.Roster.
func (s *ServerStore) Binding(ctx context.Context, nip string) (*karir.Binding, error) {
	return s.readBinding(ctx, nip)
}

// Bind implements karir.Roster.
func (s *ServerStore) Bind(ctx context.Context, b karir.Binding) error {
	_, err := s.bind(ctx, b)
	return err
}

// Unbind frees a NIP from its Telegram account (an admin's rebinding).
func (s *ServerStore) Unbind(ctx context.Context, nip string) error { return s.unbind(ctx, nip) }

// ListBindings returns every binding.
func (s *ServerStore) ListBindings(ctx context.Context) ([]karir.Binding, error) {
	return s.listBindings(ctx)
}

// Binding implements karir.Roster, from memory when it can.
func (s *EmbeddedStore) Binding(ctx context.Context, nip string) (*karir.Binding, error) {
	s.cache.mu.Lock()
	b, ok := s.cache.binds[nip]
	s.cache.mu.Unlock()
	if ok {
		return &b, nil
	}
	if s.isAbsent("b:" + nip) {
		return nil, fmt.Errorf("load binding: %w", karir.ErrNotFound)
	}
	// Not kept while the cache warms up: an unbind racing with this read
	// would be undone (see memCache.complete). Once warm, a binding not in
	// the cache was never seen here.
	return s.readBinding(ctx, nip)
}

// Bind implements karir.Roster.
func (s *EmbeddedStore) Bind(ctx context.Context, b karir.Binding) error {
	stands, err := s.bind(ctx, b)
	if stands.NIP != "" {
		s.cacheBinding(stands)
	}
	return err
}

// Unbind frees a NIP from its Telegram account (an admin's rebinding).
func (s *EmbeddedStore) Unbind(ctx context.Context, nip string) error {
	if err := s.unbind(ctx, nip); err != nil {
		return err
	}
	s.cache.mu.Lock()
	delete(s.cache.binds, nip)
	if !s.cache.complete {
		s.cache.unbound[nip] = true
	}
	s.cache.mu.Unlock()
	return nil
}

func (s *EmbeddedStore) cacheBinding(b karir.Binding) {
	s.cache.mu.Lock()
	s.cache.binds[b.NIP] = b
	delete(s.cache.unbound, b.NIP)
	s.cache.mu.Unlock()
}

// ListBindings returns every binding.
func (s *EmbeddedStore) ListBindings(ctx context.Context) ([]karir.Binding, error) {
	if bs, ok := cachedList(s, func(c *memCache) map[string]karir.Binding { return c.binds }, nil); ok {
		return bs, nil
	}
	return s.listBindings(ctx)
}

func isNotFound(err error) bool { return errors.Is(err, karir.ErrNotFound) }
