package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"openkarir/bot"
	"openkarir/roster"
	"openkarir/store"
	"openkarir/store/storetest"
	"openkarir/telegramtest"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

// stopRun cancels a run started in the background (its outcome on done)
// and fails the test unless it returns, without an error, within the
// bound; logs, when given, is printed beside the error.
func stopRun(t *testing.T, cancel context.CancelFunc, done <-chan error, within time.Duration, logs fmt.Stringer) {
	t.Helper()
	cancel()
	select {
	case err := <-done:
		if err != nil && logs != nil {
			t.Fatalf("run: %v\n%s", err, logs.String())
		}
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(within):
		t.Fatalf("run did not return within %v of its cancel", within)
	}
}

// testEnv is the environment of one run of the program: a fresh embedded
// store in a temp dir, or a fresh database on MONGODB_TEST_URI, dropped when
// the test ends.
func testEnv(t *testing.T, endpoint string) map[string]string {
	t.Helper()
	env := map[string]string{
		"TELEGRAM_BOT_TOKEN":    "42:SECRET",
		"TELEGRAM_API_ENDPOINT": endpoint,
		"DATA_DIR":              t.TempDir(),
		"FORM_DEADLINE":         "2099-12-31",
		"LOG_LEVEL":             "warn",
	}
	if uri, database := storetest.Database(t); uri != "" {
		env["MONGODB_URI"], env["MONGODB_DATABASE"] = uri, database
	}
	return env
}

func getenv(env map[string]string) func(string) string {
	return func(k string) string { return env[k] }
}

func writeSample(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "roster.csv")
	if err := os.WriteFile(path, roster.Sample, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestImportRoster(t *testing.T) {
	env := testEnv(t, "")
	path := writeSample(t)
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"import-roster", path}, getenv(env), &out, &errOut); err != nil {
		t.Fatalf("import: %v\n%s", err, errOut.String())
	}
	if !strings.Contains(out.String(), "Ditambahkan: 40") {
		t.Errorf("first import summary:\n%s", out.String())
	}
	out.Reset()
	if err := run(context.Background(), []string{"import-roster", path}, getenv(env), &out, &errOut); err != nil {
		t.Fatalf("second import: %v", err)
	}
	if !strings.Contains(out.String(), "Tidak berubah: 40") || !strings.Contains(out.String(), "Ditambahkan: 0") {
		t.Errorf("second import summary:\n%s", out.String())
	}
}

func TestConfigErrors(t *testing.T) {
	env := testEnv(t, "")
	delete(env, "TELEGRAM_BOT_TOKEN")
	env["FORM_DEADLINE"] = "31-12-2026"
	env["ADMIN_TELEGRAM_IDS"] = "12,abc"
	env["BOT_WORKERS"] = "0"
	env["WEBHOOK_MAX_CONNECTIONS"] = "500"
	err := run(context.Background(), nil, getenv(env), &bytes.Buffer{}, &bytes.Buffer{})
	for _, want := range []string{"TELEGRAM_BOT_TOKEN is required", "FORM_DEADLINE", `"abc"`, "BOT_WORKERS", "WEBHOOK_MAX_CONNECTIONS"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not mention %s", err, want)
		}
	}
}

func TestServeAnswersAndShutsDown(t *testing.T) {
	tg := telegramtest.NewServer("42:SECRET")
	defer tg.Close()
	env := testEnv(t, tg.Endpoint())
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var logs bytes.Buffer
	go func() { done <- run(ctx, nil, getenv(env), &bytes.Buffer{}, &logs) }()

	got := tg.Say(t, 7, "/start")
	if len(got) == 0 || !strings.Contains(got[len(got)-1].Text, "NIP") {
		t.Fatalf("reply to /start: %+v", got)
	}
	stopRun(t, cancel, done, 20*time.Second, &logs)
}

// TestResumeAfterSIGKILL kills the real binary in the middle of the form and
// checks that the next process continues at the same step with every answer,
// and sends notices at once (it does not wait for the dead one's lease).
func TestResumeAfterSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the binary")
	}
	bin := filepath.Join(t.TempDir(), "openkarir")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	tg := telegramtest.NewServer("42:SECRET")
	defer tg.Close()
	env := testEnv(t, tg.Endpoint())
	const admin = 99
	env["ADMIN_TELEGRAM_IDS"] = fmt.Sprint(admin)
	var environ []string
	for k, v := range env {
		environ = append(environ, k+"="+v)
	}
	start := func(args ...string) *exec.Cmd {
		cmd := exec.Command(bin, args...)
		cmd.Env = environ
		cmd.Dir = t.TempDir() // no .env there
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	if err := start("import-roster", writeSample(t)).Wait(); err != nil {
		t.Fatalf("import: %v", err)
	}

	const user = 77
	proc := start()
	tg.Say(t, user, "/start")
	tg.Press(t, user, tg.LastMessage(user).ID, "x:isi:k:ya")
	tg.Say(t, user, "198507222010012005")
	tg.Say(t, user, "K7P2XQ")
	choice := tg.LastMessage(user)
	tg.Press(t, user, choice.ID, "x:isi:c:tetap")
	tg.Say(t, user, "Saya ingin menuntaskan program digitalisasi arsip kepegawaian.")

	if err := proc.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = proc.Wait()

	proc = start()
	defer func() {
		_ = proc.Process.Signal(syscall.SIGTERM)
		_ = proc.Wait()
	}()
	got := tg.Say(t, user, "Arsip 100% digital dalam 6 bulan")
	if len(got) == 0 || !strings.Contains(got[len(got)-1].Text, "Jangka waktu") {
		t.Fatalf("after restart the target step did not continue: %+v", got)
	}
	term := tg.LastMessage(user)
	got = tg.Press(t, user, term.ID, "x:isi:t:6")
	summary := got[len(got)-1].Text
	for _, want := range []string{"Tetap di jabatan sekarang", "digitalisasi arsip", "Arsip 100% digital", "6 bulan"} {
		if !strings.Contains(summary, want) {
			t.Errorf("summary after restart lacks %q:\n%s", want, summary)
		}
	}

	// A notice right after the restart: the killed process held the sender
	// lease, which made notices wait 20-30 s for it to run out.
	noticeSoon := func(text string) {
		t.Helper()
		mark := tg.Seq()
		start := time.Now()
		preview := tg.Say(t, admin, "/siaran "+text)
		// The broadcast goes out once "Kirim" is pressed.
		sent := false
		for _, m := range preview {
			for _, row := range m.Buttons {
				for _, btn := range row {
					if strings.Contains(btn.Text, "Kirim") && !sent {
						tg.Press(t, admin, m.ID, btn.Data)
						sent = true
					}
				}
			}
		}
		if !sent {
			t.Fatalf("no Kirim button after /siaran")
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		err := tg.Wait(ctx, func() bool {
			for _, m := range tg.Since(user, mark) {
				if strings.Contains(m.Text, text) {
					return true
				}
			}
			return false
		})
		if err != nil {
			t.Fatalf("the broadcast %q did not reach the ASN within 10 s of the admin's step", text)
		}
		// The goal is 3 s; the deadline above leaves room for a loaded machine.
		t.Logf("broadcast %q reached the ASN %v after the admin's step", text, time.Since(start).Round(time.Millisecond))
	}
	noticeSoon("Rapat koordinasi setelah kill -9")

	// After a clean stop too.
	if err := proc.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := proc.Wait(); err != nil {
		t.Fatalf("the bot did not stop cleanly: %v", err)
	}
	proc = start()
	noticeSoon("Rapat koordinasi setelah berhenti")
}

func TestExportCommand(t *testing.T) {
	env := testEnv(t, "")
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"import-roster", writeSample(t)}, getenv(env), &out, &errOut); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := run(context.Background(), []string{"export", filepath.Join(dir, "none.csv")}, getenv(env), &out, &errOut); err == nil ||
		!strings.Contains(err.Error(), "no round") {
		t.Errorf("export with no round yet: %v", err)
	}
	if err := run(context.Background(), []string{"new-round", "2099-12-31", "--yes"}, getenv(env), &out, &errOut); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"formulir.xlsx", "formulir.csv"} {
		out.Reset()
		path := filepath.Join(dir, name)
		if err := run(context.Background(), []string{"export", path}, getenv(env), &out, &errOut); err != nil {
			t.Fatalf("export %s: %v\n%s", name, err, errOut.String())
		}
		data, err := os.ReadFile(path)
		if err != nil || len(data) == 0 {
			t.Fatalf("%s: %v", name, err)
		}
		if !strings.Contains(out.String(), "0 formulir periode 2099-1") {
			t.Errorf("summary: %q", out.String())
		}
	}
	if err := run(context.Background(), []string{"export", filepath.Join(dir, "x.pdf")}, getenv(env), &out, &errOut); err == nil {
		t.Error("export to .pdf accepted")
	}
	out.Reset()
	if err := run(context.Background(), []string{"export", filepath.Join(dir, "named.csv"), "2099-1"}, getenv(env), &out, &errOut); err != nil ||
		!strings.Contains(out.String(), "periode 2099-1") {
		t.Errorf("export of a named round: %v, %q", err, out.String())
	}
	if err := run(context.Background(), []string{"export", filepath.Join(dir, "x.csv"), "2000-1"}, getenv(env), &out, &errOut); err == nil {
		t.Error("export of an unknown round accepted")
	}
}

func TestServeWebhookMode(t *testing.T) {
	tg := telegramtest.NewServer("42:SECRET")
	defer tg.Close()
	addr := freeAddr(t)
	env := testEnv(t, tg.Endpoint())
	env["WEBHOOK_URL"] = "http://" + addr + "/telegram"
	env["HTTP_ADDR"] = addr
	// An earlier version kept a random secret in the database.
	settings := func(f func(*store.Store)) {
		st, err := store.Open(context.Background(), store.Config{URI: env["MONGODB_URI"], Database: env["MONGODB_DATABASE"], DataDir: env["DATA_DIR"]})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close(context.Background())
		f(st)
	}
	settings(func(st *store.Store) {
		if _, err := st.SharedSetting(context.Background(), "webhook_secret", "stored-in-the-clear"); err != nil {
			t.Fatal(err)
		}
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil, getenv(env), &bytes.Buffer{}, &bytes.Buffer{}) }()

	waitCtx, cancelWait := context.WithTimeout(ctx, 20*time.Second)
	defer cancelWait()
	if err := tg.Wait(waitCtx, func() bool { u, _ := tg.Webhook(); return u != "" }); err != nil {
		t.Fatal("the webhook was not registered")
	}
	url, secret := tg.Webhook()
	if url != env["WEBHOOK_URL"] || secret != bot.WebhookSecretFor("42:SECRET") || len(secret) != 64 || strings.Contains(secret, "42") {
		t.Fatalf("webhook %q, secret %q (want the one derived from the token)", url, secret)
	}
	if n := tg.WebhookConnections(); n != 40 {
		t.Fatalf("webhook registered with max_connections %d, want the default 40", n)
	}
	update := map[string]any{"update_id": 10, "message": map[string]any{
		"message_id": 1, "date": time.Now().Unix(), "text": "/start",
		"chat": map[string]any{"id": 55, "type": "private"}, "from": map[string]any{"id": 55, "first_name": "W"},
		"entities": []map[string]any{{"type": "bot_command", "offset": 0, "length": 6}},
	}}
	resp, err := tg.PostUpdate(ctx, url, "palsu", update)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized || tg.Sent(55) != 0 {
		t.Fatalf("forged call: status %d, %d replies", resp.StatusCode, tg.Sent(55))
	}
	resp, err = tg.PostUpdate(ctx, url, secret, update)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(tg.LastMessage(55).Text, "Pelindungan data pribadi") {
		t.Fatalf("status %d, reply %q", resp.StatusCode, tg.LastMessage(55).Text)
	}
	health, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	health.Body.Close()
	if health.StatusCode != http.StatusOK {
		t.Errorf("healthz: %d", health.StatusCode)
	}
	metrics, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(metrics.Body)
	metrics.Body.Close()
	if !strings.Contains(string(body), `openkarir_updates_total{kind="command"} 1`) || !strings.Contains(string(body), "openkarir_outbox_depth") {
		t.Errorf("metrics:\n%s", body)
	}
	if tg.Calls("getUpdates") != 0 {
		t.Errorf("webhook mode polled %d times", tg.Calls("getUpdates"))
	}
	stopRun(t, cancel, done, 20*time.Second, nil)
	settings(func(st *store.Store) {
		// Absent, the proposed value is what comes back.
		if got, err := st.SharedSetting(context.Background(), "webhook_secret", "absent"); err != nil || got != "absent" {
			t.Errorf("the stored secret is still there: %q, %v", got, err)
		}
	})
}

// The place before a signature's date comes from PEMDA_TEMPAT, else from
// the Pemda's name.
func TestConfigSignerPlace(t *testing.T) {
	for _, tc := range []struct{ agency, place, want string }{
		{"", "", "Bengkulu"}, // the default agency, Pemerintah Kota Bengkulu
		{"Pemerintah Kabupaten Rejang Lebong", "", "Rejang Lebong"},
		{"Pemerintah Kabupaten Tegal", "Slawi", "Slawi"},
		{"BKPSDM", "", ""},
	} {
		env := map[string]string{"AGENCY_NAME": tc.agency, "PEMDA_TEMPAT": tc.place}
		cfg, err := loadConfig(getenv(env), false)
		if err != nil {
			t.Fatal(err)
		}
		if cfg.Signer.Place != tc.want {
			t.Errorf("AGENCY_NAME=%q PEMDA_TEMPAT=%q: place %q, want %q", tc.agency, tc.place, cfg.Signer.Place, tc.want)
		}
	}
}
