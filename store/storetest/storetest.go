// Package storetest opens a fresh store for each test: an embedded FerretDB
// in a temp dir, or a new database on MONGODB_TEST_URI when that is set.
// Databases made on MONGODB_TEST_URI are dropped when their test ends, and
// Main checks none was left behind.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"openkarir/store"
)

// Open returns a store no other test uses, closed (and, on MONGODB_TEST_URI,
// dropped) when the test ends.
func Open(tb testing.TB) *store.Store {
	tb.Helper()
	cfg := store.Config{DataDir: tb.TempDir(), Logger: quiet()}
	cfg.URI, cfg.Database = Database(tb)
	return open(tb, cfg)
}

// OpenOn opens a store on a database of Server's and closes it when the
// test ends.
func OpenOn(tb testing.TB, uri, database string) *store.Store {
	tb.Helper()
	return open(tb, store.Config{URI: uri, Database: database, Logger: quiet()})
}

func open(tb testing.TB, cfg store.Config) *store.Store {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, err := store.Open(ctx, cfg)
	if err != nil {
		tb.Fatalf("open test store: %v", err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := s.Close(ctx); err != nil {
			tb.Errorf("close test store: %v", err)
		}
	})
	return s
}

// Database returns MONGODB_TEST_URI and a database name no other test
// uses, or two empty strings when MONGODB_TEST_URI is not set. The database
// is dropped when the test ends, after the cleanups registered later: call
// it before starting anything that writes there. (A store's Close waits for
// the commits still queued, such as a lease renewal whose caller gave up;
// dropped before that, the database came back with them.)
func Database(tb testing.TB) (uri, database string) {
	tb.Helper()
	uri = os.Getenv("MONGODB_TEST_URI")
	if uri == "" {
		return "", ""
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	database = fmt.Sprintf("%s%s", prefix(), hex.EncodeToString(b))
	madeBy.Store(database, tb.Name())
	tb.Cleanup(func() {
		if err := drop(uri, database); err != nil {
			tb.Errorf("drop test database %s: %v", database, err)
		}
	})
	return uri, database
}

// Server returns what Database returns, or, without MONGODB_TEST_URI, the
// URI of an embedded FerretDB started for the test. Stores opened on it
// keep no cache, as when several processes share one server.
func Server(tb testing.TB) (uri, database string) {
	tb.Helper()
	if uri, database = Database(tb); uri != "" {
		return uri, database
	}
	db, err := store.StartEmbedded(context.Background(), tb.TempDir(), "127.0.0.1:0", quiet())
	if err != nil {
		tb.Fatalf("start FerretDB: %v", err)
	}
	tb.Cleanup(db.Stop)
	return db.URI(), "openkarir"
}

// madeBy names the test each database on MONGODB_TEST_URI was made for, so
// Main's report of one left behind says whose cleanup let something write
// after the drop. Package state of the test helper, read only by Main.
var madeBy sync.Map // database name -> test name

// Main runs the tests of a package (call it from TestMain) and then fails
// the run if a database its tests made on MONGODB_TEST_URI is still there.
func Main(m *testing.M) int {
	code := m.Run()
	uri := os.Getenv("MONGODB_TEST_URI")
	if uri == "" {
		return code
	}
	left, err := leftBehind(uri)
	switch {
	case err != nil:
		fmt.Fprintf(os.Stderr, "storetest: list the test databases: %v\n", err)
		return 1
	case len(left) > 0:
		for i, name := range left {
			if test, ok := madeBy.Load(name); ok {
				left[i] = fmt.Sprintf("%s (made for %s)", name, test)
			}
		}
		fmt.Fprintf(os.Stderr, "storetest: test databases left behind on MONGODB_TEST_URI: %s\n", strings.Join(left, ", "))
		return 1
	}
	return code
}

// prefix starts the names of this test binary's databases: the process id
// tells them from those of the packages tested at the same time.
func prefix() string { return fmt.Sprintf("openkarir_test_%d_", os.Getpid()) }

func leftBehind(uri string) ([]string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	client, err := mongo.Connect(options.Client().ApplyURI(uri))
	if err != nil {
		return nil, err
	}
	defer client.Disconnect(context.WithoutCancel(ctx))
	names, err := client.ListDatabaseNames(ctx, bson.D{})
	if err != nil {
		return nil, err
	}
	var left []string
	for _, n := range names {
		if strings.HasPrefix(n, prefix()) {
			left = append(left, n)
		}
	}
	return left, nil
}

func drop(uri, database string) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	client, err := mongo.Connect(options.Client().ApplyURI(uri))
	if err != nil {
		return err
	}
	defer client.Disconnect(context.WithoutCancel(ctx))
	return client.Database(database).Drop(ctx)
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
