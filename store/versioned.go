package store

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/x/bsonx/bsoncore"
)

// The commit log holds every recent version of the versioned documents
// (conversations, submissions). Inserting "<collection>/<id>@<version>" is
// what decides a race between two writers: the insert of a unique _id is
// atomic on FerretDB too, where an update filtered by {_id, version} is not
// (FerretDB reads, then writes). The main document is a copy of the newest
// commit; a crash between the two writes is repaired by the next save (on
// an external server) or load (embedded), which rolls forward, or before
// the commit's generation is dropped.
//
// The log is kept in generations of an hour ("commits_<hour>") and a
// generation is dropped 30 minutes after its hour (prune.go). Why that is
// safe, with the numbers:
//   - maxHold: a save of a version handed out more than 10 minutes ago is
//     refused (karir.ErrConflict; the Router loads again and retries). So a
//     writer that still holds the version below commit X@v loaded it before
//     X@v was inserted and saves within 10 minutes of that, plus the 15 s
//     an operation may take and the skew between the processes' clocks:
//     commitOverlap (15 minutes) covers it with a skew of up to 4 minutes.
//   - Two writers of X@v therefore insert it at most commitOverlap apart.
//     An insert within commitOverlap of an hour's start goes to the hour
//     before too (first), so two such inserts always meet in one
//     collection, where the second fails (commitTargets).
//   - Inserts into an hour end commitOverlap after it; the writers that
//     could still race with them are done commitOverlap after that. An hour
//     is dropped commitKeep (30 minutes) after its end, once every main
//     document holds at least the versions it logged.
//
// Conversations and submissions have no version below their first: a save
// of version 1 also checks that no main document exists (one outlives the
// log).
const (
	maxHold       = 10 * time.Minute
	commitOverlap = 15 * time.Minute
	commitKeep    = 2 * commitOverlap
)

var commitGens = generations{prefix: "commits", period: time.Hour}

type commit struct {
	ID   string    `bson:"_id"`
	Doc  commitDoc `bson:"doc"`
	At   time.Time `bson:"at"`
	Coll string    `bson:"coll"`
}

// commitDoc is a commit's copy of its document: a nested document, or on
// the embedded store its BSON bytes as one binary value. FerretDB turns a
// nested document into JSON with a type for every field, and back, on
// every insert; a binary value is one field. A conversation's commit is
// about 2.8 KB of that JSON and every update inserts one, so this was
// most of the commit inserts' cost (issue 26). Either form is read, so
// the logs an earlier build wrote still load.
type commitDoc struct {
	raw    bson.Raw
	binary bool
}

// MarshalBSONValue implements bson.ValueMarshaler.
func (d commitDoc) MarshalBSONValue() (byte, []byte, error) {
	if d.binary {
		return byte(bson.TypeBinary), bsoncore.AppendBinary(nil, 0, d.raw), nil
	}
	return byte(bson.TypeEmbeddedDocument), d.raw, nil
}

// UnmarshalBSONValue implements bson.ValueUnmarshaler.
func (d *commitDoc) UnmarshalBSONValue(typ byte, data []byte) error {
	v := bson.RawValue{Type: bson.Type(typ), Value: data}
	if doc, ok := v.DocumentOK(); ok {
		d.raw, d.binary = slices.Clone(doc), false
		return nil
	}
	if _, b, ok := v.BinaryOK(); ok {
		if err := bson.Raw(b).Validate(); err != nil {
			return fmt.Errorf("a commit's document: %w", err)
		}
		d.raw, d.binary = slices.Clone(bson.Raw(b)), true
		return nil
	}
	return fmt.Errorf("a commit's document is a %s", bson.Type(typ))
}

func commitID(coll, id string, version int64) string {
	return fmt.Sprintf("%s/%s@%d", coll, id, version)
}

// parseCommitID splits "<coll>/<id>@<version>".
func parseCommitID(cid string) (coll, id string, version int64, ok bool) {
	coll, rest, ok1 := strings.Cut(cid, "/")
	i := strings.LastIndexByte(rest, '@')
	if !ok1 || i < 0 {
		return "", "", 0, false
	}
	v, err := strconv.ParseInt(rest[i+1:], 10, 64)
	return coll, rest[:i], v, err == nil
}

// commitTargets are the generations a commit made at t goes to, oldest
// first: its hour, and the hour before within commitOverlap of its start.
func commitTargets(t time.Time) []int64 {
	n := commitGens.at(t)
	if t.Sub(commitGens.start(n)) < commitOverlap {
		return []int64{n - 1, n}
	}
	return []int64{n}
}

// checkHold refuses a save whose version was handed out too long ago, or
// never (see maxHold).
func (s *core) checkHold(loadedAt time.Time) error {
	if loadedAt.IsZero() || s.now().Sub(loadedAt) > maxHold {
		return karir.ErrConflict
	}
	return nil
}

// writeMain writes doc as the main document of id. It does not check the
// version there: FerretDB's embedded (SQLite) backend pushes a filter down
// only when it is {_id} alone (any other filter reads the whole table), and
// its check would not be atomic anyway. A late write that takes the main
// document back a version is repaired like a crash: the next save of it
// conflicts in the log and rolls forward.
func (s *core) writeMain(ctx context.Context, coll, id string, doc any) error {
	replace := func() error {
		_, err := s.db.Collection(coll).ReplaceOne(ctx, bson.D{{Key: "_id", Value: id}}, doc, options.Replace().SetUpsert(true))
		return err
	}
	err := replace()
	if mongo.IsDuplicateKeyError(err) {
		// FerretDB's upsert is read-then-insert: another writer inserted
		// the first main document meanwhile. It exists now: replace it.
		err = replace()
	}
	if err != nil {
		return fmt.Errorf("write %s %s: %w", coll, id, err)
	}
	return nil
}

// rollForward writes into the main document of id the newest version the
// commit log holds beyond it: a commit whose main document was never
// written (a crash between the two, or a writer still under way).
func (s *core) rollForward(ctx context.Context, coll, id string) error {
	have, err := s.mainVersion(ctx, coll, id)
	if err != nil {
		return fmt.Errorf("roll forward: %w", err)
	}
	var newest *commit
	for v := have + 1; ; v++ {
		c, err := s.findCommit(ctx, coll, id, v)
		if err != nil {
			return err
		}
		if c == nil {
			break
		}
		newest = c
	}
	if newest == nil {
		return nil
	}
	return s.writeMain(ctx, coll, id, newest.Doc.raw)
}

// commit inserts version next of id into the commit log: the step that
// decides a race (karir.ErrConflict for the loser) and makes a save durable.
// A first version is refused when the main document exists.
func (s *core) commit(ctx context.Context, coll, id string, next int64, doc any) error {
	if next == 1 {
		if err := s.db.Collection(coll).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Err(); err == nil {
			return karir.ErrConflict
		} else if !errors.Is(err, mongo.ErrNoDocuments) {
			return fmt.Errorf("check %s %s is new: %w", coll, id, err)
		}
	}
	return s.appendCommit(ctx, coll, id, next, doc)
}

// appendCommit inserts version next of id into the generations of the log
// commitTargets names; a duplicate is karir.ErrConflict.
func (s *core) appendCommit(ctx context.Context, coll, id string, next int64, doc any) error {
	err, _ := s.appendCommitThen(ctx, coll, id, next, doc, false)
	return err
}

// appendCommitThen is appendCommit that, with insertMain, also inserts doc
// as the main document once the commit stands, in the committer's same
// round (committer.insertThen). errMain is that insert's outcome: a
// duplicate _id as the driver's write error, errNotInserted when the
// commit failed.
func (s *core) appendCommitThen(ctx context.Context, coll, id string, next int64, doc any, insertMain bool) (err, errMain error) {
	raw, err := bson.Marshal(doc)
	if err != nil {
		return fmt.Errorf("encode %s %s: %w", coll, id, err), errNotInserted
	}
	now := s.now()
	c := commit{ID: commitID(coll, id, next), Doc: commitDoc{raw: raw, binary: s.binaryCommits}, At: now, Coll: coll}
	targets := commitTargets(now)
	for i, n := range targets {
		name := commitGens.name(n)
		if err := s.ensureCollection(ctx, name); err != nil {
			return err, errNotInserted
		}
		if !insertMain || i < len(targets)-1 {
			if err := s.commits.insert(ctx, name, c); err != nil {
				return err, errNotInserted
			}
			continue
		}
		err, errMain = s.commits.insertThen(ctx, name, c, coll, raw)
		if mongo.IsDuplicateKeyError(err) {
			return karir.ErrConflict, errMain
		}
		if err != nil {
			return wrapCommitErr(c.ID, err), errMain
		}
	}
	return nil, errMain
}

// mainVersion is the version the main document of id holds (0: none).
func (s *core) mainVersion(ctx context.Context, coll, id string) (int64, error) {
	var main struct {
		Version int64 `bson:"version"`
	}
	err := s.db.Collection(coll).FindOne(ctx, bson.D{{Key: "_id", Value: id}},
		options.FindOne().SetProjection(bson.D{{Key: "version", Value: 1}})).Decode(&main)
	if err != nil && !errors.Is(err, mongo.ErrNoDocuments) {
		return 0, fmt.Errorf("read the version of %s %s: %w", coll, id, err)
	}
	return main.Version, nil
}

// liveCommitLogs are the collections a commit may be in, newest first: the
// current hour and the one before by the clock, and any other generation
// seen in the database and not dropped yet. Where two
// hold one commit, the newer is the winner's: a writer that loses in the
// newer one may have landed in the older one first (commitTargets).
func (s *core) liveCommitLogs() []string {
	cur := commitGens.at(s.now())
	gens := []int64{cur, cur - 1}
	s.collsMu.Lock()
	for n := range s.commitLogs {
		if n != cur && n != cur-1 {
			gens = append(gens, n)
		}
	}
	s.collsMu.Unlock()
	slices.SortFunc(gens, func(a, b int64) int { return cmp.Compare(b, a) })
	names := make([]string, 0, len(gens))
	for _, n := range gens {
		names = append(names, commitGens.name(n))
	}
	return names
}

// findCommit returns commit X@version from the newest log that has it.
func (s *core) findCommit(ctx context.Context, coll, id string, version int64) (*commit, error) {
	for _, name := range s.liveCommitLogs() {
		var c commit
		err := s.db.Collection(name).FindOne(ctx, bson.D{{Key: "_id", Value: commitID(coll, id, version)}}).Decode(&c)
		if err == nil {
			return &c, nil
		}
		if !errors.Is(err, mongo.ErrNoDocuments) {
			return nil, fmt.Errorf("load commits of %s %s: %w", coll, id, err)
		}
	}
	return nil, nil
}

// readMain reads the main document of id into out; found is false when
// there is none.
func (s *core) readMain(ctx context.Context, coll, id string, out any) (found bool, err error) {
	err = s.db.Collection(coll).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(out)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("load %s %s: %w", coll, id, err)
	}
	return true, nil
}
