package bot_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"openkarir/roster"
	"openkarir/telegramtest"
)

// bigRoster is a valid roster CSV of at least size bytes (the sample, its
// rows padded with spaces Telegram would carry as they are).
func bigRoster(size int) []byte {
	var b bytes.Buffer
	lines := strings.Split(strings.TrimSpace(string(roster.Sample)), "\n")
	b.WriteString(lines[0] + "\n")
	pad := strings.Repeat(" ", 1000)
	for b.Len() < size {
		b.WriteString(pad + "\n")
	}
	for _, l := range lines[1:] {
		b.WriteString(l + "\n")
	}
	return b.Bytes()
}

// A roster over Telegram's 20 MB download limit for bots is refused once,
// politely, from the size the update gives: the bot does not try to
// download it (Telegram would refuse), and does not retry.
func TestImportOver20MBRefusedWithoutDownload(t *testing.T) {
	h := newHarness(t)
	data := bigRoster(21 << 20)
	got := h.tg.Upload(t, adminID, "pegawai.csv", data, "/impor")
	mustSee(t, got, "Berkas terlalu besar (21,0 MB)", "20 MB", "tidak ada data yang diubah")
	mustNotSee(t, got, "gangguan")
	if len(got) != 1 {
		t.Errorf("want one answer, got %d:\n%s", len(got), dump(got))
	}
	if n := h.tg.Calls("getFile"); n != 0 {
		t.Errorf("getFile called %d times for a file the update said is over 20 MB", n)
	}
	// Nothing more comes later (no retry answering again).
	mark := h.tg.Seq()
	h.say(adminID, "/status")
	for _, m := range h.tg.Since(adminID, mark) {
		if strings.Contains(m.Text, "terlalu besar") {
			t.Errorf("the refusal came again: %s", m.Text)
		}
	}
}

// When the update does not say the size, Telegram's own refusal ("file is
// too big") gets the same answer, once.
func TestImportTooBigForGetFileRefusedOnce(t *testing.T) {
	h := newHarness(t)
	id := h.tg.AddFile(make([]byte, telegramtest.MaxDownload+1))
	mark := h.tg.Seq()
	update := h.tg.Queue(map[string]any{"message": map[string]any{
		"message_id": 1, "date": time.Now().Unix(),
		"chat":     map[string]any{"id": int64(adminID), "type": "private"},
		"from":     map[string]any{"id": int64(adminID), "is_bot": false, "first_name": "Admin"},
		"document": map[string]any{"file_id": id, "file_unique_id": id, "file_name": "pegawai.csv"},
		"caption":  "/impor", "caption_entities": []map[string]any{{"type": "bot_command", "offset": 0, "length": 6}},
	}})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := h.tg.WaitHandled(ctx, update); err != nil {
		t.Fatal(err)
	}
	got := h.tg.Since(adminID, mark)
	mustSee(t, got, "Berkas terlalu besar (lebih dari 20 MB)")
	mustNotSee(t, got, "gangguan")
	if n := h.tg.Calls("getFile"); n != 1 {
		t.Errorf("getFile called %d times, want once", n)
	}
}

// upload sends a roster file with /impor as the super admin and returns
// the answers, after checking that every one is valid UTF-8 (Telegram
// refuses any other).
func (h *harness) upload(name string, data []byte) []telegramtest.Message {
	h.t.Helper()
	got := h.tg.Upload(h.t, adminID, name, data, "/impor")
	for _, m := range got {
		if !utf8.ValidString(m.Text) {
			h.t.Errorf("an answer is not UTF-8: %q", m.Text)
		}
	}
	return got
}

// Excel's "Unicode text" (UTF-16 with BOM, tab separated) is read as the
// CSV it holds; it used to be answered only "kolom tidak ada".
func TestImportUTF16Roster(t *testing.T) {
	h := newHarness(t)
	text := "\ufeff" + strings.ReplaceAll(strings.Replace(string(roster.Sample), "Ahmad Saputra", "Ahmad Saputra Baru", 1), ";", "\t")
	var data []byte
	for _, u := range utf16.Encode([]rune(text)) {
		data = append(data, byte(u), byte(u>>8))
	}
	mustSee(t, h.upload("pegawai.txt", data), "Data pegawai diimpor", "Baris dibaca: 40", "Diperbarui: 1")
	if e, err := h.store.Employee(context.Background(), "197007211992021006"); err != nil || e.Name != "Ahmad Saputra Baru, S.E., M.M." {
		t.Errorf("stored %+v, %v", e, err)
	}
}

// A roster saved by Excel as "CSV (Comma delimited)" on Windows is
// Windows-1252: its apostrophe is the byte 0x92. It is stored as UTF-8, so
// the ASN's replies stay valid (Telegram refused every one of them).
func TestImportWindows1252Roster(t *testing.T) {
	h := newHarness(t)
	data := bytes.Replace(roster.Sample, []byte("Ahmad Saputra"), []byte("Ahmad Sa\x92putra"), 1)
	mustSee(t, h.upload("pegawai.csv", data), "Data pegawai diimpor", "Diperbarui: 1")
	e, err := h.store.Employee(context.Background(), "197007211992021006")
	if err != nil || e.Name != "Ahmad Sa’putra, S.E., M.M." {
		t.Fatalf("stored %+v, %v", e, err)
	}
	h.bindByCode(641, "197007211992021006", "5F47VU")
	for _, m := range h.tg.Messages(641) {
		if !utf8.ValidString(m.Text) {
			t.Errorf("a reply to the ASN is not UTF-8: %q", m.Text)
		}
	}
	mustSee(t, h.tg.Messages(641), "Ahmad Sa’putra")
}

// An NIP column stored as numbers in Excel is refused with what to do,
// and no employee comes in under a rounded NIP.
func TestImportNumericNIPRefused(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	before, _ := h.store.ListEmployees(ctx)
	f := excelize.NewFile()
	defer f.Close()
	_ = f.SetSheetRow("Sheet1", "A1", &[]any{"nip", "nama", "kode_opd", "nama_opd", "jabatan", "eselon", "no_hp"})
	// As Excel keeps 197007211992021006 typed into a General cell.
	_ = f.SetSheetRow("Sheet1", "A2", &[]any{1.97007211992021e17, "Ahmad Saputra", "DINKES", "Dinas Kesehatan", "Kepala Dinas", "II", "081288220482"})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	got := h.upload("pegawai.xlsx", buf.Bytes())
	mustSee(t, got, "Berkas tidak dapat dibaca", "sel A2", "simpan kolom NIP sebagai teks", "Tidak ada data yang diubah")
	if after, _ := h.store.ListEmployees(ctx); len(after) != len(before) {
		t.Errorf("%d employees, %d before", len(after), len(before))
	}
	if _, err := h.store.Employee(ctx, "197007211992021000"); err == nil {
		t.Error("a phantom employee under the rounded NIP")
	}
}

// Crafted files are refused at once, with a message, the bot answering
// others meanwhile as before.
func TestImportCraftedFilesRefused(t *testing.T) {
	h := newHarness(t)
	var bomb bytes.Buffer
	z := zip.NewWriter(&bomb)
	z.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestCompression) })
	for _, part := range []struct{ name, body string }{
		{"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="r1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
	} {
		w, _ := z.Create(part.name)
		_, _ = io.WriteString(w, part.body)
	}
	w, _ := z.Create("xl/worksheets/sheet1.xml")
	_, _ = io.WriteString(w, `<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>nip</t></is></c></row>`)
	blank := strings.Repeat(" ", 1<<20)
	for range 100 {
		_, _ = io.WriteString(w, blank)
	}
	_, _ = io.WriteString(w, `</sheetData></worksheet>`)
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	mustSee(t, h.upload("pegawai.xlsx", bomb.Bytes()), "Berkas tidak dapat dibaca", "lebih dari 50 MB setelah dibuka")

	long := "nip;nama;kode_opd;nama_opd;jabatan;eselon;no_hp\n197007211992021006;" + strings.Repeat("A", 2<<20) + ";DINKES;Dinas;Kepala;II;081288220482\n"
	mustSee(t, h.upload("pegawai.csv", []byte(long)), "Berkas tidak dapat dibaca", "baris 2 kolom 2 berisi lebih dari 4.000 karakter")
	mustSee(t, h.say(adminID, "/status"), "")
}

// A roster row with a name or post longer than anyone's is refused with
// the reason, not stored to break every message that shows it.
func TestImportLongNameRefused(t *testing.T) {
	h := newHarness(t)
	data := bytes.Replace(roster.Sample, []byte("Ahmad Saputra"), []byte(strings.Repeat("Ahmad ", 50)), 1)
	mustSee(t, h.upload("pegawai.csv", data), "Berkas ditolak: 1 baris bermasalah", "baris 2 (NIP 197007211992021006): nama terlalu panjang")
}

// The file of rejected rows stays small whatever the upload: at most
// 20,000 rows, each clipped, and a last line with the count left out.
func TestImportRejectedRowsFileCapped(t *testing.T) {
	h := newHarness(t)
	var b strings.Builder
	b.WriteString("nip;nama;kode_opd;nama_opd;jabatan;eselon;no_hp\n")
	for range 25_000 {
		b.WriteString("197007211992021006;Ahmad;DINKES;Dinas;Kepala;II;" + strings.Repeat("9", 600) + "\n")
	}
	got := h.upload("pegawai.csv", []byte(b.String()))
	mustSee(t, got, "Berkas ditolak: 25000 baris bermasalah", "Daftar lengkap 25000 baris")
	doc := documents(got)["baris-ditolak.csv"]
	rows := readCSV(t, doc)
	if len(rows) != 20_002 || !strings.Contains(rows[20_001][0], "5000 baris lain") {
		t.Errorf("%d rows in the file, the last %q", len(rows), rows[len(rows)-1])
	}
	if len(doc) > 20<<20 {
		t.Errorf("the file of rejected rows is %d MB", len(doc)>>20)
	}
	for _, m := range got {
		if utf8.RuneCountInString(m.Text) > 4096 {
			t.Errorf("a message of %d characters", utf8.RuneCountInString(m.Text))
		}
	}
}
