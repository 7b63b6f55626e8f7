package report

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-fonts/liberation/liberationserifbold"
	"codeberg.org/go-fonts/liberation/liberationserifitalic"
	"codeberg.org/go-fonts/liberation/liberationserifregular"
	"codeberg.org/go-pdf/fpdf"
	"github.com/xuri/excelize/v2"

	"openkarir/karir"
)

// decreeHeader names the lampiran's columns, as a mutation SK lists them.
var decreeHeader = []string{"No", "NIP/NI PPPK", "Nama", "Pangkat/golongan", "Jabatan lama", "OPD lama",
	"Jabatan baru", "OPD baru", "TMT", "Keterangan"}

// decreeWidths are the PDF's column widths in millimetres: 277 on
// landscape A4 within 10 mm margins.
var decreeWidths = []float64{8, 33, 36, 26, 32, 28, 32, 28, 20, 34}

// formLine is a number, a date or a place not known yet, left for the
// clerk to write by hand: dots, as the berita acara's "Nomor" line and the
// contract's handLine (an ellipsis is too short to write on).
const formLine = "...................................."

// decreeTitle is the lampiran's heading: a draft until the SK is signed.
func decreeTitle(d karir.DecreeDraft, loc *time.Location) (title, sub string) {
	title = "LAMPIRAN KEPUTUSAN WALI KOTA"
	if d.Signed == nil {
		title = "DRAF " + title
		sub = fmt.Sprintf("Nomor: %s · Tanggal: %s · Sidang Baperjakat %s, %s", formLine, formLine, d.Sidang, karir.FormatDate(d.Date, loc))
	} else {
		sub = fmt.Sprintf("Nomor: %s · Tanggal: %s · Sidang Baperjakat %s, %s", d.Signed.Number,
			karir.FormatDate(d.Signed.Date, loc), d.Sidang, karir.FormatDate(d.Date, loc))
	}
	return title, sub
}

// decreeRows are the lampiran's rows as text.
func decreeRows(d karir.DecreeDraft, loc *time.Location) [][]string {
	rows := make([][]string, len(d.Rows))
	for i, r := range d.Rows {
		var notes []string
		if r.Selection != "" {
			notes = append(notes, "Seleksi terbuka: "+r.Selection)
		}
		if r.MinisterRef != "" {
			notes = append(notes, "Persetujuan Mendagri: "+r.MinisterRef)
		}
		rows[i] = []string{strconv.Itoa(i + 1), r.NIP, r.Name, r.Pangkat, r.OldPosition, r.OldOPD, r.NewPosition, r.NewOPD,
			r.Effective.In(loc).Format("02-01-2006"), strings.Join(notes, "; ")}
	}
	return rows
}

// DecreeXLSX writes the SK's lampiran as a spreadsheet: the heading, then
// one row per decision; every cell is text (a NIP loses digits as a number).
func (Renderer) DecreeXLSX(d karir.DecreeDraft, loc *time.Location) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Lampiran SK"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, fmt.Errorf("xlsx sheet: %w", err)
	}
	title, sub := decreeTitle(d, loc)
	rows := append([][]string{{title}, {sub}, {}, decreeHeader}, decreeRows(d, loc)...)
	for i, r := range rows {
		if err := setRow(f, sheet, i+1, r); err != nil {
			return nil, err
		}
	}
	for i, w := range decreeWidths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, w/1.8); err != nil {
			return nil, fmt.Errorf("xlsx width: %w", err)
		}
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, fmt.Errorf("xlsx style: %w", err)
	}
	last, _ := excelize.ColumnNumberToName(len(decreeHeader))
	for _, r := range []int{1, 4} {
		if err := f.SetCellStyle(sheet, "A"+strconv.Itoa(r), last+strconv.Itoa(r), bold); err != nil {
			return nil, fmt.Errorf("xlsx style: %w", err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("write xlsx: %w", err)
	}
	return buf.Bytes(), nil
}

// DecreePDF renders the SK's lampiran on landscape A4: the heading, the
// table (its header repeated on each page) and the signature block of the
// Wali Kota.
func (Renderer) DecreePDF(d karir.DecreeDraft, loc *time.Location) ([]byte, error) {
	pdf := fpdf.New("L", "mm", "A4", "")
	pdf.SetMargins(10, 12, 10)
	pdf.SetAutoPageBreak(false, 12)
	pdf.AddUTF8FontFromBytes("serif", "", liberationserifregular.TTF)
	pdf.AddUTF8FontFromBytes("serif", "B", liberationserifbold.TTF)
	pdf.AddUTF8FontFromBytes("serif", "I", liberationserifitalic.TTF)
	stamp := d.Date
	if d.Signed != nil {
		stamp = d.Signed.SignedAt
	}
	pdf.SetCreationDate(stamp)
	pdf.SetModificationDate(stamp)
	title, sub := decreeTitle(d, loc)
	pdf.SetTitle(title+" "+d.Sidang, true)
	pdf.SetAuthor(d.Signer.Agency, true)
	pdf.SetFooterFunc(func() {
		pdf.SetY(-10)
		pdf.SetFont("serif", "I", 8)
		pdf.CellFormat(0, 4, fmt.Sprintf("Lampiran SK · Sidang Baperjakat %s · Halaman %d", d.Sidang, pdf.PageNo()), "", 0, "C", false, 0, "")
	})
	header := func() {
		pdf.SetFont("serif", "B", 9)
		pdf.SetFillColor(230, 230, 230)
		for i, h := range decreeHeader {
			pdf.CellFormat(decreeWidths[i], 7, h, "1", 0, "C", true, 0, "")
		}
		pdf.Ln(-1)
		pdf.SetFont("serif", "", 9)
	}
	pdf.AddPage()
	pdf.SetFont("serif", "B", 12)
	pdf.CellFormat(0, 6, strings.ToUpper(pdfLatin(d.Signer.Agency)), "", 1, "C", false, 0, "")
	pdf.CellFormat(0, 6, title, "", 1, "C", false, 0, "")
	pdf.SetFont("serif", "", 10)
	pdf.CellFormat(0, 5, "Tentang pengangkatan dan pemindahan dalam jabatan", "", 1, "C", false, 0, "")
	pdf.CellFormat(0, 5, pdfLatin(sub), "", 1, "C", false, 0, "")
	pdf.Ln(3)
	header()
	_, pageH := pdf.GetPageSize()
	const lh = 4.2
	for _, row := range decreeRows(d, loc) {
		lines := make([][]string, len(row))
		height := 0.0
		for i, cell := range row {
			lines[i] = pdf.SplitText(pdfLatin(cell), decreeWidths[i]-2)
			if len(lines[i]) == 0 {
				lines[i] = []string{""}
			}
			height = max(height, float64(len(lines[i]))*lh+2)
		}
		if pdf.GetY()+height > pageH-16 {
			pdf.AddPage()
			header()
		}
		x, y := pdf.GetX(), pdf.GetY()
		for i := range row {
			pdf.Rect(x, y, decreeWidths[i], height, "D")
			for j, l := range lines[i] {
				pdf.SetXY(x+1, y+1+float64(j)*lh)
				align := "L"
				if i == 0 {
					align = "C"
				}
				pdf.CellFormat(decreeWidths[i]-2, lh, l, "", 0, align, false, 0, "")
			}
			x += decreeWidths[i]
		}
		pdf.SetXY(10, y+height)
	}
	if len(d.Rows) == 0 {
		pdf.CellFormat(0, 7, "Belum ada keputusan Wali Kota dari sidang ini.", "1", 1, "C", false, 0, "")
	}
	// The signature block, on the right, on the same page when it fits.
	if pdf.GetY()+45 > pageH-16 {
		pdf.AddPage()
	}
	pdf.Ln(8)
	// "Ditetapkan di" and "pada tanggal" on two lines, as an SK sets them,
	// so a long place or the dots to fill in stay within the block.
	where, when := formLine, formLine
	if p := d.Signer.Where(); p != "" {
		where = p
	}
	if d.Signed != nil {
		when = karir.FormatDate(d.Signed.Date, loc)
	}
	for _, l := range []string{"Ditetapkan di " + where, "pada tanggal " + when, "WALI KOTA,", "", "", "", "(tanda tangan dan nama Wali Kota)"} {
		if l == "" { // room to sign
			pdf.Ln(5)
			continue
		}
		pdf.SetX(190)
		pdf.MultiCell(97, 5, pdfLatin(l), "", "C", false)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("render decree PDF: %w", err)
	}
	return buf.Bytes(), nil
}
