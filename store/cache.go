package store

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"reflect"
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

// warm reports whether the cache holds the whole of what warmUp reads.
func (s *EmbeddedStore) warm() bool {
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	return s.cache.complete
}

// Warm implements mode: it waits until the cache is complete. Tests and
// benchmarks use it to measure.
func (s *EmbeddedStore) Warm(ctx context.Context) error {
	select {
	case <-s.cache.warmed:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// warmUp reads what the lists and reports need into the cache, in the
// background after the store opened, trying again after a failure. The
// database not answering is a warning: it passes. Any other failure (a
// document that cannot be decoded) does not pass by trying again: it is an
// error, logged with what failed (readWarm names the collection and, for a
// document, its _id), the first time and whenever it changes; the bot
// answers from the database meanwhile, as cold.
func (s *EmbeddedStore) warmUp(ctx context.Context, log *slog.Logger) {
	reported := ""
	for wait := time.Second; ; wait = min(2*wait, time.Minute) {
		err := s.readWarm(ctx)
		if err == nil || ctx.Err() != nil {
			return
		}
		switch {
		case Unreachable(err):
			log.Warn("read the store into memory; trying again", "err", err, "in", wait)
		case err.Error() != reported:
			reported = err.Error()
			log.Error("read the store into memory: a stored document or collection cannot be read, and trying again will not mend it; the bot answers from the database, slower, until it is fixed",
				"err", err, "retry_in", wait)
		default:
			log.Warn("read the store into memory: still failing", "err", err, "in", wait)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
	}
}

// readWarm reads the roster, the bindings, the submissions (rolled forward
// over the commit log), the OPDs and the talent data, and merges them with
// what was written meanwhile: that is newer, and wins.
func (s *EmbeddedStore) readWarm(ctx context.Context) error {
	var subs []karir.Submission
	var binds []karir.Binding
	var emps []karir.Employee
	var opds []karir.OPD
	for coll, out := range map[string]any{collSubmissions: &subs, collBindings: &binds, collEmployees: &emps, collOPDs: &opds} {
		cur, err := s.db.Collection(coll).Find(ctx, bson.D{})
		if err == nil {
			err = cur.All(ctx, out)
		}
		if err != nil && !Unreachable(err) {
			err = s.undecodable(ctx, coll, out, err)
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", coll, err)
		}
	}
	// Commits newer than the main documents (a crash between a commit and
	// its replace), oldest log first: where two logs hold one version, the
	// newer one's is the winner's.
	newest := make(map[string]karir.Submission, len(subs))
	for _, sub := range subs {
		newest[sub.ID] = sub
	}
	logs := s.liveCommitLogs()
	slices.Reverse(logs)
	for _, name := range logs {
		if err := s.readCommittedSubmissions(ctx, name, newest); err != nil {
			return err
		}
	}
	convIDs, err := s.storedConversationIDs(ctx, logs)
	if err != nil {
		return err
	}
	talent, err := s.findTalent(ctx, bson.D{})
	if err != nil {
		return fmt.Errorf("read talent: %w", err)
	}
	c := s.cache
	c.mu.Lock()
	defer c.mu.Unlock()
	for id, sub := range newest {
		if old, ok := c.subs[id]; !ok || sub.Version > old.Version {
			c.subs[id] = sub
		}
		c.subIDs[id] = true
	}
	for _, b := range binds {
		if _, ok := c.binds[b.NIP]; !ok && !c.unbound[b.NIP] {
			c.binds[b.NIP] = b
		}
	}
	for _, e := range emps {
		if _, ok := c.emps[e.NIP]; !ok {
			c.emps[e.NIP] = e
		}
	}
	for _, o := range opds {
		if _, ok := c.opds[o.Code]; !ok {
			c.opds[o.Code] = o
		}
	}
	var missing []karir.TalentRecord
	for _, r := range talent {
		if !slices.ContainsFunc(c.talent.byNIP[r.NIP], func(o karir.TalentRecord) bool { return o.Year == r.Year }) {
			missing = append(missing, r)
		}
	}
	c.talent.put(missing)
	for id := range convIDs {
		c.convIDs[id] = true
	}
	c.complete, c.unbound = true, nil
	close(c.warmed)
	return nil
}

// undecodable names the first document of coll that does not decode into
// the element of out (a pointer to a slice), after a read of all of them
// failed with err: reading them one at a time costs a second read, on a
// failure only. It returns err when every document decodes (the failure
// was another).
func (s *EmbeddedStore) undecodable(ctx context.Context, coll string, out any, err error) error {
	elem := reflect.TypeOf(out).Elem().Elem()
	cur, ferr := s.db.Collection(coll).Find(ctx, bson.D{})
	if ferr != nil {
		return err
	}
	defer cur.Close(ctx)
	for cur.Next(ctx) {
		if derr := cur.Decode(reflect.New(elem).Interface()); derr != nil {
			return fmt.Errorf("document %s cannot be decoded: %w", cur.Current.Lookup("_id"), derr)
		}
	}
	return err
}

// storedConversationIDs names every conversation with a main document or
// a commit in one of logs.
func (s *EmbeddedStore) storedConversationIDs(ctx context.Context, logs []string) (map[string]bool, error) {
	ids := map[string]bool{}
	onlyID := options.Find().SetProjection(bson.D{{Key: "_id", Value: 1}})
	read := func(coll string, filter bson.D, id func(string) string) error {
		cur, err := s.db.Collection(coll).Find(ctx, filter, onlyID)
		if err != nil {
			return fmt.Errorf("read conversation ids of %s: %w", coll, err)
		}
		var docs []struct {
			ID string `bson:"_id"`
		}
		if err := cur.All(ctx, &docs); err != nil {
			return fmt.Errorf("read conversation ids of %s: %w", coll, err)
		}
		for _, d := range docs {
			ids[id(d.ID)] = true
		}
		return nil
	}
	if err := read(collConversations, bson.D{}, func(id string) string { return id }); err != nil {
		return nil, err
	}
	for _, name := range logs {
		err := read(name, bson.D{{Key: "coll", Value: collConversations}}, func(cid string) string {
			_, id, _, _ := parseCommitID(cid)
			return id
		})
		if err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// readCommittedSubmissions applies one log's commits of submissions to
// newest.
func (s *core) readCommittedSubmissions(ctx context.Context, name string, newest map[string]karir.Submission) error {
	cur, err := s.db.Collection(name).Find(ctx, bson.D{{Key: "coll", Value: collSubmissions}})
	if err != nil {
		return fmt.Errorf("read commits: %w", err)
	}
	defer cur.Close(ctx)
	for cur.Next(ctx) {
		var cm commit
		if err := cur.Decode(&cm); err != nil {
			return fmt.Errorf("read commits: %w", err)
		}
		var sub karir.Submission
		if err := bson.Unmarshal(cm.Doc.raw, &sub); err != nil {
			return fmt.Errorf("read commit %s: %w", cm.ID, err)
		}
		if old, ok := newest[sub.ID]; !ok || sub.Version >= old.Version {
			newest[sub.ID] = sub
		}
	}
	if err := cur.Err(); err != nil {
		return fmt.Errorf("read commits: %w", err)
	}
	return nil
}

// cachedList returns the values of a complete cache, sorted by key; ok is
// false when the cache is not complete.
func cachedList[T any](s *EmbeddedStore, pick func(*memCache) map[string]T, keep func(T) bool) (out []T, ok bool) {
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
