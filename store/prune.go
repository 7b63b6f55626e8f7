package store

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// maintainEvery is how often the store drops what it no longer needs.
const maintainEvery = 5 * time.Minute

func (s *Store) maintainEvery(ctx context.Context, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := s.Maintain(ctx); err != nil && ctx.Err() == nil {
				log.Warn("store maintenance", "err", err)
			}
		}
	}
}

// Maintain drops what the store no longer needs: the hours of the commit
// log that every main document has caught up with and no writer can race
// on any more (versioned.go), and the outbox's generations past their time
// (outbox.go). The store runs it every 5 minutes; tests and benchmarks call
// it after moving the clock.
func (s *Store) Maintain(ctx context.Context) error {
	s.maintainMu.Lock()
	defer s.maintainMu.Unlock()
	now := s.now()
	if err := s.refreshCommitLogs(ctx); err != nil {
		return err
	}
	if err := s.prepareNextCommitLog(ctx, now); err != nil {
		return err
	}
	var due []string
	s.collsMu.Lock()
	var gens []int64
	for n := range s.commitLogs {
		if !now.Before(commitGens.end(n).Add(commitKeep)) {
			gens = append(gens, n)
		}
	}
	s.collsMu.Unlock()
	slices.Sort(gens)
	for _, n := range gens {
		due = append(due, commitGens.name(n))
	}
	if len(due) > 0 {
		if err := s.beforeDrop(ctx); err != nil {
			return err
		}
	}
	for _, name := range due {
		if err := s.catchUp(ctx, name); err != nil {
			return err
		}
		if err := s.db.Collection(name).Drop(ctx); err != nil {
			return fmt.Errorf("drop %s: %w", name, err)
		}
		s.forgetCollection(name)
	}
	for _, g := range []generations{outboxKeyGens, outboxDoneGens} {
		gens, err := s.listGenerations(ctx, g)
		if err != nil {
			return err
		}
		for _, n := range gens {
			if n >= g.at(now)-1 {
				break
			}
			if err := s.db.Collection(g.name(n)).Drop(ctx); err != nil {
				return fmt.Errorf("drop %s: %w", g.name(n), err)
			}
			s.forgetCollection(g.name(n))
		}
	}
	return nil
}

// prepareAhead is how long before its hour a generation of the commit log
// is created: more than maintainEvery, so one maintenance falls within it.
const prepareAhead = maintainEvery + time.Minute

// PrepareCommitLog creates the commit log's generation for now, so the
// first save does not: on the embedded store that is a table and the _id
// indexes, made under collsMu with every save of the moment waiting (the
// bot calls it before it takes updates).
func (s *core) PrepareCommitLog(ctx context.Context) error {
	if err := s.ensureCollection(ctx, commitGens.name(commitGens.at(s.now()))); err != nil {
		return fmt.Errorf("prepare the commit log: %w", err)
	}
	return nil
}

// prepareNextCommitLog creates, near the end of an hour the log is being
// written in, the next hour's generation, for the same reason.
func (s *core) prepareNextCommitLog(ctx context.Context, now time.Time) error {
	n := commitGens.at(now)
	s.collsMu.Lock()
	writing := s.commitLogs[n]
	s.collsMu.Unlock()
	if !writing || commitGens.end(n).Sub(now) > prepareAhead {
		return nil
	}
	return s.ensureCollection(ctx, commitGens.name(n+1))
}

// refreshCommitLogs notes the generations of the commit log the database
// holds (another process may have begun one).
func (s *core) refreshCommitLogs(ctx context.Context) error {
	names, err := s.db.ListCollectionNames(ctx, bson.D{})
	if err != nil {
		return fmt.Errorf("list collections: %w", err)
	}
	s.collsMu.Lock()
	defer s.collsMu.Unlock()
	for _, name := range names {
		if n, ok := commitGens.parse(name); ok {
			s.commitLogs[n] = true
		}
	}
	return nil
}

// catchUp writes into the main documents the newest version a commit log
// holds of each, where they are behind it, so the log can go. The version
// is taken from the newest log that has it: that copy is the winner's
// (versioned.go).
func (s *core) catchUp(ctx context.Context, log string) error {
	cur, err := s.db.Collection(log).Find(ctx, bson.D{}, options.Find().SetProjection(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		return fmt.Errorf("read %s: %w", log, err)
	}
	type docKey struct{ coll, id string }
	newest := map[docKey]int64{}
	for cur.Next(ctx) {
		var c struct {
			ID string `bson:"_id"`
		}
		if err := cur.Decode(&c); err != nil {
			cur.Close(ctx)
			return fmt.Errorf("read %s: %w", log, err)
		}
		coll, id, v, ok := parseCommitID(c.ID)
		if ok && v > newest[docKey{coll, id}] {
			newest[docKey{coll, id}] = v
		}
	}
	cur.Close(ctx)
	if err := cur.Err(); err != nil {
		return fmt.Errorf("read %s: %w", log, err)
	}
	for k, v := range newest {
		have, err := s.mainVersion(ctx, k.coll, k.id)
		if err != nil {
			return fmt.Errorf("catch up: %w", err)
		}
		if have >= v {
			continue
		}
		c, err := s.findCommit(ctx, k.coll, k.id, v)
		if err != nil || c == nil {
			return fmt.Errorf("catch %s %s up: version %d not found: %v", k.coll, k.id, v, err)
		}
		if err := s.writeMain(ctx, k.coll, k.id, c.Doc.raw); err != nil {
			return fmt.Errorf("catch up: %w", err)
		}
	}
	return nil
}

// upgrade brings what an earlier version stored to this layout, once: it
// notes the generations of the commit log there are, and gives the admin
// grants of before roles their role.
func (s *Store) upgrade(ctx context.Context) error {
	if err := s.refreshCommitLogs(ctx); err != nil {
		return err
	}
	return s.upgradeAdminGrants(ctx)
}
