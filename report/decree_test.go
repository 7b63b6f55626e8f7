package report_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"openkarir/karir"
	"openkarir/report"
)

// The SK's signature block says where it is signed, the Pemda's place,
// before the date: left to fill in on the draft, and once signed too.
func TestDecreePDFSaysWhere(t *testing.T) {
	loc := time.FixedZone("WIB", 7*3600)
	day := time.Date(2026, 12, 1, 9, 0, 0, 0, loc)
	row := karir.DecreeRow{NIP: "198507222010012005", Name: "Siti Rahmawati, S.Kep.", Pangkat: "Penata, III/c",
		OldPosition: "Kepala Seksi Surveilans", OldOPD: "Dinas Kesehatan", NewPosition: "Kepala Bidang Kebersihan",
		NewOPD: "Dinas Lingkungan Hidup", Effective: day}
	signer := karir.Signer{Agency: "Pemerintah Kota Bengkulu"}
	for _, tc := range []struct {
		name   string
		signed *karir.Decree
		want   string
	}{
		{"Draft", nil, "Ditetapkan di Bengkulu pada tanggal"}, // …… reads back as "&&"
		{"Signed", &karir.Decree{Number: "800/7/BKPSDM/2026", Date: day.AddDate(0, 0, 14)}, "Ditetapkan di Bengkulu pada tanggal 15 Desember 2026"},
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
			flat := strings.Join(strings.Fields(text), "")
			if want := strings.Join(strings.Fields(tc.want), ""); !strings.Contains(flat, want) {
				t.Errorf("the SK does not say %q; it reads:\n%s", tc.want, text)
			}
		})
	}
}
