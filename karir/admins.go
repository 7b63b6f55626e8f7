package karir

import (
	"context"
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
