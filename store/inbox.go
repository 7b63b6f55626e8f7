package store

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// collInbox holds the Telegram updates the bot received by long polling
// and parked there while they are handled (bot.Inbox): each as Telegram
// sent it, by update_id. It is written only for updates held long (heavy
// work, an outage), in one insert for all parked at once, and each is
// deleted when done: nothing here is updated (FerretDB runs an update as
// read-then-write).
const collInbox = "inbox"

type inboxDoc struct {
	ID     int64  `bson:"_id"`
	Update string `bson:"update"`
}

// KeepUpdates stores updates in one insert; one stored already (a parking
// repeated after a crash) is no error.
func (s *Store) KeepUpdates(ctx context.Context, updates map[int][]byte) error {
	if len(updates) == 0 {
		return nil
	}
	docs := make([]any, 0, len(updates))
	for id, raw := range updates {
		docs = append(docs, inboxDoc{ID: int64(id), Update: string(raw)})
	}
	_, err := s.db.Collection(collInbox).InsertMany(ctx, docs, options.InsertMany().SetOrdered(false))
	if err == nil || onlyDuplicates(err) {
		return nil
	}
	return fmt.Errorf("keep %d updates in the inbox: %w", len(updates), err)
}

// onlyDuplicates reports whether every write of a bulk insert that failed
// failed on a key already there.
func onlyDuplicates(err error) bool {
	var bulk mongo.BulkWriteException
	if !errors.As(err, &bulk) || bulk.WriteConcernError != nil || len(bulk.WriteErrors) == 0 {
		return false
	}
	for _, e := range bulk.WriteErrors {
		if e.Code != 11000 {
			return false
		}
	}
	return true
}

// DropUpdates deletes updates from the inbox, in one command.
func (s *Store) DropUpdates(ctx context.Context, ids []int) error {
	if len(ids) == 0 {
		return nil
	}
	in := make(bson.A, len(ids))
	for i, id := range ids {
		in[i] = int64(id)
	}
	if _, err := s.db.Collection(collInbox).DeleteMany(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: in}}}}); err != nil {
		return fmt.Errorf("drop %d updates from the inbox: %w", len(ids), err)
	}
	return nil
}

// KeptUpdates returns every update in the inbox.
func (s *Store) KeptUpdates(ctx context.Context) (map[int][]byte, error) {
	cur, err := s.db.Collection(collInbox).Find(ctx, bson.D{})
	if err != nil {
		return nil, fmt.Errorf("read the inbox: %w", err)
	}
	var docs []inboxDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("read the inbox: %w", err)
	}
	out := make(map[int][]byte, len(docs))
	for _, d := range docs {
		out[int(d.ID)] = []byte(d.Update)
	}
	return out, nil
}
