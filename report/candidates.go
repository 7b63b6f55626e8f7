package report

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"openkarir/karir"

	"github.com/xuri/excelize/v2"
)

// candidateHeader names the columns of the candidates' sheet.
var candidateHeader = []string{
	"Peringkat", "Siap", "Nama", "NIP", "Jabatan sekarang", "OPD sekarang", "Jenis jabatan", "Eselon", "Jenis pegawai", "Golongan", "Pengajuan", "Tahap",
	"Kotak 9-box", "Predikat kinerja", "Tahun data", "Potensial", "JPM (%)",
	"Target tercapai", "Target tidak tercapai", "Nilai laporan (rata-rata)",
	"Memenuhi syarat", "Syarat tidak terpenuhi", "Belum dapat diperiksa", "Catatan", "Diajukan",
}

// candidateWidths are the columns' widths, in characters: narrow enough
// that the sheet prints on landscape A4 at a readable size.
var candidateWidths = []float64{9, 6, 24, 20, 28, 14, 20, 7, 8, 9, 10, 12, 7, 15, 7, 10, 8, 9, 9, 9, 10, 34, 34, 24, 16}

// boxColumn is the column of the box, coloured per row.
const boxColumn = 13

// CandidatesXLSX writes a post's ranked candidates for a Baperjakat
// meeting: the post on top, one row per candidate, the box coloured as on
// the 9-box map. NIPs are text, as in the export.
func (Renderer) CandidatesXLSX(v karir.PostView, at time.Time, loc *time.Location) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Kandidat"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, fmt.Errorf("xlsx sheet: %w", err)
	}
	eselon := "jenis jabatan tidak diketahui (tidak ada pemegang di data)"
	if v.Type != "" {
		eselon = karir.JabatanLabel(v.Type, v.Eselon)
	}
	intro := [][]string{
		{"Kandidat untuk " + v.Position},
		{fmt.Sprintf("%s (%s) · %s · pemegang sekarang: %d", v.OPDName, v.OPDCode, eselon, v.Holders)},
		{"Urutan: memenuhi syarat dulu, lalu kotak 9-box (9, 8, 7, lalu 6 sampai 1, nomor menurut PermenPANRB 3/2020), potensial, target Open Karir yang tercapai, waktu pengajuan. " +
			karir.LegendRequirements},
		{"Dibuat " + at.In(loc).Format("02-01-2006 15:04")},
		{},
		candidateHeader,
	}
	for i, r := range intro {
		if err := setRow(f, sheet, i+1, r); err != nil {
			return nil, err
		}
	}
	const firstRow = 7
	// Long names, posts and warnings wrap within their columns.
	body, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, fmt.Errorf("xlsx style: %w", err)
	}
	last, _ := excelize.ColumnNumberToName(len(candidateHeader))
	for i, c := range v.Candidates {
		row := firstRow + i
		if err := setRow(f, sheet, row, candidateRow(i+1, c, loc)); err != nil {
			return nil, err
		}
		if err := f.SetCellStyle(sheet, "A"+strconv.Itoa(row), last+strconv.Itoa(row), body); err != nil {
			return nil, fmt.Errorf("xlsx style: %w", err)
		}
		if err := f.SetRowHeight(sheet, row, rowHeight(candidateRow(i+1, c, loc))); err != nil {
			return nil, fmt.Errorf("xlsx row height: %w", err)
		}
		if box := c.Box(); box > 0 {
			if err := fillBox(f, sheet, row, box); err != nil {
				return nil, err
			}
		}
	}
	if err := styleCandidates(f, sheet, firstRow, len(v.Candidates)); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("write xlsx: %w", err)
	}
	return buf.Bytes(), nil
}

// candidateRow is one candidate; numbers are numbers, so the sheet sorts
// and sums them, and NIPs text.
func candidateRow(rank int, c karir.Candidate, loc *time.Location) []any {
	now := c.Now()
	choice := "pindah"
	if c.Stay {
		choice = "tetap"
	}
	ready := ""
	if c.Ready {
		ready = "siap"
	}
	var box, year, jpm any = "", "", ""
	predikat, potential := "tanpa data talenta", ""
	if t := c.Talent; t != nil {
		box, year = c.Box(), t.Year
		predikat, potential = t.Predikat.Label(), string(t.Potential)
		if t.Predikat == "" {
			predikat = "predikat tidak ada"
		}
		if t.Potential == "" {
			_, pot := karir.BoxAxes(t.Box())
			potential = string(pot)
		}
		if t.JPM != nil {
			jpm = *t.JPM
		}
	}
	var rating any = ""
	if r := c.Record.Ratings; r.Count > 0 {
		rating = math.Round(r.Average()*100) / 100
	}
	eligible := ""
	if !c.Stay && len(c.Checks) > 0 {
		eligible = "ya"
		if !c.Eligible() {
			eligible = "tidak"
		}
	}
	return []any{
		rank, ready, now.Name, now.NIP, now.Position, now.OPDCode, now.Type().Name(), now.Eselon, string(now.ASN()), now.Golongan, choice, c.Stage(),
		box, predikat, year, potential, jpm,
		c.Record.Met, c.Record.Missed, rating,
		eligible, checkTexts(c.Failed(), karir.Check.Text), checkTexts(c.Unchecked(), karir.Check.Missing), strings.Join(c.Notes, "; "),
		c.Submission.SubmittedAt.In(loc).Format("2006-01-02 15:04"),
	}
}

// checkTexts joins requirements as the chat writes them.
func checkTexts(cs []karir.Check, text func(karir.Check) string) string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = text(c)
	}
	return strings.Join(out, "; ")
}

// rowHeight fits a row's wrapped cells: spreadsheets keep the default
// height of a row written by a program, and the wrapped lines overlap the
// next row (seen in LibreOffice).
func rowHeight(values []any) float64 {
	lines := 1
	for i, v := range values {
		if s, ok := v.(string); ok && i < len(candidateWidths) {
			lines = max(lines, int(math.Ceil(float64(utf8.RuneCountInString(s))/(candidateWidths[i]-2))))
		}
	}
	return 15 * float64(lines)
}

func setRow[T any](f *excelize.File, sheet string, row int, values []T) error {
	cells := make([]any, len(values))
	for i, v := range values {
		cells[i] = v
	}
	cell, err := excelize.CoordinatesToCellName(1, row)
	if err != nil {
		return err
	}
	if err := f.SetSheetRow(sheet, cell, &cells); err != nil {
		return fmt.Errorf("xlsx row %d: %w", row, err)
	}
	return nil
}

// fillBox colours a candidate's box cell as the 9-box map does.
func fillBox(f *excelize.File, sheet string, row, box int) error {
	return fillBoxAt(f, sheet, row, boxColumn, box)
}

// fillBoxAt colours the box cell in column col.
func fillBoxAt(f *excelize.File, sheet string, row, col, box int) error {
	c := BoxColor(box)
	st, err := f.NewStyle(&excelize.Style{
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fmt.Sprintf("%02X%02X%02X", c.R, c.G, c.B)}},
		Font:      &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"},
	})
	if err != nil {
		return fmt.Errorf("xlsx box style: %w", err)
	}
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return err
	}
	return f.SetCellStyle(sheet, cell, cell, st)
}

// styleCandidates styles the sheet as styleSheet does (title, header,
// widths, frozen header, filter, landscape one page wide), with a header
// row tall enough for its wrapped titles, printed on every page.
func styleCandidates(f *excelize.File, sheet string, firstRow, n int) error {
	header := firstRow - 1
	if err := styleSheet(f, sheet, header, header+n, candidateWidths); err != nil {
		return err
	}
	titles := make([]any, len(candidateHeader))
	for i, h := range candidateHeader {
		titles[i] = h
	}
	if err := f.SetRowHeight(sheet, header, rowHeight(titles)); err != nil {
		return err
	}
	hdr := strconv.Itoa(header)
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("%s!$%s:$%s", sheet, hdr, hdr), Scope: sheet}); err != nil {
		return fmt.Errorf("xlsx print titles: %w", err)
	}
	return nil
}
