package bot_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"image/png"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"openkarir/flows"
	"openkarir/roster"
	"openkarir/telegramtest"
)

const (
	asnStay = 801 // BKPSDM staff (nipCode), files "stay"
	asnDPU  = 802 // DPUPR staff (nipPhone), bound, later an OPD admin for DPUPR
)

// consoleHarness has one ASN who filed and one bound who has not.
func consoleHarness(t *testing.T) *harness {
	h := newHarness(t)
	fileStay(h, asnStay)
	h.begin(asnDPU)
	h.say(asnDPU, nipPhone)
	mustSee(t, h.tg.Share(t, asnDPU, phoneOwner, asnDPU), "sudah terhubung")
	h.say(asnDPU, "/batal")
	return h
}

func photoOf(t *testing.T, msgs []telegramtest.Message) []byte {
	t.Helper()
	for _, m := range msgs {
		if m.Photo != nil {
			return m.Photo.Data
		}
	}
	t.Fatalf("no photo in:\n%s", dump(msgs))
	return nil
}

func documents(msgs []telegramtest.Message) map[string][]byte {
	docs := map[string][]byte{}
	for _, m := range msgs {
		if m.Document != nil {
			docs[m.Document.Name] = m.Document.Data
		}
	}
	return docs
}

func TestCoverageByRole(t *testing.T) {
	h := consoleHarness(t)

	t.Run("NotAdmin", func(t *testing.T) {
		got := h.say(asnDPU, "/cakupan")
		mustSee(t, got, "Maaf, ini khusus ")
		mustNotSee(t, got, "ASN sudah mengisi")
	})
	t.Run("SuperAdmin", func(t *testing.T) {
		got := h.say(adminID, "/cakupan")
		mustSee(t, got, "1 dari 40 ASN sudah mengisi, 2,5%", "BKPSDM: 1/7", "DPUPR: 0/7 (0,0%) · bot 1 · tanpa bot 6", "Per jenis jabatan", "JPT Pratama", "PNS dan PPPK", "tetap 1")
		img, err := png.Decode(bytes.NewReader(photoOf(t, got)))
		if err != nil {
			t.Fatalf("chart is not a PNG: %v", err)
		}
		if b := img.Bounds(); b.Dx() < 300 || b.Dy() < 150 || b.Dx() > 3000 {
			t.Errorf("chart size %v", b)
		}
	})
	t.Run("OPDAdmin", func(t *testing.T) {
		h.grant(asnDPU, "admin_opd", "DPUPR")
		got := h.say(asnDPU, "/cakupan")
		mustSee(t, got, "0 dari 7 ASN sudah mengisi", "OPD DPUPR")
		mustNotSee(t, got, "BKPSDM")
		mustSee(t, h.say(asnDPU, "/cakupan DINKES"), "hanya dapat bertindak untuk OPD DPUPR")
		mustSee(t, h.say(asnDPU, "/admin daftar"), "Maaf, ini khusus ")
	})
}

// TestOPDScope checks OPD codes the same way in every command that takes
// one: unknown codes are refused, and an OPD admin acts on their OPD only.
func TestOPDScope(t *testing.T) {
	h := consoleHarness(t)
	mustSee(t, h.say(adminID, fmt.Sprintf("/admin tambah %d admin_opd XYZ", asnDPU)), "Kode OPD XYZ tidak dikenal")
	mustSee(t, h.say(asnDPU, "/cakupan"), "Maaf, ini khusus ") // nothing was granted
	mustSee(t, h.say(adminID, "/cakupan XYZ"), "Kode OPD XYZ tidak dikenal")
	mustSee(t, h.say(adminID, "/ingatkan XYZ"), "Kode OPD XYZ tidak dikenal")

	h.grant(asnDPU, "admin_opd", "DPUPR")
	for _, cmd := range []string{"/belum BKPSDM", "/ingatkan BKPSDM", "/siaran BKPSDM Rapat besok"} {
		mustSee(t, h.say(asnDPU, cmd), "hanya dapat bertindak untuk OPD DPUPR")
	}
	// Without a code, an OPD admin's broadcast goes to their OPD only:
	// the one bound DPUPR ASN, who is the admin.
	mustSee(t, h.say(asnDPU, "/siaran Rapat besok"), "OPD DPUPR")
	// A message starting with a capitalised word that is no OPD code is text.
	mustSee(t, h.say(adminID, "/siaran PENTING rapat besok"), "semua OPD")
}

func TestNotFiledList(t *testing.T) {
	h := consoleHarness(t)
	mustSee(t, h.say(asnDPU, "/belum"), "Maaf, ini khusus ")

	got := h.say(adminID, "/belum")
	// One compact line per person, with the roster's phone number.
	mustSee(t, got, "39 ASN belum mengisi", "halaman 1 dari 2",
		"1. Ani Anggraini, S.T. · BKPSDM · 081226323822 ☎️", "Tanda: 📲 terhubung bot", "hubungi lewat nomor HP")
	mustNotSee(t, got, "✅")                    // reads as "done" in a list of who has not
	mustNotSee(t, got, "Nadia Putri Maharani") // she filed
	if n := len([]rune(got[0].Text)); n > 1500 {
		t.Errorf("a page of 20 runs to %d characters", n)
	}
	list := documents(got)["belum-mengisi.csv"]
	if !bytes.HasPrefix(list, []byte("\ufeff")) {
		t.Fatalf("CSV without BOM: %q", list[:min(10, len(list))])
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(list, []byte("\ufeff"))))
	r.Comma = ';' // what Excel in the Indonesian locale splits on
	rows, err := r.ReadAll()
	if err != nil || len(rows) != 40 || strings.Join(rows[0], ",") != "nip,nama,kode_opd,nama_opd,jabatan,jenis_jabatan,eselon,jenis_pegawai,no_hp,status_bot" {
		t.Fatalf("CSV: %d rows, %v, header %v", len(rows), err, rows[0])
	}
	if rows[1][8] != "081226323822" || rows[1][9] != "belum terhubung" || rows[1][5] != "Fungsional Terampil" || rows[1][7] != "PNS" {
		t.Errorf("CSV row: %v", rows[1])
	}
	// The same list as a spreadsheet, phone numbers as text.
	x, err := excelize.OpenReader(bytes.NewReader(documents(got)["belum-mengisi.xlsx"]))
	if err != nil {
		t.Fatalf("xlsx: %v", err)
	}
	sheet, err := x.GetRows("Belum mengisi")
	if err != nil || len(sheet) != 40 || sheet[0][8] != "no_hp" || sheet[1][8] != "081226323822" {
		t.Fatalf("xlsx: %d rows, %v, %v", len(sheet), err, sheet[:min(2, len(sheet))])
	}
	first := got[0]
	page2 := h.tg.Press(t, adminID, first.ID, first.Buttons[0][0].Data)
	if len(page2) != 1 || page2[0].ID != first.ID || !strings.Contains(page2[0].Text, "halaman 2 dari 2") {
		t.Fatalf("page 2: %s", dump(page2))
	}
	mustSee(t, page2, "Hendrik Wijaya, S.T. · DPUPR · 081273450003 📲")

	h.grant(asnDPU, "admin_opd", "DPUPR")
	got = h.say(asnDPU, "/belum")
	mustSee(t, got, "7 ASN belum mengisi", "(OPD DPUPR)")
	mustNotSee(t, got, "DINKES")
	// A forged page button for another OPD shows nothing.
	before := h.tg.Sent(asnDPU)
	h.tg.Press(t, asnDPU, got[0].ID, flows.ButtonData("belum", "DINKES:0"))
	if h.tg.Sent(asnDPU) != before {
		t.Errorf("forged /belum button answered with a list")
	}
}

func TestDemandMap(t *testing.T) {
	h := consoleHarness(t)
	// Two ASN ask for the same post in DISPERINDAG.
	for _, u := range []int64{asnDPU} {
		h.say(u, "/isi")
		h.press(u, "Pindah")
		h.press(u, "Dinas Perindustrian dan Perdagangan")
		h.say(u, "Kepala Seksi Kebersihan dan Ketertiban Pasar")
		h.say(u, reasonText)
		h.say(u, targetText)
		h.press(u, "6 bulan")
		h.press(u, "✅ Kirim")
	}
	h.say(asnStay, "/isi")
	h.press(asnStay, "✏️ Pilihan")
	h.press(asnStay, "Pindah")
	h.press(asnStay, "Dinas Perindustrian dan Perdagangan")
	h.say(asnStay, "kepala seksi kebersihan dan ketertiban pasar")
	h.press(asnStay, "✅ Kirim")

	mustSee(t, h.say(asnDPU, "/peminat"), "Maaf, ini khusus ")
	got := h.say(adminID, "/peminat")
	mustSee(t, got, "Kepala Seksi Kebersihan dan Ketertiban Pasar (DISPERINDAG): 2 peminat · pemegang sekarang: 1 ⚠️")
}

func TestExport(t *testing.T) {
	h := consoleHarness(t)
	mustSee(t, h.say(asnDPU, "/ekspor"), "Maaf, ini khusus ")

	got := h.say(adminID, "/ekspor")
	docs := documents(got)
	x, err := excelize.OpenReader(bytes.NewReader(docs["open-karir-2026-1.xlsx"]))
	if err != nil {
		t.Fatalf("xlsx: %v", err)
	}
	rows, err := x.GetRows("Formulir")
	if err != nil || len(rows) != 2 {
		t.Fatalf("xlsx rows = %d, %v", len(rows), err)
	}
	want := map[string]string{"nip": nipCode, "pilihan": "tetap", "alasan": reasonText, "target_kinerja": targetText, "jangka_waktu_bulan": "6"}
	for i, col := range rows[0] {
		if w, ok := want[col]; ok {
			if rows[1][i] != w {
				t.Errorf("xlsx %s = %q, want %q", col, rows[1][i], w)
			}
			delete(want, col)
		}
	}
	if len(want) > 0 {
		t.Errorf("xlsx lacks the columns %v: %q", want, rows[0])
	}
	c := docs["open-karir-2026-1.csv"]
	if !bytes.HasPrefix(c, []byte("\ufeff")) || !bytes.Contains(c, []byte(nipCode)) {
		t.Errorf("csv export: %q", c)
	}

	// An OPD admin of DPUPR exports DPUPR only: nobody filed there.
	h.grant(asnDPU, "admin_opd", "DPUPR")
	got = h.say(asnDPU, "/ekspor")
	mustSee(t, got, "Ekspor 0 formulir periode 2026-1 (OPD DPUPR)")
	if bytes.Contains(documents(got)["open-karir-2026-1-DPUPR.csv"], []byte(nipCode)) {
		t.Errorf("OPD export leaks another OPD's form")
	}
}

func TestRosterUploadInChat(t *testing.T) {
	h := consoleHarness(t)
	ctx := context.Background()
	before, err := h.store.Employee(ctx, nipPhone)
	if err != nil {
		t.Fatal(err)
	}
	bad := "nip;nama;kode_opd;nama_opd;jabatan;eselon;no_hp;kode_aktivasi\n" +
		nipPhone + ";Nama Baru;DPUPR;Dinas PU;Jabatan Baru;IV;081273450003;\n" +
		"123;Tanpa NIP;DPUPR;Dinas PU;Staf;;081200000000;\n"
	got := h.tg.Upload(t, adminID, "roster.csv", []byte(bad), "/impor")
	mustSee(t, got, "Berkas ditolak", "Tidak ada data yang diubah", "baris 3")
	after, _ := h.store.Employee(ctx, nipPhone)
	if after.Name != before.Name || after.Position != before.Position {
		t.Fatalf("a rejected file changed the roster: %+v", after)
	}

	mustSee(t, h.tg.Upload(t, asnDPU, "roster.csv", roster.Sample, "/impor"), "Maaf, ini khusus ")
	h.grant(asnDPU, "verifikator", "")
	mustSee(t, h.tg.Upload(t, asnDPU, "roster.csv", roster.Sample, "/impor"), "Maaf, ini khusus ")

	good := strings.Replace(string(roster.Sample), "Hendrik Wijaya, S.T.", "Hendrik Wijaya, S.T., M.T.", 1)
	got = h.tg.Upload(t, adminID, "roster.csv", []byte(good), "/impor")
	mustSee(t, got, "Data pegawai diimpor", "Diperbarui: 1", "Tidak berubah: 39")
	if e, _ := h.store.Employee(ctx, nipPhone); e.Name != "Hendrik Wijaya, S.T., M.T." {
		t.Errorf("name after import = %q", e.Name)
	}
	mustSee(t, h.say(adminID, "/impor"), "sebagai <b>dokumen</b>")
}

func TestUnbindAndAudit(t *testing.T) {
	h := consoleHarness(t)
	mustSee(t, h.say(asnDPU, "/lepas "+nipCode), "Maaf, ini khusus ")
	mustSee(t, h.say(adminID, "/lepas "+nipCode), "dilepas dari akun Telegram")
	if _, err := h.store.Binding(context.Background(), nipCode); err == nil {
		t.Fatal("binding still there")
	}
	mustSee(t, h.say(asnStay, "/status"), "belum terhubung")
	h.submission(nipCode) // still filed
	// The NIP can be bound again, by a new phone.
	h.bindByCode(803, nipCode, codeText)

	h.say(adminID, "/siaran Rapat koordinasi besok")
	h.press(adminID, "📨 Kirim")
	got := h.say(adminID, "/audit")
	mustSee(t, got, "lepas", "NIP "+nipCode, "siaran", "Rapat koordinasi besok")
	h.grant(asnDPU, "verifikator", "")
	mustSee(t, h.say(asnDPU, "/audit"), "Maaf, ini khusus ")
}
