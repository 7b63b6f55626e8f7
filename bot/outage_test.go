package bot_test

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"openkarir/karir"
)

// TestDatabaseServerStoppedMidBinding stops the PostgreSQL under FerretDB
// (a database server of its own, as a deployment has) for
// OPENKARIR_TEST_OUTAGE while one user shares their contact to bind and
// another types their NIP. Each is told of the trouble once; once the
// server is back each update is handled once: one binding, one
// confirmation. It stops the server for every test using it, so it runs
// apart (.ci/run):
//
//	OPENKARIR_TEST_OUTAGE=2m .ci/ferretdb-pg go test ./bot/ -run TestDatabaseServerStoppedMidBinding
func TestDatabaseServerStoppedMidBinding(t *testing.T) {
	ctl := os.Getenv("FERRETDB_PG_CTL")
	outage, _ := time.ParseDuration(os.Getenv("OPENKARIR_TEST_OUTAGE"))
	if ctl == "" || outage <= 0 {
		t.Skip("stops the database server: OPENKARIR_TEST_OUTAGE=2m .ci/ferretdb-pg go test ./bot/ -run TestDatabaseServerStoppedMidBinding")
	}
	pg := func(action string) {
		t.Helper()
		if out, err := exec.Command(ctl, action).CombinedOutput(); err != nil {
			t.Fatalf("%s PostgreSQL: %v\n%s", action, err, out)
		}
	}
	h := newHarness(t) // on MONGODB_TEST_URI
	const binder, typist = 1351, 1352
	h.begin(binder)
	mustSee(t, h.say(binder, nipPhone), "memastikan NIP ini memang milik Anda")
	h.begin(typist)
	mark := h.tg.Seq()

	pg("stop")
	stopped := time.Now()
	restarted := false
	t.Cleanup(func() {
		if !restarted {
			pg("start")
		}
	})
	shared := h.tg.ShareContact(binder, phoneOwner, binder)
	typed := h.tg.SendText(typist, nipCode)
	h.waitMessageSince(binder, mark, "gangguan")
	h.waitMessageSince(typist, mark, "gangguan")
	// The outage is the scenario: it lasts what it lasts, the bot trying
	// again meanwhile at its capped backoff.
	time.Sleep(outage - time.Since(stopped))
	pg("start")
	restarted = true
	t.Logf("PostgreSQL stopped for %v", time.Since(stopped).Round(time.Second))
	back := time.Now()

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	for _, id := range []int{shared, typed} {
		if err := h.tg.WaitHandled(ctx, id); err != nil {
			t.Fatalf("not handled after the database came back: %v", err)
		}
	}
	t.Logf("both updates handled %v after PostgreSQL was back", time.Since(back).Round(100*time.Millisecond))
	got := h.tg.Since(binder, mark)
	if n := countTexts(got, "gangguan"); n != 1 {
		t.Errorf("the binder was told of the trouble %d times, want once:\n%s", n, dump(got))
	}
	if n := countTexts(got, "sudah terhubung"); n != 1 {
		t.Errorf("the binding was confirmed %d times, want once:\n%s", n, dump(got))
	}
	typedGot := h.tg.Since(typist, mark)
	if n := countTexts(typedGot, "gangguan"); n != 1 {
		t.Errorf("the typist was told of the trouble %d times, want once:\n%s", n, dump(typedGot))
	}
	if n := countTexts(typedGot, "memastikan NIP ini memang milik Anda"); n != 1 {
		t.Errorf("the NIP was answered %d times, want once:\n%s", n, dump(typedGot))
	}
	if b, err := h.store.Binding(ctx, nipPhone); err != nil || b.TelegramID != binder {
		t.Errorf("binding after the outage: %+v, %v", b, err)
	}
	if c := h.conversation(binder); c.NIP != nipPhone || c.State == karir.StateAskProof || c.LastUpdateID != shared {
		t.Errorf("conversation after the outage: NIP %q, state %s, last update %d (want %d)", c.NIP, c.State, c.LastUpdateID, shared)
	}
	// And the bot goes on as usual.
	mustSee(t, h.say(binder, "/status"), "belum mengisi")
}
