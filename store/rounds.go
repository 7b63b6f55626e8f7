package store

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"openkarir/flows"
)

const collRounds = "rounds"

var _ flows.RoundStore = (*Store)(nil)

// Round implements flows.RoundStore.
func (s *Store) Round(ctx context.Context, id string) (*flows.RoundRecord, error) {
	var r flows.RoundRecord
	if err := s.db.Collection(collRounds).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&r); err != nil {
		return nil, fmt.Errorf("load round %s: %w", id, notFound(err))
	}
	return &r, nil
}

// SaveRound implements flows.RoundStore.
func (s *Store) SaveRound(ctx context.Context, r flows.RoundRecord) error {
	if _, err := s.db.Collection(collRounds).ReplaceOne(ctx, bson.D{{Key: "_id", Value: r.ID}}, r, options.Replace().SetUpsert(true)); err != nil {
		return fmt.Errorf("save round %s: %w", r.ID, err)
	}
	return nil
}

// CreateRound implements flows.RoundStore.
func (s *Store) CreateRound(ctx context.Context, r flows.RoundRecord) error {
	if _, err := s.db.Collection(collRounds).InsertOne(ctx, r); err != nil && !mongo.IsDuplicateKeyError(err) {
		return fmt.Errorf("create round %s: %w", r.ID, err)
	}
	return nil
}
