package bot_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"openkarir/karir"

	"openkarir/flows"
	"openkarir/telegramtest"
)

// fileStay makes the ASN with the activation code file a "stay" form.
func fileStay(h *harness, user int64) {
	h.t.Helper()
	h.bindByCode(user, nipCode, codeText)
	h.press(user, "Tetap")
	h.say(user, reasonText)
	h.say(user, targetText)
	h.press(user, "6 bulan")
	h.press(user, "✅ Kirim")
}

func (h *harness) waitNotice(user int64, text string) {
	h.t.Helper()
	h.waitFor(func() bool { return strings.Contains(h.tg.LastMessage(user).Text, text) })
}

func TestReviewFromFilingToVerdict(t *testing.T) {
	h := newHarness(t)
	const asn = 901
	fileStay(h, asn)
	sub := h.submission(nipCode)
	if sub.Stage != karir.StepSubmitted || len(sub.Milestones) != 1 || sub.Milestones[0].ActorID != asn {
		t.Fatalf("after filing: %+v", sub)
	}

	mustSee(t, h.say(asn, "/tinjau "+nipCode), "khusus admin")
	got := h.say(adminID, "/tinjau "+nipCode)
	mustSee(t, got, "NIP "+nipCode, reasonText, "Diajukan")

	// Returned for correction, with a note that reaches the ASN.
	mustSee(t, h.press(adminID, "Dikembalikan"), "Tulis catatan")
	mustSee(t, h.say(adminID, "ok"), "3 sampai 500")
	mustSee(t, h.say(adminID, "Target belum terukur per pasar."), "Tercatat: <b>Dikembalikan untuk perbaikan</b>")
	h.waitNotice(asn, "Target belum terukur per pasar.")

	// The ASN fixes it; the edit is kept as a revision and the form is submitted again.
	h.say(asn, "/isi")
	h.press(asn, "✏️ Target")
	h.say(asn, "Pasar Panorama dan Pasar Minggu 100% bersih dalam 6 bulan")
	h.press(asn, "✅ Kirim")
	sub = h.submission(nipCode)
	if sub.Stage != karir.StepSubmitted || len(sub.Revisions) != 1 || sub.Revisions[0].Old.Target != targetText {
		t.Fatalf("after the fix: stage %s, revisions %+v", sub.Stage, sub.Revisions)
	}

	h.say(adminID, "/tinjau "+nipCode)
	mustSee(t, h.press(adminID, "Diverifikasi BKPSDM"), "Tercatat")
	h.waitNotice(asn, "Diverifikasi BKPSDM")
	mustSee(t, h.say(asn, "/isi"), "sudah diproses")

	// A step out of order is refused.
	h.say(adminID, "/tinjau "+nipCode)
	stale := h.tg.Press(t, adminID, h.tg.LastMessage(adminID).ID, flows.ButtonData("tinjau", "disetujui:"+nipCode))
	mustSee(t, stale, "tidak dapat dicatat")

	h.press(adminID, "Ditinjau Baperjakat")
	h.press(adminID, "Disetujui")
	sub = h.submission(nipCode)
	wantDeadline := h.clock().AddDate(0, 6, 0)
	if sub.Stage != karir.StepTargetActive || !sub.TargetDeadline.Equal(wantDeadline) {
		t.Fatalf("after approval: stage %s deadline %v, want %v", sub.Stage, sub.TargetDeadline, wantDeadline)
	}
	h.waitNotice(asn, "24 Mei 2027")
	status := h.say(asn, "/status")
	mustSee(t, status, "✅ Diverifikasi BKPSDM", "✅ Disetujui", "✅ Target berjalan", "▶️ Target tercapai", "Batas target: <b>24 Mei 2027</b> (sisa 181 hari)")

	// Check-ins: by button, note, no evidence; then typed, with a photo.
	h.say(asn, "/lapor")
	mustSee(t, h.press(asn, "60%"), "Kemajuan: <b>60%</b>")
	mustSee(t, h.say(asn, "Dua pasar sudah dibersihkan."), "bukti")
	mustSee(t, h.press(asn, "Lewati"), "Laporan kemajuan <b>60%</b> tercatat")
	h.say(asn, "/lapor")
	mustSee(t, h.say(asn, "150"), "0 sampai 100")
	h.say(asn, "80%")
	h.say(asn, "Empat pasar sudah tertata.")
	id := h.tg.SendPhoto(asn, []byte("jpeg"), "")
	waitHandled(t, h, id)
	mustSee(t, []telegramtest.Message{h.tg.LastMessage(asn)}, "<b>80%</b> tercatat")
	sub = h.submission(nipCode)
	last := sub.LastCheckIn()
	if last == nil || last.Percent != 80 || last.FileID == "" || last.FileKind != "photo" || last.Note != "Empat pasar sudah tertata." {
		t.Fatalf("last check-in: %+v", last)
	}
	mustSee(t, h.say(asn, "/status"), "Laporan terakhir: 80%")

	// Past the target's deadline without a verdict: overdue, for both sides.
	h.advance(200 * 24 * time.Hour)
	mustSee(t, h.say(asn, "/status"), "Batas target sudah lewat")
	mustSee(t, h.say(adminID, "/tinjau "+nipCode), "terlewati tanpa evaluasi")
	h.press(adminID, "Target tidak tercapai")
	h.say(adminID, "Baru empat dari enam pasar.")
	h.waitNotice(asn, "Baru empat dari enam pasar.")
	if sub = h.submission(nipCode); sub.Stage != karir.StepMissed {
		t.Errorf("final stage %s", sub.Stage)
	}
	mustSee(t, h.say(asn, "/lapor"), "Belum ada target")
}

func TestTwoAdminsRecordOneStep(t *testing.T) {
	h := newHarness(t)
	fileStay(h, 902)
	const second = 903
	h.say(adminID, "/admin tambah 902")
	h.say(adminID, "/tinjau "+nipCode)
	h.say(902, "/tinjau "+nipCode)
	a, b := h.tg.LastMessage(adminID), h.tg.LastMessage(902)
	data := flows.ButtonData("tinjau", string(karir.StepVerified)+":"+nipCode)
	ids := []int{h.tg.PressButton(adminID, a.ID, data), h.tg.PressButton(902, b.ID, data)}
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Go(func() { waitHandled(t, h, id) })
	}
	wg.Wait()
	sub := h.submission(nipCode)
	n := 0
	for _, m := range sub.Milestones {
		if m.Step == karir.StepVerified {
			n++
		}
	}
	if n != 1 || sub.Stage != karir.StepVerified {
		t.Fatalf("%d verifications recorded; stage %s", n, sub.Stage)
	}
	_ = second
}

func TestDeadlineCommand(t *testing.T) {
	h := newHarness(t)
	h.bindByCode(904, nipCode, codeText)
	h.say(adminID, "/admin tambah 904 BKPSDM")
	mustSee(t, h.say(904, "/tenggat 2026-12-15"), "khusus admin")
	mustSee(t, h.say(adminID, "/tenggat besok"), "Batas pengisian sekarang: 30 November 2026")
	mustSee(t, h.say(adminID, "/tenggat 2026-11-01"), "sudah lewat")
	mustSee(t, h.say(adminID, "/tenggat 2026-12-15"), "15 Desember 2026", "sisa 21 hari")
	r, err := h.store.Round(context.Background(), h.round.ID)
	if err != nil || !r.Closes.Equal(time.Date(2026, 12, 16, 0, 0, 0, 0, h.loc)) {
		t.Fatalf("stored round: %+v, %v", r, err)
	}
	mustSee(t, h.say(904, "/status"), "15 Desember 2026 (sisa 21 hari)")
	h.advance(22 * 24 * time.Hour)
	mustSee(t, h.say(904, "/isi"), "sudah lewat")
	mustSee(t, h.say(adminID, "/audit"), "tenggat")
}

func TestCheckInReminder(t *testing.T) {
	h := newHarness(t)
	const asn = 905
	fileStay(h, asn)
	h.say(adminID, "/tinjau "+nipCode)
	h.press(adminID, "Diverifikasi BKPSDM")
	h.press(adminID, "Ditinjau Baperjakat")
	h.press(adminID, "Disetujui")

	rem := flows.NewReminders(h.deps, flows.DefaultReminderPlan())
	h.advance(31*24*time.Hour + time.Hour) // a month after approval, 10:00
	n, err := rem.Tick(context.Background())
	if err != nil || n != 1 {
		t.Fatalf("tick = %d, %v", n, err)
	}
	h.waitNotice(asn, "Saatnya melaporkan kemajuan")
	msg := h.tg.LastMessage(asn)
	mustSee(t, h.tg.Press(t, asn, msg.ID, msg.Buttons[0][0].Data), "Berapa persen")
}
