package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

const collSubmissions = "submissions"

func submissionIndexes() []mongo.IndexModel {
	return []mongo.IndexModel{
		{Keys: bson.D{{Key: "round", Value: 1}, {Key: "opd_code", Value: 1}}},
		// The review queue and /tinjau OK-XXXXXX on MongoDB proper.
		{Keys: bson.D{{Key: "round", Value: 1}, {Key: "stage", Value: 1}}},
		{Keys: bson.D{{Key: "ref", Value: 1}}},
	}
}

// Submission implements karir.Submissions.
func (s *Store) Submission(ctx context.Context, round, nip string) (*karir.Submission, error) {
	sub, err := s.submission(ctx, round, nip)
	if sub != nil {
		sub.LoadedAt = s.now()
	}
	return sub, err
}

func (s *Store) submission(ctx context.Context, round, nip string) (*karir.Submission, error) {
	id := karir.SubmissionID(round, nip)
	key := "s:" + id
	if s.fresh(key) {
		s.cache.mu.Lock()
		cached, ok := s.cache.subs[id]
		s.cache.mu.Unlock()
		if ok {
			return cloneSubmission(cached), nil
		}
		if s.isAbsent(key) {
			return nil, karir.ErrNotFound
		}
	}
	sub := &karir.Submission{}
	if err := s.loadVersioned(ctx, collSubmissions, id, sub, func() int64 { return sub.Version }); err != nil {
		if errors.Is(err, karir.ErrNotFound) {
			s.clearStale(key)
		}
		return nil, err
	}
	s.cacheSubmission(*sub)
	s.clearStale(key)
	return sub, nil
}

// cacheSubmission keeps sub unless the cache already holds a newer version.
func (s *Store) cacheSubmission(sub karir.Submission) {
	if s.cache == nil {
		return
	}
	s.cache.mu.Lock()
	if old, ok := s.cache.subs[sub.ID]; !ok || old.Version < sub.Version {
		sub.LoadedAt = time.Time{}
		s.cache.subs[sub.ID] = *cloneSubmission(sub)
	}
	s.cache.subIDs[sub.ID] = true
	s.cache.mu.Unlock()
}

// cloneSubmission copies the slices, so the cache and its callers share none.
func cloneSubmission(s karir.Submission) *karir.Submission {
	s.Milestones = slices.Clone(s.Milestones)
	s.Revisions = slices.Clone(s.Revisions)
	s.Undone = slices.Clone(s.Undone)
	return &s
}

// SaveSubmission implements karir.Submissions. A version loaded more than
// maxHold ago is refused as a conflict (versioned.go).
func (s *Store) SaveSubmission(ctx context.Context, sub *karir.Submission) error {
	if sub.Version > 0 {
		if err := s.checkHold(sub.LoadedAt); err != nil {
			return err
		}
	}
	next := *sub
	next.LoadedAt = time.Time{}
	next.ID = karir.SubmissionID(sub.Round, sub.NIP)
	next.Version = sub.Version + 1
	if err := s.saveVersioned(ctx, collSubmissions, next.ID, next.Version, &next); err != nil {
		// Another writer's commit, or this one without its main document,
		// may stand: the next load reads the log rather than the cache.
		s.markStale("s:" + next.ID)
		return err
	}
	s.cacheSubmission(next)
	sub.ID, sub.Version, sub.LoadedAt = next.ID, next.Version, s.now()
	return nil
}

// ListSubmissions returns the submissions of a round, by NIP.
func (s *Store) ListSubmissions(ctx context.Context, round string) ([]karir.Submission, error) {
	if subs, ok := cachedList(s.core, func(c *memCache) map[string]karir.Submission { return c.subs },
		func(sub karir.Submission) bool { return sub.Round == round }); ok {
		for i := range subs {
			subs[i] = *cloneSubmission(subs[i])
		}
		return s.handOut(subs), nil
	}
	cur, err := s.db.Collection(collSubmissions).Find(ctx, bson.D{{Key: "round", Value: round}},
		options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		return nil, fmt.Errorf("list submissions of %s: %w", round, err)
	}
	var subs []karir.Submission
	if err := cur.All(ctx, &subs); err != nil {
		return nil, fmt.Errorf("list submissions of %s: %w", round, err)
	}
	return s.handOut(subs), nil
}

var _ karir.ReviewQueue = (*Store)(nil)

// SubmissionsAt implements karir.ReviewQueue. The embedded store answers
// from memory: a FerretDB filter that is not by _id reads the whole table.
func (s *Store) SubmissionsAt(ctx context.Context, round string, steps []karir.Step) ([]karir.Submission, error) {
	if subs, ok := cachedList(s.core, func(c *memCache) map[string]karir.Submission { return c.subs },
		func(sub karir.Submission) bool { return sub.Round == round && slices.Contains(steps, sub.Stage) }); ok {
		for i := range subs {
			subs[i] = *cloneSubmission(subs[i])
		}
		return s.handOut(subs), nil
	}
	return s.findSubmissions(ctx, bson.D{{Key: "round", Value: round}, {Key: "stage", Value: bson.D{{Key: "$in", Value: steps}}}})
}

// SubmissionByRef implements karir.ReviewQueue.
func (s *Store) SubmissionByRef(ctx context.Context, round, ref string) (*karir.Submission, error) {
	if subs, ok := cachedList(s.core, func(c *memCache) map[string]karir.Submission { return c.subs },
		func(sub karir.Submission) bool { return sub.Round == round && sub.Ref == ref }); ok {
		if len(subs) == 0 {
			return nil, karir.ErrNotFound
		}
		return &s.handOut([]karir.Submission{*cloneSubmission(subs[0])})[0], nil
	}
	subs, err := s.findSubmissions(ctx, bson.D{{Key: "round", Value: round}, {Key: "ref", Value: ref}})
	if err != nil {
		return nil, err
	}
	if len(subs) == 0 {
		return nil, karir.ErrNotFound
	}
	// The main document may be behind its commit log: load it properly.
	return s.Submission(ctx, round, subs[0].NIP)
}

func (s *Store) findSubmissions(ctx context.Context, filter bson.D) ([]karir.Submission, error) {
	cur, err := s.db.Collection(collSubmissions).Find(ctx, filter, options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		return nil, fmt.Errorf("find submissions: %w", err)
	}
	var subs []karir.Submission
	if err := cur.All(ctx, &subs); err != nil {
		return nil, fmt.Errorf("find submissions: %w", err)
	}
	return s.handOut(subs), nil
}

// handOut stamps the time the store handed the submissions out: a save of
// one is checked against it (see maxHold).
func (s *Store) handOut(subs []karir.Submission) []karir.Submission {
	now := s.now()
	for i := range subs {
		subs[i].LoadedAt = now
	}
	return subs
}
