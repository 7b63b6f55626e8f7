package karir

import (
	"context"
	"time"
)

// Who may do what is roles.go's table; nothing here is a regulation's rule
// (the audit log is the programme's own record).

// AdminGrant holds the roles a super admin gave one user in chat; OPD is
// the OPD of RoleOPDAdmin. A grant stored before roles existed has no
// Roles: the store migrates it once at start (no OPD: verifikator BKPSDM;
// an OPD: admin OPD).
type AdminGrant struct {
	ID         string    `bson:"_id"` // ConversationID(TelegramID)
	TelegramID int64     `bson:"telegram_id"`
	Name       string    `bson:"name"`
	Roles      []Role    `bson:"roles"`
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
	// RevokeAdmin drops every role of the user.
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
