package store

import (
	"context"
	"fmt"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

const (
	collAdmins = "admins"
	collAudit  = "audit"
)

var _ karir.AdminStore = (*Store)(nil)

// GrantAdmin implements karir.AdminStore: g replaces the user's grant
// (a grant without roles drops it).
func (s *Store) GrantAdmin(ctx context.Context, g karir.AdminGrant) error {
	if len(g.Roles) == 0 {
		return s.RevokeAdmin(ctx, g.TelegramID)
	}
	g.ID = karir.ConversationID(g.TelegramID)
	if _, err := s.db.Collection(collAdmins).ReplaceOne(ctx, bson.D{{Key: "_id", Value: g.ID}}, g, options.Replace().SetUpsert(true)); err != nil {
		s.hot.grants.forget(g.ID)
		return fmt.Errorf("grant admin: %w", err)
	}
	s.hot.grants.saved(g.ID, &g)
	return nil
}

// RevokeAdmin implements karir.AdminStore.
func (s *Store) RevokeAdmin(ctx context.Context, telegramID int64) error {
	id := karir.ConversationID(telegramID)
	if _, err := s.db.Collection(collAdmins).DeleteOne(ctx, bson.D{{Key: "_id", Value: id}}); err != nil {
		s.hot.grants.forget(id)
		return fmt.Errorf("revoke admin: %w", err)
	}
	s.hot.grants.saved(id, nil)
	return nil
}

// AdminGrant implements karir.AdminStore.
// Every /start asks it: the embedded store answers from memory (hot.go).
func (s *Store) AdminGrant(ctx context.Context, telegramID int64) (*karir.AdminGrant, error) {
	id := karir.ConversationID(telegramID)
	if g, known := s.hot.grants.get(id); known {
		if g == nil {
			return nil, fmt.Errorf("load admin grant: %w", karir.ErrNotFound)
		}
		return g, nil
	}
	if s.hot.grants != nil {
		// The grants are few: read them all once, and every user who
		// holds none is known.
		gen := s.hot.grants.begin()
		all, err := s.ListAdmins(ctx)
		if err != nil {
			return nil, fmt.Errorf("load admin grant: %w", err)
		}
		byID := make(map[string]karir.AdminGrant, len(all))
		for _, g := range all {
			byID[g.ID] = g
		}
		s.hot.grants.filled(gen, byID)
		if g, ok := byID[id]; ok {
			return &g, nil
		}
		return nil, fmt.Errorf("load admin grant: %w", karir.ErrNotFound)
	}
	var g karir.AdminGrant
	if err := s.db.Collection(collAdmins).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&g); err != nil {
		return nil, fmt.Errorf("load admin grant: %w", notFound(err))
	}
	return &g, nil
}

// ListAdmins implements karir.AdminStore.
func (s *Store) ListAdmins(ctx context.Context) ([]karir.AdminGrant, error) {
	cur, err := s.db.Collection(collAdmins).Find(ctx, bson.D{}, options.Find().SetSort(bson.D{{Key: "granted_at", Value: 1}}))
	if err != nil {
		return nil, fmt.Errorf("list admins: %w", err)
	}
	var gs []karir.AdminGrant
	if err := cur.All(ctx, &gs); err != nil {
		return nil, fmt.Errorf("list admins: %w", err)
	}
	return gs, nil
}

// AppendAudit implements karir.AdminStore: an entry whose _id is already
// stored is the same entry written again by a retry, kept once.
func (s *Store) AppendAudit(ctx context.Context, e karir.AuditEntry) error {
	if _, err := s.db.Collection(collAudit).InsertOne(ctx, e); err != nil && !mongo.IsDuplicateKeyError(err) {
		return fmt.Errorf("append audit: %w", err)
	}
	return nil
}

// RecentAudit implements karir.AdminStore: the newest first.
func (s *Store) RecentAudit(ctx context.Context, n int) ([]karir.AuditEntry, error) {
	cur, err := s.db.Collection(collAudit).Find(ctx, bson.D{},
		options.Find().SetSort(bson.D{{Key: "_id", Value: -1}}).SetLimit(int64(n)))
	if err != nil {
		return nil, fmt.Errorf("read audit: %w", err)
	}
	var es []karir.AuditEntry
	if err := cur.All(ctx, &es); err != nil {
		return nil, fmt.Errorf("read audit: %w", err)
	}
	return es, nil
}

// ConversationByUsername implements karir.AdminStore. It reads the whole
// collection on FerretDB; granting admins is rare.
func (s *Store) ConversationByUsername(ctx context.Context, username string) (*karir.Conversation, error) {
	var c karir.Conversation
	if err := s.db.Collection(collConversations).FindOne(ctx, bson.D{{Key: "username", Value: username}}).Decode(&c); err != nil {
		return nil, fmt.Errorf("find account @%s: %w", username, notFound(err))
	}
	return s.LoadConversation(ctx, c.UserID)
}

// upgradeAdminGrants gives the grants stored before roles existed the role
// they meant: an admin of every OPD verified forms for BKPSDM (verifikator
// BKPSDM), an admin of one OPD acts for it (admin OPD). A grant that has
// roles is left alone, so this runs at every start and changes something
// once. Grants are few: all are read.
func (s *Store) upgradeAdminGrants(ctx context.Context) error {
	coll := s.db.Collection(collAdmins)
	cur, err := coll.Find(ctx, bson.D{})
	if err != nil {
		return fmt.Errorf("read admin grants: %w", err)
	}
	var gs []karir.AdminGrant
	if err := cur.All(ctx, &gs); err != nil {
		return fmt.Errorf("read admin grants: %w", err)
	}
	for _, g := range gs {
		if len(g.Roles) > 0 {
			continue
		}
		role := karir.RoleVerifier
		if g.OPD != "" {
			role = karir.RoleOPDAdmin
		}
		if _, err := coll.UpdateOne(ctx, bson.D{{Key: "_id", Value: g.ID}},
			bson.D{{Key: "$set", Value: bson.D{{Key: "roles", Value: []karir.Role{role}}}}}); err != nil {
			return fmt.Errorf("give admin %d the role %s: %w", g.TelegramID, role, err)
		}
		s.log.Info("admin grant given its role", "telegram_id", g.TelegramID, "role", role)
	}
	return nil
}
