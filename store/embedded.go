package store

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/FerretDB/FerretDB/ferretdb"
	_ "modernc.org/sqlite" // FerretDB's own SQLite driver, to add the _id indexes
)

// Embedded is a FerretDB running in this process on a loopback port, with
// its SQLite files in a directory.
type Embedded struct {
	dir    string
	uri    string
	cancel context.CancelFunc
	done   chan struct{}
	unlock func()
}

// URI is the MongoDB URI the driver connects to.
func (e *Embedded) URI() string { return e.uri }

// Stop stops the server and waits for it.
func (e *Embedded) Stop() { e.stop() }

type embedded = Embedded

// ferretNew serialises ferretdb.New, which writes a global of FerretDB's
// (version.Get().Package): two stores started at once (parallel tests)
// would race on it.
var ferretNew sync.Mutex

func startEmbedded(ctx context.Context, dir string, log *slog.Logger) (*embedded, error) {
	return StartEmbedded(ctx, dir, "127.0.0.1:0", log)
}

// StartEmbedded starts a FerretDB on addr with its files in dir. Open starts
// one by itself; tests start their own to stop and restart it.
func StartEmbedded(ctx context.Context, dir, addr string, log *slog.Logger) (*Embedded, error) {
	if dir == "" {
		dir = "data"
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("embedded store dir: %w", err)
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return nil, fmt.Errorf("embedded store dir: %w", err)
	}
	unlock, err := lockDir(abs)
	if err != nil {
		return nil, err
	}
	ferretNew.Lock()
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: addr},
		Handler:   "sqlite",
		SQLiteURL: "file:" + abs + "/",
		// FerretDB logs every wire message at WARN: keep only its errors.
		Logger: slog.New(levelFloor{next: log.Handler(), floor: slog.LevelError}),
	})
	ferretNew.Unlock()
	if err != nil {
		unlock()
		return nil, fmt.Errorf("start embedded FerretDB: %w", err)
	}
	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	e := &embedded{dir: abs, uri: f.MongoDBURI(), cancel: cancel, done: make(chan struct{}), unlock: unlock}
	go func() {
		defer close(e.done)
		_ = f.Run(runCtx)
	}()
	return e, nil
}

// indexIDs makes lookups by _id use an index. FerretDB v1.24.2 (SQLite)
// queries by _id with WHERE _ferretdb_sjson->'$._id' = ?, but its unique
// _id index is on _ferretdb_sjson->"_id", an expression SQLite does not
// match to that WHERE: every find, update, replace and delete by _id reads
// the whole table. An index on the WHERE's own expression turns them into
// lookups. FerretDB does not know of it (listIndexes does not show it) and
// leaves it alone; SQLite keeps it up to date, and dropping a collection
// drops it with the table. Call it once every collection exists.
func (e *embedded) indexIDs(ctx context.Context, database string) error {
	db, err := sql.Open("sqlite", "file:"+filepath.Join(e.dir, database+".sqlite")+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return fmt.Errorf("open the embedded store's SQLite file: %w", err)
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT table_name FROM _ferretdb_collections`)
	if err != nil {
		return fmt.Errorf("list the embedded store's tables: %w", err)
	}
	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return fmt.Errorf("list the embedded store's tables: %w", err)
		}
		tables = append(tables, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list the embedded store's tables: %w", err)
	}
	for _, t := range tables {
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %q ON %q (_ferretdb_sjson->'$._id')`, t+"_openkarir_id", t)
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("index _id of table %s: %w", t, err)
		}
	}
	return nil
}

func (e *embedded) stop() {
	e.cancel()
	<-e.done
	e.unlock()
}

// levelFloor passes on only records at or above a level. FerretDB adds
// attributes to a logger for every SQL statement it runs (fsql.Tx), and a
// text or JSON handler formats them at once: 7% of the bot's CPU under load
// for records that are then dropped. So the attributes and groups are kept
// as given and handed to the next handler only when a record passes.
type levelFloor struct {
	next  slog.Handler
	floor slog.Level
	with  []func(slog.Handler) slog.Handler // WithAttrs and WithGroup, in order
}

func (h levelFloor) Enabled(_ context.Context, l slog.Level) bool { return l >= h.floor }

func (h levelFloor) Handle(ctx context.Context, r slog.Record) error {
	next := h.next
	for _, w := range h.with {
		next = w(next)
	}
	return next.Handle(ctx, r)
}

func (h levelFloor) WithAttrs(as []slog.Attr) slog.Handler {
	return h.plus(func(n slog.Handler) slog.Handler { return n.WithAttrs(as) })
}

func (h levelFloor) WithGroup(name string) slog.Handler {
	return h.plus(func(n slog.Handler) slog.Handler { return n.WithGroup(name) })
}

// plus returns h with one more deferred step. The slice is clipped so the
// append copies it: two loggers derived from one must not share it.
func (h levelFloor) plus(w func(slog.Handler) slog.Handler) levelFloor {
	h.with = append(slices.Clip(h.with), w)
	return h
}
