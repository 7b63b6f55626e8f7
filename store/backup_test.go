package store_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"openkarir/store"
)

// fill writes something into every collection of the store, through its
// methods where it has them.
func fill(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	now := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	nip := "198001012005011001"
	if _, _, err := s.UpsertEmployees(ctx, []karir.Employee{{NIP: nip, Name: "Ani", OPDCode: "DISHUB", Position: "Staf", Phone: "6281200000001"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpsertOPDs(ctx, []karir.OPD{{Code: "DISHUB", Name: "Dinas Perhubungan", Positions: []string{"Staf"}}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Bind(ctx, karir.Binding{NIP: nip, TelegramID: 7, Method: "code", BoundAt: now}); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		c := mustLoad(t, s, 7)
		c.NIP, c.State = nip, karir.StateIdle
		if err := s.SaveConversation(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SaveSubmission(ctx, &karir.Submission{Round: "2026-1", NIP: nip, Ref: "OK-1", SubmittedAt: now}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Enqueue(ctx, time.Now(), "b1", []karir.Notice{{Key: "sent", ChatID: 7}, {Key: "pending", ChatID: 7, Reply: karir.Reply{Text: "halo"}}}); err != nil {
		t.Fatal(err)
	}
	if err := s.FinishOutgoing(ctx, karir.Outgoing{Key: "sent", ChatID: 7, Status: karir.OutSent}); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateBatch(ctx, karir.Batch{ID: "b1", Kind: "siaran", Total: 2}); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkUnreachable(ctx, 8, now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SharedSetting(ctx, "webhook_secret", "rahasia"); err != nil {
		t.Fatal(err)
	}
	// The rest by hand: a document in every collection that is still empty.
	names, err := s.DB().ListCollectionNames(ctx, bson.D{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		if n, _ := s.DB().Collection(name).CountDocuments(ctx, bson.D{}); n == 0 {
			if _, err := s.DB().Collection(name).InsertOne(ctx, bson.D{{Key: "_id", Value: "filled-by-hand"}, {Key: "at", Value: now}}); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// contents is every document of every collection, as canonical extended
// JSON, by collection.
func contents(t *testing.T, db *mongo.Database) map[string][]string {
	t.Helper()
	ctx := context.Background()
	names, err := db.ListCollectionNames(ctx, bson.D{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, name := range names {
		cur, err := db.Collection(name).Find(ctx, bson.D{}, options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}))
		if err != nil {
			t.Fatal(err)
		}
		out[name] = []string{}
		for cur.Next(ctx) {
			js, err := bson.MarshalExtJSON(cur.Current, true, false)
			if err != nil {
				t.Fatal(err)
			}
			out[name] = append(out[name], string(js))
		}
		if err := cur.Err(); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func sameContents(t *testing.T, got, want map[string][]string) {
	t.Helper()
	for name, docs := range want {
		if !slices.Equal(got[name], docs) {
			t.Errorf("%s restored as\n%v\nwant\n%v", name, got[name], docs)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("restored a collection %s the source did not have", name)
		}
	}
}

// A backup of the embedded store taken while it runs restores every
// collection into an empty DATA_DIR, and the store opens on it; one taken
// while it saves is one consistent state.
func TestBackupAndRestoreEmbedded(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := mustOpenDir(t, dir)
	defer func() { mustClose(t, s) }()
	fill(t, s)
	want := contents(t, s.DB())
	if len(want) < 15 {
		t.Fatalf("only %d collections: %v", len(want), want)
	}
	var archive bytes.Buffer
	sum, err := store.Backup(ctx, store.Config{DataDir: dir, Logger: quiet}, &archive)
	if err != nil {
		t.Fatalf("backup: %v", err)
	}
	if len(sum.Collections) != len(want) {
		t.Errorf("backed up %d collections, the store has %d", len(sum.Collections), len(want))
	}
	restored := t.TempDir()
	if _, err := store.Restore(ctx, store.Config{DataDir: restored, Logger: quiet}, bytes.NewReader(archive.Bytes())); err != nil {
		t.Fatalf("restore: %v", err)
	}
	sameContents(t, embeddedContents(t, restored), want)

	r := mustOpenDir(t, restored)
	if c := mustLoad(t, r, 7); c.Version != 3 || c.State != karir.StateIdle {
		t.Errorf("restored conversation: version %d state %s", c.Version, c.State)
	}
	if pending, err := r.PendingOutgoing(ctx); err != nil || len(pending) != 1 || pending[0].Reply.Text != "halo" {
		t.Errorf("restored outbox: %+v, %v", pending, err)
	}
	mustClose(t, r)
	// A DATA_DIR that holds data is refused.
	if _, err := store.Restore(ctx, store.Config{DataDir: restored, Logger: quiet}, bytes.NewReader(archive.Bytes())); !errors.Is(err, store.ErrNotEmpty) {
		t.Fatalf("restore into a store with data = %v, want ErrNotEmpty", err)
	}

	// Saves go on while a backup runs.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var saved sync.Map
	first := make(chan struct{}) // closed after the first save
	var once sync.Once
	wg.Go(func() {
		defer once.Do(func() { close(first) })
		for {
			select {
			case <-stop:
				return
			default:
			}
			c := mustLoad(t, s, 99)
			if err := s.SaveConversation(ctx, c); err != nil {
				t.Error(err)
				return
			}
			saved.Store(c.Version, true)
			once.Do(func() { close(first) })
		}
	})
	archive.Reset()
	// A save before the backup starts: a backup taken before any (a sleep
	// of 50 ms on a loaded machine) found no conversation to restore, and
	// the load made one at version 0.
	<-first
	_, err = store.Backup(ctx, store.Config{DataDir: dir, Logger: quiet}, &archive)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatalf("backup during saves: %v", err)
	}
	again := t.TempDir()
	if _, err := store.Restore(ctx, store.Config{DataDir: again, Logger: quiet}, bytes.NewReader(archive.Bytes())); err != nil {
		t.Fatalf("restore: %v", err)
	}
	r = mustOpenDir(t, again)
	defer mustClose(t, r)
	c := mustLoad(t, r, 99)
	if _, ok := saved.Load(c.Version); !ok {
		t.Errorf("the conversation saved during the backup came back at version %d, which no save made", c.Version)
	}
	t.Logf("restored at version %d of the conversation saved during the backup", c.Version)
}

// embeddedContents reads a DATA_DIR's store without opening it as the bot.
func embeddedContents(t *testing.T, dir string) map[string][]string {
	t.Helper()
	db, err := store.StartEmbedded(context.Background(), dir, "127.0.0.1:0", quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Stop()
	client, err := mongo.Connect(options.Client().ApplyURI(db.URI()))
	if err != nil {
		t.Fatal(err)
	}
	defer client.Disconnect(context.Background())
	return contents(t, client.Database("openkarir"))
}

// On a server the same archive goes from one database to another.
func TestBackupAndRestoreOnAServer(t *testing.T) {
	ctx := context.Background()
	server, err := store.StartEmbedded(ctx, t.TempDir(), "127.0.0.1:0", quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer server.Stop()
	on := func(database string) store.Config {
		return store.Config{URI: server.URI(), Database: database, Logger: quiet}
	}
	from, err := store.Open(ctx, on("source"))
	if err != nil {
		t.Fatal(err)
	}
	defer from.Close(ctx)
	fill(t, from)
	want := contents(t, from.DB())
	var archive bytes.Buffer
	if _, err := store.Backup(ctx, on("source"), &archive); err != nil {
		t.Fatalf("backup: %v", err)
	}
	// The target store is open (its collections made) but empty.
	to, err := store.Open(ctx, on("target"))
	if err != nil {
		t.Fatal(err)
	}
	defer to.Close(ctx)
	if _, err := store.Restore(ctx, on("target"), bytes.NewReader(archive.Bytes())); err != nil {
		t.Fatalf("restore: %v", err)
	}
	sameContents(t, contents(t, to.DB()), want)
	if _, err := store.Restore(ctx, on("target"), bytes.NewReader(archive.Bytes())); !errors.Is(err, store.ErrNotEmpty) {
		t.Fatalf("restore into a database with data = %v, want ErrNotEmpty", err)
	}
	// Cut short, an archive is refused before anything is written.
	half := filepath.Join(t.TempDir(), "half.tar.gz")
	if err := os.WriteFile(half, archive.Bytes()[:archive.Len()/2], 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := store.RestoreFile(ctx, on("third"), half); err == nil {
		t.Fatal("a backup cut in half restored")
	}
	if names, _ := from.DB().Client().Database("third").ListCollectionNames(ctx, bson.D{}); len(names) != 0 {
		t.Errorf("a refused backup wrote %v", names)
	}
	// Whole, from a file, it restores.
	whole := filepath.Join(t.TempDir(), "whole.tar.gz")
	if _, err := store.BackupFile(ctx, on("source"), whole); err != nil {
		t.Fatal(err)
	}
	if sum, err := store.RestoreFile(ctx, on("third"), whole); err != nil || sum.Documents() == 0 {
		t.Fatalf("restore from a file: %+v, %v", sum, err)
	}
	sameContents(t, contents(t, from.DB().Client().Database("third")), want)
}
