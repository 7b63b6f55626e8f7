package report

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"codeberg.org/go-fonts/liberation/liberationserifbold"
	"codeberg.org/go-fonts/liberation/liberationserifitalic"
	"codeberg.org/go-fonts/liberation/liberationserifregular"
	"codeberg.org/go-pdf/fpdf"

	"openkarir/karir"
)

// Page geometry of the contract, in millimetres (A4).
const (
	pageMargin = 20.0
	lineHeight = 5.0
)

// ContractPDF renders "Kontrak Kinerja Open Karir" as an A4 PDF. The fonts
// (Liberation Serif) are embedded, so the text renders the same on every
// phone and printer. The document is dated with the contract, not with the
// moment it is rendered again for /kontrak.
func (Renderer) ContractPDF(c karir.Contract, loc *time.Location) ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(pageMargin, pageMargin-5, pageMargin)
	pdf.SetAutoPageBreak(true, pageMargin)
	pdf.AddUTF8FontFromBytes("serif", "", liberationserifregular.TTF)
	pdf.AddUTF8FontFromBytes("serif", "B", liberationserifbold.TTF)
	pdf.AddUTF8FontFromBytes("serif", "I", liberationserifitalic.TTF)
	pdf.SetCreationDate(c.IssuedAt)
	pdf.SetModificationDate(c.IssuedAt)
	pdf.SetTitle("Kontrak Kinerja Open Karir "+c.Ref, true)
	pdf.SetAuthor(c.Signer.Agency, true)
	pdf.SetFooterFunc(func() {
		// Two lines: on one it ran past the margins, where a printer cuts.
		pdf.SetY(-16)
		pdf.SetFont("serif", "I", 8.5)
		pdf.CellFormat(0, 4, fmt.Sprintf("Nomor %s · Kode verifikasi %s · Halaman %d", c.Ref, c.Code, pdf.PageNo()), "", 1, "C", false, 0, "")
		pdf.CellFormat(0, 4, fmt.Sprintf("Keaslian dapat diperiksa dengan mengirim /cek %s ke bot Open Karir", c.Code), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	w := contractWriter{pdf: pdf}
	date := karir.FormatDate(c.IssuedAt, loc)

	pdf.SetFont("serif", "B", 12)
	pdf.CellFormat(0, 6, strings.ToUpper(pdfLatin(c.Signer.Agency)), "", 1, "C", false, 0, "")
	pdf.SetFont("serif", "B", 15)
	pdf.CellFormat(0, 8, "KONTRAK KINERJA OPEN KARIR", "", 1, "C", false, 0, "")
	pdf.SetFont("serif", "", 10.5)
	pdf.CellFormat(0, 6, "Nomor: "+c.Ref, "", 1, "C", false, 0, "")
	pdf.Ln(4)

	w.para("Pada tanggal " + date + ", yang bertanda tangan di bawah ini:")
	w.party("PIHAK PERTAMA", [][2]string{
		{"Nama", c.Name},
		{"NIP", c.NIP},
		{"Pangkat/golongan", orHandLine(c.Golongan)},
		{"Jabatan sekarang", c.Position + ", " + c.OPDName},
		{"Jenis jabatan", orHandLine(c.Level)},
		{"Jabatan yang dituju", postLine(c)},
	})
	w.party("PIHAK KEDUA", [][2]string{
		{"Nama", orHandLine(c.Signer.Name)},
		{"Jabatan", c.Signer.Title},
	})
	w.para("Pihak Pertama dan Pihak Kedua sepakat membuat kontrak kinerja dalam rangka program Open Karir, dengan ketentuan sebagai berikut.")

	w.article("Pasal 1", "Target kinerja")
	w.para("Pihak Pertama berjanji mewujudkan target kinerja berikut, sebagaimana ditulisnya sendiri dalam formulir Open Karir:")
	w.quote(c.Target)

	w.article("Pasal 2", "Jangka waktu")
	w.para(fmt.Sprintf("Target tersebut dicapai dalam %d bulan, terhitung sejak %s sampai dengan %s.",
		c.TermMonths, karir.FormatDate(c.Start, loc), karir.FormatDate(c.End, loc)))

	w.article("Pasal 3", "Pelaporan dan penilaian")
	w.para("Pihak Pertama melaporkan kemajuan target setiap bulan melalui bot Open Karir (perintah /lapor), disertai bukti bila ada. " +
		"Setiap laporan dinilai oleh atasan langsung Pihak Pertama, atau oleh BKPSDM bila atasan belum terhubung dengan bot, " +
		"pada tiga aspek: produktivitas, kualitas layanan, dan inovasi.")

	w.article("Pasal 4", "Evaluasi dan konsekuensi")
	w.para("Pada akhir jangka waktu, BKPSDM mengevaluasi capaian target dengan hasil tercapai atau tidak tercapai. " +
		"Pihak Pertama menyatakan bersedia mundur dari jabatan apabila target tidak tercapai, " +
		"dengan keputusan akhir berada pada Wali Kota atas pertimbangan Baperjakat.")

	w.article("Pasal 5", "Penutup")
	w.para("Kontrak ini dibuat dengan penuh kesadaran dan tanpa paksaan, dan berlaku sejak tanggal penandatanganan.")

	w.signatures(c, date)

	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("render contract %s: %w", c.Ref, err)
	}
	return buf.Bytes(), nil
}

func postLine(c karir.Contract) string {
	if c.Choice == karir.ChoiceMove {
		return c.Post + ", " + c.PostOPDName
	}
	return c.Post + ", " + c.PostOPDName + " (tetap di jabatan sekarang)"
}

// handLine is what a value missing from the settings or the roster prints:
// a line to fill in by hand before signing, not a dash that reads as "none".
const handLine = "............................................................"

func orHandLine(s string) string {
	if s == "" {
		return handLine
	}
	return s
}

// contractWriter writes the contract's blocks one under another.
type contractWriter struct{ pdf *fpdf.Fpdf }

func (w contractWriter) para(text string) {
	w.pdf.SetFont("serif", "", 10.5)
	w.pdf.MultiCell(0, lineHeight, pdfLatin(text), "", "J", false)
	w.pdf.Ln(2)
}

func (w contractWriter) party(role string, rows [][2]string) {
	w.pdf.SetFont("serif", "B", 10.5)
	w.pdf.CellFormat(0, lineHeight+1, role, "", 1, "L", false, 0, "")
	for _, r := range rows {
		w.pdf.SetFont("serif", "", 10.5)
		w.pdf.SetX(pageMargin + 6)
		w.pdf.CellFormat(42, lineHeight, r[0], "", 0, "L", false, 0, "")
		w.pdf.CellFormat(4, lineHeight, ":", "", 0, "L", false, 0, "")
		w.pdf.MultiCell(0, lineHeight, pdfLatin(r[1]), "", "L", false)
	}
	w.pdf.Ln(2)
}

func (w contractWriter) article(number, title string) {
	w.pdf.Ln(1)
	w.pdf.SetFont("serif", "B", 10.5)
	w.pdf.CellFormat(0, lineHeight+1, number+". "+title, "", 1, "L", false, 0, "")
}

// quote sets the target apart in a box, word for word.
func (w contractWriter) quote(text string) {
	w.pdf.SetFont("serif", "I", 10.5)
	w.pdf.SetX(pageMargin + 6)
	w.pdf.SetFillColor(244, 244, 240)
	w.pdf.MultiCell(0, lineHeight+0.4, pdfLatin(text), "1", "L", true)
	w.pdf.Ln(3)
}

// signatures puts the two parties side by side with room to sign. A
// title or a name wider than its column wraps within it (a long agency
// name, a name with many degrees), so the columns never run into each
// other or off the page.
func (w contractWriter) signatures(c karir.Contract, date string) {
	pdf := w.pdf
	pageWidth, pageHeight := pdf.GetPageSize()
	col := (pageWidth - 2*pageMargin) / 2
	signer := c.Signer.Name
	if signer == "" {
		signer = "(" + handLine[:40] + ")" // signed by hand
	}
	pdf.SetFont("serif", "", 10.5)
	titles := w.columns(col, c.Signer.Title, "ASN yang bersangkutan")
	pdf.SetFont("serif", "B", 10.5)
	names := w.columns(col, signer, c.Name)
	// Its height: the gap, the date and the parties, the titles, the room
	// to sign, the names and the NIP.
	blockHeight := 4 + 2*lineHeight + float64(len(titles))*lineHeight + 16 + float64(len(names)+1)*lineHeight
	if pdf.GetY()+blockHeight > pageHeight-pageMargin {
		pdf.AddPage()
	}
	pdf.Ln(4)
	pdf.SetFont("serif", "", 10.5)
	if place := c.Signer.Where(); place != "" {
		date = place + ", " + date // Bengkulu, 1 Desember 2026
	}
	w.row(col, [2]string{"", pdfLatin(date)})
	w.row(col, [2]string{"PIHAK KEDUA", "PIHAK PERTAMA"})
	for _, r := range titles {
		w.row(col, r)
	}
	pdf.Ln(16)
	pdf.SetFont("serif", "B", 10.5)
	for _, r := range names {
		w.row(col, r)
	}
	pdf.SetFont("serif", "", 10.5)
	w.row(col, [2]string{"", "NIP " + c.NIP})
}

// columns wraps left and right to the width of a signature column in the
// current font, as rows of the two side by side.
func (w contractWriter) columns(col float64, left, right string) [][2]string {
	l := w.pdf.SplitText(pdfLatin(left), col-4)
	r := w.pdf.SplitText(pdfLatin(right), col-4)
	rows := make([][2]string, max(len(l), len(r), 1))
	for i := range rows {
		if i < len(l) {
			rows[i][0] = l[i]
		}
		if i < len(r) {
			rows[i][1] = r[i]
		}
	}
	return rows
}

// row writes one line of the two signature columns, each centred.
func (w contractWriter) row(col float64, r [2]string) {
	w.pdf.CellFormat(col, lineHeight, r[0], "", 0, "C", false, 0, "")
	w.pdf.CellFormat(col, lineHeight, r[1], "", 1, "C", false, 0, "")
}
