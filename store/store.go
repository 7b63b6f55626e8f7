// Package store keeps the bot's data in MongoDB, one file per collection.
// Without a MongoDB URI it starts an embedded FerretDB (SQLite) in this
// process and talks to it with the same driver.
//
// FerretDB v1 serves only a filter that is exactly {_id: <string>} from an
// index, has no transactions, and runs an update as read-then-write. So hot
// lookups go by string _id, and a write that races is decided by inserting a
// unique _id (see versioned.go), which both FerretDB and MongoDB do atomically.
package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/event"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// opTimeout bounds one database operation.
const opTimeout = 15 * time.Second

// Config says which database to use.
type Config struct {
	// URI of a MongoDB server; empty starts the embedded FerretDB.
	URI      string
	Database string // default "openkarir"
	// DataDir holds the embedded FerretDB's files.
	DataDir string
	Logger  *slog.Logger
	// Now is the clock (time.Now by default); tests and benchmarks move it
	// to simulate months.
	Now func() time.Time
	// Monitor, when set, sees every command sent to the database (the bot
	// counts them per update for profiling).
	Monitor *event.CommandMonitor
	// NoWarmUp leaves the embedded store's cache cold: a terminal command
	// (an import) reads what it needs, and the background read of the
	// whole roster, bindings and forms would only compete with it (at
	// 100,000 employees it took longer than the import).
	NoWarmUp bool
}

// Store is the bot's database.
type Store struct {
	client   *mongo.Client
	db       *mongo.Database
	embedded *embedded // nil with a MongoDB URI
	cache    *memCache // with the embedded store only
	commits  *committer
	leases   *leases
	now      func() time.Time

	// collsMu guards what this process knows of the collections that come
	// and go (generations.go).
	collsMu    sync.Mutex
	colls      map[string]bool // created with their index in this process
	commitLogs map[int64]bool  // generations of the commit log seen

	maintainMu   sync.Mutex    // one maintenance at a time
	maintained   chan struct{} // closed when the maintenance loop stopped
	stopMaintain context.CancelFunc
	log          *slog.Logger

	instance string     // this opening, in the outbox's claims
	claimMu  sync.Mutex // the embedded store's claims, one at a time
}

var _ karir.Store = (*Store)(nil)

// Open connects (starting the embedded FerretDB when cfg.URI is empty) and
// creates the indexes.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.Database == "" {
		cfg.Database = "openkarir"
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	s := &Store{now: time.Now, leases: newLeases(), colls: map[string]bool{}, commitLogs: map[int64]bool{},
		log: cfg.Logger, instance: newInstance()}
	if cfg.Now != nil {
		s.now = cfg.Now
	}
	uri := cfg.URI
	if uri == "" {
		e, err := startEmbedded(ctx, cfg.DataDir, cfg.Logger)
		if err != nil {
			return nil, err
		}
		s.embedded, uri = e, e.uri
	}
	// A bound on every operation: with the database gone, an update fails
	// (and is retried later) instead of hanging on a dead connection.
	opts := options.Client().ApplyURI(uri).SetTimeout(opTimeout).SetServerSelectionTimeout(5 * time.Second).SetMonitor(cfg.Monitor)
	if s.embedded != nil {
		// One connection, so the embedded SQLite sees one writer at a time.
		// With the driver's pool of 100, writers met in SQLite, and the
		// loser slept in its busy handler (1, 2, 5 ... 100 ms a try, again
		// and again while the commits held the lock): replies took up to
		// 1.4 s under load. The driver's queue for its one connection wakes
		// the next operation at once. Reads barely use it: they are served
		// from memory.
		opts.SetMaxPoolSize(1)
	}
	client, err := mongo.Connect(opts)
	if err != nil {
		s.stopEmbedded()
		return nil, fmt.Errorf("connect to MongoDB: %w", err)
	}
	s.client, s.db = client, client.Database(cfg.Database)
	s.commits = newCommitter(s.db)
	if err := s.Ping(ctx); err != nil {
		_ = s.Close(ctx)
		return nil, err
	}
	if err := s.ensureIndexes(ctx); err != nil {
		_ = s.Close(ctx)
		return nil, err
	}
	if s.embedded != nil {
		if err := s.indexIDs(ctx, cfg.Database); err != nil {
			_ = s.Close(ctx)
			return nil, err
		}
	}
	if err := s.upgrade(ctx); err != nil {
		_ = s.Close(ctx)
		return nil, err
	}
	if s.embedded != nil {
		s.cache = newMemCache()
		var bg context.Context
		bg, s.cache.cancel = context.WithCancel(context.WithoutCancel(ctx))
		go s.writeBehind(bg, cfg.Logger)
	}
	var bg context.Context
	bg, s.stopMaintain = context.WithCancel(context.WithoutCancel(ctx))
	s.maintained = make(chan struct{})
	go func() {
		defer close(s.maintained)
		if s.cache != nil && !cfg.NoWarmUp {
			s.warmUp(bg, cfg.Logger)
		}
		s.maintainEvery(bg, maintainEvery, cfg.Logger)
	}()
	return s, nil
}

// ensureIndexes creates what the queries of each collection need on MongoDB
// proper (FerretDB keeps them but reads by _id only).
func (s *Store) ensureIndexes(ctx context.Context) error {
	for coll, models := range map[string][]mongo.IndexModel{
		collEmployees:   employeeIndexes(),
		collSubmissions: submissionIndexes(),
		collBindings:    bindingIndexes(),
		collTalent:      talentIndexes(),
	} {
		// One at a time: FerretDB v1.24.2 panics ("slice bounds out of
		// range") when a createIndexes of several finds some existing.
		for _, m := range models {
			if _, err := s.db.Collection(coll).Indexes().CreateOne(ctx, m); err != nil {
				return fmt.Errorf("create indexes of %s: %w", coll, err)
			}
		}
	}
	return nil
}

// allCollections are every collection the store uses but the generations
// of what grows (generations.go), which come and go; one a line so that
// adding one does not conflict with adding another.
var allCollections = []string{
	collAdmins,
	collAudit,
	collBatches,
	collBindings,
	collCodeAttempts,
	collContractCodes,
	collConversations,
	collDecisions,
	collDecrees,
	collDigests,
	collEmployees,
	collLeases,
	collOPDs,
	collOutbox,
	collPosts,
	collRosterIndex,
	collRounds,
	collSettings,
	collSidang,
	collSidangLog,
	collSubmissions,
	collTalent,
	collUnreachable,
}

// indexIDs creates every collection of the embedded store, then gives each
// the _id index FerretDB's queries can use (see embedded.indexIDs).
func (s *Store) indexIDs(ctx context.Context, database string) error {
	have, err := s.db.ListCollectionNames(ctx, bson.D{})
	if err != nil {
		return fmt.Errorf("list collections: %w", err)
	}
	for _, c := range allCollections {
		if !slices.Contains(have, c) {
			if err := s.db.CreateCollection(ctx, c); err != nil {
				return fmt.Errorf("create collection %s: %w", c, err)
			}
		}
	}
	if err := s.embedded.indexIDs(ctx, database); err != nil {
		return err
	}
	s.collsMu.Lock()
	for _, c := range append(have, allCollections...) {
		s.colls[c] = true
	}
	s.collsMu.Unlock()
	return nil
}

// Ping checks the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.client.Ping(ctx, nil); err != nil {
		return fmt.Errorf("ping MongoDB: %w", err)
	}
	return nil
}

// DB is the database, for the tests of packages that build on the store.
func (s *Store) DB() *mongo.Database { return s.db }

// Close disconnects, then stops the embedded FerretDB if there is one.
func (s *Store) Close(ctx context.Context) error {
	if s.stopMaintain != nil {
		s.stopMaintain()
		<-s.maintained
	}
	if s.commits != nil {
		// Saves under way are answered before anything is written behind.
		s.commits.close()
	}
	if s.cache != nil {
		// Write what is behind before disconnecting.
		s.cache.cancel()
		<-s.cache.done
	}
	var err error
	if s.client != nil {
		err = s.client.Disconnect(ctx)
	}
	s.stopEmbedded()
	if err != nil {
		return fmt.Errorf("disconnect MongoDB: %w", err)
	}
	return nil
}

func (s *Store) stopEmbedded() {
	if s.embedded != nil {
		s.embedded.stop()
		s.embedded = nil
	}
}

// notFound turns the driver's "no documents" into the domain's ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, mongo.ErrNoDocuments) {
		return karir.ErrNotFound
	}
	return err
}
