package report_test

import (
	"os"
	"testing"
	"time"

	"openkarir/karir"
	"openkarir/report"
)

// The SK's signature block says where it is signed, the Pemda's place,
// before the date: dots to write on in the draft, the date once signed.
// Read back, the text is what was written: the placeholders are dots (an
// ellipsis came back as "&&"), a name's curly apostrophe and a dash come
// back as their plain look-alikes, "é" and "·" as themselves.
func TestDecreePDFSaysWhere(t *testing.T) {
	loc := time.FixedZone("WIB", 7*3600)
	day := time.Date(2026, 12, 1, 9, 0, 0, 0, loc)
	row := karir.DecreeRow{NIP: "198507222010012005", Name: "Siti Ma’rufah, S.Kep.", Pangkat: "Penata, III/c",
		OldPosition: "Kepala Seksi Surveilans", OldOPD: "Dinas Kesehatan", NewPosition: "Kepala Bidang Kebersihan",
		NewOPD: "Dinas Lingkungan Hidup", Effective: day, Selection: "Pansel 2026 – André"}
	signer := karir.Signer{Agency: "Pemerintah Kota Bengkulu"}
	dots := "...................................."
	for _, tc := range []struct {
		name   string
		signed *karir.Decree
		want   []string
	}{
		{"Draft", nil, []string{"Nomor: " + dots + " · Tanggal: " + dots + " · Sidang Baperjakat S-1",
			"Ditetapkan di Bengkulu pada tanggal " + dots + " WALI KOTA,"}},
		{"Signed", &karir.Decree{Number: "800/7/BKPSDM/2026", Date: day.AddDate(0, 0, 14)},
			[]string{"Nomor: 800/7/BKPSDM/2026 · Tanggal: 15 Desember 2026", "Ditetapkan di Bengkulu pada tanggal 15 Desember 2026"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := karir.DecreeDraft{Sidang: "S-1", Date: day, Signed: tc.signed, Signer: signer, Rows: []karir.DecreeRow{row}}
			doc, err := report.Renderer{}.DecreePDF(d, loc)
			if err != nil {
				t.Fatal(err)
			}
			if out := os.Getenv("WRITE_DECREE"); out != "" {
				_ = os.WriteFile(out+"-"+tc.name+".pdf", doc, 0o644)
			}
			text, _ := pdfText(t, doc)
			mustReadBack(t, text, append(tc.want, "Siti Ma'rufah, S.Kep.", "Seleksi terbuka: Pansel 2026 - André",
				"Lampiran SK · Sidang Baperjakat S-1 · Halaman 1")...)
		})
	}
}
