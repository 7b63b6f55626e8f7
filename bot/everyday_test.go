package bot_test

import (
	"strings"
	"testing"

	"openkarir/telegramtest"
)

// The welcome names the agency of the settings (AGENCY_NAME), as the
// contract does.
func TestWelcomeNamesTheCity(t *testing.T) {
	h := newHarness(t)
	mustSee(t, h.say(501, "/start"), "Selamat datang di <b>Open Karir</b> Pemerintah Kota Bengkulu.")
}

// The example targets fit the ASN's work: health for the health office,
// staff work for BKPSDM; the one about markets is for the trade office.
func TestTargetExamplesFitTheWork(t *testing.T) {
	h := newHarness(t)
	const nurse, staff = 511, 512
	h.bindByCode(nurse, "197007211992021006", "5F47VU") // Dinas Kesehatan
	h.press(nurse, "Tetap")
	got := h.say(nurse, reasonText)
	mustSee(t, got, "Target kinerja", "imunisasi")
	mustNotSee(t, got, "pasar")

	h.bindByCode(staff, nipCode, codeText) // BKPSDM
	h.press(staff, "Tetap")
	mustSee(t, h.say(staff, reasonText), "kenaikan pangkat")
}

// /belum sorts by name without the titles in front and without regard to
// case: "dr. Rina Marlina" among the R.
func TestNotFiledSortsWithoutTitles(t *testing.T) {
	h := newHarness(t)
	got := h.say(adminID, "/belum DINKES")
	text := got[0].Text
	rina, rudi, agus := strings.Index(text, "dr. Rina Marlina"), strings.Index(text, "Rudi Hartono"), strings.Index(text, "Agus Santoso")
	if rina < 0 || rudi < 0 || agus < 0 || !(agus < rina && rina < rudi) {
		t.Errorf("dr. Rina Marlina does not sort between Agus and Rudi:\n%s", text)
	}
}

// The texts an ASN and an admin stumbled on.
func TestEverydayTexts(t *testing.T) {
	h := newHarness(t)
	const asn = 521

	// Declining the notice takes its buttons away: it comes again.
	mustSee(t, h.say(asn, "/start"), "Pelindungan data pribadi")
	got := h.press(asn, "Tidak setuju")
	mustSee(t, got, "Tanpa persetujuan", "Pelindungan data pribadi")
	mustSeeButton(t, got, "Setuju")
	h.press(asn, "✅ Setuju")
	h.say(asn, nipCode)
	got = h.say(asn, codeText)
	// "S.Psi." ends the sentence: no second period.
	mustSee(t, got, "Maharani, S.Psi.</b> Akun", "Langkah 1 dari 4 atau 5: Pilihan")

	// /status cuts a long reason at a word and says it goes on.
	long := "Saya ingin tetap di jabatan ini karena program digitalisasi layanan kepegawaian yang saya mulai tahun lalu belum selesai dan perlu dituntaskan bersama tim."
	h.press(asn, "Tetap")
	h.say(asn, long)
	h.say(asn, targetText+" dalam 6 bulan")
	h.press(asn, "6 bulan")
	h.press(asn, "✅ Kirim")
	got = h.say(asn, "/status")
	mustSee(t, got, "saya mulai tahun lalu … <i>(berlanjut; selengkapnya di /dataku)</i>")

	// The admin's confirmation: the step, then whose form; the target last.
	h.say(adminID, "/tinjau "+nipCode)
	h.decide(adminID, "Diverifikasi BKPSDM", "")
	h.decide(adminID, "Ditinjau Baperjakat", "")
	got = h.press(adminID, "➡️ Disetujui")
	mustSee(t, got, "Catat tahap <b>Disetujui</b> pada formulir Nadia Putri Maharani, S.Psi. (OK-",
		"(6 bulan): <i>"+targetText+" dalam 6 bulan</i>")
	mustNotSee(t, got, "untuk Nadia")
}

// /audit names its actions in words, and records who took the phone
// numbers of /belum's file.
func TestAuditLabelsAndPhoneExport(t *testing.T) {
	h := newHarness(t)
	h.bindByCode(531, nipCode, codeText)
	h.say(adminID, "/admin tambah 531 admin_opd BKPSDM")
	h.press(adminID, "Ya, beri peran")
	got := h.say(adminID, "/belum")
	if len(documents(got)) == 0 {
		t.Fatalf("/belum sent no file:\n%s", dump(got))
	}
	audit := h.say(adminID, "/audit")
	mustSee(t, audit, "<b>beri peran</b>: ", "<b>unduh daftar belum mengisi</b>: daftar 40 ASN dengan nomor HP, semua OPD")
	mustNotSee(t, audit, "peran-tambah")
}

// The privacy notice names everyone who sees the data and all that is kept.
func TestPrivacyNoticeIsComplete(t *testing.T) {
	h := newHarness(t)
	mustSee(t, h.say(541, "/start"), "atasan langsung Anda", "data talenta", "predikat kinerja SKP dan potensial")
}

// /siaran says how many it cannot reach, as /ingatkan does.
func TestBroadcastSaysWhoIsNotReached(t *testing.T) {
	h := newHarness(t)
	h.bindByCode(551, nipCode, codeText)
	mustSee(t, h.say(adminID, "/siaran BKPSDM Rapat koordinasi besok pukul 09.00."), "Diterima: <b>1</b> ASN", "Tidak dapat dihubungi lewat bot: <b>6</b> ASN")
	mustSee(t, h.press(adminID, "📨 Kirim"),
		"Pengumuman masuk antrean untuk <b>1</b> ASN OPD BKPSDM. Laporan pengiriman", "<b>6</b> ASN tidak menerimanya lewat bot (6 belum terhubung, 0 memblokir bot)")
}

// Changing the target from the summary offers the old text to copy.
func TestEditTargetOffersTheOldText(t *testing.T) {
	h := newHarness(t)
	const asn = 561
	h.bindByCode(asn, nipCode, codeText)
	h.press(asn, "Tetap")
	h.say(asn, reasonText)
	h.say(asn, targetText)
	h.press(asn, "6 bulan")
	got := h.press(asn, "✏️ Target")
	mustSee(t, got, "<code>"+targetText+"</code>")
}

// /lapor's percent buttons go once one is pressed, the answer under the
// question, as in the form.
func TestReportPercentButtonsCollapse(t *testing.T) {
	h := newHarness(t)
	const asn = 571
	fileStay(h, asn)
	h.approve(nipCode)
	ask := h.say(asn, "/lapor")
	got := h.press(asn, "60%")
	var question *telegramtest.Message
	for i := range got {
		if got[i].ID == ask[len(ask)-1].ID {
			question = &got[i]
		}
	}
	if question == nil || len(question.Buttons) != 0 || !strings.Contains(question.Text, "<b>✅ 60%</b>") {
		t.Fatalf("the percent question after the press:\n%s", dump(got))
	}
}

// A typed post like none on the list is confirmed before it is taken: a
// post typed two ways splits the counts admins read.
func TestTypedPostLikeNoneIsConfirmed(t *testing.T) {
	h := newHarness(t)
	const asn = 581
	h.bindByCode(asn, nipCode, codeText)
	h.press(asn, "Pindah")
	h.press(asn, "Dinas Kesehatan")
	got := h.say(asn, "penjaga menara suar")
	mustSee(t, got, "Jabatan <i>penjaga menara suar</i> tidak ada di daftar Dinas Kesehatan, dan tidak mirip")
	if d := h.conversation(asn).Draft; d.TargetPosition != "" {
		t.Fatalf("taken before it was confirmed: %+v", d)
	}
	mustSee(t, h.press(asn, "Tetap pakai yang saya ketik"), "Mengapa Anda ingin pindah")
	if d := h.conversation(asn).Draft; d.TargetPosition != "penjaga menara suar" {
		t.Errorf("target post = %q", d.TargetPosition)
	}
}

// /cakupan and /belum give the overall view with a button per OPD to drill
// down, instead of a typed OPD code.
func TestOverallViewsDrillDownByButton(t *testing.T) {
	h := newHarness(t)
	got := h.say(adminID, "/cakupan")
	mustSee(t, got, "Lihat satu OPD")
	mustSeeButton(t, got, "DINKES")
	mustSee(t, h.press(adminID, "DINKES"), ", OPD DINKES)")

	got = h.say(adminID, "/belum")
	mustSee(t, got, "Lihat satu OPD")
	mustSee(t, h.press(adminID, "DPUPR"), "ASN belum mengisi</b> (OPD DPUPR)")
}
