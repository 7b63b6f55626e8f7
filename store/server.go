package store

import (
	"context"
	"errors"
	"fmt"

	"openkarir/karir"
)

// ServerStore is the store on a database server (MongoDB, or FerretDB on
// PostgreSQL) that several bot processes share: it keeps nothing in memory
// that another process could change, and every read goes to the database.
//
// It keeps the commit log (versioned.go): a versioned save is decided by
// inserting its commit's unique _id. On MongoDB an update filtered by
// {_id, version} would decide it alone, but FerretDB runs an update as
// read-then-write on PostgreSQL too, and FerretDB is the server these
// deployments and the CI run (there is no MongoDB here to test a path
// without the log on).
type ServerStore struct {
	*core
	leases *slotLeases
}

var _ mode = (*ServerStore)(nil)

func openServer(ctx context.Context, c *core, cfg Config) (*Store, error) {
	m := &ServerStore{core: c, leases: newSlotLeases()}
	s := &Store{core: c, mode: m}
	if err := c.connect(ctx, clientOptions(cfg.URI, cfg), cfg.Database); err != nil {
		_ = s.Close(ctx)
		return nil, err
	}
	if err := s.upgrade(ctx); err != nil {
		_ = s.Close(ctx)
		return nil, err
	}
	return s, nil
}

// Warm implements mode: a server keeps nothing in memory.
func (s *ServerStore) Warm(context.Context) error { return nil }

func (s *ServerStore) run(context.Context) {}

func (s *ServerStore) beforeDrop(context.Context) error { return nil }

func (s *ServerStore) close(ctx context.Context) error { return s.disconnect(ctx) }

// LoadConversation implements karir.Conversations.
func (s *ServerStore) LoadConversation(ctx context.Context, userID int64) (*karir.Conversation, error) {
	id := karir.ConversationID(userID)
	c := &karir.Conversation{}
	err := s.loadVersioned(ctx, collConversations, id, c, func() int64 { return c.Version })
	if errors.Is(err, karir.ErrNotFound) {
		c = newConversation(userID)
	} else if err != nil {
		return nil, err
	}
	c.LoadedAt = s.now()
	return c, nil
}

// SaveConversation implements karir.Conversations. A version loaded more
// than maxHold ago is refused as a conflict (versioned.go).
func (s *ServerStore) SaveConversation(ctx context.Context, c *karir.Conversation) error {
	next, err := s.nextConversation(c)
	if err != nil {
		return err
	}
	if err := s.saveVersioned(ctx, collConversations, next.ID, next.Version, &next); err != nil {
		return err
	}
	c.ID, c.Version, c.LoadedAt = next.ID, next.Version, s.now()
	return nil
}

// saveVersioned stores doc as version next of id; doc's own version field
// must already say next. It returns karir.ErrConflict when another writer
// stored that version first.
func (s *ServerStore) saveVersioned(ctx context.Context, coll, id string, next int64, doc any) error {
	if err := s.commit(ctx, coll, id, next, doc); err != nil {
		if errors.Is(err, karir.ErrConflict) {
			// Loads read the main document alone (loadVersioned): bring it
			// up to the winner's commit, so the caller's reload sees it.
			if rerr := s.rollForward(ctx, coll, id); rerr != nil {
				return fmt.Errorf("%w (and %w)", err, rerr)
			}
		}
		return err
	}
	// When this fails the commit stands; a later conflict or catch-up
	// writes it.
	return s.writeMain(ctx, coll, id, doc)
}

// loadVersioned reads id into out. The main document is the answer: a
// saver writes it before its reply, and a commit it misses (a crash between
// the two writes, or a save still under way) is written by the next save of
// id, whose commit conflicts (saveVersioned), or by the catch-up before its
// generation goes. Reading the log on every load cost two lookups more per
// load, 40% of the operations under load.
func (s *ServerStore) loadVersioned(ctx context.Context, coll, id string, out any, _ func() int64) error {
	found, err := s.readMain(ctx, coll, id, out)
	if err != nil {
		return err
	}
	if !found {
		return karir.ErrNotFound
	}
	return nil
}
