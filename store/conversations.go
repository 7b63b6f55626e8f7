package store

import (
	"slices"
	"time"

	"openkarir/karir"
)

const collConversations = "conversations"

// newConversation is the conversation of a user the store has none of.
func newConversation(userID int64) *karir.Conversation {
	return &karir.Conversation{ID: karir.ConversationID(userID), UserID: userID, State: karir.StateStart}
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

// nextConversation is what a save of c stores: its next version. A
// version loaded more than maxHold ago is refused as a conflict
// (versioned.go).
func (s *core) nextConversation(c *karir.Conversation) (karir.Conversation, error) {
	if c.Version > 0 {
		if err := s.checkHold(c.LoadedAt); err != nil {
			return karir.Conversation{}, err
		}
	}
	next := *c
	next.LoadedAt = time.Time{}
	next.ID = karir.ConversationID(c.UserID)
	next.Version = c.Version + 1
	return next, nil
}
