package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"time"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// EmbeddedStore is the store on the FerretDB this process runs (SQLite in
// DataDir). It belongs to this process alone, so what it keeps in memory
// (cache.go) is the truth and the database is written through; its leases
// and the outbox's claims are decided here. FerretDB v1.24.2 answers only a
// filter that is {_id} alone from an index, and runs an update as
// read-then-write: versioned saves are decided in the commit log
// (versioned.go), which is also where a conversation written behind is
// read after a restart.
type EmbeddedStore struct {
	*core
	*memLeases
	proc    *Embedded
	cache   *memCache
	claimMu sync.Mutex // the outbox's claims, one at a time
	// noWarmUp leaves the cache cold (Config.NoWarmUp).
	noWarmUp bool
}

var _ mode = (*EmbeddedStore)(nil)

func openEmbedded(ctx context.Context, c *core, cfg Config) (*Store, error) {
	proc, err := startEmbedded(ctx, cfg.DataDir, cfg.Logger)
	if err != nil {
		return nil, err
	}
	m := &EmbeddedStore{core: c, memLeases: newMemLeases(), proc: proc, noWarmUp: cfg.NoWarmUp}
	c.hot = newHotCaches()
	c.binaryCommits = true
	s := &Store{core: c, mode: m}
	// One connection, so the embedded SQLite sees one writer at a time.
	// With the driver's pool of 100, writers met in SQLite, and the loser
	// slept in its busy handler (1, 2, 5 ... 100 ms a try, again and again
	// while the commits held the lock): replies took up to 1.4 s under
	// load. The driver's queue for its one connection wakes the next
	// operation at once. Reads barely use it: they are served from memory.
	if err := c.connect(ctx, clientOptions(proc.uri, cfg).SetMaxPoolSize(1), cfg.Database); err != nil {
		_ = s.Close(ctx)
		return nil, err
	}
	if err := m.indexCollections(ctx); err != nil {
		_ = s.Close(ctx)
		return nil, err
	}
	c.createCollection = m.createCollection
	if err := s.upgrade(ctx); err != nil {
		_ = s.Close(ctx)
		return nil, err
	}
	m.cache = newMemCache()
	return s, nil
}

// indexCollections creates every collection of the embedded store, then
// gives each the _id index FerretDB's queries can use (see
// Embedded.indexIDs).
func (s *EmbeddedStore) indexCollections(ctx context.Context) error {
	have, err := s.db.ListCollectionNames(ctx, bson.D{})
	if err != nil {
		return fmt.Errorf("list collections: %w", err)
	}
	for _, c := range allCollections {
		if !slices.Contains(have, c) {
			if err := s.db.CreateCollection(ctx, c); err != nil {
				return fmt.Errorf("create collection %s: %w", c, err)
			}
		}
	}
	if err := s.proc.indexIDs(ctx, s.db.Name()); err != nil {
		return err
	}
	s.collsMu.Lock()
	for _, c := range append(have, allCollections...) {
		s.colls[c] = true
	}
	s.collsMu.Unlock()
	return nil
}

// createCollection creates a collection that comes and goes with its _id
// index (called under collsMu).
func (s *EmbeddedStore) createCollection(ctx context.Context, name string) error {
	err := s.db.CreateCollection(ctx, name)
	if err != nil && !isAlreadyExists(err) {
		return fmt.Errorf("create collection %s: %w", name, err)
	}
	return s.proc.indexIDs(ctx, s.db.Name())
}

// run writes conversations behind in the background, and reads the store
// into memory (warmUp, unless Config.NoWarmUp) before the maintenance
// begins.
func (s *EmbeddedStore) run(ctx context.Context) {
	var bg context.Context
	bg, s.cache.cancel = context.WithCancel(context.WithoutCancel(ctx))
	go s.writeBehind(bg, s.log)
	if !s.noWarmUp {
		s.warmUp(ctx, s.log)
	}
}

// beforeDrop writes the conversations behind: their commits are what the
// hours about to go hold.
func (s *EmbeddedStore) beforeDrop(ctx context.Context) error {
	if err := s.flush(ctx, s.log); err != nil {
		return fmt.Errorf("write conversations behind before dropping the commit log: %w", err)
	}
	return nil
}

// close writes what is behind, disconnects and stops FerretDB.
func (s *EmbeddedStore) close(ctx context.Context) error {
	if s.cache != nil && s.cache.cancel != nil {
		s.cache.cancel()
		<-s.cache.done
	}
	err := s.disconnect(ctx)
	s.proc.stop()
	return err
}

// LoadConversation implements karir.Conversations, from memory when it can.
func (s *EmbeddedStore) LoadConversation(ctx context.Context, userID int64) (*karir.Conversation, error) {
	c, err := s.loadConversation(ctx, userID)
	if c != nil {
		c.LoadedAt = s.now()
	}
	return c, err
}

func (s *EmbeddedStore) loadConversation(ctx context.Context, userID int64) (*karir.Conversation, error) {
	id := karir.ConversationID(userID)
	key := "c:" + id
	if s.fresh(key) {
		s.cache.mu.Lock()
		cached, ok := s.cache.convs[id]
		s.cache.mu.Unlock()
		if ok {
			return cloneConversation(cached), nil
		}
		if s.isAbsent(key) {
			return newConversation(userID), nil
		}
	}
	c := &karir.Conversation{}
	err := s.loadVersioned(ctx, collConversations, id, c, func() int64 { return c.Version })
	if errors.Is(err, karir.ErrNotFound) {
		s.clearStale(key)
		return newConversation(userID), nil
	}
	if err != nil {
		return nil, err
	}
	s.cacheConversation(*c)
	s.clearStale(key)
	return c, nil
}

// cacheConversation keeps c unless the cache already holds a newer version
// (a save and a load of one conversation can finish in either order).
func (s *EmbeddedStore) cacheConversation(c karir.Conversation) {
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	if old, ok := s.cache.convs[c.ID]; !ok || old.Version < c.Version {
		c.LoadedAt = time.Time{}
		s.cache.convs[c.ID] = *cloneConversation(c)
	}
}

// SaveConversation implements karir.Conversations. The commit insert
// decides races and makes the save durable; the main document follows in
// the background (writeBehind).
func (s *EmbeddedStore) SaveConversation(ctx context.Context, c *karir.Conversation) error {
	next, err := s.nextConversation(c)
	if err != nil {
		return err
	}
	err = s.commit(ctx, collConversations, next.ID, next.Version, &next)
	// Stored now, or maybe (an answer lost): no longer known new.
	s.cache.mu.Lock()
	s.cache.convIDs[next.ID] = true
	s.cache.mu.Unlock()
	if err != nil {
		// Whoever won (or a commit whose answer was lost) is in the log:
		// the next load reads it there.
		s.markStale("c:" + next.ID)
		return err
	}
	s.cacheConversation(next)
	s.cache.markDirty(next.ID)
	c.ID, c.Version, c.LoadedAt = next.ID, next.Version, s.now()
	return nil
}

// commit is core's commit, without the lookup that checks a first version
// is new where this process's memory knows it is (knownNew): that was one
// lookup per new user's first save and per first form (issue 26).
func (s *EmbeddedStore) commit(ctx context.Context, coll, id string, next int64, doc any) error {
	if next == 1 && s.knownNew(coll, id) {
		return s.appendCommit(ctx, coll, id, next, doc)
	}
	return s.core.commit(ctx, coll, id, next, doc)
}

// knownNew reports whether memory knows id has no main document: the cache
// is complete and no write of id failed since (conversations, submissions),
// or the wrong tries were read whole and id has none.
func (s *EmbeddedStore) knownNew(coll, id string) bool {
	if s.cache == nil {
		return false
	}
	switch coll {
	case collConversations:
		return s.fresh("c:"+id) && s.isAbsent("c:"+id)
	case collSubmissions:
		return s.fresh("s:"+id) && s.isAbsent("s:"+id)
	case collCodeAttempts:
		a, known := s.hot.tries.get(id)
		return known && a == nil
	}
	return false
}

// saveVersioned stores doc as version next of id; doc's own version field
// must already say next. It returns karir.ErrConflict when another writer
// stored that version first; loads read the log, which has the winner's.
func (s *EmbeddedStore) saveVersioned(ctx context.Context, coll, id string, next int64, doc any) error {
	if next == 1 && s.knownNew(coll, id) {
		// The commit and the first main document in one round.
		err, errMain := s.appendCommitThen(ctx, coll, id, next, doc, true)
		if err != nil {
			return err
		}
		return s.afterInsertMain(ctx, coll, id, doc, errMain)
	}
	if err := s.core.commit(ctx, coll, id, next, doc); err != nil {
		return err
	}
	// When this fails the commit stands; the next load rolls forward.
	return s.writeMain(ctx, coll, id, doc)
}

// afterInsertMain completes the insert of a first main document, known
// absent (an insert, where FerretDB runs writeMain's upsert as a lookup and
// then the insert: a first form's main document took 1.4x a binding's
// insert). When it fails the commit stands; the next load rolls forward.
func (s *EmbeddedStore) afterInsertMain(ctx context.Context, coll, id string, doc any, err error) error {
	if mongo.IsDuplicateKeyError(err) {
		// Not absent after all: the commit decided, so this is the newest.
		return s.writeMain(ctx, coll, id, doc)
	}
	if err != nil {
		return fmt.Errorf("write %s %s: %w", coll, id, err)
	}
	return nil
}

// loadVersioned reads id into out, rolled forward over the commit log:
// conversations' main documents are written behind, and a save whose main
// document was not written (a crash, a failure) is in the log alone.
func (s *EmbeddedStore) loadVersioned(ctx context.Context, coll, id string, out any, version func() int64) error {
	found, err := s.readMain(ctx, coll, id, out)
	if err != nil {
		return err
	}
	var newest bson.Raw
	for {
		c, err := s.findCommit(ctx, coll, id, version()+1)
		if err != nil {
			return err
		}
		if c == nil {
			break
		}
		// Start from zero: a field left empty in the commit must not keep
		// the older value.
		reflect.ValueOf(out).Elem().SetZero()
		if err := bson.Unmarshal(c.Doc.raw, out); err != nil {
			return fmt.Errorf("decode commit %s: %w", c.ID, err)
		}
		newest, found = c.Doc.raw, true
	}
	if !found {
		return karir.ErrNotFound
	}
	if newest != nil {
		// Best effort: a failure here is repaired by a later load.
		_ = s.writeMain(ctx, coll, id, newest)
	}
	return nil
}

// ClaimOutgoing implements karir.Outbox. The claims are decided here, one
// at a time, with an update by _id alone (SQLite reads the whole table for
// any other filter); a claim of an earlier opening is void, since that
// process is gone.
func (s *EmbeddedStore) ClaimOutgoing(ctx context.Context, key string, now time.Time, ttl time.Duration) (*karir.Outgoing, bool, error) {
	s.claimMu.Lock()
	defer s.claimMu.Unlock()
	d, m, ok, err := s.readClaimable(ctx, key, now, func(d *outgoingDoc) bool {
		return d.ClaimedUntil.After(now) && d.ClaimedBy == s.instance
	})
	if !ok || err != nil {
		return m, false, err
	}
	return s.setClaim(ctx, bson.D{{Key: "_id", Value: key}}, d, m, now, ttl)
}
