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

// cloneSubmission copies the slices, so the cache and its callers share none.
func cloneSubmission(s karir.Submission) *karir.Submission {
	s.Milestones = slices.Clone(s.Milestones)
	s.Revisions = slices.Clone(s.Revisions)
	s.Undone = slices.Clone(s.Undone)
	return &s
}

// nextSubmission is what a save of sub stores: its next version. A version
// loaded more than maxHold ago is refused as a conflict (versioned.go).
func (s *core) nextSubmission(sub *karir.Submission) (karir.Submission, error) {
	if sub.Version > 0 {
		if err := s.checkHold(sub.LoadedAt); err != nil {
			return karir.Submission{}, err
		}
	}
	next := *sub
	next.LoadedAt = time.Time{}
	next.ID = karir.SubmissionID(sub.Round, sub.NIP)
	next.Version = sub.Version + 1
	return next, nil
}

func (s *core) listSubmissions(ctx context.Context, round string) ([]karir.Submission, error) {
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

func (s *core) submissionsAt(ctx context.Context, round string, steps []karir.Step) ([]karir.Submission, error) {
	return s.findSubmissions(ctx, bson.D{{Key: "round", Value: round}, {Key: "stage", Value: bson.D{{Key: "$in", Value: steps}}}})
}

var _ karir.ReviewQueue = (*Store)(nil)

// Submission implements karir.Submissions.
func (s *ServerStore) Submission(ctx context.Context, round, nip string) (*karir.Submission, error) {
	sub := &karir.Submission{}
	if err := s.loadVersioned(ctx, collSubmissions, karir.SubmissionID(round, nip), sub, nil); err != nil {
		return nil, err
	}
	sub.LoadedAt = s.now()
	return sub, nil
}

// SaveSubmission implements karir.Submissions.
func (s *ServerStore) SaveSubmission(ctx context.Context, sub *karir.Submission) error {
	next, err := s.nextSubmission(sub)
	if err != nil {
		return err
	}
	if err := s.saveVersioned(ctx, collSubmissions, next.ID, next.Version, &next); err != nil {
		return err
	}
	sub.ID, sub.Version, sub.LoadedAt = next.ID, next.Version, s.now()
	return nil
}

// ListSubmissions returns the submissions of a round, by NIP.
func (s *ServerStore) ListSubmissions(ctx context.Context, round string) ([]karir.Submission, error) {
	return s.listSubmissions(ctx, round)
}

// SubmissionsAt implements karir.ReviewQueue.
func (s *ServerStore) SubmissionsAt(ctx context.Context, round string, steps []karir.Step) ([]karir.Submission, error) {
	return s.submissionsAt(ctx, round, steps)
}

// SubmissionByRef implements karir.ReviewQueue.
func (s *ServerStore) SubmissionByRef(ctx context.Context, round, ref string) (*karir.Submission, error) {
	subs, err := s.findSubmissions(ctx, bson.D{{Key: "round", Value: round}, {Key: "ref", Value: ref}})
	if err != nil {
		return nil, err
	}
	if len(subs) == 0 {
		return nil, karir.ErrNotFound
	}
	return &subs[0], nil
}

// Submission implements karir.Submissions, from memory when it can.
func (s *EmbeddedStore) Submission(ctx context.Context, round, nip string) (*karir.Submission, error) {
	sub, err := s.submission(ctx, round, nip)
	if sub != nil {
		sub.LoadedAt = s.now()
	}
	return sub, err
}

func (s *EmbeddedStore) submission(ctx context.Context, round, nip string) (*karir.Submission, error) {
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
func (s *EmbeddedStore) cacheSubmission(sub karir.Submission) {
	s.cache.mu.Lock()
	if old, ok := s.cache.subs[sub.ID]; !ok || old.Version < sub.Version {
		sub.LoadedAt = time.Time{}
		s.cache.subs[sub.ID] = *cloneSubmission(sub)
	}
	s.cache.subIDs[sub.ID] = true
	s.cache.mu.Unlock()
}

// SaveSubmission implements karir.Submissions.
func (s *EmbeddedStore) SaveSubmission(ctx context.Context, sub *karir.Submission) error {
	next, err := s.nextSubmission(sub)
	if err != nil {
		return err
	}
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

// cachedSubmissions are the submissions of a complete cache that keep
// holds, handed out; ok is false when the cache is not complete.
func (s *EmbeddedStore) cachedSubmissions(keep func(karir.Submission) bool) ([]karir.Submission, bool) {
	subs, ok := cachedList(s, func(c *memCache) map[string]karir.Submission { return c.subs }, keep)
	if !ok {
		return nil, false
	}
	for i := range subs {
		subs[i] = *cloneSubmission(subs[i])
	}
	return s.handOut(subs), true
}

// ListSubmissions returns the submissions of a round, by NIP.
func (s *EmbeddedStore) ListSubmissions(ctx context.Context, round string) ([]karir.Submission, error) {
	if subs, ok := s.cachedSubmissions(func(sub karir.Submission) bool { return sub.Round == round }); ok {
		return subs, nil
	}
	return s.listSubmissions(ctx, round)
}

// SubmissionsAt implements karir.ReviewQueue from memory: a FerretDB
// filter that is not by _id reads the whole table.
func (s *EmbeddedStore) SubmissionsAt(ctx context.Context, round string, steps []karir.Step) ([]karir.Submission, error) {
	if subs, ok := s.cachedSubmissions(func(sub karir.Submission) bool {
		return sub.Round == round && slices.Contains(steps, sub.Stage)
	}); ok {
		return subs, nil
	}
	return s.submissionsAt(ctx, round, steps)
}

// SubmissionByRef implements karir.ReviewQueue.
func (s *EmbeddedStore) SubmissionByRef(ctx context.Context, round, ref string) (*karir.Submission, error) {
	if subs, ok := s.cachedSubmissions(func(sub karir.Submission) bool { return sub.Round == round && sub.Ref == ref }); ok {
		if len(subs) == 0 {
			return nil, karir.ErrNotFound
		}
		return &subs[0], nil
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

func (s *core) findSubmissions(ctx context.Context, filter bson.D) ([]karir.Submission, error) {
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
func (s *core) handOut(subs []karir.Submission) []karir.Submission {
	now := s.now()
	for i := range subs {
		subs[i].LoadedAt = now
	}
	return subs
}
