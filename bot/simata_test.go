package bot_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestTalentImportSIMATA: a talent file with SIMATA's box beside predikat
// and potensial. SIMATA's box is the one used, and after the import the
// bot lists every ASN whose box differs from its own, with both values:
// in the message up to 30, the whole list in a file.
func TestTalentImportSIMATA(t *testing.T) {
	h := newHarness(t)
	emps, err := h.store.ListEmployees(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("nip;tahun;predikat_kinerja;potensial;kotak\n")
	for i, e := range emps {
		switch {
		case i == 0: // agrees: Sangat Baik, tinggi is box 9
			fmt.Fprintf(&b, "%s;2025;Sangat Baik;tinggi;9\n", e.NIP)
		case i == 1: // SIMATA's box alone
			fmt.Fprintf(&b, "%s;2025;;;8\n", e.NIP)
		default: // Baik, rendah computes box 2; SIMATA says 9
			fmt.Fprintf(&b, "%s;2025;Baik;rendah;9\n", e.NIP)
		}
	}
	got := h.tg.Upload(t, adminID, "talenta.csv", []byte(b.String()), "/impor")
	diffs := len(emps) - 2
	mustSee(t, got, "Data talenta diimpor", fmt.Sprintf("Ditambahkan: %d", len(emps)),
		fmt.Sprintf("Kotak SIMATA berbeda dari hitungan bot (kotak SIMATA yang dipakai): %d ASN", diffs),
		emps[2].NIP+" (2025): SIMATA kotak 9, dihitung dari predikat dan potensial kotak 2",
		fmt.Sprintf("… dan %d lainnya", diffs-30))
	mustNotSee(t, got, emps[0].NIP+" (2025)")
	csv := string(documents(got)["kotak-berbeda.csv"])
	if n := strings.Count(csv, "SIMATA kotak 9, dihitung dari predikat dan potensial kotak 2"); n != diffs {
		t.Errorf("the file lists %d, want %d:\n%s", n, diffs, csv)
	}
	if strings.Contains(csv, emps[1].NIP) {
		t.Error("a row with SIMATA's box alone has nothing to differ from")
	}
	// The map counts SIMATA's boxes.
	mustSee(t, h.say(adminID, "/talenta"), fmt.Sprintf("⭐ <b>Kotak 9</b> · kinerja di atas ekspektasi, potensial tinggi: <b>%d</b>", len(emps)-1),
		"⭐ <b>Kotak 8</b> · kinerja sesuai ekspektasi, potensial tinggi: <b>1</b>",
		"<b>Kotak 2</b> · kinerja sesuai ekspektasi, potensial rendah: <b>0</b>")
	// The audit keeps the counts, not the list.
	audit := h.say(adminID, "/audit")
	mustSee(t, audit, "talenta.csv")
	mustNotSee(t, audit, emps[2].NIP+" (2025): SIMATA")

	// An unknown box is refused row by row with the words accepted.
	bad := "nip;tahun;kotak\n" + emps[0].NIP + ";2024;sepuluh\n"
	mustSee(t, h.tg.Upload(t, adminID, "talenta.csv", []byte(bad), "/impor"), "Berkas ditolak", "baris 2",
		"kotak tidak dikenal (sepuluh): angka 1 sampai 9 (atau I sampai IX)")
}
