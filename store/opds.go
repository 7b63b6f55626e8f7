package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

const collOPDs = "opds"

func (s *core) listOPDs(ctx context.Context) ([]karir.OPD, error) {
	cur, err := s.db.Collection(collOPDs).Find(ctx, bson.D{})
	if err != nil {
		return nil, fmt.Errorf("list OPDs: %w", err)
	}
	var opds []karir.OPD
	if err := cur.All(ctx, &opds); err != nil {
		return nil, fmt.Errorf("list OPDs: %w", err)
	}
	sortOPDs(opds)
	return opds, nil
}

// sortOPDs puts OPDs in the order of the pick lists: by name, then by
// code. The code breaks ties so the order is the same whatever order the
// OPDs came in: the first call reads the collection, later ones the
// cache (sorted by code), and the sort is not stable.
func sortOPDs(opds []karir.OPD) {
	slices.SortFunc(opds, func(a, b karir.OPD) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.Code, b.Code))
	})
}

func (s *core) readOPD(ctx context.Context, code string) (*karir.OPD, error) {
	var o karir.OPD
	if err := s.db.Collection(collOPDs).FindOne(ctx, bson.D{{Key: "_id", Value: code}}).Decode(&o); err != nil {
		return nil, fmt.Errorf("load OPD %s: %w", code, notFound(err))
	}
	return &o, nil
}

// upsertOPDs writes each agency's name and adds its positions to the ones
// stored (a roster of one OPD's staff does not remove another's posts),
// reading them with get and telling put of each written. It returns how
// many it wrote, also when it fails.
func (s *core) upsertOPDs(ctx context.Context, opds []karir.OPD, get func(context.Context, string) (*karir.OPD, error), put func(karir.OPD)) (int, error) {
	for i, o := range opds {
		positions, units := slices.Clone(o.Positions), slices.Clone(o.Units)
		old, err := get(ctx, o.Code)
		switch {
		case err == nil:
			positions = append(positions, old.Positions...)
			units = append(units, old.Units...)
		case !isNotFound(err):
			return i, err
		}
		slices.Sort(positions)
		o.Positions = slices.Compact(positions)
		slices.Sort(units)
		o.Units = slices.Compact(units)
		if _, err := s.db.Collection(collOPDs).ReplaceOne(ctx, bson.D{{Key: "_id", Value: o.Code}}, o,
			options.Replace().SetUpsert(true)); err != nil {
			return i, fmt.Errorf("upsert OPD %s: %w", o.Code, err)
		}
		put(o)
	}
	return len(opds), nil
}

// OPDs implements karir.Roster.
func (s *ServerStore) OPDs(ctx context.Context) ([]karir.OPD, error) { return s.listOPDs(ctx) }

// OPD implements karir.Roster.
func (s *ServerStore) OPD(ctx context.Context, code string) (*karir.OPD, error) {
	return s.readOPD(ctx, code)
}

// UpsertOPDs writes each agency (core.upsertOPDs).
func (s *ServerStore) UpsertOPDs(ctx context.Context, opds []karir.OPD) (int, error) {
	return s.upsertOPDs(ctx, opds, s.readOPD, func(karir.OPD) {})
}

// OPDs implements karir.Roster, from memory once it is complete.
func (s *EmbeddedStore) OPDs(ctx context.Context) ([]karir.OPD, error) {
	if opds, ok := cachedList(s, func(c *memCache) map[string]karir.OPD { return c.opds }, nil); ok {
		for i := range opds {
			opds[i].Positions, opds[i].Units = slices.Clone(opds[i].Positions), slices.Clone(opds[i].Units)
		}
		sortOPDs(opds)
		return opds, nil
	}
	return s.listOPDs(ctx)
}

// OPD implements karir.Roster, from memory when it can.
func (s *EmbeddedStore) OPD(ctx context.Context, code string) (*karir.OPD, error) {
	s.cache.mu.Lock()
	o, ok := s.cache.opds[code]
	complete := s.cache.complete
	s.cache.mu.Unlock()
	if ok {
		o.Positions, o.Units = slices.Clone(o.Positions), slices.Clone(o.Units)
		return &o, nil
	}
	if complete {
		return nil, fmt.Errorf("load OPD %s: %w", code, karir.ErrNotFound)
	}
	return s.readOPD(ctx, code)
}

// UpsertOPDs writes each agency (core.upsertOPDs) and keeps it in memory.
func (s *EmbeddedStore) UpsertOPDs(ctx context.Context, opds []karir.OPD) (int, error) {
	return s.upsertOPDs(ctx, opds, s.OPD, func(o karir.OPD) {
		s.cache.mu.Lock()
		s.cache.opds[o.Code] = o
		s.cache.mu.Unlock()
	})
}
