package store

import (
	"cmp"
	"context"
	"log/slog"
	"sync"
	"time"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// memCache keeps the hot documents of the embedded store in memory.
//
// Why: FerretDB v1.24.2's SQLite backend looks a document up by _id with a
// WHERE on a JSON expression that its own _id index does not match, so every
// find, update or replace reads the whole table (measured: loading one of
// 1,000 conversations took 43 ms with their commit log beside them, and it
// grows with the data). Inserts stay fast: the unique index checks them.
// The embedded store belongs to this one process (it listens on a random
// loopback port), so a cache here cannot go stale: it is the truth, and the
// database is written through. Conversations are read when first needed;
// their main documents are written behind (the commit insert, which is
// synchronous, is what makes a save durable; see versioned.go). The roster,
// the bindings, the submissions, the OPDs and the talent data, which the
// lists and reports read whole, are read in the background after the store
// opens (warmUp): reading them through FerretDB costs about 0.2-0.8 ms a
// document (11 s for a city of 10,000 with its forms, measured), so the bot
// answers at once after a restart and its lists come from the database
// until the cache is complete.
// On a server (ServerStore) there is no cache: several processes share the
// data, and MongoDB's indexes work.
type memCache struct {
	mu    sync.Mutex
	convs map[string]karir.Conversation
	emps  map[string]karir.Employee
	binds map[string]karir.Binding
	subs  map[string]karir.Submission
	opds  map[string]karir.OPD // read for every pick list of the form
	// talent is read whole by /talenta and /kandidat (talent.go).
	talent *talentCache
	// empsUnsure is set when a write of the roster failed: some of it may
	// have landed, so reads go to the database until one refills emps.
	empsUnsure bool
	// complete is set once warmUp ran: then an employee, a binding or an
	// OPD not in the cache does not exist, and subIDs names every
	// submission. Until then the cache holds only what this process wrote
	// or loaded (a lookup of these goes to the database, and is not kept:
	// a write racing with it could be undone), and unbound the NIPs unbound
	// meanwhile, so the warm-up does not bring them back.
	complete bool
	subIDs   map[string]bool
	// convIDs names, once complete, every conversation stored (its main
	// document or a commit), beside those in convs: a user in neither is
	// new, and their first update reads nothing (issue 26).
	convIDs map[string]bool
	unbound map[string]bool
	warmed  chan struct{} // closed when complete
	// stale keys ("c:<id>", "s:<id>") had a write fail: another writer may
	// have won, or the commit may have landed with its answer lost, so the
	// cached copy may be behind the commit log. Their next load reads the
	// database (rolling forward over the log) instead of the cache.
	stale map[string]bool

	// dirty conversations whose main document is behind their commit log.
	dirty  map[string]bool
	done   chan struct{}
	cancel context.CancelFunc
}

func newMemCache() *memCache {
	return &memCache{
		convs: map[string]karir.Conversation{}, emps: map[string]karir.Employee{},
		binds: map[string]karir.Binding{}, subs: map[string]karir.Submission{}, opds: map[string]karir.OPD{},
		talent: newTalentCache(), subIDs: map[string]bool{}, convIDs: map[string]bool{}, unbound: map[string]bool{}, warmed: make(chan struct{}),
		stale: map[string]bool{}, dirty: map[string]bool{}, done: make(chan struct{}),
	}
}

// writeBehindEvery is how often saved conversations are copied to their
// main documents. Each copy is a replace, which FerretDB runs as a scan of
// the table, so they are gathered: the commit log already holds every save,
// and the main documents only shorten the next start's preload.
const writeBehindEvery = time.Minute

// closeFlushTimeout bounds the last write-behind when the store closes.
const closeFlushTimeout = 10 * time.Second

// writeBehind copies saved conversations to their main documents, the
// newest version of each, every writeBehindEvery and at close.
func (s *EmbeddedStore) writeBehind(ctx context.Context, log *slog.Logger) {
	c := s.cache
	defer close(c.done)
	t := time.NewTicker(writeBehindEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			// Bounded, so a shutdown ends before a supervisor's kill: what
			// is left is in the commit log, and the next open rolls it in.
			fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), closeFlushTimeout)
			_ = s.flush(fctx, log)
			cancel()
			return
		case <-t.C:
			_ = s.flush(ctx, log)
		}
	}
}

// flush writes every dirty conversation and returns the first failure; a
// conversation it could not write stays dirty (its commit may be dropped
// only once it is written: prune.go).
func (s *EmbeddedStore) flush(ctx context.Context, log *slog.Logger) error {
	c := s.cache
	var failed map[string]bool
	defer func() {
		c.mu.Lock()
		for id := range failed {
			c.dirty[id] = true
		}
		c.mu.Unlock()
	}()
	var first error
	for {
		c.mu.Lock()
		var id string
		for k := range c.dirty {
			if !failed[k] {
				id = k
				break
			}
		}
		if id == "" {
			c.mu.Unlock()
			return first
		}
		delete(c.dirty, id)
		conv, ok := c.convs[id]
		c.mu.Unlock()
		if !ok {
			continue
		}
		if _, err := s.db.Collection(collConversations).ReplaceOne(ctx, bson.D{{Key: "_id", Value: id}}, &conv,
			options.Replace().SetUpsert(true)); err != nil {
			// The commit log has it; the next load after a restart rolls
			// the main document forward.
			log.Warn("write conversation behind", "err", err)
			if failed == nil {
				failed = map[string]bool{}
			}
			failed[id] = true
			first = cmp.Or(first, err)
			if ctx.Err() != nil {
				return first
			}
		}
	}
}

func (c *memCache) markDirty(id string) {
	c.mu.Lock()
	c.dirty[id] = true
	c.mu.Unlock()
}

// markStale records that a write of key failed, so its next load reads the
// database. The cached copy stays: lists keep showing it meanwhile.
func (s *EmbeddedStore) markStale(key string) {
	s.cache.mu.Lock()
	s.cache.stale[key] = true
	s.cache.mu.Unlock()
}

// fresh reports whether the cache can answer for key (no write of key
// failed since it was last read from the database).
func (s *EmbeddedStore) fresh(key string) bool {
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	return !s.cache.stale[key]
}

// clearStale records that key was just read from the database.
func (s *EmbeddedStore) clearStale(key string) {
	s.cache.mu.Lock()
	delete(s.cache.stale, key)
	s.cache.mu.Unlock()
}

// isAbsent reports whether a lookup is known to find nothing: a binding
// ("b:<nip>"), a submission ("s:<id>") or a conversation ("c:<id>") the
// complete cache lacks.
func (s *EmbeddedStore) isAbsent(key string) bool {
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	if !s.cache.complete {
		return false
	}
	switch kind, id := key[:2], key[2:]; kind {
	case "b:":
		_, ok := s.cache.binds[id]
		return !ok
	case "s:":
		return !s.cache.subIDs[id]
	case "c:":
		_, ok := s.cache.convs[id]
		return !ok && !s.cache.convIDs[id]
	}
	return false
}
