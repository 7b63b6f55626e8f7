package store

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"slices"
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
// database is written through. Reads of a document miss once per process;
// conversations' main documents are written behind (the commit insert,
// which is synchronous, is what makes a save durable; see versioned.go).
// With a MongoDB URI there is no cache: several processes share the data,
// and MongoDB's indexes work.
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
	// absent records lookups that found nothing ("b:<nip>", "s:<id>"):
	// in this process every write passes here, so nothing is still a fact.
	absent map[string]bool
	// complete is set once preload ran: then a conversation or binding
	// not in the cache does not exist, and subIDs names every submission.
	complete bool
	subIDs   map[string]bool
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
		talent: newTalentCache(),
		absent: map[string]bool{}, stale: map[string]bool{}, dirty: map[string]bool{}, done: make(chan struct{}),
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
func (s *Store) writeBehind(ctx context.Context, log *slog.Logger) {
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
func (s *Store) flush(ctx context.Context, log *slog.Logger) error {
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
func (s *Store) markStale(key string) {
	if s.cache != nil {
		s.cache.mu.Lock()
		s.cache.stale[key] = true
		s.cache.mu.Unlock()
	}
}

// fresh reports whether the cache can answer for key (there is one, and no
// write of key failed since it was last read from the database).
func (s *Store) fresh(key string) bool {
	if s.cache == nil {
		return false
	}
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	return !s.cache.stale[key]
}

// clearStale records that key was just read from the database.
func (s *Store) clearStale(key string) {
	if s.cache != nil {
		s.cache.mu.Lock()
		delete(s.cache.stale, key)
		s.cache.mu.Unlock()
	}
}

// isAbsent reports whether a lookup is known to find nothing.
func (s *Store) isAbsent(key string) bool {
	if s.cache == nil {
		return false
	}
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	if s.cache.complete {
		switch kind, id := key[:2], key[2:]; kind {
		case "b:":
			_, ok := s.cache.binds[id]
			return !ok
		case "s:":
			return !s.cache.subIDs[id]
		case "c:":
			_, ok := s.cache.convs[id]
			return !ok
		}
	}
	return s.cache.absent[key]
}

// setAbsent records (or, with false, clears) that a lookup finds nothing.
func (s *Store) setAbsent(key string, absent bool) {
	if s.cache == nil {
		return
	}
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	if absent {
		s.cache.absent[key] = true
	} else {
		delete(s.cache.absent, key)
		if s.cache.subIDs != nil && key[:2] == "s:" {
			s.cache.subIDs[key[2:]] = true
		}
	}
}

// preload fills the cache from the database once, at start: every
// conversation (its main document rolled forward over the commit log, which
// the write-behind may not have caught up with before a crash), every
// binding, and which submissions exist. After it, a cache miss is a fact,
// and no lookup on the hot path reads a whole table.
func (s *Store) preload(ctx context.Context) error {
	c := s.cache
	var convs []karir.Conversation
	cur, err := s.db.Collection(collConversations).Find(ctx, bson.D{})
	if err == nil {
		err = cur.All(ctx, &convs)
	}
	if err != nil {
		return fmt.Errorf("preload conversations: %w", err)
	}
	for _, conv := range convs {
		c.convs[conv.ID] = conv
	}
	var subs []karir.Submission
	cur, err = s.db.Collection(collSubmissions).Find(ctx, bson.D{})
	if err == nil {
		err = cur.All(ctx, &subs)
	}
	if err != nil {
		return fmt.Errorf("preload submissions: %w", err)
	}
	c.subIDs = make(map[string]bool, len(subs))
	for _, sub := range subs {
		c.subs[sub.ID], c.subIDs[sub.ID] = sub, true
	}
	// Commits newer than the main documents (a crash before the write
	// behind or between a commit and its replace), oldest log first: where
	// two logs hold one version, the newer one's is the winner's.
	logs := s.liveCommitLogs()
	slices.Reverse(logs)
	for _, name := range logs {
		if err := s.preloadCommits(ctx, name); err != nil {
			return err
		}
	}
	binds, err := s.ListBindings(ctx)
	if err != nil {
		return err
	}
	for _, b := range binds {
		c.binds[b.NIP] = b
	}
	// Unsorted: FerretDB sorts the whole table before it answers the
	// first batch, and at 100,000 employees on a busy machine that one
	// find took longer than opTimeout, so the store did not open.
	var emps []karir.Employee
	cur, err = s.db.Collection(collEmployees).Find(ctx, bson.D{})
	if err == nil {
		err = cur.All(ctx, &emps)
	}
	if err != nil {
		return fmt.Errorf("preload employees: %w", err)
	}
	for _, e := range emps {
		c.emps[e.NIP] = e
	}
	opds, err := s.OPDs(ctx)
	if err != nil {
		return err
	}
	for _, o := range opds {
		c.opds[o.Code] = o
	}
	if err := s.preloadTalent(ctx); err != nil {
		return err
	}
	c.complete = true
	return nil
}

// preloadCommits applies one log's commits to the cache.
func (s *Store) preloadCommits(ctx context.Context, name string) error {
	c := s.cache
	cur, err := s.db.Collection(name).Find(ctx, bson.D{})
	if err != nil {
		return fmt.Errorf("preload commits: %w", err)
	}
	defer cur.Close(ctx)
	for cur.Next(ctx) {
		var cm commit
		if err := cur.Decode(&cm); err != nil {
			return fmt.Errorf("preload commits: %w", err)
		}
		switch cm.Coll {
		case collConversations:
			var conv karir.Conversation
			if err := bson.Unmarshal(cm.Doc, &conv); err != nil {
				return fmt.Errorf("preload commit %s: %w", cm.ID, err)
			}
			if old, ok := c.convs[conv.ID]; !ok || conv.Version >= old.Version {
				c.convs[conv.ID] = conv
				c.dirty[conv.ID] = true
			}
		case collSubmissions:
			var sub karir.Submission
			if err := bson.Unmarshal(cm.Doc, &sub); err != nil {
				return fmt.Errorf("preload commit %s: %w", cm.ID, err)
			}
			if old, ok := c.subs[sub.ID]; !ok || sub.Version >= old.Version {
				c.subs[sub.ID], c.subIDs[sub.ID] = sub, true
			}
		}
	}
	if err := cur.Err(); err != nil {
		return fmt.Errorf("preload commits: %w", err)
	}
	return nil
}

// cachedList returns the values of a complete cache, sorted by key; ok is
// false when the cache is not complete (or there is none).
func cachedList[T any](s *Store, pick func(*memCache) map[string]T, keep func(T) bool) (out []T, ok bool) {
	if s.cache == nil {
		return nil, false
	}
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	if !s.cache.complete {
		return nil, false
	}
	m := pick(s.cache)
	keys := make([]string, 0, len(m))
	for k, v := range m {
		if keep == nil || keep(v) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	out = make([]T, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out, true
}
