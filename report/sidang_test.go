package report_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"openkarir/karir"
	"openkarir/report"
)

func sampleSidang() karir.Sidang {
	loc := time.FixedZone("WIB", 7*3600)
	day := time.Date(2026, 12, 10, 0, 0, 0, 0, loc)
	return karir.Sidang{ID: "S-20261210-1", Date: day, Round: "2026-2", OpenedAt: day.Add(-72 * time.Hour), ClosedAt: day.Add(11 * time.Hour),
		Agenda: []karir.AgendaPost{{OPD: "DINKES", OPDName: "Dinas Kesehatan", Post: "Kepala Bidang Kesehatan Masyarakat – Promkes",
			Seats: 1, Vacant: 1, Level: "administrator (eselon III)",
			Nominees: []karir.Nominee{{NIP: "199001152015031002", Name: "dr. José Ma’ruf", Now: "Kepala Seksi Promkes, Dinas Kesehatan",
				Golongan: "III/d", Box: 8, Eligible: false, Met: 3, Checks: 4, Applied: true, Wish: "mengajukan jabatan ini",
				Failed: []string{"naik paling banyak satu jenjang: naik lebih dari satu jenjang (pelaksana → administrator)"},
				Notes:  []string{"nilai “baik” ≥ 2 tahun"}}},
			Rec: &karir.BoardRecommendation{NIPs: []string{"199001152015031002"}, Note: "Diutamakan — rekam jejak…"}}},
		Members: []karir.BoardMember{{Name: "Drs. Ahmad Yani, M.Si.", Role: karir.MemberKetua}, {Name: "Rina Marlina, S.E.", Role: karir.MemberSekretaris}},
	}
}

// The berita acara and the pack read back as written: the "Nomor" form
// line whole on one line with the session's id after it, the characters
// above Latin-1 (a dash, curly quotes, an arrow, ≥, an ellipsis) as their
// plain look-alikes, "é" and "·" as themselves, nothing mangled.
func TestSidangPDFsReadBack(t *testing.T) {
	loc := time.FixedZone("WIB", 7*3600)
	s := sampleSidang()
	signer := karir.Signer{Agency: "Pemerintah Kota Bengkulu"}
	nomor := "Nomor: ........................................ (sidang S-20261210-1)"
	t.Run("Minutes", func(t *testing.T) {
		doc, err := report.Renderer{}.SidangMinutesPDF(s, signer, loc)
		if err != nil {
			t.Fatal(err)
		}
		if out := os.Getenv("WRITE_SIDANG"); out != "" {
			_ = os.WriteFile(out+"-minutes.pdf", doc, 0o644)
		}
		text, _ := pdfText(t, doc)
		mustReadBack(t, text, "BERITA ACARA SIDANG", nomor, "Pada hari ini, Kamis, 10 Desember 2026, bertempat di Bengkulu",
			"Kepala Bidang Kesehatan Masyarakat - Promkes", "1. dr. José Ma'ruf", "Diutamakan - rekam jejak...",
			"( Drs. Ahmad Yani, M.Si. )", "Berita acara sidang Baperjakat S-20261210-1 · Halaman 1")
		if !strings.Contains(text, nomor) { // one line, spaces and all
			t.Errorf("the Nomor line is not one line %q:\n%s", nomor, text)
		}
	})
	t.Run("Pack", func(t *testing.T) {
		doc, err := report.Renderer{}.SidangPackPDF(s, signer, loc)
		if err != nil {
			t.Fatal(err)
		}
		if out := os.Getenv("WRITE_SIDANG"); out != "" {
			_ = os.WriteFile(out+"-pack.pdf", doc, 0o644)
		}
		text, _ := pdfText(t, doc)
		mustReadBack(t, text, "Sidang S-20261210-1 · Kamis, 10 Desember 2026", "Jabatan 1 dari 1: Kepala Bidang Kesehatan Masyarakat - Promkes",
			"dr. José Ma'ruf", "(pelaksana -> administrator)", `Catatan: nilai "baik" >= 2 tahun`, nomor)
	})
}
