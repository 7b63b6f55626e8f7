package store

import (
	"context"
	"fmt"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

var _ karir.CodeStore = (*Store)(nil)

// setActivationHashes sets only the activation_hash of existing employees
// (by _id, the one filter FerretDB serves from an index), in bulk writes of
// at most updateBatch, telling wrote of each batch written.
func (s *core) setActivationHashes(ctx context.Context, hashes []karir.CodeHash, wrote func([]karir.CodeHash)) (written int, err error) {
	for start := 0; start < len(hashes); start += updateBatch {
		batch := hashes[start:min(start+updateBatch, len(hashes))]
		models := make([]mongo.WriteModel, len(batch))
		for i, h := range batch {
			models[i] = mongo.NewUpdateOneModel().SetFilter(bson.D{{Key: "_id", Value: h.NIP}}).
				SetUpdate(bson.D{{Key: "$set", Value: bson.D{{Key: "activation_hash", Value: h.Hash}}}})
		}
		if _, err := s.db.Collection(collEmployees).BulkWrite(ctx, models, options.BulkWrite().SetOrdered(false)); err != nil {
			return written, fmt.Errorf("set activation hashes: %w", err)
		}
		wrote(batch)
		written += len(batch)
	}
	return written, nil
}

// SetActivationHashes implements karir.CodeStore (core.setActivationHashes).
func (s *ServerStore) SetActivationHashes(ctx context.Context, hashes []karir.CodeHash) (int, error) {
	return s.setActivationHashes(ctx, hashes, func([]karir.CodeHash) {})
}

// SetActivationHashes implements karir.CodeStore (core.setActivationHashes),
// and keeps the hashes in memory.
func (s *EmbeddedStore) SetActivationHashes(ctx context.Context, hashes []karir.CodeHash) (written int, err error) {
	defer func() {
		if err != nil {
			// Part of the failed write may have landed.
			s.cache.mu.Lock()
			s.cache.empsUnsure = true
			s.cache.mu.Unlock()
		}
	}()
	return s.setActivationHashes(ctx, hashes, func(batch []karir.CodeHash) {
		s.cache.mu.Lock()
		for _, h := range batch {
			if e, ok := s.cache.emps[h.NIP]; ok {
				e.ActivationHash = h.Hash
				s.cache.emps[h.NIP] = e
			}
		}
		s.cache.mu.Unlock()
	})
}
