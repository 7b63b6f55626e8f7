package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"openkarir/karir"
	"openkarir/store"
	"openkarir/telegramtest"
)

// serveOnce runs the bot with env, lets act talk to it, stops it and
// returns its logs.
func serveOnce(t *testing.T, tg *telegramtest.Server, env map[string]string, act func()) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var logs syncBuffer
	go func() { done <- run(ctx, nil, getenv(env), io.Discard, &logs) }()
	tg.Say(t, 1, "/id") // the bot is up
	act()
	stopRun(t, cancel, done, 30*time.Second, &logs)
	return logs.String()
}

func storedRounds(t *testing.T, env map[string]string) []karir.RoundRecord {
	t.Helper()
	cfg, err := loadConfig(getenv(env), false)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), store.Config{URI: cfg.MongoURI, Database: cfg.Database, DataDir: cfg.DataDir,
		Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(context.Background())
	rounds, err := st.ListRounds(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return rounds
}

// TestDeadlineSettingOnlySeeds: FORM_DEADLINE opens the first round; a
// different one later, earlier or in another year, changes nothing and is
// logged with the date in force and how to change it; the bot starts
// without it.
func TestDeadlineSettingOnlySeeds(t *testing.T) {
	tg := telegramtest.NewServer("42:SECRET")
	defer tg.Close()
	env := testEnv(t, tg.Endpoint())
	serveOnce(t, tg, env, func() {})
	for _, d := range []string{"2099-06-30", "2100-03-31"} {
		env["FORM_DEADLINE"] = d
		logs := serveOnce(t, tg, env, func() {})
		for _, want := range []string{"FORM_DEADLINE is ignored", "FORM_DEADLINE=" + d, "deadline_in_force=2099-12-31", "/tenggat"} {
			if !strings.Contains(logs, want) {
				t.Errorf("FORM_DEADLINE=%s: the log lacks %q:\n%s", d, want, logs)
			}
		}
	}
	delete(env, "FORM_DEADLINE")
	serveOnce(t, tg, env, func() {})
	rounds := storedRounds(t, env)
	wib, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		t.Fatal(err)
	}
	if len(rounds) != 1 || rounds[0].ID != "2099-1" || !rounds[0].Closes.Equal(time.Date(2100, 1, 1, 0, 0, 0, 0, wib)) {
		t.Errorf("rounds after four starts: %+v", rounds)
	}
}

// TestStartWithoutADeadline: with no FORM_DEADLINE and no round, the bot
// runs; ASN learn at /start that filing has not opened, the super admins
// are asked to set a deadline; the terminal opens the round only with
// --yes. A past FORM_DEADLINE seeds nothing: the start fails.
func TestStartWithoutADeadline(t *testing.T) {
	tg := telegramtest.NewServer("42:SECRET")
	defer tg.Close()
	env := testEnv(t, tg.Endpoint())
	env["FORM_DEADLINE"] = "2020-01-31"
	if err := run(context.Background(), nil, getenv(env), io.Discard, io.Discard); err == nil || !strings.Contains(err.Error(), "has passed") {
		t.Fatalf("a past FORM_DEADLINE: %v", err)
	}
	delete(env, "FORM_DEADLINE")
	env["ADMIN_TELEGRAM_IDS"] = "900"
	if err := run(context.Background(), []string{"import-roster", writeSample(t)}, getenv(env), io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	logs := serveOnce(t, tg, env, func() {
		if got := tg.Say(t, 77, "/start"); !someText(got, "belum dibuka") {
			t.Errorf("/start with no round: %+v", got)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		if err := tg.Wait(ctx, func() bool { return strings.Contains(tg.LastMessage(900).Text, "/tenggat") }); err != nil {
			t.Errorf("the super admin was not asked for a deadline: %v", err)
		}
	})
	if !strings.Contains(logs, "no round yet") {
		t.Errorf("no warning in the log:\n%s", logs)
	}
	var out bytes.Buffer
	if err := run(context.Background(), []string{"new-round", "2099-12-31"}, getenv(env), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "--yes") || len(storedRounds(t, env)) != 0 {
		t.Fatalf("new-round without --yes: %q, rounds %+v", out.String(), storedRounds(t, env))
	}
	if err := run(context.Background(), []string{"new-round", "2099-12-31", "--yes"}, getenv(env), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	serveOnce(t, tg, env, func() {
		got := tg.Say(t, 78, "/start")
		for _, m := range got {
			if strings.Contains(m.Text, "belum dibuka") {
				t.Errorf("/start after new-round: %q", m.Text)
			}
		}
	})
}

func someText(msgs []telegramtest.Message, text string) bool {
	for _, m := range msgs {
		if strings.Contains(m.Text, text) {
			return true
		}
	}
	return false
}
