package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

const collOPDs = "opds"

// OPDs implements karir.Roster.
func (s *Store) OPDs(ctx context.Context) ([]karir.OPD, error) {
	if opds, ok := cachedList(s.core, func(c *memCache) map[string]karir.OPD { return c.opds }, nil); ok {
		for i := range opds {
			opds[i].Positions, opds[i].Units = slices.Clone(opds[i].Positions), slices.Clone(opds[i].Units)
		}
		sortOPDs(opds)
		return opds, nil
	}
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

// sortOPDs puts OPDs in the order of the pick lists: by name.
func sortOPDs(opds []karir.OPD) {
	slices.SortFunc(opds, func(a, b karir.OPD) int { return strings.Compare(a.Name, b.Name) })
}

// OPD implements karir.Roster.
func (s *Store) OPD(ctx context.Context, code string) (*karir.OPD, error) {
	if s.cache != nil {
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
	}
	var o karir.OPD
	if err := s.db.Collection(collOPDs).FindOne(ctx, bson.D{{Key: "_id", Value: code}}).Decode(&o); err != nil {
		return nil, fmt.Errorf("load OPD %s: %w", code, notFound(err))
	}
	return &o, nil
}

// UpsertOPDs writes each agency's name and adds its positions to the ones
// stored (a roster of one OPD's staff does not remove another's posts). It
// returns how many it wrote, also when it fails.
func (s *Store) UpsertOPDs(ctx context.Context, opds []karir.OPD) (int, error) {
	for i, o := range opds {
		positions, units := slices.Clone(o.Positions), slices.Clone(o.Units)
		old, err := s.OPD(ctx, o.Code)
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
		if s.cache != nil {
			s.cache.mu.Lock()
			s.cache.opds[o.Code] = o
			s.cache.mu.Unlock()
		}
	}
	return len(opds), nil
}
