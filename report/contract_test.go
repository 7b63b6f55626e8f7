package report_test

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ledongthuc/pdf"

	"openkarir/karir"
	"openkarir/report"
)

func sampleContract() karir.Contract {
	loc := time.FixedZone("WIB", 7*3600)
	start := time.Date(2026, 12, 3, 10, 0, 0, 0, loc)
	return karir.Contract{
		Code: "KK-7QX2M-PL9RA", Ref: "OK-LAX6AP",
		NIP: "198507222010012005", Name: "Siti Rahmawati, S.Kep.", Golongan: "III/c",
		OPDName: "Dinas Kesehatan", Position: "Kepala Seksi Surveilans dan Imunisasi",
		Choice: karir.ChoiceMove, PostOPDName: "Dinas Lingkungan Hidup", Post: "Kepala Bidang Kebersihan",
		Target:     "100% pasar di Kota Bengkulu bersih dan tertata, dengan sampah terangkut setiap hari (lebih dari 95 ton per hari) dan keluhan warga turun 50%.",
		TermMonths: 6, Start: start, End: start.AddDate(0, 6, 0),
		Signer:   karir.Signer{Agency: "Pemerintah Kota Bengkulu", Name: "Dr. H. Ahmad Fauzi, M.Si.", Title: "Kepala BKPSDM Kota Bengkulu"},
		IssuedAt: start,
	}
}

// pdfText reads the text of every page of a PDF back.
func pdfText(t *testing.T, doc []byte) (string, int) {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(doc), int64(len(doc)))
	if err != nil {
		t.Fatalf("read PDF back: %v", err)
	}
	var b strings.Builder
	for i := 1; i <= r.NumPage(); i++ {
		p := r.Page(i)
		if p.V.IsNull() {
			continue
		}
		text, err := p.GetPlainText(nil)
		if err != nil {
			t.Fatalf("page %d text: %v", i, err)
		}
		b.WriteString(text)
	}
	return b.String(), r.NumPage()
}

func TestContractPDF(t *testing.T) {
	c := sampleContract()
	loc := time.FixedZone("WIB", 7*3600)
	doc, err := report.Renderer{}.ContractPDF(c, loc)
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("WRITE_CONTRACT") != "" {
		_ = os.WriteFile(os.Getenv("WRITE_CONTRACT"), doc, 0o644)
	}
	text, pages := pdfText(t, doc)
	if pages < 1 {
		t.Fatal("no pages")
	}
	// Text extraction drops spaces between glyph runs; compare without them.
	flat := strings.Join(strings.Fields(text), "")
	for _, want := range []string{
		"KONTRAK KINERJA OPEN KARIR", "PEMERINTAH KOTA BENGKULU", c.Ref, c.Code,
		c.Name, c.NIP, "III/c", c.Position, c.Post, c.PostOPDName, c.Target,
		"3 Desember 2026", "3 Juni 2027", "6 bulan", "bersedia mundur dari jabatan apabila target tidak tercapai",
		c.Signer.Name, c.Signer.Title, "/lapor",
	} {
		if !strings.Contains(flat, strings.Join(strings.Fields(want), "")) {
			t.Errorf("the contract does not say %q; it reads:\n%s", want, text)
		}
	}
}

// Without the signer's name (CONTRACT_SIGNER_NAME) or the golongan in the
// roster, the contract leaves a line to fill in by hand, not a dash.
func TestContractPDFWithoutSettings(t *testing.T) {
	c := sampleContract()
	c.Golongan, c.Signer.Name = "", ""
	doc, err := report.Renderer{}.ContractPDF(c, time.FixedZone("WIB", 7*3600))
	if err != nil {
		t.Fatal(err)
	}
	text, _ := pdfText(t, doc)
	if os.Getenv("WRITE_CONTRACT") != "" {
		_ = os.WriteFile(os.Getenv("WRITE_CONTRACT")+".blank.pdf", doc, 0o644)
	}
	flat := strings.Join(strings.Fields(text), "")
	for _, label := range []string{"Pangkat/golongan:", "Nama:"} {
		i := strings.LastIndex(flat, label)
		if i < 0 {
			t.Fatalf("no %q in:\n%s", label, text)
		}
		if rest := flat[i+len(label):]; !strings.HasPrefix(rest, "......") {
			t.Errorf("%s is followed by %.20q, not a line to fill in", label, rest)
		}
	}
}
