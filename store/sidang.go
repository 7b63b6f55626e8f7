package store

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Baperjakat's sessions (karir.Sidang): one document per session in
// collSidang, each change a single-document save.
//
// A save is decided by inserting "<id>@<version>" into collSidangLog,
// with the whole document: the insert of a unique _id is atomic on
// FerretDB, where an update filtered by {_id, version} is read-then-write
// and lets two writers both win (DESIGN.md). The main document is then
// replaced with the same content; a crash between the two is repaired by
// the next load, which rolls forward to the newest logged version. The
// log is not pruned: a session changes a few tens of times (one
// recommendation per agenda post, its closing, a post returned), and a
// city holds a few sessions a year; a version dropped from the log would
// let a stale writer win again.
//
// The API, for the flows of both halves of issue 27 (karir.SidangStore):
//   - CreateSidang(ctx, s): next free ID of s.Date, version 1
//   - Sidang(ctx, id): ErrNotFound when none
//   - OpenSidangs(ctx), ClosedSidangs(ctx): newest date first
//   - RecordRecommendation(ctx, id, opd, post, rec, version)
//   - CloseSidang(ctx, id, by, at, version)
//   - ReturnAgendaPost(ctx, id, opd, post, note): the mayor's "Kembalikan"
//   - UpdateSidang(ctx, id, change): any other change, retried on a race
const (
	collSidang    = "sidang"
	collSidangLog = "sidang_log"
)

var _ karir.SidangStore = (*Store)(nil)

// sidangSaves bounds UpdateSidang's retries after a lost race.
const sidangSaves = 5

type sidangVersion struct {
	ID  string    `bson:"_id"` // <session id>@<version>
	Doc bson.Raw  `bson:"doc"`
	At  time.Time `bson:"at"`
}

func sidangVersionID(id string, version int64) string { return fmt.Sprintf("%s@%d", id, version) }

// CreateSidang implements karir.SidangStore.
func (s *Store) CreateSidang(ctx context.Context, sd karir.Sidang) (karir.Sidang, error) {
	if len(sd.Agenda) == 0 {
		return karir.Sidang{}, karir.ErrNoAgenda
	}
	for n := 1; n <= 999; n++ {
		sd.ID, sd.Version = karir.SidangID(sd.Date, n), 1
		err := s.logSidang(ctx, &sd)
		if errors.Is(err, karir.ErrConflict) {
			continue // that number is taken
		}
		if err != nil {
			return karir.Sidang{}, err
		}
		return sd, s.writeSidang(ctx, &sd)
	}
	return karir.Sidang{}, fmt.Errorf("create sidang of %s: too many sessions that day", sd.Date.Format("2006-01-02"))
}

// Sidang implements karir.SidangStore.
func (s *Store) Sidang(ctx context.Context, id string) (*karir.Sidang, error) {
	var main karir.Sidang
	err := s.db.Collection(collSidang).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&main)
	if err != nil && !errors.Is(err, mongo.ErrNoDocuments) {
		return nil, fmt.Errorf("load sidang %s: %w", id, err)
	}
	sd, err := s.rollSidang(ctx, id, &main, err == nil)
	if err != nil {
		return nil, err
	}
	return sd, nil
}

// rollSidang brings a session read from its main document (found: there
// was one) up to the newest version its log holds.
func (s *Store) rollSidang(ctx context.Context, id string, main *karir.Sidang, found bool) (*karir.Sidang, error) {
	rolled := false
	for {
		var v sidangVersion
		err := s.db.Collection(collSidangLog).FindOne(ctx, bson.D{{Key: "_id", Value: sidangVersionID(id, main.Version+1)}}).Decode(&v)
		if errors.Is(err, mongo.ErrNoDocuments) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("load sidang %s: %w", id, err)
		}
		var next karir.Sidang
		if err := bson.Unmarshal(v.Doc, &next); err != nil {
			return nil, fmt.Errorf("decode sidang %s: %w", v.ID, err)
		}
		*main, found, rolled = next, true, true
	}
	if !found {
		return nil, fmt.Errorf("load sidang %s: %w", id, karir.ErrNotFound)
	}
	if rolled {
		// Best effort: a later load rolls forward again.
		_ = s.writeSidang(ctx, main)
	}
	return main, nil
}

// OpenSidangs implements karir.SidangStore.
func (s *Store) OpenSidangs(ctx context.Context) ([]karir.Sidang, error) {
	return s.listSidangs(ctx, false)
}

// ClosedSidangs implements karir.SidangStore.
func (s *Store) ClosedSidangs(ctx context.Context) ([]karir.Sidang, error) {
	return s.listSidangs(ctx, true)
}

// listSidangs reads every session (they are few) and keeps the open or the
// closed ones, each at its newest version.
func (s *Store) listSidangs(ctx context.Context, closed bool) ([]karir.Sidang, error) {
	cur, err := s.db.Collection(collSidang).Find(ctx, bson.D{}, options.Find())
	if err != nil {
		return nil, fmt.Errorf("list sidang: %w", err)
	}
	var all []karir.Sidang
	if err := cur.All(ctx, &all); err != nil {
		return nil, fmt.Errorf("list sidang: %w", err)
	}
	var out []karir.Sidang
	for i := range all {
		sd, err := s.rollSidang(ctx, all[i].ID, &all[i], true)
		if err != nil {
			return nil, err
		}
		if sd.Closed == closed {
			out = append(out, *sd)
		}
	}
	slices.SortFunc(out, func(a, b karir.Sidang) int {
		if c := b.Date.Compare(a.Date); c != 0 {
			return c
		}
		return cmp.Compare(b.ID, a.ID)
	})
	return out, nil
}

// RecordRecommendation implements karir.SidangStore.
func (s *Store) RecordRecommendation(ctx context.Context, id, opd, post string, rec karir.BoardRecommendation, version int64) (*karir.Sidang, error) {
	return s.saveSidangAt(ctx, id, version, func(sd *karir.Sidang) error { return sd.RecommendReturned(opd, post, rec) })
}

// CloseSidang implements karir.SidangStore.
func (s *Store) CloseSidang(ctx context.Context, id string, by int64, at time.Time, version int64) (*karir.Sidang, error) {
	return s.saveSidangAt(ctx, id, version, func(sd *karir.Sidang) error { return sd.Close(by, at) })
}

// ReturnAgendaPost implements karir.SidangStore.
func (s *Store) ReturnAgendaPost(ctx context.Context, id, opd, post, note string) (*karir.Sidang, error) {
	return s.UpdateSidang(ctx, id, func(sd *karir.Sidang) error { return sd.Return(opd, post, note) })
}

// UpdateSidang implements karir.SidangStore.
func (s *Store) UpdateSidang(ctx context.Context, id string, change func(*karir.Sidang) error) (*karir.Sidang, error) {
	for attempt := 1; ; attempt++ {
		sd, err := s.Sidang(ctx, id)
		if err != nil {
			return nil, err
		}
		saved, err := s.saveSidangAt(ctx, id, sd.Version, change)
		if errors.Is(err, karir.ErrConflict) && attempt < sidangSaves {
			continue
		}
		return saved, err
	}
}

// saveSidangAt applies change to the session as read at version and saves
// the next version; ErrConflict when the session is past version already
// or another save takes the next version first.
func (s *Store) saveSidangAt(ctx context.Context, id string, version int64, change func(*karir.Sidang) error) (*karir.Sidang, error) {
	sd, err := s.Sidang(ctx, id)
	if err != nil {
		return nil, err
	}
	if sd.Version != version {
		return nil, fmt.Errorf("save sidang %s at version %d (now %d): %w", id, version, sd.Version, karir.ErrConflict)
	}
	if err := change(sd); err != nil {
		return nil, err
	}
	sd.Version = version + 1
	if err := s.logSidang(ctx, sd); err != nil {
		return nil, err
	}
	if err := s.writeSidang(ctx, sd); err != nil {
		return nil, err
	}
	return sd, nil
}

// logSidang inserts the session's version into the log: the step that
// decides a race (ErrConflict for the loser).
func (s *Store) logSidang(ctx context.Context, sd *karir.Sidang) error {
	raw, err := bson.Marshal(sd)
	if err != nil {
		return fmt.Errorf("encode sidang %s: %w", sd.ID, err)
	}
	_, err = s.db.Collection(collSidangLog).InsertOne(ctx, sidangVersion{ID: sidangVersionID(sd.ID, sd.Version), Doc: raw, At: s.now()})
	if mongo.IsDuplicateKeyError(err) {
		return fmt.Errorf("save sidang %s version %d: %w", sd.ID, sd.Version, karir.ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("save sidang %s: %w", sd.ID, err)
	}
	return nil
}

// writeSidang replaces the main document with the logged version. A late
// write that takes it back a version is repaired by the next load, which
// rolls forward from the log.
func (s *Store) writeSidang(ctx context.Context, sd *karir.Sidang) error {
	replace := func() error {
		_, err := s.db.Collection(collSidang).ReplaceOne(ctx, bson.D{{Key: "_id", Value: sd.ID}}, sd, options.Replace().SetUpsert(true))
		return err
	}
	err := replace()
	if mongo.IsDuplicateKeyError(err) {
		// FerretDB's upsert is read-then-insert: another writer inserted
		// the document meanwhile; it exists now.
		err = replace()
	}
	if err != nil {
		return fmt.Errorf("write sidang %s: %w", sd.ID, err)
	}
	return nil
}
