package store

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// Embedded is a FerretDB running in this process on a loopback port, with
// its SQLite files in a directory.
type Embedded struct {
	uri    string
	cancel context.CancelFunc
	done   chan struct{}
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
	ferretNew.Lock()
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: addr},
		Handler:   "sqlite",
		SQLiteURL: "file:" + abs + "/",
		// FerretDB logs every wire message at WARN: keep only its errors.
		Logger: slog.New(levelFloor{log.Handler(), slog.LevelError}),
	})
	ferretNew.Unlock()
	if err != nil {
		return nil, fmt.Errorf("start embedded FerretDB: %w", err)
	}
	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	e := &embedded{uri: f.MongoDBURI(), cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(e.done)
		_ = f.Run(runCtx)
	}()
	return e, nil
}

func (e *embedded) stop() {
	e.cancel()
	<-e.done
}

// levelFloor passes on only records at or above a level.
type levelFloor struct {
	slog.Handler
	floor slog.Level
}

func (h levelFloor) Enabled(_ context.Context, l slog.Level) bool { return l >= h.floor }

func (h levelFloor) WithAttrs(as []slog.Attr) slog.Handler {
	return levelFloor{h.Handler.WithAttrs(as), h.floor}
}

func (h levelFloor) WithGroup(name string) slog.Handler {
	return levelFloor{h.Handler.WithGroup(name), h.floor}
}
