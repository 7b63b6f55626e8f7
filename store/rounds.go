package store

import (
	"context"
	"fmt"
	"slices"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// collRounds holds the programme's periods: a handful of documents, one a
// period, read whole.
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

// ListRounds implements karir.RoundStore.
func (s *Store) ListRounds(ctx context.Context) ([]karir.RoundRecord, error) {
	cur, err := s.db.Collection(collRounds).Find(ctx, bson.D{})
	if err != nil {
		return nil, fmt.Errorf("list rounds: %w", err)
	}
	var rounds []karir.RoundRecord
	if err := cur.All(ctx, &rounds); err != nil {
		return nil, fmt.Errorf("list rounds: %w", err)
	}
	slices.SortFunc(rounds, func(a, b karir.RoundRecord) int { return a.Opens.Compare(b.Opens) })
	return rounds, nil
}

// SaveRound implements karir.RoundStore.
func (s *Store) SaveRound(ctx context.Context, r karir.RoundRecord) error {
	if _, err := s.db.Collection(collRounds).ReplaceOne(ctx, bson.D{{Key: "_id", Value: r.ID}}, r, options.Replace().SetUpsert(true)); err != nil {
		return fmt.Errorf("save round %s: %w", r.ID, err)
	}
	return nil
}

// CreateRound implements karir.RoundStore: the insert of a unique _id
// decides a race, on FerretDB too.
func (s *Store) CreateRound(ctx context.Context, r karir.RoundRecord) (bool, error) {
	_, err := s.db.Collection(collRounds).InsertOne(ctx, r)
	switch {
	case mongo.IsDuplicateKeyError(err):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("create round %s: %w", r.ID, err)
	}
	return true, nil
}
