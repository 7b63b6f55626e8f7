package store

import (
	"context"
	"errors"
	"slices"

	"openkarir/flows"
)

const collConversations = "conversations"

// LoadConversation implements flows.Conversations.
func (s *Store) LoadConversation(ctx context.Context, userID int64) (*flows.Conversation, error) {
	id := flows.ConversationID(userID)
	if s.cache != nil {
		s.cache.mu.Lock()
		cached, ok := s.cache.convs[id]
		s.cache.mu.Unlock()
		if ok {
			return cloneConversation(cached), nil
		}
		if s.isAbsent("c:" + id) {
			return &flows.Conversation{ID: id, UserID: userID, State: flows.StateStart}, nil
		}
	}
	c := &flows.Conversation{}
	err := s.loadVersioned(ctx, collConversations, id, c, func() int64 { return c.Version })
	if errors.Is(err, flows.ErrNotFound) {
		return &flows.Conversation{ID: id, UserID: userID, State: flows.StateStart}, nil
	}
	if err != nil {
		return nil, err
	}
	if s.cache != nil {
		s.cache.mu.Lock()
		if _, raced := s.cache.convs[id]; !raced {
			s.cache.convs[id] = *cloneConversation(*c)
		}
		s.cache.mu.Unlock()
	}
	return c, nil
}

// cloneConversation copies a conversation so the cache and its callers
// share no map.
func cloneConversation(c flows.Conversation) *flows.Conversation {
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

// SaveConversation implements flows.Conversations.
func (s *Store) SaveConversation(ctx context.Context, c *flows.Conversation) error {
	next := *c
	next.ID = flows.ConversationID(c.UserID)
	next.Version = c.Version + 1
	if s.cache != nil {
		// The commit insert decides races and makes the save durable; the
		// main document follows in the background.
		if err := s.commit(ctx, collConversations, next.ID, next.Version, &next); err != nil {
			s.forget(func(c *memCache) { delete(c.convs, next.ID) })
			return err
		}
		s.cache.mu.Lock()
		s.cache.convs[next.ID] = *cloneConversation(next)
		s.cache.mu.Unlock()
		s.cache.markDirty(next.ID)
		c.ID, c.Version = next.ID, next.Version
		return nil
	}
	if err := s.saveVersioned(ctx, collConversations, next.ID, next.Version, &next); err != nil {
		return err
	}
	c.ID, c.Version = next.ID, next.Version
	return nil
}
