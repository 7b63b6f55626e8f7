package store

import (
	"context"
	"errors"
	"slices"
	"time"

	"openkarir/karir"
)

const collConversations = "conversations"

// LoadConversation implements karir.Conversations.
func (s *Store) LoadConversation(ctx context.Context, userID int64) (*karir.Conversation, error) {
	c, err := s.loadConversation(ctx, userID)
	if c != nil {
		c.LoadedAt = s.now()
	}
	return c, err
}

func (s *Store) loadConversation(ctx context.Context, userID int64) (*karir.Conversation, error) {
	id := karir.ConversationID(userID)
	key := "c:" + id
	if s.fresh(key) {
		s.cache.mu.Lock()
		cached, ok := s.cache.convs[id]
		s.cache.mu.Unlock()
		if ok {
			return cloneConversation(cached), nil
		}
	}
	c := &karir.Conversation{}
	err := s.loadVersioned(ctx, collConversations, id, c, func() int64 { return c.Version })
	if errors.Is(err, karir.ErrNotFound) {
		s.clearStale(key)
		return &karir.Conversation{ID: id, UserID: userID, State: karir.StateStart}, nil
	}
	if err != nil {
		return nil, err
	}
	s.cacheConversation(*c)
	s.clearStale(key)
	return c, nil
}

// cacheConversation keeps c unless the cache already holds a newer version
// (a save and a load of one conversation can finish in either order).
func (s *Store) cacheConversation(c karir.Conversation) {
	if s.cache == nil {
		return
	}
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	if old, ok := s.cache.convs[c.ID]; !ok || old.Version < c.Version {
		c.LoadedAt = time.Time{}
		s.cache.convs[c.ID] = *cloneConversation(c)
	}
}

// cloneConversation copies a conversation so the cache and its callers
// share no map.
func cloneConversation(c karir.Conversation) *karir.Conversation {
	if c.PendingArgs != nil {
		args := make(map[string]string, len(c.PendingArgs))
		for k, v := range c.PendingArgs {
			args[k] = v
		}
		c.PendingArgs = args
	}
	c.RecentUpdates = slices.Clone(c.RecentUpdates)
	return &c
}

// SaveConversation implements karir.Conversations. A version loaded more
// than maxHold ago is refused as a conflict (versioned.go).
func (s *Store) SaveConversation(ctx context.Context, c *karir.Conversation) error {
	if c.Version > 0 {
		if err := s.checkHold(c.LoadedAt); err != nil {
			return err
		}
	}
	next := *c
	next.LoadedAt = time.Time{}
	next.ID = karir.ConversationID(c.UserID)
	next.Version = c.Version + 1
	if s.cache != nil {
		// The commit insert decides races and makes the save durable; the
		// main document follows in the background.
		if err := s.commit(ctx, collConversations, next.ID, next.Version, &next); err != nil {
			// Whoever won (or a commit whose answer was lost) is in the
			// log: the next load reads it there.
			s.markStale("c:" + next.ID)
			return err
		}
		s.cacheConversation(next)
		s.cache.markDirty(next.ID)
		c.ID, c.Version, c.LoadedAt = next.ID, next.Version, s.now()
		return nil
	}
	if err := s.saveVersioned(ctx, collConversations, next.ID, next.Version, &next); err != nil {
		return err
	}
	c.ID, c.Version, c.LoadedAt = next.ID, next.Version, s.now()
	return nil
}
