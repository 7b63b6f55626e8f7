package store

import (
	"context"
	"fmt"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

const collRounds = "rounds"

var _ karir.RoundStore = (*Store)(nil)

// Round implements karir.RoundStore.
func (s *Store) Round(ctx context.Context, id string) (*karir.RoundRecord, error) {
	var r karir.RoundRecord
	if err := s.db.Collection(collRounds).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&r); err != nil {
		return nil, fmt.Errorf("load round %s: %w", id, notFound(err))
	}
	return &r, nil
}

// SaveRound implements karir.RoundStore.
func (s *Store) SaveRound(ctx context.Context, r karir.RoundRecord) error {
	if _, err := s.db.Collection(collRounds).ReplaceOne(ctx, bson.D{{Key: "_id", Value: r.ID}}, r, options.Replace().SetUpsert(true)); err != nil {
		return fmt.Errorf("save round %s: %w", r.ID, err)
	}
	return nil
}

// CreateRound implements karir.RoundStore.
func (s *Store) CreateRound(ctx context.Context, r karir.RoundRecord) error {
	if _, err := s.db.Collection(collRounds).InsertOne(ctx, r); err != nil && !mongo.IsDuplicateKeyError(err) {
		return fmt.Errorf("create round %s: %w", r.ID, err)
	}
	return nil
}
