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

// waitNotice waits for a message to the user with the text, among those
// since the last waitNotice found one for them. Not only the last message:
// a notice may be followed at once by another (the contract after an
// approval), and on a busy machine both land before the test looks.
func (h *harness) waitNotice(user int64, text string) {
	h.t.Helper()
	h.mu.Lock()
	mark := h.noticeMarks[user]
	h.mu.Unlock()
	next := mark
	h.waitFor(func() bool {
		seq := h.tg.Seq()
		for _, m := range h.tg.Since(user, mark) {
			if strings.Contains(m.Text, text) {
				next = seq
				return true
			}
		}
		return false
	})
	h.mu.Lock()
	h.noticeMarks[user] = next
	h.mu.Unlock()
}

// decide presses a step's button on the admin's latest card, writes the
// note when one is given, and confirms with "Ya, ...".
func (h *harness) decide(admin int64, step, note string) []telegramtest.Message {
	h.t.Helper()
	got := h.press(admin, "➡️ "+step)
	if note == "" && step == "Ditinjau Baperjakat" {
		// Baperjakat's review carries its consideration.
		note = "Dipertimbangkan Baperjakat."
	}
	if note != "" {
		mustSee(h.t, got, "Tulis catatan")
		got = h.say(admin, note)
	}
	mustSee(h.t, got, "Yang terjadi:")
	return h.press(admin, "✅ Ya")
}

func TestReviewFromFilingToVerdict(t *testing.T) {
	h := newHarness(t)
	const asn = 901
	fileStay(h, asn)
	sub := h.submission(nipCode)
	if sub.Stage != karir.StepSubmitted || len(sub.Milestones) != 1 || sub.Milestones[0].ActorID != asn {
		t.Fatalf("after filing: %+v", sub)
	}

	mustSee(t, h.say(asn, "/tinjau "+nipCode), "Maaf, ini khusus ")
	got := h.say(adminID, "/tinjau "+nipCode)
	mustSee(t, got, "NIP "+nipCode, reasonText, "Diajukan")

	// Returned for correction, with a note that reaches the ASN; the card
	// then says the form waits for the ASN, not that it is done.
	mustSee(t, h.press(adminID, "Dikembalikan"), "Tulis catatan")
	mustSee(t, h.say(adminID, "ok"), "3 sampai 500")
	got = h.say(adminID, "Target belum terukur per pasar.")
	mustSee(t, got, "Yang diberi tahu: Nadia Putri Maharani")
	mustSeeButton(t, got, "Ya, kembalikan")
	got = h.press(adminID, "Ya, kembalikan")
	mustSee(t, got, "Tercatat: <b>Dikembalikan untuk perbaikan</b>", "Menunggu perbaikan dari ASN")
	mustNotSee(t, got, "sudah selesai")
	h.waitNotice(asn, "Target belum terukur per pasar.")

	// The ASN fixes it, with the note in sight; the edit is kept as a
	// revision and the form is submitted again.
	mustSee(t, h.say(asn, "/isi"), "Catatan BKPSDM untuk diperbaiki:</b> <i>Target belum terukur per pasar.</i>")
	h.press(asn, "✏️ Target")
	h.say(asn, "Pasar Panorama dan Pasar Minggu 100% bersih dalam 6 bulan")
	h.press(asn, "✅ Kirim")
	sub = h.submission(nipCode)
	if sub.Stage != karir.StepSubmitted || len(sub.Revisions) != 1 || sub.Revisions[0].Old.Target != targetText {
		t.Fatalf("after the fix: stage %s, revisions %+v", sub.Stage, sub.Revisions)
	}

	old := h.say(adminID, "/tinjau "+nipCode)[0]
	mustSee(t, h.decide(adminID, "Diverifikasi BKPSDM", ""), "Tercatat")
	h.waitNotice(asn, "Diverifikasi BKPSDM")
	mustSee(t, h.say(asn, "/isi"), "sudah diproses")

	// A button of a card shown before the step changes nothing.
	stale := h.tg.Press(t, adminID, old.ID, old.Buttons[1][0].Data)
	mustSee(t, stale, "Tidak ada yang dicatat", "sudah berubah", "Diverifikasi BKPSDM")
	if sub := h.submission(nipCode); sub.Stage != karir.StepVerified {
		t.Fatalf("a stale button moved the form to %s", sub.Stage)
	}

	h.decide(adminID, "Ditinjau Baperjakat", "")
	h.decide(adminID, "Disetujui", "")
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
	h.decide(adminID, "Target tidak tercapai", "Baru empat dari enam pasar.")
	h.waitNotice(asn, "Baru empat dari enam pasar.")
	if sub = h.submission(nipCode); sub.Stage != karir.StepMissed {
		t.Errorf("final stage %s", sub.Stage)
	}
	mustSee(t, h.say(asn, "/lapor"), "Belum ada target")
}

func TestTwoAdminsRecordOneStep(t *testing.T) {
	h := newHarness(t)
	fileStay(h, 902)
	const second = 902 // the ASN is made an admin too
	h.grant(second, "verifikator", "")
	for _, admin := range []int64{adminID, second} {
		h.say(admin, "/tinjau "+nipCode)
		mustSeeButton(t, h.press(admin, "➡️ Diverifikasi BKPSDM"), "Ya, verifikasi")
	}
	// Both confirm at once.
	var ids []int
	for _, admin := range []int64{adminID, second} {
		m := h.tg.LastMessage(admin)
		ids = append(ids, h.tg.PressButton(admin, m.ID, m.Buttons[0][0].Data))
	}
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
	// One admin was told it is recorded, the other that someone was first.
	var recorded, refused int
	for _, admin := range []int64{adminID, second} {
		for _, m := range h.tg.Messages(admin) {
			switch {
			case strings.Contains(m.Text, "Tercatat: <b>Diverifikasi BKPSDM</b>"):
				recorded++
			case strings.Contains(m.Text, "Tidak ada yang dicatat"):
				refused++
			}
		}
	}
	if recorded != 1 || refused != 1 {
		t.Errorf("recorded %d, refused %d; want 1 and 1", recorded, refused)
	}
}

func TestDeadlineCommand(t *testing.T) {
	h := newHarness(t)
	h.bindByCode(904, nipCode, codeText)
	h.grant(904, "admin_opd", "BKPSDM")
	mustSee(t, h.say(904, "/tenggat 2026-12-15"), "Maaf, ini khusus ")
	mustSee(t, h.say(adminID, "/tenggat"), "Batas pengisian sekarang: 30 November 2026")
	mustSee(t, h.say(adminID, "/tenggat besok"), "tidak dikenali", karir.DateForms)
	mustSee(t, h.say(adminID, "/tenggat 2026-11-01"), "sudah lewat")
	mustSee(t, h.say(adminID, "/tenggat 2026-12-15"), "15 Desember 2026", "sisa 21 hari")
	h.press(adminID, "Ya, ubah batas")
	r, err := h.store.Round(context.Background(), h.round.ID)
	if err != nil || !r.Closes.Equal(time.Date(2026, 12, 16, 0, 0, 0, 0, h.loc)) {
		t.Fatalf("stored round: %+v, %v", r, err)
	}
	mustSee(t, h.say(904, "/status"), "15 Desember 2026 (sisa 21 hari)")
	h.advance(22 * 24 * time.Hour)
	mustSee(t, h.say(904, "/isi"), "sudah lewat")
	mustSee(t, h.say(adminID, "/audit"), "ubah tenggat")
}

func TestCheckInReminder(t *testing.T) {
	h := newHarness(t)
	const asn = 905
	fileStay(h, asn)
	h.say(adminID, "/tinjau "+nipCode)
	h.decide(adminID, "Diverifikasi BKPSDM", "")
	h.decide(adminID, "Ditinjau Baperjakat", "")
	h.decide(adminID, "Disetujui", "")

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
