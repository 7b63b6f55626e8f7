package store

import (
	"context"
	"fmt"
	"log/slog"
	"reflect"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"openkarir/karir"
)

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
