package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"time"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// collCommits logs every version of the versioned documents (conversations,
// submissions). Inserting "<collection>/<id>@<version>" is what decides a
// race between two writers: the insert of a unique _id is atomic on FerretDB
// too, where an update filtered by {_id, version} is not (FerretDB reads,
// then writes). The main document is a copy of the newest commit; a crash
// between the two writes is repaired by the next load, which rolls forward.
const collCommits = "commits"

type commit struct {
	ID   string    `bson:"_id"`
	Doc  bson.Raw  `bson:"doc"`
	At   time.Time `bson:"at"`
	Coll string    `bson:"coll"`
}

func commitID(coll, id string, version int64) string {
	return fmt.Sprintf("%s/%s@%d", coll, id, version)
}

// saveVersioned stores doc as version next of id; doc's own version field
// must already say next. It returns karir.ErrConflict when another writer
// stored that version first.
func (s *Store) saveVersioned(ctx context.Context, coll, id string, next int64, doc any) error {
	if err := s.commit(ctx, coll, id, next, doc); err != nil {
		return err
	}
	_, err := s.db.Collection(coll).ReplaceOne(ctx, bson.D{{Key: "_id", Value: id}}, doc, options.Replace().SetUpsert(true))
	if err != nil {
		// The commit stands; the next load rolls the main document forward.
		return fmt.Errorf("write %s %s: %w", coll, id, err)
	}
	return nil
}

// commit inserts version next of id into the commit log: the step that
// decides a race (karir.ErrConflict for the loser) and makes a save durable.
func (s *Store) commit(ctx context.Context, coll, id string, next int64, doc any) error {
	raw, err := bson.Marshal(doc)
	if err != nil {
		return fmt.Errorf("encode %s %s: %w", coll, id, err)
	}
	return s.commits.insert(ctx, commit{ID: commitID(coll, id, next), Doc: raw, At: s.now(), Coll: coll})
}

// loadVersioned reads id into out (a pointer to a struct), then applies any
// newer commits the main document missed. version reads out's version.
func (s *Store) loadVersioned(ctx context.Context, coll, id string, out any, version func() int64) error {
	err := s.db.Collection(coll).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(out)
	if err != nil && !errors.Is(err, mongo.ErrNoDocuments) {
		return fmt.Errorf("load %s %s: %w", coll, id, err)
	}
	found := err == nil
	var newest bson.Raw
	for {
		var c commit
		err := s.db.Collection(collCommits).FindOne(ctx, bson.D{{Key: "_id", Value: commitID(coll, id, version()+1)}}).Decode(&c)
		if errors.Is(err, mongo.ErrNoDocuments) {
			break
		}
		if err != nil {
			return fmt.Errorf("load commits of %s %s: %w", coll, id, err)
		}
		// Start from zero: a field left empty in the commit must not keep
		// the older value.
		reflect.ValueOf(out).Elem().SetZero()
		if err := bson.Unmarshal(c.Doc, out); err != nil {
			return fmt.Errorf("decode commit %s: %w", c.ID, err)
		}
		newest, found = c.Doc, true
	}
	if !found {
		return karir.ErrNotFound
	}
	if newest != nil {
		// Best effort: a failure here is repaired by a later load.
		_, _ = s.db.Collection(coll).ReplaceOne(ctx, bson.D{{Key: "_id", Value: id}}, newest, options.Replace().SetUpsert(true))
	}
	return nil
}
