package bot_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"openkarir/flows"
	"openkarir/karir"
	"openkarir/telegramtest"
)

// bindingGone is the store with one ASN's binding lookup failing, as a
// write that fails halfway through the mayor's decision: the forms before
// it are saved, what comes after is not done.
type bindingGone struct {
	flows.Storage
	nip   string
	tries *atomic.Int32
}

func (b bindingGone) Binding(ctx context.Context, nip string) (*karir.Binding, error) {
	if nip == b.nip {
		b.tries.Add(1)
		return nil, errors.New("connection reset by peer")
	}
	return b.Storage.Binding(ctx, nip)
}

// sessionToMayor walks a session on the one vacant post through the chat
// to the Wali Kota's choice (as TestSidangToTheMayorsDecree does, checking
// less on the way): opened by BKPSDM, Rahmat then Taufik recommended with
// a note, closed on its date, the mayor told.
func sessionToMayor(t *testing.T) *harness {
	t.Helper()
	h := decisionHarness(t, 2, karir.Administrator)
	for _, a := range roleAccounts {
		if a.user == baperjakat {
			h.bindByCode(a.user, a.nip, a.code)
			h.grant(a.user, a.role, "")
		}
	}
	h.say(adminID, "/sidangbaru 10-12-2026")
	h.press(adminID, "Kosongkan pilihan")
	mustSee(t, h.pressListed(adminID, targetPos), "Terpilih <b>1</b>")
	mustSee(t, h.press(adminID, "Buka sidang (1)"), "dibuka dengan 1 jabatan")
	h.say(baperjakat, "/sidang "+sidangID)
	h.press(baperjakat, "📝 1. ")
	h.press(baperjakat, "Rahmat Saputra")
	h.press(baperjakat, "Taufik Syahputra")
	h.press(baperjakat, "Tulis catatan")
	mustSee(t, h.say(baperjakat, "Rahmat paling siap; Taufik cadangan."), "tercatat")
	h.advance(16 * 24 * time.Hour)
	h.press(baperjakat, "Tutup sidang")
	mustSee(t, h.press(baperjakat, "Ya, tutup sidang"), "ditutup")
	h.waitNotice(mayorID, "Rahmat paling siap; Taufik cadangan.")
	return h
}

// TestDecisionFinishedAfterACrash: the mayor confirms his choice in chat;
// the decision is stored, but carrying it out on the forms fails halfway
// (Nadia's form declined and saved, her notice not queued) until the bot
// gives the press up. Nobody presses again: the next start carries the
// decision out by itself. The forms follow it, each person concerned is
// told once (those told before the failure not again), the mayor hears
// it is done, and a second start changes nothing.
func TestDecisionFinishedAfterACrash(t *testing.T) {
	h := sessionToMayor(t)
	mustSee(t, h.press(mayorID, "Pilih Rahmat"), "Yang terjadi:", "2 pelamar lain jabatan ini <b>ditolak</b>")

	// The confirmation: stored, then the work fails at Nadia's notice.
	h.stopBot()
	tries := &atomic.Int32{}
	h.storage = bindingGone{Storage: h.store, nip: nipCode, tries: tries}
	h.start()
	mustSee(t, h.press(mayorID, "Ya, pilih Rahmat"), "gangguan")
	h.waitFor(func() bool {
		return strings.Contains(h.tg.LastMessage(mayorID).Text, "tidak dapat kami proses")
	})
	d := h.decision(sidangID)
	if d == nil || d.Applied || tries.Load() == 0 {
		t.Fatalf("before the restart: decision %+v, %d failed lookups", d, tries.Load())
	}
	if o := h.submission(nipCode); o.Stage != karir.StepDeclined {
		t.Fatalf("Nadia before the restart: %s (the failure should come after her form's save)", o.Stage)
	}
	h.waitNotice(asnRahmat, "Disetujui")
	h.waitNotice(asnTaufik, "jabatan diisi oleh kandidat lain")

	// The process dies; it comes back minutes later, nobody presses.
	h.crash()
	h.storage = nil
	h.advance(5 * time.Minute)
	h.start()
	d = h.decision(sidangID)
	if d == nil || !d.Applied || d.NIP != nipRahmat || len(d.Declined) != 2 {
		t.Fatalf("after the restart: decision %+v", d)
	}
	if r := h.submission(nipRahmat); !r.Approved() || r.Contract == nil {
		t.Fatalf("Rahmat: stage %s, contract %v", r.Stage, r.Contract)
	}
	for _, nip := range []string{nipTaufik, nipCode} {
		if o := h.submission(nip); o.Stage != karir.StepDeclined || o.LastAdminStep().Note != karir.DeclinedReason {
			t.Errorf("%s: stage %s, %+v", nip, o.Stage, o.LastAdminStep())
		}
	}
	h.waitNotice(asnStay, "jabatan diisi oleh kandidat lain")
	h.waitNotice(mayorID, "sempat terhenti")
	mustSee(t, []telegramtest.Message{h.tg.LastMessage(mayorID)}, "Tercatat", "Rahmat Saputra, S.Kom.</b> dipilih", "2 pelamar lain ditolak")
	told := h.noticesTold()

	// A second start: nothing moves, nobody is told again.
	h.stopBot()
	h.advance(5 * time.Minute)
	h.start()
	if again := h.noticesTold(); again != told {
		t.Errorf("the second start told again:\n%+v\nafter\n%+v", told, again)
	}
	if r := h.submission(nipRahmat); !r.Approved() {
		t.Errorf("Rahmat after the second start: %s", r.Stage)
	}
	for _, nip := range []string{nipTaufik, nipCode} {
		if s := h.submission(nip); s.Stage != karir.StepDeclined {
			t.Errorf("%s after the second start: %s", nip, s.Stage)
		}
	}
}

// told counts, once the outbox is empty, what each person concerned by
// the decision received of it; each is 1 when told once.
type told struct {
	approved, contracts, taufik, nadia, mayor int
}

func (h *harness) noticesTold() told {
	h.t.Helper()
	h.waitFor(func() bool {
		p, err := h.store.PendingOutgoing(context.Background())
		return err == nil && len(p) == 0
	})
	count := func(user int64, text string) int {
		n := 0
		for _, m := range h.tg.Messages(user) {
			if strings.Contains(m.Text, text) {
				n++
			}
		}
		return n
	}
	got := told{approved: count(asnRahmat, "Disetujui"), taufik: count(asnTaufik, karir.DeclinedReason),
		nadia: count(asnStay, karir.DeclinedReason), mayor: count(mayorID, "sempat terhenti")}
	for _, m := range h.tg.Messages(asnRahmat) {
		if m.Document != nil && strings.Contains(m.Document.Name, "kontrak-kinerja") {
			got.contracts++
		}
	}
	if want := (told{1, 1, 1, 1, 1}); got != want {
		h.t.Errorf("notices: got %+v, want each once", got)
	}
	return got
}

// failOnce fails, once each, the decision's audit entry and the save that
// marks the decision carried out: the crash falls between the two writes
// whichever comes first.
type failOnce struct {
	flows.Storage
	audit, applied *atomic.Bool
}

func (f failOnce) AppendAudit(ctx context.Context, e karir.AuditEntry) error {
	if e.Action == "keputusan" && f.audit.CompareAndSwap(false, true) {
		return errors.New("connection reset by peer")
	}
	return f.Storage.AppendAudit(ctx, e)
}

func (f failOnce) SaveDecision(ctx context.Context, d karir.Decision) error {
	if d.Applied && f.applied.CompareAndSwap(false, true) {
		return errors.New("connection reset by peer")
	}
	return f.Storage.SaveDecision(ctx, d)
}

// TestDecisionAuditSurvivesACrash: the writes of the decision's audit
// entry and of its mark as carried out each fail once, then the process
// dies and comes back twice: the audit holds the decision exactly once.
func TestDecisionAuditSurvivesACrash(t *testing.T) {
	h := sessionToMayor(t)
	mustSee(t, h.press(mayorID, "Pilih Rahmat"), "Yang terjadi:")

	h.stopBot()
	h.storage = failOnce{Storage: h.store, audit: &atomic.Bool{}, applied: &atomic.Bool{}}
	h.start()
	h.press(mayorID, "Ya, pilih Rahmat")
	for range 2 {
		h.crash()
		h.storage = nil
		h.advance(5 * time.Minute)
		h.start()
	}
	if d := h.decision(sidangID); d == nil || !d.Applied {
		t.Fatalf("after the restarts: decision %+v", d)
	}
	es, err := h.store.RecentAudit(context.Background(), 1000)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range es {
		if e.Action == "keputusan" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d audit entries of the decision, want 1: %+v", n, es)
	}
}
