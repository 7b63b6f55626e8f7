package bot_test

import (
	"testing"

	"openkarir/roster/rostertest"
)

// TestImportRowsWithoutPhoneOrCode: a roster whose new rows have neither a
// phone number nor an activation code is imported; the summary tells the
// admin to make codes; such an ASN is asked for the proof, cannot bind by
// phone, and binds with the code /kode made.
func TestImportRowsWithoutPhoneOrCode(t *testing.T) {
	h := newHarness(t)
	const nipA, nipB = "199203152019031004", "199203152019032005"
	csv := "nip;nama;kode_opd;nama_opd;jabatan;eselon;no_hp;kode_aktivasi\n" +
		nipA + ";Asep Tanpa HP;DINKES;Dinas Kesehatan;Perawat Ahli Pertama;;;\n" +
		nipB + ";Bunga Tanpa HP;DINKES;Dinas Kesehatan;Perawat Ahli Pertama;;;\n"
	got := h.tg.Upload(t, adminID, "pegawai-baru.csv", []byte(csv), "/impor")
	mustSee(t, got, "Ditambahkan: 2", "2 ASN tanpa nomor HP maupun kode aktivasi", "buat kode dengan /kode")
	mustSee(t, got, "Ditolak: 0")

	const asn = 861
	h.begin(asn)
	mustSee(t, h.say(asn, nipA), "kode aktivasi")
	mustSee(t, h.tg.Share(t, asn, "6281299998888", asn), "tidak cocok", "kode aktivasi")

	codes, _ := codeSheets(t, h.say(adminID, "/kode"))
	code, ok := codes[nipA]
	if !ok || codes[nipB] == "" {
		t.Fatalf("/kode made no code for the imported rows: %v", codes)
	}
	mustSee(t, h.say(asn, code), "sudah terhubung", "Asep Tanpa HP")
}

// TestImportRefusesAWorkbookOverTheChatLimit: a workbook the size a
// 100,000-row SIASN export unzips to is refused in chat, in Indonesian,
// and nothing is written (the terminal takes it: cmd/openkarir
// TestImportRosterTakesALargeWorkbook).
func TestImportRefusesAWorkbookOverTheChatLimit(t *testing.T) {
	h := newHarness(t)
	got := h.tg.Upload(t, adminID, "siasn.xlsx", rostertest.BigSIASNXLSX(t), "/impor")
	mustSee(t, got, "lebih dari 50 MB setelah dibuka", "bagi berkasnya")
	mustNotSee(t, got, "Data pegawai diimpor")
	mustNotSee(t, got, "IMPORT_MAX_UNZIPPED_MB")
}
