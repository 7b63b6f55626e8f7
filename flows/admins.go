package flows

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
)

// AdminGrant is an admin right a super admin gave in chat, for all OPDs or
// for one.
type AdminGrant struct {
	ID         string    `bson:"_id"` // ConversationID(TelegramID)
	TelegramID int64     `bson:"telegram_id"`
	Name       string    `bson:"name"`
	OPD        string    `bson:"opd,omitempty"`
	GrantedBy  int64     `bson:"granted_by"`
	GrantedAt  time.Time `bson:"granted_at"`
}

// AuditEntry records one admin action: who, when, what.
type AuditEntry struct {
	ID        string    `bson:"_id"` // time-ordered
	At        time.Time `bson:"at"`
	ActorID   int64     `bson:"actor_id"`
	ActorName string    `bson:"actor_name"`
	Action    string    `bson:"action"`
	Detail    string    `bson:"detail"`
}

// AdminStore keeps the admins granted in chat and the audit log.
type AdminStore interface {
	GrantAdmin(ctx context.Context, g AdminGrant) error
	RevokeAdmin(ctx context.Context, telegramID int64) error
	// AdminGrant returns ErrNotFound for a user who is not a granted admin.
	AdminGrant(ctx context.Context, telegramID int64) (*AdminGrant, error)
	ListAdmins(ctx context.Context) ([]AdminGrant, error)
	AppendAudit(ctx context.Context, e AuditEntry) error
	RecentAudit(ctx context.Context, n int) ([]AuditEntry, error)
	// ConversationByUsername finds an account by its @username
	// (lower case, without "@"); ErrNotFound when none.
	ConversationByUsername(ctx context.Context, username string) (*Conversation, error)
	Unbind(ctx context.Context, nip string) error
}

// StoreAdmins are the super admins of the settings plus the admins granted
// in chat.
type StoreAdmins struct {
	Supers []int64
	Store  AdminStore
}

// Role implements Admins.
func (a StoreAdmins) Role(ctx context.Context, userID int64) (Role, error) {
	if slices.Contains(a.Supers, userID) {
		return Role{Admin: true, Super: true}, nil
	}
	g, err := a.Store.AdminGrant(ctx, userID)
	if errors.Is(err, ErrNotFound) {
		return Role{}, nil
	}
	if err != nil {
		return Role{}, fmt.Errorf("load admin grant: %w", err)
	}
	return Role{Admin: true, OPD: g.OPD}, nil
}

// Auditor writes the audit log of admin actions.
type Auditor struct {
	store AdminStore
	now   func() time.Time
}

// NewAuditor builds the audit log writer.
func NewAuditor(store AdminStore, now func() time.Time) *Auditor {
	return &Auditor{store: store, now: now}
}

// Record logs an action of the turn's user.
func (a *Auditor) Record(t *Turn, action, detail string) error {
	now := a.now()
	b := make([]byte, 3)
	_, _ = randRead(b)
	e := AuditEntry{
		ID:        fmt.Sprintf("%s-%x", now.UTC().Format("20060102T150405.000000"), b),
		At:        now,
		ActorID:   t.In.UserID,
		ActorName: displayName(t.Conv),
		Action:    action,
		Detail:    detail,
	}
	if err := a.store.AppendAudit(t.Ctx, e); err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return nil
}

func displayName(c *Conversation) string {
	switch {
	case c.Username != "":
		return "@" + c.Username
	case c.FirstName != "":
		return c.FirstName
	}
	return fmt.Sprintf("id %d", c.UserID)
}
