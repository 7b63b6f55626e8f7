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

// mustReadBack checks a PDF's text as a reader extracts it: each of want
// is there (compared without spaces, which extraction drops), and nothing
// came back mangled: no "&&" (an ellipsis read by its last byte) and no
// control character (a dash or a curly quote read so).
func mustReadBack(t *testing.T, text string, want ...string) {
	t.Helper()
	flat := strings.Join(strings.Fields(text), "")
	for _, w := range want {
		if !strings.Contains(flat, strings.Join(strings.Fields(w), "")) {
			t.Errorf("the PDF does not say %q; it reads:\n%s", w, text)
		}
	}
	if strings.Contains(text, "&&") {
		t.Errorf("the PDF reads back with \"&&\":\n%s", text)
	}
	for _, r := range text {
		if r < ' ' && r != '\n' && r != '\t' || r >= 0x7f && r < 0xa0 {
			t.Errorf("the PDF reads back with a control character %U:\n%q", r, text)
			break
		}
	}
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
		"Bengkulu, 3 Desember 2026", "3 Juni 2027", "6 bulan", "bersedia mundur dari jabatan apabila target tidak tercapai",
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

// Long values (an agency's full name as the signer's title, a name with
// many degrees, long OPD and post names, a long target) wrap inside the
// margins: no text runs into the other signature column or off the page,
// where a printer cuts it, and the footer keeps to the margins too.
func TestContractPDFStaysInsideMargins(t *testing.T) {
	c := sampleContract()
	c.Name = "Prof. Dr. dr. Hj. Siti Rahmawati Nurhayati Kusumaningrum, Sp.PD-KGEH, M.Kes., FINASIM"
	c.OPDName = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"
	c.Position = "Kepala Subbidang Pengembangan Kompetensi Teknis dan Fungsional"
	c.PostOPDName = "Dinas Perumahan Rakyat, Kawasan Permukiman dan Pertanahan"
	c.Post = "Kepala Bidang Penataan dan Peningkatan Kualitas Kawasan Permukiman"
	c.Level = "Jabatan Administrator"
	c.Signer.Title = "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Bengkulu"
	c.Signer.Name = "Dr. H. Ahmad Fauzi Rahmatullah Syahputra, S.STP., M.Si., M.H."
	c.Target = strings.Repeat("Waktu layanan izin turun dari 14 hari menjadi 3 hari kerja. ", 8)
	doc, err := report.Renderer{}.ContractPDF(c, time.FixedZone("WIB", 7*3600))
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("WRITE_CONTRACT") != "" {
		_ = os.WriteFile(os.Getenv("WRITE_CONTRACT")+".long.pdf", doc, 0o644)
	}
	r, err := pdf.NewReader(bytes.NewReader(doc), int64(len(doc)))
	if err != nil {
		t.Fatal(err)
	}
	const mm = 72 / 25.4 // points
	const a4Width, margin, slack = 210 * mm, 20 * mm, 1.0
	for i := 1; i <= r.NumPage(); i++ {
		var line strings.Builder
		for _, g := range r.Page(i).Content().Text {
			if g.X < margin-slack || g.X+g.W > a4Width-margin+slack {
				line.WriteString(g.S)
			}
		}
		if line.Len() > 0 {
			t.Errorf("page %d: text outside the margins: %q", i, line.String())
		}
	}
	text, _ := pdfText(t, doc)
	flat := strings.Join(strings.Fields(text), "")
	for _, want := range []string{c.Signer.Title, c.Signer.Name, c.Name, "Halaman 1"} {
		if !strings.Contains(flat, strings.Join(strings.Fields(want), "")) {
			t.Errorf("the contract does not say %q whole", want)
		}
	}
}

// A target typed on a phone comes with its keyboard's curly quotes, dashes
// and ellipsis; the contract reads back with their plain look-alikes
// (never "&" or a control character), and a name's "é" as itself.
func TestContractPDFPhoneTypography(t *testing.T) {
	c := sampleContract()
	c.Name = "Andréa Ma’ruf, S.E."
	c.Target = "Semua pasar “bersih” – sampah terangkut ≥ 95 ton per hari…"
	doc, err := report.Renderer{}.ContractPDF(c, time.FixedZone("WIB", 7*3600))
	if err != nil {
		t.Fatal(err)
	}
	text, _ := pdfText(t, doc)
	mustReadBack(t, text, "Andréa Ma'ruf, S.E.", `Semua pasar "bersih" - sampah terangkut >= 95 ton per hari...`,
		"Nomor "+c.Ref+" · Kode verifikasi "+c.Code)
}
