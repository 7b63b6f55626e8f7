package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// A pending message is the one record of what is still to be sent: the
// sender's queue is a schedule read from it, and every try is claimed in
// it first. A claim counts the tries begun (claims) and holds the message
// until claimed_until, so a second try of it (a stale copy in a sender's
// queue, another process after a lease handover) is refused while one is
// under way. A retry is written back into the message (attempts,
// not_before) with the claim dropped; a final state moves the message to
// the outcomes (FinishOutgoing). A message with claims > 0 may have been
// delivered, so only those are looked up among the outcomes when the
// pending messages are read (a crash between recording the outcome and
// dropping the message).

// newInstance names one opening of a store, in the claims it makes.
func newInstance() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// ClaimOutgoing implements karir.Outbox. Of two claimers that read the
// same count of claims, one updates: the count is compared and set.
func (s *ServerStore) ClaimOutgoing(ctx context.Context, key string, now time.Time, ttl time.Duration) (*karir.Outgoing, bool, error) {
	d, m, ok, err := s.readClaimable(ctx, key, now, func(d *outgoingDoc) bool { return d.ClaimedUntil.After(now) })
	if !ok || err != nil {
		return m, false, err
	}
	filter := bson.D{{Key: "_id", Value: key}, {Key: "claims", Value: d.Claims}}
	if d.Claims == 0 {
		filter[1].Value = bson.D{{Key: "$in", Value: bson.A{0, nil}}} // nil: never claimed, or stored before claims
	}
	return s.setClaim(ctx, filter, d, m, now, ttl)
}

// readClaimable reads the pending message key and tells whether a claim
// may take it (ok): not when it is pending no more (m is nil), not due, or
// held by another try (m's NotBefore says till when).
func (s *core) readClaimable(ctx context.Context, key string, now time.Time, held func(*outgoingDoc) bool) (*outgoingDoc, *karir.Outgoing, bool, error) {
	var d outgoingDoc
	err := s.db.Collection(collOutbox).FindOne(ctx, bson.D{{Key: "_id", Value: key}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, nil, false, nil
	}
	if err != nil {
		return nil, nil, false, fmt.Errorf("claim message %s: %w", key, err)
	}
	m := fromDoc(d)
	if m.NotBefore.After(now) {
		return &d, &m, false, nil
	}
	if held(&d) {
		m.NotBefore = d.ClaimedUntil
		return &d, &m, false, nil
	}
	return &d, &m, true, nil
}

// setClaim claims d for a try of ttl where filter matches it.
func (s *core) setClaim(ctx context.Context, filter bson.D, d *outgoingDoc, m *karir.Outgoing, now time.Time, ttl time.Duration) (*karir.Outgoing, bool, error) {
	res, err := s.db.Collection(collOutbox).UpdateOne(ctx, filter, bson.D{{Key: "$set", Value: bson.D{
		{Key: "claims", Value: d.Claims + 1}, {Key: "claimed_until", Value: now.Add(ttl)}, {Key: "claimed_by", Value: s.instance}}}})
	if err != nil {
		return nil, false, fmt.Errorf("claim message %s: %w", m.Key, err)
	}
	if res.MatchedCount == 0 {
		// Claimed by another meanwhile, or finished.
		m.NotBefore = now.Add(ttl)
		return m, false, nil
	}
	return m, true, nil
}

// retryOutgoing writes a try that will be repeated into the message and
// drops its claim.
func (s *Store) retryOutgoing(ctx context.Context, m karir.Outgoing) error {
	_, err := s.db.Collection(collOutbox).UpdateOne(ctx, bson.D{{Key: "_id", Value: m.Key}}, bson.D{
		{Key: "$set", Value: bson.D{{Key: "attempts", Value: m.Attempts}, {Key: "not_before", Value: m.NotBefore},
			{Key: "last_error", Value: m.LastError}}},
		{Key: "$unset", Value: bson.D{{Key: "claimed_until", Value: ""}, {Key: "claimed_by", Value: ""}}},
	})
	if err != nil {
		return fmt.Errorf("record a retry of message %s: %w", m.Key, err)
	}
	return nil
}

// dropDelivered leaves out of docs the messages whose outcome is recorded,
// deleting them from the pending ones. Only a message claimed before can
// have one.
func (s *Store) dropDelivered(ctx context.Context, docs []outgoingDoc) ([]outgoingDoc, error) {
	out := docs[:0]
	for _, d := range docs {
		if d.Claims > 0 {
			done, err := s.finished(ctx, d.Key)
			if err != nil {
				return nil, err
			}
			if done != nil {
				if _, err := s.db.Collection(collOutbox).DeleteOne(ctx, bson.D{{Key: "_id", Value: d.Key}}); err != nil {
					return nil, fmt.Errorf("drop a delivered message: %w", err)
				}
				continue
			}
		}
		out = append(out, d)
	}
	return out, nil
}
