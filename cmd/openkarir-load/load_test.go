package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"openkarir/store"
)

// TestSmoke runs a few users against the real bot binary and checks the
// store check passes, then breaks the store and checks it fails.
func TestSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the bot")
	}
	dir := t.TempDir()
	var profile bytes.Buffer
	rep, err := Run(context.Background(), Config{Users: 6, Concurrency: 3, Mode: "polling", DataDir: filepath.Join(dir, "data"),
		CPUProfile: &profile})
	if err != nil {
		t.Fatal(err)
	}
	if profile.Len() == 0 {
		t.Error("no CPU profile written")
	}
	if rep.Errors != 0 || rep.VerifyError != "" || rep.FormsStored != 6 {
		t.Fatalf("report: %+v", rep)
	}
	if rep.Updates < 6*9 || rep.LatencyP50ms <= 0 || rep.PeakRSSMB <= 0 {
		t.Errorf("implausible figures: %+v", rep)
	}
	var out strings.Builder
	rep.WriteTable(&out)
	if !strings.Contains(out.String(), "every form stored once, complete") {
		t.Errorf("table:\n%s", out.String())
	}

	// A form gone missing must fail the check.
	ctx := context.Background()
	open := func() *store.Store {
		st, err := store.Open(ctx, store.Config{DataDir: filepath.Join(dir, "data"), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	st := open()
	if _, err := Verify(ctx, st, roster(6).nips()); err != nil {
		t.Fatalf("verify on the intact store: %v", err)
	}
	// Remove the form and its commit log behind the store's back, then open
	// the store again (it keeps the embedded data in memory).
	if _, err := st.DB().Collection("submissions").DeleteOne(ctx, bson.D{{Key: "_id", Value: roundID + ":" + nip(4)}}); err != nil {
		t.Fatal(err)
	}
	// The log is kept in hours: "commits_<hour>" (store/versioned.go).
	logs, err := st.DB().ListCollectionNames(ctx, bson.D{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range logs {
		if !strings.HasPrefix(name, "commits") {
			continue
		}
		if _, err := st.DB().Collection(name).DeleteMany(ctx, bson.D{{Key: "coll", Value: "submissions"}, {Key: "doc.nip", Value: nip(4)}}); err != nil {
			t.Fatal(err)
		}
	}
	_ = st.Close(ctx)
	st = open()
	defer st.Close(ctx)
	if _, err := Verify(ctx, st, roster(6).nips()); err == nil || !strings.Contains(err.Error(), nip(4)) {
		t.Fatalf("verify did not notice the missing form: %v", err)
	}
	// And a form nobody filed, too.
	if _, err := Verify(ctx, st, roster(3).nips()); err == nil {
		t.Fatal("verify accepted forms of unknown NIPs")
	}
}

// TestCrashes kills the bot with SIGKILL at random moments while users fill
// the form, starts it again each time, and checks every form was filed
// complete and stored once, and no user was left without an answer.
func TestCrashes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds, runs and kills the bot")
	}
	// On MONGODB_TEST_URI when set: the bot's restarts find their data on
	// the server rather than in a file of their own.
	rep, err := Run(context.Background(), Config{Users: 60, Concurrency: 6, Mode: "polling", KillEvery: 100,
		MongoURI: os.Getenv("MONGODB_TEST_URI")})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Kills == 0 {
		t.Fatalf("the bot was never killed: %+v", rep)
	}
	if rep.Errors != 0 || rep.VerifyError != "" || rep.FormsStored != 60 {
		t.Fatalf("after %d kills: %+v", rep.Kills, rep)
	}
	t.Logf("%d kills, %d updates, all 60 forms stored once and complete", rep.Kills, rep.Updates)
}

func TestSmokeWebhook(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the bot")
	}
	// With a Bot API round trip, as Telegram has: every call is slower, and
	// the bot's set-up calls still reach the tool's waits.
	rep, err := Run(context.Background(), Config{Users: 6, Concurrency: 3, Mode: "webhook", APILatency: 30 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Errors != 0 || rep.VerifyError != "" || rep.FormsStored != 6 {
		t.Fatalf("report: %+v", rep)
	}
	// Each step waits for at least one Bot API call of the bot's.
	if rep.APILatencyMS != 30 || rep.LatencyP50ms < 30 {
		t.Errorf("latency added %v ms, reply p50 %v ms: want 30 and at least 30", rep.APILatencyMS, rep.LatencyP50ms)
	}
}

// TestSmokeTwoBots runs two bot processes on one database behind the
// alternating webhook proxy: both answer a share of every chat's updates,
// and every form is stored once, complete.
func TestSmokeTwoBots(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the bot")
	}
	uri := os.Getenv("MONGODB_TEST_URI")
	if uri == "" {
		db, err := store.StartEmbedded(context.Background(), t.TempDir(), "127.0.0.1:0", slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Stop()
		uri = db.URI()
	}
	rep, err := Run(context.Background(), Config{Users: 6, Concurrency: 3, Mode: "webhook", Bots: 2, MongoURI: uri})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Errors != 0 || rep.VerifyError != "" || rep.FormsStored != 6 {
		t.Fatalf("report: %+v", rep)
	}
	// Each user's steps alternate: neither process can have answered
	// fewer than about half of them.
	if len(rep.UpdatesPerBot) != 2 || rep.UpdatesPerBot[0] < rep.Updates/3 || rep.UpdatesPerBot[1] < rep.Updates/3 {
		t.Errorf("posts answered per process %v of %d updates", rep.UpdatesPerBot, rep.Updates)
	}
	var out strings.Builder
	rep.WriteTable(&out)
	if !strings.Contains(out.String(), "bot processes, alternated") {
		t.Errorf("table:\n%s", out.String())
	}
	if _, err := Run(context.Background(), Config{Users: 1, Concurrency: 1, Mode: "webhook", Bots: 2}); err == nil {
		t.Error("two bots without a shared database accepted")
	}
}

func TestStoreNameHidesCredentials(t *testing.T) {
	for uri, want := range map[string]string{
		"":                           "embedded FerretDB",
		"mongodb://127.0.0.1:27017/": "external (mongodb://127.0.0.1:27017/)",
		"mongodb://bot:rahasia@db1:27017/?replicaSet=rs0": "external (mongodb://db1:27017/?replicaSet=rs0)",
	} {
		if got := storeName(uri); got != want {
			t.Errorf("storeName(%q) = %q, want %q", uri, got, want)
		}
	}
}
