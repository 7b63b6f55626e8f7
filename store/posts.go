package store

import (
	"context"
	"errors"
	"fmt"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// collPosts is the peta jabatan: one document per OPD (_id its code) with
// its posts, so a form's pick list is one _id lookup (the one filter
// FerretDB serves from an index) and an import replaces an OPD's posts in
// one single-document write. DESIGN.md planned a document per post; a
// city's OPD has tens to a few hundred posts, well within a document.
const collPosts = "posts"

var _ karir.PostStore = (*Store)(nil)

// PostMap implements karir.PostStore.
// Every pick list of posts asks it: the embedded store answers from memory
// (hot.go).
func (s *Store) PostMap(ctx context.Context, opd string) (*karir.PostMap, error) {
	if m, known := s.hot.postMaps.get(opd); known {
		if m == nil {
			return nil, fmt.Errorf("load peta jabatan of %s: %w", opd, karir.ErrNotFound)
		}
		return m, nil
	}
	gen := s.hot.postMaps.begin()
	var m karir.PostMap
	if err := s.db.Collection(collPosts).FindOne(ctx, bson.D{{Key: "_id", Value: opd}}).Decode(&m); err != nil {
		if errors.Is(err, mongo.ErrNoDocuments) {
			s.hot.postMaps.loaded(gen, opd, nil)
		}
		return nil, fmt.Errorf("load peta jabatan of %s: %w", opd, notFound(err))
	}
	s.hot.postMaps.loaded(gen, opd, &m)
	return &m, nil
}

// PostMaps implements karir.PostStore: every OPD's, by code.
func (s *Store) PostMaps(ctx context.Context) ([]karir.PostMap, error) {
	cur, err := s.db.Collection(collPosts).Find(ctx, bson.D{}, options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		return nil, fmt.Errorf("list peta jabatan: %w", err)
	}
	var maps []karir.PostMap
	if err := cur.All(ctx, &maps); err != nil {
		return nil, fmt.Errorf("list peta jabatan: %w", err)
	}
	return maps, nil
}

// SavePostMaps implements karir.PostStore: one replace by _id per OPD.
func (s *Store) SavePostMaps(ctx context.Context, maps []karir.PostMap) (int, error) {
	for i, m := range maps {
		if _, err := s.db.Collection(collPosts).ReplaceOne(ctx, bson.D{{Key: "_id", Value: m.OPDCode}}, m,
			options.Replace().SetUpsert(true)); err != nil {
			s.hot.postMaps.forget(m.OPDCode)
			return i, fmt.Errorf("save peta jabatan of %s: %w", m.OPDCode, err)
		}
		s.hot.postMaps.saved(m.OPDCode, &m)
	}
	return len(maps), nil
}
