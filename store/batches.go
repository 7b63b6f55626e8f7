package store

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Batches are the reminder runs and broadcasts admins started (one
// document each), and unreachable the chats that blocked the bot (one
// each at most): neither grows with the updates.
const (
	collBatches     = "batches"
	collUnreachable = "unreachable"
)

// CreateBatch implements karir.Outbox.
func (s *Store) CreateBatch(ctx context.Context, b karir.Batch) error {
	if _, err := s.db.Collection(collBatches).InsertOne(ctx, b); err != nil {
		return fmt.Errorf("create batch %s: %w", b.ID, err)
	}
	return nil
}

// TallyBatch implements karir.Outbox.
func (s *Store) TallyBatch(ctx context.Context, id, status string, now time.Time) (*karir.Batch, error) {
	field := map[string]string{karir.OutSent: "sent", karir.OutFailed: "failed", karir.OutUnreachable: "unreachable"}[status]
	if field == "" {
		return nil, fmt.Errorf("tally batch %s: %q is not a final state", id, status)
	}
	var b karir.Batch
	err := s.db.Collection(collBatches).FindOneAndUpdate(ctx, bson.D{{Key: "_id", Value: id}},
		bson.D{{Key: "$inc", Value: bson.D{{Key: field, Value: 1}}}},
		options.FindOneAndUpdate().SetReturnDocument(options.After)).Decode(&b)
	if err != nil {
		return nil, fmt.Errorf("tally batch %s: %w", id, notFound(err))
	}
	if b.Sent+b.Failed+b.Unreachable >= b.Total && b.DoneAt.IsZero() {
		b.DoneAt = now
		if _, err := s.db.Collection(collBatches).UpdateOne(ctx, bson.D{{Key: "_id", Value: id}},
			bson.D{{Key: "$set", Value: bson.D{{Key: "done_at", Value: now}}}}); err != nil {
			return nil, fmt.Errorf("close batch %s: %w", id, err)
		}
	}
	return &b, nil
}

func chatKey(chatID int64) string { return "tg:" + strconv.FormatInt(chatID, 10) }

// MarkUnreachable implements karir.Outbox.
func (s *Store) MarkUnreachable(ctx context.Context, chatID int64, now time.Time) error {
	_, err := s.db.Collection(collUnreachable).ReplaceOne(ctx, bson.D{{Key: "_id", Value: chatKey(chatID)}},
		bson.D{{Key: "chat_id", Value: chatID}, {Key: "at", Value: now}}, options.Replace().SetUpsert(true))
	if err != nil {
		return fmt.Errorf("mark chat unreachable: %w", err)
	}
	return nil
}

// MarkReachable implements karir.Outbox.
func (s *Store) MarkReachable(ctx context.Context, chatID int64) error {
	if _, err := s.db.Collection(collUnreachable).DeleteOne(ctx, bson.D{{Key: "_id", Value: chatKey(chatID)}}); err != nil {
		return fmt.Errorf("mark chat reachable: %w", err)
	}
	return nil
}

// Unreachable implements karir.Outbox.
func (s *Store) Unreachable(ctx context.Context) (map[int64]bool, error) {
	cur, err := s.db.Collection(collUnreachable).Find(ctx, bson.D{})
	if err != nil {
		return nil, fmt.Errorf("list unreachable chats: %w", err)
	}
	var docs []struct {
		ChatID int64 `bson:"chat_id"`
	}
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("list unreachable chats: %w", err)
	}
	out := make(map[int64]bool, len(docs))
	for _, d := range docs {
		out[d.ChatID] = true
	}
	return out, nil
}
