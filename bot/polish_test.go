package bot_test

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"openkarir/roster"
	"openkarir/telegramtest"
)

// What every ASN sees on the way through the form (issue 17): the target
// prompt's example and rule, the step numbers of each way, the answer kept
// under its question.
func TestFormTextsAsUsersSeeThem(t *testing.T) {
	h := newHarness(t)
	const user = 601
	h.begin(user)
	if consent := h.tg.Messages(user)[1].Text; !strings.HasSuffix(consent, "\n\n<b>✅ Setuju</b>") {
		t.Errorf("the privacy notice after agreeing ends %q", consent[max(0, len(consent)-40):])
	}
	h.say(user, nipCode)
	mustSee(t, h.say(user, codeText), "<b>Langkah 1 dari 4 atau 5: Pilihan</b>")
	got := h.press(user, "Tetap")
	mustSee(t, got, "<b>✅ Tetap di jabatan sekarang</b>", "<b>Langkah 2 dari 4: Alasan</b>")
	got = h.say(user, reasonText)
	mustSee(t, got, "<b>Langkah 3 dari 4: Target kinerja</b>", "<i>95% usulan kenaikan pangkat", "20 sampai 1000 karakter")
	mustNotSee(t, got, "%%")
	got = h.say(user, "Semua pasar bersih dan tertata rapi")
	mustSee(t, got, "misalnya <i>100% pasar bersih</i>")
	mustNotSee(t, got, "%%")
	mustSee(t, h.say(user, targetText), "<b>Langkah 4 dari 4: Jangka waktu target</b>")
	h.press(user, "6 bulan")
	got = h.press(user, "✅ Kirim")
	mustSee(t, got, "\n\n<b>✅ Kirim</b>", "Formulir terkirim")
	mustNotSee(t, got, "✅ <b>✅")

	const mover = 602
	h.bindByCode(mover, "197007211992021006", "5F47VU")
	mustSee(t, h.press(mover, "Pindah"), "<b>Langkah 2 dari 5: OPD tujuan</b>")
	mustSee(t, h.press(mover, "Dinas Perindustrian"), "<b>Langkah 2 dari 5: Jabatan tujuan</b>")
	mustSee(t, h.press(mover, "Penera Terampil"), "<b>Langkah 3 dari 5: Alasan</b>")
	mustSee(t, h.say(mover, reasonText), "<b>Langkah 4 dari 5: Target kinerja</b>")
	mustSee(t, h.say(mover, targetText), "<b>Langkah 5 dari 5: Jangka waktu target</b>")
}

// A photo as the very first message gets the same start as /start: the
// privacy notice, so the NIP typed next is not lost on it.
func TestPhotoBeforeStart(t *testing.T) {
	h := newHarness(t)
	const user = 603
	mark := h.tg.Seq()
	waitHandled(t, h, h.tg.SendPhoto(user, []byte("jpeg"), ""))
	got := h.tg.Since(user, mark)
	mustSee(t, got, "hanya dapat membaca teks", "Selamat datang", "Pelindungan data pribadi")
	mustNotSee(t, got, "ketik <b>NIP/NI PPPK</b>")
	mustSee(t, h.press(user, "Setuju"), "ketik <b>NIP/NI PPPK</b>")
	mustSee(t, h.say(user, nipCode), "memang milik Anda")
}

// /lapor takes "60 persen", shows the buttons again after a wrong answer,
// and is in the command menu.
func TestReportPercentAsTyped(t *testing.T) {
	h := newHarness(t)
	const asn = 604
	fileStay(h, asn)
	h.say(adminID, "/tinjau "+nipCode)
	h.decide(adminID, "Diverifikasi BKPSDM", "")
	h.decide(adminID, "Ditinjau Baperjakat", "")
	h.decide(adminID, "Disetujui", "")
	h.waitNotice(asn, "Laporkan kemajuan setiap bulan")

	h.say(asn, "/lapor")
	got := h.say(asn, "sebagian besar")
	mustSee(t, got, "60 persen")
	if last := got[len(got)-1]; len(last.Buttons) == 0 || last.Buttons[1][2].Text != "60%" {
		t.Errorf("a wrong percentage shows no buttons: %+v", last)
	}
	mustSee(t, h.say(asn, "60 persen"), "Kemajuan: <b>60%</b>")
	h.say(asn, "/batal")
	h.say(asn, "/lapor")
	mustSee(t, h.say(asn, "70 %"), "Kemajuan: <b>70%</b>")

	if !slices.ContainsFunc(h.tg.Commands(), func(c telegramtest.BotCommand) bool { return c.Command == "lapor" }) {
		t.Errorf("/lapor is not in the command menu: %+v", h.tg.Commands())
	}
}

// /siaran longer than Telegram allows is refused when written, not
// reported "Gagal" after queueing.
func TestBroadcastTooLong(t *testing.T) {
	h := newHarness(t)
	h.bindByCode(605, nipCode, codeText)
	got := h.say(adminID, "/siaran "+strings.Repeat("Pengumuman penting. ", 250)+"Selesai.")
	mustSee(t, got, "terlalu panjang: 5008 karakter", "4070 karakter", "Tidak ada yang dikirim")
	mustNotSee(t, got, "antrean")
	mustSee(t, h.say(adminID, "/siaran Batas pengisian diperpanjang."), "Diterima: <b>1</b> ASN")
	mustSee(t, h.press(adminID, "📨 Kirim"), "antrean untuk <b>1</b> ASN")
}

// /impor says which files it reads, hints at the caption when a CSV comes
// without one, and reads the roster from Excel as well as from CSV.
func TestRosterFilesAndCaptions(t *testing.T) {
	h := newHarness(t)
	mustSee(t, h.tg.Upload(t, adminID, "cakupan.png", []byte("\x89PNG"), "/impor"), "bukan data pegawai", "CSV", "Excel")
	mustSee(t, h.tg.Upload(t, adminID, "roster.csv", roster.Sample, ""), "keterangan <code>/impor</code>")
	mustNotSee(t, h.tg.Upload(t, adminID, "roster.csv", roster.Sample, ""), "hanya dapat membaca teks")

	book := excelize.NewFile()
	sample := csv.NewReader(bytes.NewReader(roster.Sample))
	sample.Comma = ';'
	rows, err := sample.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		cells := make([]any, len(r))
		for j, v := range r {
			cells[j] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := book.SetSheetRow("Sheet1", cell, &cells); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := book.Write(&buf); err != nil {
		t.Fatal(err)
	}
	mustSee(t, h.tg.Upload(t, adminID, "pegawai.xlsx", buf.Bytes(), "/impor"), "Data pegawai diimpor", "Baris dibaca: 40")
}
