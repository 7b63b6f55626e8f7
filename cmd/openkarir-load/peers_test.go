package main

import (
	"context"
	"os"
	"strings"
	"testing"
)

// TestMain lets the test binary be the ceiling bot too: -bot ceiling runs
// the tool's own executable with "ceiling-bot", which under `go test` is
// this binary.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == "ceiling-bot" {
		if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestCeiling: the users play the whole script against the trivial bot,
// as many updates each as against openkarir (10.5 on average), and every
// form is sent; the run has no store to check and says so.
func TestCeiling(t *testing.T) {
	rep, err := Run(context.Background(), Config{Users: 30, Concurrency: 6, Mode: "polling", Bot: botCeiling})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Errors > 0 || rep.Bot != botCeiling || rep.Polls == 0 {
		t.Fatalf("%+v", rep)
	}
	if forms := rep.FormsPerSecond * rep.Seconds; forms < 29.5 || forms > 30.5 {
		t.Errorf("%.1f forms sent, want 30", forms)
	}
	// /start, consent, NIP, the code, stay, reason, target, term, send:
	// 9; a wrong code for one in five, the move's OPD and position for
	// one in two, a short reason for one in three.
	var want int64
	for i := range 30 {
		want += 3 + 1 + 1 + 4
		if i%5 == 0 {
			want++
		}
		if i%2 == 1 {
			want += 2
		}
		if i%3 == 0 {
			want++
		}
	}
	if rep.Updates != want {
		t.Errorf("%d updates, want %d", rep.Updates, want)
	}
	var out strings.Builder
	rep.WriteTable(&out)
	if !strings.Contains(out.String(), "the bot stores nothing: 30 forms sent") {
		t.Errorf("table:\n%s", out.String())
	}
}

// TestPeerFlags: a reference bot long-polls alone and stores nothing, and
// an unknown bot is named.
func TestPeerFlags(t *testing.T) {
	for _, cfg := range []Config{
		{Users: 1, Concurrency: 1, Mode: "webhook", Bot: botCeiling},
		{Users: 1, Concurrency: 1, Mode: "polling", Bot: botCeiling, KillEvery: 10},
		{Users: 1, Concurrency: 1, Mode: "polling", Bot: botGrammy, MongoURI: "mongodb://x"},
		{Users: 1, Concurrency: 1, Mode: "polling", Bot: "telebot"},
	} {
		if _, err := Run(context.Background(), cfg); err == nil {
			t.Errorf("%+v accepted", cfg)
		}
	}
}
