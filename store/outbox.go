package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// The outbox keeps what is still to be sent apart from what was:
//   - outbox_pending holds the messages not yet delivered, and only them,
//     so the sender's scan costs what is pending, not the bot's history.
//     A message is one insert when queued and one delete when done.
//   - outbox_keys_<n> remember every key queued (a reminder's, a notice's),
//     so a key queued again is refused after its message went out. The
//     longest a key is queued again is a month: the monthly check-in
//     reminder is queued every day of its month. Generations of 35 days
//     (outboxPeriod) are written two at a time, the current one and the one
//     before, and dropped when older than that: two queuings of a key up to
//     35 days apart always meet in one of them.
//   - outbox_done_<n> hold the outcomes, for 35 to 70 days.
//   - outbox_intent_<time>_<token> holds, for the moment of queuing, what
//     is being queued: a crash between remembering the keys and storing
//     the messages is repaired from it (recoverIntents). It is a collection
//     of its own, dropped when the queuing is done: deleting one large
//     document costs FerretDB a decoding of it (83 ms for 200 messages
//     measured), dropping a collection does not.
//
// FerretDB runs an update as read-then-write (5-20 ms per update measured
// on 2,000 documents before the _id index, against under 1 ms per insert),
// so nothing here is updated: inserts, and deletes by _id.
const (
	collOutbox    = "outbox_pending"
	intentsPrefix = "outbox_intent_"

	outboxPeriod = 35 * 24 * time.Hour
	// enqueueChunk bounds the messages one queuing writes at a time.
	enqueueChunk = 2000
	// intentGrace is how old an intent is before it is taken for a crash's
	// and repaired: a queuing under way takes three operations of at most
	// 15 s each.
	intentGrace = 2 * time.Minute
)

var (
	outboxKeyGens  = generations{prefix: "outbox_keys", period: outboxPeriod}
	outboxDoneGens = generations{prefix: "outbox_done", period: outboxPeriod}
)

var _ karir.Outbox = (*Store)(nil)

// outgoingDoc is karir.Outgoing as stored. FerretDB refuses nested arrays,
// so the keyboard's rows are stored as documents that hold the buttons:
// "reply.buttons" is [{row: [...]}, ...]. karir.Outgoing.Reply and
// karir.Reply.Buttons are not stored as they are (bson:"-"), so each key
// here has one field: the struct codec drops none by Go's inlining rules
// (which it did before, the outer field winning), and a strict encoder
// (ErrorOnInlineDuplicates) takes the row too. The documents are as they
// were, so rows stored before, and a process of an earlier build beside
// this one, read the same.
type outgoingDoc struct {
	karir.Outgoing `bson:",inline"`
	Reply          replyDoc `bson:"reply"`
	// The tries claimed so far, and the current one's end and store
	// (outbox_claim.go).
	Claims       int64     `bson:"claims,omitempty"`
	ClaimedUntil time.Time `bson:"claimed_until,omitempty"`
	ClaimedBy    string    `bson:"claimed_by,omitempty"`
}

type replyDoc struct {
	karir.Reply `bson:",inline"`
	Buttons     []buttonRow `bson:"buttons,omitempty"`
}

type buttonRow struct {
	Buttons []karir.Button `bson:"row"`
}

func toDoc(m karir.Outgoing) outgoingDoc {
	d := outgoingDoc{Outgoing: m, Reply: replyDoc{Reply: m.Reply}}
	for _, row := range m.Reply.Buttons {
		d.Reply.Buttons = append(d.Reply.Buttons, buttonRow{Buttons: row})
	}
	return d
}

func fromDoc(d outgoingDoc) karir.Outgoing {
	m := d.Outgoing
	m.Reply = d.Reply.Reply
	m.Reply.Buttons = nil
	for _, row := range d.Reply.Buttons {
		m.Reply.Buttons = append(m.Reply.Buttons, row.Buttons)
	}
	return m
}

// keyDoc remembers a queued key; token names the queuing that stored it.
type keyDoc struct {
	Key   string    `bson:"_id"`
	Token string    `bson:"token"`
	At    time.Time `bson:"at"`
}

// intentName names the collection of one queuing's intent.
func intentName(at time.Time, token string) string {
	return fmt.Sprintf("%s%d_%s", intentsPrefix, at.UnixNano(), token)
}

// parseIntent reads an intent collection's name.
func parseIntent(name string) (at time.Time, token string, ok bool) {
	rest, ok := strings.CutPrefix(name, intentsPrefix)
	nanos, token, ok2 := strings.Cut(rest, "_")
	n, err := strconv.ParseInt(nanos, 10, 64)
	if !ok || !ok2 || err != nil {
		return time.Time{}, "", false
	}
	return time.Unix(0, n), token, true
}

// doneRecord is the final state of a message.
type doneRecord struct {
	Key       string    `bson:"_id"`
	ChatID    int64     `bson:"chat_id"`
	Batch     string    `bson:"batch,omitempty"`
	Status    string    `bson:"status"`
	Attempts  int       `bson:"attempts"`
	SentAt    time.Time `bson:"sent_at,omitempty"`
	LastError string    `bson:"last_error,omitempty"`
}

// keyTargets are the generations a key queued at t is remembered in,
// oldest first.
func keyTargets(t time.Time) []string {
	n := outboxKeyGens.at(t)
	return []string{outboxKeyGens.name(n - 1), outboxKeyGens.name(n)}
}

// doneLogs are the generations an outcome may be in, newest first.
func doneLogs(t time.Time) []string {
	n := outboxDoneGens.at(t)
	return []string{outboxDoneGens.name(n), outboxDoneGens.name(n - 1)}
}

// Enqueue implements karir.Outbox: a key queued before (and remembered,
// see outboxPeriod) is not queued again.
func (s *Store) Enqueue(ctx context.Context, now time.Time, batch string, notices []karir.Notice) ([]karir.Outgoing, error) {
	var fresh []karir.Outgoing
	for start := 0; start < len(notices); start += enqueueChunk {
		part := notices[start:min(start+enqueueChunk, len(notices))]
		msgs := make([]karir.Outgoing, len(part))
		for i, n := range part {
			msgs[i] = karir.Outgoing{Key: n.Key, ChatID: n.ChatID, Reply: n.Reply, Batch: batch,
				Status: karir.OutPending, NotBefore: now, CreatedAt: now}
			if n.NotBefore.After(now) {
				msgs[i].NotBefore = n.NotBefore
			}
		}
		f, err := s.enqueue(ctx, now, msgs)
		fresh = append(fresh, f...)
		if err != nil {
			return fresh, fmt.Errorf("enqueue %d messages: %w", len(notices), err)
		}
	}
	return fresh, nil
}

// enqueue stores the intent, remembers the keys (those remembered before
// are repeats), stores the new messages as pending, and drops the intent.
func (s *Store) enqueue(ctx context.Context, now time.Time, msgs []karir.Outgoing) ([]karir.Outgoing, error) {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	token := hex.EncodeToString(b)
	// Named by the store's clock, which judges its age (recoverIntents):
	// a caller's clock may be another (a test's, moved by days).
	intent := s.db.Collection(intentName(s.now(), token))
	docs := make([]any, len(msgs))
	keys := make([]any, len(msgs))
	for i, m := range msgs {
		docs[i] = toDoc(m)
		keys[i] = keyDoc{Key: m.Key, Token: token, At: now}
	}
	// Two messages of one key in one queuing: the second is a repeat.
	if _, err := insertKnown(ctx, intent, docs); err != nil {
		return nil, fmt.Errorf("store the intent: %w", err)
	}
	known, err := s.remember(ctx, now, keys)
	if err != nil {
		return nil, err
	}
	var fresh []karir.Outgoing
	var pending []any
	for i, m := range msgs {
		if !known[i] {
			fresh = append(fresh, m)
			pending = append(pending, docs[i])
		}
	}
	if _, err := insertKnown(ctx, s.db.Collection(collOutbox), pending); err != nil {
		return nil, fmt.Errorf("store pending messages: %w", err)
	}
	if err := intent.Drop(ctx); err != nil {
		return fresh, fmt.Errorf("drop the intent: %w", err)
	}
	return fresh, nil
}

// remember inserts key documents into the generations of now; it returns
// which of them were there before.
func (s *Store) remember(ctx context.Context, now time.Time, keys []any) (map[int]bool, error) {
	known := map[int]bool{}
	for _, name := range keyTargets(now) {
		if err := s.ensureCollection(ctx, name); err != nil {
			return nil, err
		}
		var todo []any
		var at []int
		for i, k := range keys {
			if !known[i] {
				todo, at = append(todo, k), append(at, i)
			}
		}
		dup, err := insertKnown(ctx, s.db.Collection(name), todo)
		if err != nil {
			return nil, fmt.Errorf("remember the keys: %w", err)
		}
		for j := range dup {
			known[at[j]] = true
		}
	}
	return known, nil
}

// insertKnown inserts docs, unordered, and returns which of them were
// there already (a duplicate _id).
func insertKnown(ctx context.Context, coll *mongo.Collection, docs []any) (map[int]bool, error) {
	if len(docs) == 0 {
		return nil, nil
	}
	_, err := coll.InsertMany(ctx, docs, options.InsertMany().SetOrdered(false))
	if err == nil {
		return nil, nil
	}
	var bulk mongo.BulkWriteException
	if !errors.As(err, &bulk) || bulk.WriteConcernError != nil {
		return nil, err
	}
	dup := map[int]bool{}
	for _, we := range bulk.WriteErrors {
		if !mongo.IsDuplicateKeyError(we) {
			return nil, err
		}
		dup[we.Index] = true
	}
	return dup, nil
}

// PendingOutgoing implements karir.Outbox. It reads what is pending and
// nothing else; a message claimed before is checked against the outcomes
// (a crash between recording one and dropping the message leaves it
// behind).
func (s *Store) PendingOutgoing(ctx context.Context) ([]karir.Outgoing, error) {
	if err := s.recoverIntents(ctx); err != nil {
		return nil, err
	}
	cur, err := s.db.Collection(collOutbox).Find(ctx, bson.D{})
	if err != nil {
		return nil, fmt.Errorf("list pending messages: %w", err)
	}
	var docs []outgoingDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("list pending messages: %w", err)
	}
	if docs, err = s.dropDelivered(ctx, docs); err != nil {
		return nil, err
	}
	msgs := make([]karir.Outgoing, 0, len(docs))
	for _, d := range docs {
		msgs = append(msgs, fromDoc(d))
	}
	slices.SortStableFunc(msgs, func(a, b karir.Outgoing) int { return a.NotBefore.Compare(b.NotBefore) })
	return msgs, nil
}

// recoverIntents finishes the queuings a crash interrupted: a message whose
// key is remembered by its own queuing (or not at all) becomes pending; one
// whose key another queuing stored is a repeat.
func (s *Store) recoverIntents(ctx context.Context) error {
	names, err := s.db.ListCollectionNames(ctx, bson.D{})
	if err != nil {
		return fmt.Errorf("list queuing intents: %w", err)
	}
	for _, name := range names {
		at, token, ok := parseIntent(name)
		if !ok || s.now().Sub(at) < intentGrace {
			continue // a queuing under way
		}
		var msgs []outgoingDoc
		cur, err := s.db.Collection(name).Find(ctx, bson.D{})
		if err == nil {
			err = cur.All(ctx, &msgs)
		}
		if err != nil {
			return fmt.Errorf("read queuing intent %s: %w", name, err)
		}
		// The keys were remembered by the queuing's own clock.
		if len(msgs) > 0 && !msgs[0].CreatedAt.IsZero() {
			at = msgs[0].CreatedAt
		}
		var docs, keys []any
		for _, d := range msgs {
			mine := true
			for _, gen := range keyTargets(at) {
				var k keyDoc
				err := s.db.Collection(gen).FindOne(ctx, bson.D{{Key: "_id", Value: d.Key}}).Decode(&k)
				if err == nil && k.Token != token {
					mine = false
				} else if err != nil && !errors.Is(err, mongo.ErrNoDocuments) {
					return fmt.Errorf("recover queued key %s: %w", d.Key, err)
				}
			}
			if mine {
				docs = append(docs, d)
				keys = append(keys, keyDoc{Key: d.Key, Token: token, At: at})
			}
		}
		if _, err := s.remember(ctx, at, keys); err != nil {
			return err
		}
		if _, err := insertKnown(ctx, s.db.Collection(collOutbox), docs); err != nil {
			return fmt.Errorf("recover pending messages: %w", err)
		}
		if err := s.db.Collection(name).Drop(ctx); err != nil {
			return fmt.Errorf("drop a recovered intent: %w", err)
		}
	}
	return nil
}

// finished returns the outcome recorded for key, or nil.
func (s *Store) finished(ctx context.Context, key string) (*doneRecord, error) {
	for _, name := range doneLogs(s.now()) {
		var rec doneRecord
		err := s.db.Collection(name).FindOne(ctx, bson.D{{Key: "_id", Value: key}}).Decode(&rec)
		if err == nil {
			return &rec, nil
		}
		if !errors.Is(err, mongo.ErrNoDocuments) {
			return nil, fmt.Errorf("load the outcome of %s: %w", key, err)
		}
	}
	return nil, nil
}

// FinishOutgoing implements karir.Outbox. A pending state (a retry) is
// written into the message, which is claimable again at its NotBefore; a
// final state recorded before is kept as it was. The outcome is stored
// before the message leaves the pending ones.
func (s *Store) FinishOutgoing(ctx context.Context, m karir.Outgoing) error {
	if m.Status == karir.OutPending {
		return s.retryOutgoing(ctx, m)
	}
	name := outboxDoneGens.name(outboxDoneGens.at(s.now()))
	if err := s.ensureCollection(ctx, name); err != nil {
		return err
	}
	rec := doneRecord{Key: m.Key, ChatID: m.ChatID, Batch: m.Batch, Status: m.Status, Attempts: m.Attempts, SentAt: m.SentAt, LastError: m.LastError}
	if _, err := s.db.Collection(name).InsertOne(ctx, rec); err != nil && !mongo.IsDuplicateKeyError(err) {
		return fmt.Errorf("finish message %s: %w", m.Key, err)
	}
	if _, err := s.db.Collection(collOutbox).DeleteOne(ctx, bson.D{{Key: "_id", Value: m.Key}}); err != nil {
		return fmt.Errorf("finish message %s: %w", m.Key, err)
	}
	return nil
}

// Outgoing returns one message by key: pending, or its outcome (without
// its text, which goes when it is delivered).
func (s *Store) Outgoing(ctx context.Context, key string) (*karir.Outgoing, error) {
	var d outgoingDoc
	err := s.db.Collection(collOutbox).FindOne(ctx, bson.D{{Key: "_id", Value: key}}).Decode(&d)
	if err == nil {
		m := fromDoc(d)
		return &m, nil
	}
	if !errors.Is(err, mongo.ErrNoDocuments) {
		return nil, fmt.Errorf("load message %s: %w", key, err)
	}
	rec, err := s.finished(ctx, key)
	if err != nil {
		return nil, err
	}
	if rec == nil {
		return nil, fmt.Errorf("load message %s: %w", key, karir.ErrNotFound)
	}
	return &karir.Outgoing{Key: key, ChatID: rec.ChatID, Batch: rec.Batch, Status: rec.Status,
		Attempts: rec.Attempts, SentAt: rec.SentAt, LastError: rec.LastError}, nil
}
