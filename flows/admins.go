package flows

import (
	"context"
	"fmt"
	"time"

	"openkarir/karir"
)

// AuditStore keeps the audit log and names the admins in it.
type AuditStore interface {
	karir.AdminStore
	karir.Roster
}

// Auditor writes the audit log of admin actions.
type Auditor struct {
	store AuditStore
	now   func() time.Time
}

// NewAuditor builds the audit log writer.
func NewAuditor(store AuditStore, now func() time.Time) *Auditor {
	return &Auditor{store: store, now: now}
}

// Record logs an action of the turn's user. A nil Auditor records nothing,
// for tests that do not look at the log.
func (a *Auditor) Record(t *Turn, action, detail string) error {
	if a == nil {
		return nil
	}
	name, err := actorName(t, a.store)
	if err != nil {
		return err
	}
	return a.append(t.Ctx, t.In.UserID, name, action, detail)
}

// RecordTerminal logs an action done from a terminal (openkarir new-round).
func (a *Auditor) RecordTerminal(ctx context.Context, command, action, detail string) error {
	return a.append(ctx, 0, "terminal ("+command+")", action, detail)
}

// RecordOnce logs an action of the turn's user that a retry may log
// again: its entry's _id comes from at and key (both the same on every
// attempt), so the store keeps one entry however many attempts write it
// (the first attempt's detail).
func (a *Auditor) RecordOnce(t *Turn, at time.Time, key, action, detail string) error {
	if a == nil {
		return nil
	}
	name, err := actorName(t, a.store)
	if err != nil {
		return err
	}
	id := at.UTC().Format("20060102T150405.000000") + "-" + key
	return a.write(t.Ctx, id, t.In.UserID, name, action, detail)
}

func (a *Auditor) append(ctx context.Context, actorID int64, actor, action, detail string) error {
	b := make([]byte, 3)
	_, _ = randRead(b)
	return a.write(ctx, fmt.Sprintf("%s-%x", a.now().UTC().Format("20060102T150405.000000"), b), actorID, actor, action, detail)
}

func (a *Auditor) write(ctx context.Context, id string, actorID int64, actor, action, detail string) error {
	now := a.now()
	e := karir.AuditEntry{
		ID:        id,
		At:        now,
		ActorID:   actorID,
		ActorName: actor,
		Action:    action,
		Detail:    detail,
	}
	if err := a.store.AppendAudit(ctx, e); err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return nil
}
