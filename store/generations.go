package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// generations is a family of collections, one per period of time:
// "<prefix>_<n>" holds what was written in period n. What grows with use
// (the commit log, the outbox's keys and outcomes) goes in generations, and
// a generation past its time is dropped whole: FerretDB v1 has no TTL
// index, deletes by a filter only after reading the whole table (deleting
// 5,000 of 10,000 documents by _id $in took 6.8 s), and runs each delete
// statement as its own transaction, while dropping a table is one
// statement (3.6 ms at 10,000 documents).
type generations struct {
	prefix string
	period time.Duration
}

// at is the generation of time t.
func (g generations) at(t time.Time) int64 { return t.UnixNano() / int64(g.period) }

func (g generations) name(n int64) string { return g.prefix + "_" + strconv.FormatInt(n, 10) }

func (g generations) start(n int64) time.Time { return time.Unix(0, n*int64(g.period)) }

func (g generations) end(n int64) time.Time { return g.start(n + 1) }

// parse returns the generation a collection name is of this family.
func (g generations) parse(name string) (int64, bool) {
	rest, ok := strings.CutPrefix(name, g.prefix+"_")
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(rest, 10, 64)
	return n, err == nil
}

// listGenerations returns the generations of g the database holds, oldest
// first.
func (s *core) listGenerations(ctx context.Context, g generations) ([]int64, error) {
	names, err := s.db.ListCollectionNames(ctx, bson.D{})
	if err != nil {
		return nil, fmt.Errorf("list collections: %w", err)
	}
	var gens []int64
	for _, name := range names {
		if n, ok := g.parse(name); ok {
			gens = append(gens, n)
		}
	}
	slices.Sort(gens)
	return gens, nil
}

// ensureCollection creates a collection before its first write, once per
// process, so the embedded store gives it the _id index its lookups need
// (see EmbeddedStore.createCollection).
func (s *core) ensureCollection(ctx context.Context, name string) error {
	s.collsMu.Lock()
	defer s.collsMu.Unlock()
	if s.colls[name] {
		return nil
	}
	if n, ok := commitGens.parse(name); ok {
		s.commitLogs[n] = true
	}
	if err := s.createCollection(ctx, name); err != nil {
		return err
	}
	s.colls[name] = true
	return nil
}

// forgetCollection is called after a drop.
func (s *core) forgetCollection(name string) {
	s.collsMu.Lock()
	delete(s.colls, name)
	if n, ok := commitGens.parse(name); ok {
		delete(s.commitLogs, n)
	}
	s.collsMu.Unlock()
}

// isAlreadyExists reports a create of a collection that exists.
func isAlreadyExists(err error) bool {
	var ce mongo.CommandError
	return errors.As(err, &ce) && ce.Code == 48 // NamespaceExists
}
