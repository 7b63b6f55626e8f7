package store

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"openkarir/flows"
)

const collSubmissions = "submissions"

func submissionIndexes() []mongo.IndexModel {
	return []mongo.IndexModel{{Keys: bson.D{{Key: "round", Value: 1}, {Key: "opd_code", Value: 1}}}}
}

// Submission implements flows.Submissions.
func (s *Store) Submission(ctx context.Context, round, nip string) (*flows.Submission, error) {
	id := flows.SubmissionID(round, nip)
	if s.cache != nil {
		s.cache.mu.Lock()
		cached, ok := s.cache.subs[id]
		s.cache.mu.Unlock()
		if ok {
			return cloneSubmission(cached), nil
		}
	}
	if s.isAbsent("s:" + id) {
		return nil, flows.ErrNotFound
	}
	sub := &flows.Submission{}
	if err := s.loadVersioned(ctx, collSubmissions, id, sub, func() int64 { return sub.Version }); err != nil {
		if errors.Is(err, flows.ErrNotFound) {
			s.setAbsent("s:"+id, true)
		}
		return nil, err
	}
	s.cacheSubmission(*sub)
	return sub, nil
}

func (s *Store) cacheSubmission(sub flows.Submission) {
	if s.cache != nil {
		s.cache.mu.Lock()
		s.cache.subs[sub.ID] = *cloneSubmission(sub)
		s.cache.mu.Unlock()
	}
}

// cloneSubmission copies the slices, so the cache and its callers share none.
func cloneSubmission(s flows.Submission) *flows.Submission {
	s.Milestones = slices.Clone(s.Milestones)
	s.Revisions = slices.Clone(s.Revisions)
	return &s
}

// SaveSubmission implements flows.Submissions.
func (s *Store) SaveSubmission(ctx context.Context, sub *flows.Submission) error {
	next := *sub
	next.ID = flows.SubmissionID(sub.Round, sub.NIP)
	next.Version = sub.Version + 1
	if err := s.saveVersioned(ctx, collSubmissions, next.ID, next.Version, &next); err != nil {
		// The commit may stand without the main document: let the next
		// load read the log again rather than trust the cache.
		s.forget(func(c *memCache) { delete(c.subs, next.ID) })
		return err
	}
	s.cacheSubmission(next)
	s.setAbsent("s:"+next.ID, false)
	sub.ID, sub.Version = next.ID, next.Version
	return nil
}

// ListSubmissions returns the submissions of a round, by NIP.
func (s *Store) ListSubmissions(ctx context.Context, round string) ([]flows.Submission, error) {
	if subs, ok := cachedList(s, func(c *memCache) map[string]flows.Submission { return c.subs },
		func(sub flows.Submission) bool { return sub.Round == round }); ok {
		for i := range subs {
			subs[i] = *cloneSubmission(subs[i])
		}
		return subs, nil
	}
	cur, err := s.db.Collection(collSubmissions).Find(ctx, bson.D{{Key: "round", Value: round}},
		options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		return nil, fmt.Errorf("list submissions of %s: %w", round, err)
	}
	var subs []flows.Submission
	if err := cur.All(ctx, &subs); err != nil {
		return nil, fmt.Errorf("list submissions of %s: %w", round, err)
	}
	return subs, nil
}
