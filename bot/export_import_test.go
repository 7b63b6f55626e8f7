package bot_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"openkarir/karir"
	"openkarir/roster"
)

// /ekspor's file goes back through /impor as it is: its first columns are
// the roster's under the roster's names, and the roster import keeps the
// stored phone numbers and activation codes the export does not carry.
// Nothing is lost or changed, from the spreadsheet or from the CSV.
func TestExportImportsBack(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	// Golongan and supervisor for the ASN who will file.
	lines := strings.Split(strings.TrimSpace(string(roster.Sample)), "\n")
	for i := range lines {
		switch {
		case i == 0:
			lines[i] += ";golongan;nip_atasan"
		case strings.HasPrefix(lines[i], nipCode):
			lines[i] += ";III/a;197007211992021006"
		default:
			lines[i] += ";;"
		}
	}
	if _, err := roster.Import(ctx, h.store, strings.NewReader(strings.Join(lines, "\n")), h.clock()); err != nil {
		t.Fatal(err)
	}
	fileStay(h, 621)
	const mover = 622
	h.bindByCode(mover, "197007211992021006", "5F47VU")
	h.press(mover, "Pindah")
	h.press(mover, "Dinas Perindustrian")
	h.press(mover, "Penera Terampil")
	h.say(mover, reasonText)
	h.say(mover, targetText)
	h.press(mover, "6 bulan")
	h.press(mover, "✅ Kirim")

	before, err := h.store.ListEmployees(ctx)
	if err != nil {
		t.Fatal(err)
	}
	beforeOPDs, _ := h.store.OPDs(ctx)
	docs := documents(h.say(adminID, "/ekspor"))
	for _, name := range []string{"open-karir-2026-1.xlsx", "open-karir-2026-1.csv"} {
		t.Run(name, func(t *testing.T) {
			got := h.tg.Upload(t, adminID, name, docs[name], "/impor")
			mustSee(t, got, "Data pegawai diimpor", "Baris dibaca: 2", "Ditambahkan: 0", "Diperbarui: 0", "Tidak berubah: 2")
			after, _ := h.store.ListEmployees(ctx)
			if !reflect.DeepEqual(after, before) {
				t.Errorf("the roster changed:\n%s", rosterDiff(before, after))
			}
			if opds, _ := h.store.OPDs(ctx); !reflect.DeepEqual(opds, beforeOPDs) {
				t.Errorf("the OPDs changed: %+v", opds)
			}
		})
	}
	// The filer's golongan and supervisor made the trip (they are in the
	// export, not only kept).
	if !bytes.Contains(docs["open-karir-2026-1.csv"], []byte("III/a")) {
		t.Errorf("the export lacks the golongan")
	}
}

func rosterDiff(before, after []karir.Employee) string {
	was := map[string]karir.Employee{}
	for _, e := range before {
		was[e.NIP] = e
	}
	var b strings.Builder
	for _, e := range after {
		if old := was[e.NIP]; !reflect.DeepEqual(old, e) {
			b.WriteString("was " + strings.ReplaceAll(strings.TrimSpace(fmtEmp(old)), "\n", " ") + "\nnow " + fmtEmp(e) + "\n")
		}
	}
	return b.String()
}

func fmtEmp(e karir.Employee) string {
	return strings.Join([]string{e.NIP, e.Name, e.OPDCode, e.Position, e.Eselon, e.Phone, e.ActivationHash, e.Golongan, e.SupervisorNIP, e.UpdatedAt.String()}, "|")
}

// A roster with many bad rows is refused with the first of them in the
// message itself, how many more there are, and the whole list in a file.
func TestRosterRejectedRowsInTheMessage(t *testing.T) {
	h := newHarness(t)
	var b strings.Builder
	b.WriteString("nip;nama;kode_opd;nama_opd;jabatan;eselon;no_hp;kode_aktivasi\n")
	for i := range 20 {
		fmt.Fprintf(&b, "19850722201001200%d;ASN %d;BKPSDM;BKPSDM;Analis;IV;08123;\n", i%10, i)
	}
	got := h.tg.Upload(t, adminID, "pegawai.csv", []byte(b.String()), "/impor")
	mustSee(t, got, "Berkas ditolak: 20 baris bermasalah", "Tidak ada data yang diubah",
		"baris 2 (NIP 198507222010012000): nomor HP tidak valid (08123)", "baris 16 (NIP", "… dan 5 baris lain", "Daftar lengkap 20 baris")
	mustNotSee(t, got, "baris 17 (NIP")
	doc := documents(got)["baris-ditolak.csv"]
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(doc, []byte("\ufeff")))).ReadAll()
	if err != nil || len(rows) != 21 || !strings.HasPrefix(rows[20][0], "baris 21") {
		t.Errorf("the file of rejected rows: %d rows, %v\n%s", len(rows), err, doc)
	}
}

// A talent file with many bad rows is refused the same way: the first rows
// in the message, the count of the others, the whole list in a file, and
// nothing stored.
func TestTalentRejectedRowsInTheMessage(t *testing.T) {
	h := newHarness(t)
	var b strings.Builder
	b.WriteString("nip;tahun;predikat_kinerja;potensial\n")
	for i := range 20 {
		fmt.Fprintf(&b, "%s;%d;Luar Biasa;tinggi\n", nipCode, 2001+i)
	}
	got := h.tg.Upload(t, adminID, "talenta.csv", []byte(b.String()), "/impor")
	mustSee(t, got, "Berkas ditolak: 20 baris bermasalah", "Tidak ada data yang diubah",
		"baris 2 (NIP "+nipCode+"): predikat kinerja tidak dikenal (Luar Biasa)", "baris 16 (NIP", "… dan 5 baris lain", "Daftar lengkap 20 baris")
	mustNotSee(t, got, "baris 17 (NIP")
	if doc := documents(got)["baris-ditolak.csv"]; bytes.Count(doc, []byte("baris ")) != 20 {
		t.Errorf("the file of rejected rows:\n%s", doc)
	}
	if recs, err := h.store.TalentOf(context.Background(), nipCode); err != nil || len(recs) != 0 {
		t.Errorf("a refused talent file stored %v, %v", recs, err)
	}
}
