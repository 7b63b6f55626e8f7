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

// Binding implements karir.Roster.
func (s *Store) Binding(ctx context.Context, nip string) (*karir.Binding, error) {
	if s.cache != nil {
		s.cache.mu.Lock()
		b, ok := s.cache.binds[nip]
		s.cache.mu.Unlock()
		if ok {
			return &b, nil
		}
	}
	if s.isAbsent("b:" + nip) {
		return nil, fmt.Errorf("load binding: %w", karir.ErrNotFound)
	}
	var b karir.Binding
	if err := s.db.Collection(collBindings).FindOne(ctx, bson.D{{Key: "_id", Value: nip}}).Decode(&b); err != nil {
		return nil, fmt.Errorf("load binding: %w", notFound(err))
	}
	// Not kept while the cache warms up: an unbind racing with this read
	// would be undone (see memCache.complete). Once warm, a binding not in
	// the cache was never seen here.
	return &b, nil
}

// Bind implements karir.Roster.
func (s *Store) Bind(ctx context.Context, b karir.Binding) error {
	_, err := s.db.Collection(collBindings).InsertOne(ctx, b)
	if err == nil {
		s.cacheBinding(b)
		return nil
	}
	if !mongo.IsDuplicateKeyError(err) {
		return fmt.Errorf("bind: %w", err)
	}
	// Read the database, not the cache: the winner of a race may not have
	// cached its binding yet, and the cache would say there is none.
	var old karir.Binding
	if err := s.db.Collection(collBindings).FindOne(ctx, bson.D{{Key: "_id", Value: b.NIP}}).Decode(&old); err != nil {
		return fmt.Errorf("bind: read the existing binding: %w", notFound(err))
	}
	s.cacheBinding(old)
	if old.TelegramID != b.TelegramID {
		return karir.ErrAlreadyBound
	}
	return nil
}

// Unbind frees a NIP from its Telegram account (an admin's rebinding).
func (s *Store) Unbind(ctx context.Context, nip string) error {
	if _, err := s.db.Collection(collBindings).DeleteOne(ctx, bson.D{{Key: "_id", Value: nip}}); err != nil {
		return fmt.Errorf("unbind: %w", err)
	}
	if s.cache != nil {
		s.cache.mu.Lock()
		delete(s.cache.binds, nip)
		if !s.cache.complete {
			s.cache.unbound[nip] = true
		}
		s.cache.mu.Unlock()
	}
	return nil
}

func (s *Store) cacheBinding(b karir.Binding) {
	if s.cache != nil {
		s.cache.mu.Lock()
		s.cache.binds[b.NIP] = b
		delete(s.cache.unbound, b.NIP)
		s.cache.mu.Unlock()
	}
}

// ListBindings returns every binding.
func (s *Store) ListBindings(ctx context.Context) ([]karir.Binding, error) {
	if bs, ok := cachedList(s.core, func(c *memCache) map[string]karir.Binding { return c.binds }, nil); ok {
		return bs, nil
	}
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

func isNotFound(err error) bool { return errors.Is(err, karir.ErrNotFound) }
