package store

import (
	"context"
	"errors"
	"fmt"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// maxCommitBatch bounds how many commits one insert carries.
const maxCommitBatch = 256

// errClosed answers a save that came after the store began to close.
var errClosed = errors.New("the store is closed")

// committer inserts the commits of concurrent saves together: while one
// insert is under way, the saves that arrive wait, and the next insert
// carries all of them. Each insert is one SQLite transaction in the embedded
// FerretDB, so its fsync (a third of a millisecond here, under the write
// lock) is paid once per batch instead of once per update; on MongoDB it
// saves round trips and journal writes the same way. Nothing waits on
// purpose: a lone save is inserted at once, alone.
//
// The insert is unordered, so a duplicate _id (a lost race) fails only its
// own commit, which is answered karir.ErrConflict; the others stand.
//
// Other first writes that decide by a unique _id go through it too
// (insertOne: bindings, the first main document of a form or of the wrong
// codes): at the synchronised start of a busy hour a hundred bindings came
// one SQLite transaction each, queued on the embedded store's one
// connection; together they are one.
type committer struct {
	db    *mongo.Database
	queue chan *pendingCommit
	quit  chan struct{} // closed by close: insert what is queued, then stop
	done  chan struct{} // closed when run has returned
}

type pendingCommit struct {
	coll string // the generation of the log, or another collection
	doc  any    // a commit (insert) or any document (insertOne)
	// then, when set, is inserted in the same round once doc stands
	// (insertThen); the saver reads its outcome after result.
	then   *followUp
	result chan error // buffered: run never waits for the saver
}

// followUp is a document inserted after another, in the same round.
type followUp struct {
	coll string
	doc  any
	err  error // set before the pending commit's result is sent
}

func newCommitter(db *mongo.Database) *committer {
	c := &committer{db: db, queue: make(chan *pendingCommit, maxCommitBatch),
		quit: make(chan struct{}), done: make(chan struct{})}
	go c.run()
	return c
}

// insert stores one commit into the collection coll with whatever else is
// queued and returns its own outcome: karir.ErrConflict when another
// writer's commit of that version stands. When ctx ends first the commit
// may still land: the caller treats that as any save whose answer was lost.
func (c *committer) insert(ctx context.Context, coll string, doc commit) error {
	err := c.insertOne(ctx, coll, doc)
	if mongo.IsDuplicateKeyError(err) {
		return karir.ErrConflict
	}
	return wrapCommitErr(doc.ID, err)
}

// insertOne inserts doc into coll with whatever else is queued. A
// duplicate _id is answered as the driver's write error, so
// mongo.IsDuplicateKeyError tells it as it does for InsertOne.
func (c *committer) insertOne(ctx context.Context, coll string, doc any) error {
	return c.enqueue(ctx, &pendingCommit{coll: coll, doc: doc, result: make(chan error, 1)})
}

// insertThen inserts doc into coll and then, in the same round and only
// if doc stands, thenDoc into thenColl: a first version's commit and its
// main document cost one wait for the saver instead of two. errThen is
// errNotInserted when doc did not stand.
func (c *committer) insertThen(ctx context.Context, coll string, doc any, thenColl string, thenDoc any) (err, errThen error) {
	p := &pendingCommit{coll: coll, doc: doc, then: &followUp{coll: thenColl, doc: thenDoc}, result: make(chan error, 1)}
	if err := c.enqueue(ctx, p); err != nil {
		return err, errNotInserted
	}
	return nil, p.then.err
}

// errNotInserted is a follow-up's outcome when what it followed failed.
var errNotInserted = errors.New("not inserted: what it follows failed")

func (c *committer) enqueue(ctx context.Context, p *pendingCommit) error {
	select {
	case c.queue <- p:
	case <-c.done:
		return errClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-p.result:
		return err
	case <-c.done:
		// Queued after run's last look at the queue: never inserted.
		return errClosed
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c *committer) run() {
	defer close(c.done)
	for {
		select {
		case p := <-c.queue:
			c.insertBatch(c.gather(p))
		case <-c.quit:
			for {
				select {
				case p := <-c.queue:
					c.insertBatch(c.gather(p))
				default:
					return
				}
			}
		}
	}
}

// gather takes first and whatever else is queued, up to maxCommitBatch.
func (c *committer) gather(first *pendingCommit) []*pendingCommit {
	batch := []*pendingCommit{first}
	for len(batch) < maxCommitBatch {
		select {
		case p := <-c.queue:
			batch = append(batch, p)
		default:
			return batch
		}
	}
	return batch
}

// insertBatch inserts the batch, one insert per collection (an hour of the
// log, rarely two), and answers each of its savers; then the follow-ups of
// the documents that stood, one insert per collection again, and answers
// their savers.
func (c *committer) insertBatch(batch []*pendingCommit) {
	byColl := map[string][]*pendingCommit{}
	for _, p := range batch {
		byColl[p.coll] = append(byColl[p.coll], p)
	}
	var followed []*pendingCommit
	for coll, part := range byColl {
		for i, err := range c.insertInto(coll, docsOf(part, func(p *pendingCommit) any { return p.doc })) {
			p := part[i]
			switch {
			case p.then == nil:
				p.result <- err
			case err != nil:
				p.then.err = errNotInserted
				p.result <- err
			default:
				followed = append(followed, p)
			}
		}
	}
	byColl = map[string][]*pendingCommit{}
	for _, p := range followed {
		byColl[p.then.coll] = append(byColl[p.then.coll], p)
	}
	for coll, part := range byColl {
		for i, err := range c.insertInto(coll, docsOf(part, func(p *pendingCommit) any { return p.then.doc })) {
			part[i].then.err = err
			part[i].result <- nil
		}
	}
}

func docsOf(part []*pendingCommit, doc func(*pendingCommit) any) []any {
	docs := make([]any, len(part))
	for i, p := range part {
		docs[i] = doc(p)
	}
	return docs
}

// insertInto inserts docs into one collection and returns each one's
// outcome: nil, its write error (a duplicate _id), or the insert's error.
// Its context is none of the savers': one giving up must not fail the rest
// (the client's operation timeout bounds it).
func (c *committer) insertInto(coll string, docs []any) []error {
	errs := make([]error, len(docs))
	_, err := c.db.Collection(coll).InsertMany(context.Background(), docs, options.InsertMany().SetOrdered(false))
	var bwe mongo.BulkWriteException
	if err == nil || !errors.As(err, &bwe) || bwe.WriteConcernError != nil {
		for i := range errs {
			errs[i] = err
		}
		return errs
	}
	for _, we := range bwe.WriteErrors {
		if we.Index >= 0 && we.Index < len(errs) {
			errs[we.Index] = we.WriteError
		}
	}
	return errs
}

func wrapCommitErr(id string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("commit %s: %w", id, err)
}

// close inserts what is queued and stops; saves after it fail.
func (c *committer) close() {
	close(c.quit)
	<-c.done
}
