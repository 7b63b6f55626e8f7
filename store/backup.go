package store

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// A backup is a gzip-compressed tar: a manifest (backupManifest), then one
// "<collection>.bson" per collection holding its documents one after
// another, as mongodump writes them, so the same archive restores into the
// embedded store or a MongoDB server, and an embedded store moves to
// MongoDB by a backup and a restore.
const (
	backupFormat   = "openkarir-backup"
	backupManifest = "manifest.json"
)

type manifest struct {
	Format      string           `json:"format"`
	Version     int              `json:"version"`
	Created     time.Time        `json:"created"`
	Database    string           `json:"database"`
	Collections map[string]int64 `json:"collections"` // documents in each
}

// BackupFile writes a backup to path (through a temporary file beside it,
// so an interrupted backup leaves no half archive under that name).
func BackupFile(ctx context.Context, cfg Config, path string) (*Summary, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	defer os.Remove(tmp.Name())
	sum, err := Backup(ctx, cfg, tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return nil, fmt.Errorf("backup to %s: %w", path, err)
	}
	return sum, nil
}

// RestoreFile restores the backup at path: it reads the whole archive
// once to check it before it writes anything.
func RestoreFile(ctx context.Context, cfg Config, path string) (*Summary, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	defer f.Close()
	if err := checkArchive(f); err != nil {
		return nil, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	return Restore(ctx, cfg, f)
}

// checkArchive reads an archive through: its compression, its entries and
// their documents, and the manifest's counts.
func checkArchive(r io.Reader) error {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return fmt.Errorf("restore: not a backup: %w", err)
	}
	tr := tar.NewReader(gz)
	got := map[string]int64{}
	var m *manifest
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("restore: the backup is damaged: %w", err)
		}
		if h.Name == backupManifest {
			m = &manifest{}
			if err := json.NewDecoder(tr).Decode(m); err != nil || m.Format != backupFormat {
				return fmt.Errorf("restore: not an openkarir backup (manifest: %v)", err)
			}
			continue
		}
		name, _ := strings.CutSuffix(h.Name, ".bson")
		br := bufio.NewReader(tr)
		for {
			if _, err := bson.ReadDocument(br); errors.Is(err, io.EOF) {
				break
			} else if err != nil {
				return fmt.Errorf("restore: the backup is damaged in %s: %w", name, err)
			}
			got[name]++
		}
	}
	if m == nil {
		return errors.New("restore: the backup has no manifest (cut short?)")
	}
	for name, want := range m.Collections {
		if got[name] != want {
			return fmt.Errorf("restore: the backup holds %d documents of %s, its manifest %d", got[name], name, want)
		}
	}
	return nil
}

// Backup writes a snapshot of the database to w while the bot may be
// running. The embedded store is copied by SQLite (VACUUM INTO reads one
// consistent state of the file beside the running bot) and read from the
// copy; a MongoDB server is read collection by collection, which is not
// one instant (mongodump --oplog on a replica set is).
func Backup(ctx context.Context, cfg Config, w io.Writer) (*Summary, error) {
	cfg = cfg.withDefaults()
	var snapshot string
	if cfg.URI == "" {
		tmp, err := os.MkdirTemp("", "openkarir-backup-")
		if err != nil {
			return nil, fmt.Errorf("backup: %w", err)
		}
		defer os.RemoveAll(tmp)
		if err := snapshotSQLite(ctx, filepath.Join(dataDir(cfg), cfg.Database+".sqlite"), filepath.Join(tmp, cfg.Database+".sqlite")); err != nil {
			return nil, err
		}
		snapshot = tmp
	}
	return onDatabase(ctx, cfg, snapshot, func(db *mongo.Database) (*Summary, error) {
		return dump(ctx, db, w)
	})
}

// onDatabase runs fn on cfg's database: on the server at cfg.URI or, when
// there is none, on an embedded FerretDB started on the files in dir for
// the call.
func onDatabase(ctx context.Context, cfg Config, dir string, fn func(*mongo.Database) (*Summary, error)) (*Summary, error) {
	uri := cfg.URI
	if uri == "" {
		e, err := StartEmbedded(ctx, dir, "127.0.0.1:0", cfg.Logger)
		if err != nil {
			return nil, err
		}
		defer e.Stop()
		uri = e.URI()
	}
	client, err := connect(uri)
	if err != nil {
		return nil, err
	}
	defer client.Disconnect(context.WithoutCancel(ctx))
	return fn(client.Database(cfg.Database))
}

// Summary says what a backup or a restore carried.
type Summary struct {
	Collections map[string]int64
}

// Documents counts them all.
func (s *Summary) Documents() int64 {
	var n int64
	for _, c := range s.Collections {
		n += c
	}
	return n
}

func (c Config) withDefaults() Config {
	if c.Database == "" {
		c.Database = "openkarir"
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return c
}

func dataDir(cfg Config) string {
	if cfg.DataDir == "" {
		return "data"
	}
	return cfg.DataDir
}

func connect(uri string) (*mongo.Client, error) {
	client, err := mongo.Connect(options.Client().ApplyURI(uri).SetTimeout(time.Minute).SetServerSelectionTimeout(5 * time.Second))
	if err != nil {
		return nil, fmt.Errorf("connect to MongoDB: %w", err)
	}
	return client, nil
}

// snapshotSQLite copies the embedded store's file as one consistent state,
// with the bot writing to it meanwhile.
func snapshotSQLite(ctx context.Context, from, to string) error {
	if _, err := os.Stat(from); err != nil {
		return fmt.Errorf("backup: the embedded store: %w", err)
	}
	db, err := sql.Open("sqlite", "file:"+from+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return fmt.Errorf("backup: open %s: %w", from, err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, to); err != nil {
		return fmt.Errorf("backup: copy %s: %w", from, err)
	}
	return nil
}

// dump writes every collection of db to w.
func dump(ctx context.Context, db *mongo.Database, w io.Writer) (*Summary, error) {
	names, err := db.ListCollectionNames(ctx, bson.D{})
	if err != nil {
		return nil, fmt.Errorf("backup: list collections: %w", err)
	}
	slices.Sort(names)
	gz := gzip.NewWriter(w)
	tw := tar.NewWriter(gz)
	m := manifest{Format: backupFormat, Version: 1, Created: time.Now().UTC(), Database: db.Name(), Collections: map[string]int64{}}
	tmp, err := os.CreateTemp("", "openkarir-collection-")
	if err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	for _, name := range names {
		// Spooled to a file first: a tar entry states its size up front.
		if err := tmp.Truncate(0); err != nil {
			return nil, fmt.Errorf("backup: %w", err)
		}
		if _, err := tmp.Seek(0, io.SeekStart); err != nil {
			return nil, fmt.Errorf("backup: %w", err)
		}
		buf := bufio.NewWriter(tmp)
		cur, err := db.Collection(name).Find(ctx, bson.D{}, options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}))
		if err != nil {
			return nil, fmt.Errorf("backup: read %s: %w", name, err)
		}
		var n, size int64
		for cur.Next(ctx) {
			k, err := buf.Write(cur.Current)
			if err != nil {
				cur.Close(ctx)
				return nil, fmt.Errorf("backup: %w", err)
			}
			n, size = n+1, size+int64(k)
		}
		if err := cur.Err(); err != nil {
			cur.Close(ctx)
			return nil, fmt.Errorf("backup: read %s: %w", name, err)
		}
		cur.Close(ctx)
		if err := buf.Flush(); err != nil {
			return nil, fmt.Errorf("backup: %w", err)
		}
		if err := tw.WriteHeader(&tar.Header{Name: name + ".bson", Mode: 0o600, Size: size, ModTime: m.Created}); err != nil {
			return nil, fmt.Errorf("backup: %w", err)
		}
		if _, err := tmp.Seek(0, io.SeekStart); err != nil {
			return nil, fmt.Errorf("backup: %w", err)
		}
		if _, err := io.CopyN(tw, tmp, size); err != nil {
			return nil, fmt.Errorf("backup: %w", err)
		}
		m.Collections[name] = n
	}
	js, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	// The manifest last: an archive cut short has none, and restore
	// refuses it.
	if err := tw.WriteHeader(&tar.Header{Name: backupManifest, Mode: 0o600, Size: int64(len(js)), ModTime: m.Created}); err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	if _, err := tw.Write(js); err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	if err := tw.Close(); err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	if err := gz.Close(); err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	return &Summary{Collections: m.Collections}, nil
}

// ErrNotEmpty refuses a restore into a database that holds documents.
var ErrNotEmpty = errors.New("the database is not empty")

// Restore loads a backup into an empty database: the embedded store's
// DATA_DIR (no bot may run on it), or the database on cfg.URI. A database
// with any document is refused with ErrNotEmpty. The indexes are made when
// the bot opens the store.
func Restore(ctx context.Context, cfg Config, r io.Reader) (*Summary, error) {
	cfg = cfg.withDefaults()
	return onDatabase(ctx, cfg, dataDir(cfg), func(db *mongo.Database) (*Summary, error) {
		if err := mustBeEmpty(ctx, db); err != nil {
			return nil, err
		}
		return load(ctx, db, r)
	})
}

func mustBeEmpty(ctx context.Context, db *mongo.Database) error {
	names, err := db.ListCollectionNames(ctx, bson.D{})
	if err != nil {
		return fmt.Errorf("restore: list collections: %w", err)
	}
	for _, name := range names {
		n, err := db.Collection(name).EstimatedDocumentCount(ctx)
		if err != nil {
			return fmt.Errorf("restore: count %s: %w", name, err)
		}
		if n > 0 {
			return fmt.Errorf("restore: %w: %s holds %d documents", ErrNotEmpty, name, n)
		}
	}
	return nil
}

// load inserts the archive's collections, then checks the counts against
// its manifest.
func load(ctx context.Context, db *mongo.Database, r io.Reader) (*Summary, error) {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("restore: not a backup: %w", err)
	}
	tr := tar.NewReader(gz)
	got := map[string]int64{}
	var m *manifest
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("restore: read the backup: %w", err)
		}
		if h.Name == backupManifest {
			m = &manifest{}
			if err := json.NewDecoder(tr).Decode(m); err != nil || m.Format != backupFormat {
				return nil, fmt.Errorf("restore: not an openkarir backup (manifest: %v)", err)
			}
			continue
		}
		name, ok := strings.CutSuffix(h.Name, ".bson")
		if !ok || strings.ContainsAny(name, "/\\") {
			return nil, fmt.Errorf("restore: unexpected %s in the backup", h.Name)
		}
		n, err := loadCollection(ctx, db.Collection(name), tr)
		if err != nil {
			return nil, err
		}
		got[name] = n
	}
	if m == nil {
		return nil, errors.New("restore: the backup has no manifest (cut short?)")
	}
	for name, want := range m.Collections {
		if got[name] != want {
			return nil, fmt.Errorf("restore: %s: %d documents restored, the backup lists %d", name, got[name], want)
		}
	}
	return &Summary{Collections: got}, nil
}

func loadCollection(ctx context.Context, coll *mongo.Collection, r io.Reader) (int64, error) {
	// Created even when empty, as it was.
	if err := coll.Database().CreateCollection(ctx, coll.Name()); err != nil && !isAlreadyExists(err) {
		return 0, fmt.Errorf("restore: create %s: %w", coll.Name(), err)
	}
	br := bufio.NewReader(r)
	var n int64
	var batch []any
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if _, err := coll.InsertMany(ctx, batch); err != nil {
			return fmt.Errorf("restore: write %s: %w", coll.Name(), err)
		}
		batch = batch[:0]
		return nil
	}
	for {
		doc, err := bson.ReadDocument(br)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return n, fmt.Errorf("restore: read %s: %w", coll.Name(), err)
		}
		batch = append(batch, doc)
		n++
		if len(batch) == 1000 {
			if err := flush(); err != nil {
				return n, err
			}
		}
	}
	return n, flush()
}
