package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// collDigests holds, per admin, when the last digest of the review queue
// was queued for them: the next one tells what arrived since.
const collDigests = "digests"

var _ karir.DigestLog = (*Store)(nil)

type digestDoc struct {
	ID string    `bson:"_id"` // karir.ConversationID(admin)
	At time.Time `bson:"at"`
}

// LastDigest implements karir.DigestLog.
func (s *Store) LastDigest(ctx context.Context, admin int64) (time.Time, error) {
	var d digestDoc
	err := s.db.Collection(collDigests).FindOne(ctx, bson.D{{Key: "_id", Value: karir.ConversationID(admin)}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("last digest: %w", err)
	}
	return d.At, nil
}

// SetLastDigest implements karir.DigestLog.
func (s *Store) SetLastDigest(ctx context.Context, admin int64, at time.Time) error {
	d := digestDoc{ID: karir.ConversationID(admin), At: at}
	if _, err := s.db.Collection(collDigests).ReplaceOne(ctx, bson.D{{Key: "_id", Value: d.ID}}, d, options.Replace().SetUpsert(true)); err != nil {
		return fmt.Errorf("record digest: %w", err)
	}
	return nil
}
