package store

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"openkarir/karir"
)

// collDecisions holds the mayor's decision on each post of a closed
// Baperjakat session, one document per session post (_id
// karir.DecisionID): the insert that creates it is what decides the post
// once, since FerretDB has no transactions and its updates are not
// atomic. collDecrees holds each session's signed SK (_id the session),
// inserted once. Both grow by a handful of documents per session.
const (
	collDecisions = "decisions"
	collDecrees   = "decrees"
)

var _ karir.DecreeStore = (*Store)(nil)

// ClaimDecision implements karir.DecreeStore.
func (s *Store) ClaimDecision(ctx context.Context, d karir.Decision) error {
	if _, err := s.db.Collection(collDecisions).InsertOne(ctx, d); err != nil {
		if mongo.IsDuplicateKeyError(err) {
			return fmt.Errorf("claim decision: %w", karir.ErrConflict)
		}
		return fmt.Errorf("claim decision: %w", err)
	}
	return nil
}

// Decision implements karir.DecreeStore.
func (s *Store) Decision(ctx context.Context, id string) (*karir.Decision, error) {
	var d karir.Decision
	if err := s.db.Collection(collDecisions).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&d); err != nil {
		return nil, fmt.Errorf("load decision: %w", notFound(err))
	}
	return &d, nil
}

// SaveDecision implements karir.DecreeStore: a replace by _id alone (the
// filter FerretDB serves from its index).
func (s *Store) SaveDecision(ctx context.Context, d karir.Decision) error {
	res, err := s.db.Collection(collDecisions).ReplaceOne(ctx, bson.D{{Key: "_id", Value: d.ID}}, d)
	if err != nil {
		return fmt.Errorf("save decision: %w", err)
	}
	if res.MatchedCount == 0 {
		return fmt.Errorf("save decision: %w", karir.ErrNotFound)
	}
	return nil
}

// DecisionsOf implements karir.DecreeStore: a scan of a small collection.
func (s *Store) DecisionsOf(ctx context.Context, sidang string) ([]karir.Decision, error) {
	cur, err := s.db.Collection(collDecisions).Find(ctx, bson.D{{Key: "sidang", Value: sidang}},
		options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		return nil, fmt.Errorf("list decisions: %w", err)
	}
	var out []karir.Decision
	if err := cur.All(ctx, &out); err != nil {
		return nil, fmt.Errorf("list decisions: %w", err)
	}
	return out, nil
}

// PendingDecisions implements karir.DecreeStore: an equality on a field
// (FerretDB serves it, scanning the collection: a handful of documents per
// session, and Applied is always stored, never omitted).
func (s *Store) PendingDecisions(ctx context.Context) ([]karir.Decision, error) {
	cur, err := s.db.Collection(collDecisions).Find(ctx, bson.D{{Key: "applied", Value: false}},
		options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		return nil, fmt.Errorf("list pending decisions: %w", err)
	}
	var out []karir.Decision
	if err := cur.All(ctx, &out); err != nil {
		return nil, fmt.Errorf("list pending decisions: %w", err)
	}
	return out, nil
}

// SignDecree implements karir.DecreeStore.
func (s *Store) SignDecree(ctx context.Context, d karir.Decree) error {
	if _, err := s.db.Collection(collDecrees).InsertOne(ctx, d); err != nil {
		if mongo.IsDuplicateKeyError(err) {
			return fmt.Errorf("sign decree: %w", karir.ErrConflict)
		}
		return fmt.Errorf("sign decree: %w", err)
	}
	return nil
}

// Decree implements karir.DecreeStore.
func (s *Store) Decree(ctx context.Context, sidang string) (*karir.Decree, error) {
	var d karir.Decree
	if err := s.db.Collection(collDecrees).FindOne(ctx, bson.D{{Key: "_id", Value: sidang}}).Decode(&d); err != nil {
		return nil, fmt.Errorf("load decree: %w", notFound(err))
	}
	return &d, nil
}
