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
	"sync"
	"time"

	"openkarir/karir"

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

// Store is the bot's database. What both modes do alike is written once,
// on core; what the embedded store answers from memory, and a server from
// the database, is the mode's: *EmbeddedStore or *ServerStore, chosen by
// Open and by nothing else.
type Store struct {
	*core
	mode
}

// mode is what the two modes do differently.
type mode interface {
	karir.Conversations
	karir.Leases
	ClaimOutgoing(ctx context.Context, key string, now time.Time, ttl time.Duration) (*karir.Outgoing, bool, error)
	// Warm waits until what the store keeps in memory is read (at once on
	// a server, which keeps nothing).
	Warm(ctx context.Context) error

	// Roster and directory (bindings.go, opds.go, codes.go).
	Binding(ctx context.Context, nip string) (*karir.Binding, error)
	Bind(ctx context.Context, b karir.Binding) error
	Unbind(ctx context.Context, nip string) error
	ListBindings(ctx context.Context) ([]karir.Binding, error)
	OPDs(ctx context.Context) ([]karir.OPD, error)
	OPD(ctx context.Context, code string) (*karir.OPD, error)
	UpsertOPDs(ctx context.Context, opds []karir.OPD) (int, error)
	SetActivationHashes(ctx context.Context, hashes []karir.CodeHash) (int, error)
	Employee(ctx context.Context, nip string) (*karir.Employee, error)
	UpsertEmployees(ctx context.Context, emps []karir.Employee) (added, updated int, err error)
	ListEmployees(ctx context.Context) ([]karir.Employee, error)
	EmployeesIn(ctx context.Context, opd string) ([]karir.Employee, error)
	NIPsIn(ctx context.Context, opd string) ([]string, error)

	// What the roster's writes stored (rosterindex.go), for the embedded
	// store's cache.
	insertedEmployees(emps []karir.Employee)
	wroteRosterRows(rows []karir.RosterRow)
	markedInactive(nips []string, reasons map[string]string, at time.Time)
	rosterUnsure()

	// Talent (talent.go).
	SaveTalent(ctx context.Context, recs []karir.TalentRecord) (added, changed int, err error)
	TalentOf(ctx context.Context, nip string) ([]karir.TalentRecord, error)
	TalentOfYear(ctx context.Context, year int) (map[string]karir.TalentRecord, error)
	LatestTalent(ctx context.Context) (map[string]karir.TalentRecord, error)
	TalentMapOf(ctx context.Context, opd string) (karir.TalentMap, error)
	TrackRecords(ctx context.Context) (map[string]karir.TrackRecord, error)

	// Forms (submissions.go).
	karir.Submissions
	ListSubmissions(ctx context.Context, round string) ([]karir.Submission, error)
	SubmissionsAt(ctx context.Context, round string, steps []karir.Step) ([]karir.Submission, error)
	SubmissionByRef(ctx context.Context, round, ref string) (*karir.Submission, error)

	// loadVersioned reads id into out (a pointer to a struct whose version
	// is read by version), or returns karir.ErrNotFound.
	loadVersioned(ctx context.Context, coll, id string, out any, version func() int64) error
	// saveVersioned stores doc as version next of id (versioned.go).
	saveVersioned(ctx context.Context, coll, id string, next int64, doc any) error
	// beforeDrop runs before hours of the commit log are dropped.
	beforeDrop(ctx context.Context) error
	// run does the mode's work in the background until ctx ends, then
	// maintains the store (Store.maintainEvery).
	run(ctx context.Context)
	// close ends what the mode runs beside the maintenance, once the
	// commits under way are answered, and disconnects.
	close(ctx context.Context) error
}

// core is what both modes share: the connection, the clock, the commit
// log and the collections that come and go. The documents' codecs are the
// collection files', and serve both.
type core struct {
	client  *mongo.Client
	db      *mongo.Database
	commits *committer
	now     func() time.Time
	log     *slog.Logger
	// createCollection creates a collection before its first write; the
	// embedded store gives it the _id index its lookups need.
	createCollection func(ctx context.Context, name string) error
	// hot are the embedded store's small hot documents (hot.go); nil
	// caches on a server.
	hot hotCaches
	// binaryCommits stores a commit's document as one binary value
	// (commitDoc): the embedded store's, which only this process reads. A
	// server's stay nested documents, which a process of an earlier build
	// still running beside it can read.
	binaryCommits bool

	// collsMu guards what this process knows of the collections that come
	// and go (generations.go).
	collsMu    sync.Mutex
	colls      map[string]bool // created with their index in this process
	commitLogs map[int64]bool  // generations of the commit log seen

	maintainMu   sync.Mutex    // one maintenance at a time
	maintained   chan struct{} // closed when the maintenance loop stopped
	stopMaintain context.CancelFunc

	instance string // this opening, in the outbox's claims

}

var _ karir.Store = (*Store)(nil)

// Open connects (starting the embedded FerretDB when cfg.URI is empty) and
// creates the indexes. It is the one place that decides the mode.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.Database == "" {
		cfg.Database = "openkarir"
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	c := &core{now: time.Now, colls: map[string]bool{}, commitLogs: map[int64]bool{}, log: cfg.Logger,
		instance: newInstance(), createCollection: func(context.Context, string) error { return nil }}
	if cfg.Now != nil {
		c.now = cfg.Now
	}
	var s *Store
	var err error
	if cfg.URI != "" {
		s, err = openServer(ctx, c, cfg)
	} else {
		s, err = openEmbedded(ctx, c, cfg)
	}
	if err != nil {
		return nil, err
	}
	var bg context.Context
	bg, s.stopMaintain = context.WithCancel(context.WithoutCancel(ctx))
	s.maintained = make(chan struct{})
	go func() {
		defer close(s.maintained)
		s.run(bg)
		s.maintainEvery(bg, maintainEvery, cfg.Logger)
	}()
	return s, nil
}

// connect connects the driver to uri, checks the database answers, and
// creates the indexes and what an earlier version left to upgrade.
func (c *core) connect(ctx context.Context, opts *options.ClientOptions, database string) error {
	client, err := mongo.Connect(opts)
	if err != nil {
		return fmt.Errorf("connect to MongoDB: %w", err)
	}
	c.client, c.db = client, client.Database(database)
	c.commits = newCommitter(c.db)
	if err := c.Ping(ctx); err != nil {
		return fmt.Errorf("%w: %w", ErrUnreachable, err)
	}
	return c.ensureIndexes(ctx)
}

// ErrUnreachable is an Open that found no database answering (a server
// down or not yet up), which a start may wait out, unlike a refusal.
var ErrUnreachable = errors.New("the database does not answer")

// Unreachable reports whether err is the database not answering: Open's
// ErrUnreachable, or a network error or timeout of the driver (a server
// gone while Open created indexes), as opposed to a refusal or a document
// that cannot be read, which trying again does not mend.
func Unreachable(err error) bool {
	return errors.Is(err, ErrUnreachable) || mongo.IsNetworkError(err) || mongo.IsTimeout(err)
}

// clientOptions are the driver's options of both modes.
func clientOptions(uri string, cfg Config) *options.ClientOptions {
	// A bound on every operation: with the database gone, an update fails
	// (and is retried later) instead of hanging on a dead connection.
	return options.Client().ApplyURI(uri).SetTimeout(opTimeout).SetServerSelectionTimeout(5 * time.Second).SetMonitor(cfg.Monitor)
}

// ensureIndexes creates what the queries of each collection need on MongoDB
// proper (FerretDB keeps them but reads by _id only).
func (s *core) ensureIndexes(ctx context.Context) error {
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
	collInbox,
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

// Ping checks the database answers.
func (s *core) Ping(ctx context.Context) error {
	if err := s.client.Ping(ctx, nil); err != nil {
		return fmt.Errorf("ping MongoDB: %w", err)
	}
	return nil
}

// DB is the database, for the tests of packages that build on the store.
func (s *core) DB() *mongo.Database { return s.db }

// Close stops the maintenance and what the mode runs, disconnects, then
// stops the embedded FerretDB if there is one.
func (s *Store) Close(ctx context.Context) error {
	if s.stopMaintain != nil {
		s.stopMaintain()
		<-s.maintained
	}
	if s.commits != nil {
		// Saves under way are answered before anything is written behind.
		s.commits.close()
	}
	return s.close(ctx)
}

func (c *core) disconnect(ctx context.Context) error {
	if c.client == nil {
		return nil
	}
	if err := c.client.Disconnect(ctx); err != nil {
		return fmt.Errorf("disconnect MongoDB: %w", err)
	}
	return nil
}

// notFound turns the driver's "no documents" into the domain's ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, mongo.ErrNoDocuments) {
		return karir.ErrNotFound
	}
	return err
}
