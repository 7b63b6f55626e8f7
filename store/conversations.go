package store

import (
	"context"
	"errors"

	"openkarir/flows"
)

const collConversations = "conversations"

// LoadConversation implements flows.Conversations.
func (s *Store) LoadConversation(ctx context.Context, userID int64) (*flows.Conversation, error) {
	id := flows.ConversationID(userID)
	c := &flows.Conversation{}
	err := s.loadVersioned(ctx, collConversations, id, c, func() int64 { return c.Version })
	if errors.Is(err, flows.ErrNotFound) {
		return &flows.Conversation{ID: id, UserID: userID, State: flows.StateStart}, nil
	}
	if err != nil {
		return nil, err
	}
	return c, nil
}

// SaveConversation implements flows.Conversations.
func (s *Store) SaveConversation(ctx context.Context, c *flows.Conversation) error {
	next := *c
	next.ID = flows.ConversationID(c.UserID)
	next.Version = c.Version + 1
	if err := s.saveVersioned(ctx, collConversations, next.ID, next.Version, &next); err != nil {
		return err
	}
	c.ID, c.Version = next.ID, next.Version
	return nil
}
