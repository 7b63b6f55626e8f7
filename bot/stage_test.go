package bot_test

import (
	"strings"
	"testing"
	"time"

	"openkarir/telegramtest"
)

// At every stage, /status and the notice say what the stage means and
// what comes next, with the button that leads there; the filing deadline
// counts down only while the form can still be changed.
func TestStatusAndNoticeAtEveryStage(t *testing.T) {
	h := newHarness(t)
	const asn = 941
	h.bindByCode(asn, nipCode, codeText)
	status := func(want ...string) []telegramtest.Message {
		t.Helper()
		got := h.say(asn, "/status")
		mustSee(t, got, want...)
		return got
	}
	// notice waits for the ASN's first notice since the mark that
	// contains first, then checks the rest of it.
	mark := 0
	notice := func(first string, rest ...string) telegramtest.Message {
		t.Helper()
		var m telegramtest.Message
		h.waitFor(func() bool {
			for _, n := range h.tg.Since(asn, mark) {
				isNotice := strings.Contains(n.Text, "Perkembangan formulir") || strings.Contains(n.Text, "Koreksi")
				if isNotice && strings.Contains(n.Text, first) {
					m = n
					return true
				}
			}
			return false
		})
		mustSee(t, []telegramtest.Message{m}, rest...)
		mark = h.tg.Seq()
		return m
	}
	const deadline = "Batas pengisian: 30 November 2026 (sisa 6 hari)"

	status("belum mengisi", deadline)
	h.press(asn, "Tetap")
	h.say(asn, reasonText)
	h.say(asn, targetText)
	h.press(asn, "6 bulan")
	h.press(asn, "✅ Kirim")
	status("Status: 📨 <b>Menunggu verifikasi BKPSDM</b>", "masih dapat mengubahnya dengan /isi", deadline)

	mark = h.tg.Seq()
	h.say(adminID, "/tinjau "+nipCode)
	h.decide(adminID, "Dikembalikan", "Target belum terukur per pasar.")
	m := notice("Dikembalikan untuk perbaikan", "Catatan BKPSDM: <i>Target belum terukur per pasar.</i>", "Perbaiki formulir dengan /isi", "Dicatat oleh User900")
	mustSeeButton(t, []telegramtest.Message{m}, "Isi formulir")
	got := status("Status: ✏️ <b>Dikembalikan untuk perbaikan</b>", "Target belum terukur per pasar.", deadline)
	mustSeeButton(t, got, "Isi formulir")

	// The notice's button opens the form to fix.
	mustSee(t, h.tg.Press(t, asn, m.ID, buttonOf(m, "Isi formulir")), "jawaban yang terakhir Anda kirim")
	h.press(asn, "✏️ Target")
	h.say(asn, "Pasar Panorama 100% bersih dalam 6 bulan")
	h.press(asn, "✅ Kirim")
	status("Perbaikan terkirim, menunggu verifikasi ulang", deadline)
	mark = h.tg.Seq()

	h.say(adminID, "/tinjau "+nipCode)
	h.decide(adminID, "Diverifikasi BKPSDM", "")
	notice("Diverifikasi BKPSDM", "tidak dapat diubah lagi", "diteruskan ke Baperjakat")
	got = status("Status: ☑️ <b>Diverifikasi BKPSDM</b>")
	mustNotSee(t, got, "Batas pengisian")

	h.decide(adminID, "Ditinjau Baperjakat", "")
	notice("Sedang ditinjau Baperjakat", "Keputusannya akan diberitahukan")
	mustNotSee(t, status("Sedang ditinjau Baperjakat"), "Batas pengisian")

	h.decide(adminID, "Disetujui", "")
	approved := []string{"Disetujui, target berjalan", "tetap sebagai <b>Analis Kepegawaian Ahli Pertama</b>",
		"dari 24 November 2026 sampai <b>24 Mei 2027</b> (sisa 181 hari)", "/lapor"}
	m = notice(approved[0], approved[1:]...)
	mustSeeButton(t, []telegramtest.Message{m}, "Lapor kemajuan")
	got = status(approved...)
	mustSeeButton(t, got, "Lapor kemajuan")
	mustNotSee(t, got, "Batas pengisian")

	// Undone within ten minutes: the ASN is told of the correction.
	h.advance(5 * time.Minute)
	h.press(adminID, "↩️ Batalkan langkah terakhir")
	h.press(adminID, "Ya, batalkan")
	notice("Koreksi", "Langkah «Disetujui» yang diberitahukan sebelumnya dibatalkan oleh User900", "Sedang ditinjau Baperjakat")
	status("Sedang ditinjau Baperjakat")

	h.decide(adminID, "Ditolak", "Formasi tujuan belum tersedia.")
	declined := []string{"Ditolak", "Alasan: <i>Formasi tujuan belum tersedia.</i>",
		"Anda tetap di jabatan sekarang (Analis Kepegawaian Ahli Pertama, Badan Kepegawaian",
		"dapat mengajukan lagi pada periode Open Karir berikutnya"}
	notice(declined[0], declined[1:]...)
	got = status(declined...)
	mustNotSee(t, got, "Batas pengisian")
	mustNotSee(t, got, "sudah dikirim")
	mustSee(t, h.say(asn, "/isi"), "sudah diproses")

	// Approved after all, and the target evaluated: met, then (corrected) missed.
	h.press(adminID, "↩️ Batalkan langkah terakhir")
	h.press(adminID, "Ya, batalkan")
	h.decide(adminID, "Disetujui", "")
	h.decide(adminID, "Target tercapai", "")
	notice("Target tercapai", "prestasi kinerja")
	status("Status: 🏆 <b>Target tercapai</b>")
	h.press(adminID, "↩️ Batalkan langkah terakhir")
	h.press(adminID, "Ya, batalkan")
	h.decide(adminID, "Target tidak tercapai", "Baru dua dari enam pasar.")
	notice("Target tidak tercapai", "Catatan BKPSDM: <i>Baru dua dari enam pasar.</i>", "bersedia mundur dari jabatan")
	got = status("Status: ⚠️ <b>Target tidak tercapai</b>", "bersedia mundur")
	for _, m := range got {
		if strings.Contains(m.Text, "id 900") {
			t.Errorf("a bare id in the status: %s", m.Text)
		}
	}
}
