// Package report renders the files admins receive: the coverage chart
// (gonum/plot), the export as a spreadsheet (excelize) and as CSV.
package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"time"

	"openkarir/karir"

	"github.com/xuri/excelize/v2"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// Renderer renders the files admins receive; it is the admin console's
// flows.Reports.
type Renderer struct{}

// CoverageChart is a PNG of coverage: one horizontal bar per OPD, the
// lowest coverage at the top, the deadline in the title.
func (Renderer) CoverageChart(c karir.Coverage, loc *time.Location) ([]byte, error) {
	p := plot.New()
	p.Title.Text = fmt.Sprintf("Cakupan Open Karir %s: %.1f%% (batas %s)", c.Round.ID, c.All.Percent(), karir.FormatDate(c.Round.LastDay(), loc))
	p.X.Label.Text = "% ASN yang sudah mengisi"
	p.X.Min, p.X.Max = 0, 100
	n := len(c.ByOPD)
	values := make(plotter.Values, n)
	names := make([]string, n)
	// The plot draws index 0 at the bottom: put the lowest coverage on top.
	for i, o := range c.ByOPD {
		values[n-1-i] = o.Percent()
		names[n-1-i] = fmt.Sprintf("%s (%d/%d)", o.Key, o.Filed, o.Total)
	}
	if n > 0 {
		bars, err := plotter.NewBarChart(values, vg.Points(14))
		if err != nil {
			return nil, fmt.Errorf("coverage bars: %w", err)
		}
		bars.Horizontal = true
		bars.LineStyle.Width = 0
		p.Add(bars)
		p.NominalY(names...)
	}
	height := vg.Length(120 + 22*n)
	w, err := p.WriterTo(18*vg.Centimeter, height, "png")
	if err != nil {
		return nil, fmt.Errorf("render chart: %w", err)
	}
	var buf bytes.Buffer
	if _, err := w.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("render chart: %w", err)
	}
	return buf.Bytes(), nil
}

// exportHeader names the columns of the export.
var exportHeader = []string{
	"NIP", "Nama", "Kode OPD", "OPD", "Jabatan", "Eselon",
	"Pilihan", "Kode OPD tujuan", "OPD tujuan", "Jabatan tujuan",
	"Alasan", "Target kinerja", "Jangka waktu (bulan)",
	"Nomor referensi", "Pertama dikirim", "Terakhir diubah",
}

func exportRows(subs []karir.Submission, loc *time.Location) [][]string {
	rows := make([][]string, len(subs))
	for i, s := range subs {
		a := s.Answers
		rows[i] = []string{
			s.NIP, s.Name, s.OPDCode, s.OPDName, s.Position, s.Eselon,
			string(a.Choice), a.TargetOPDCode, a.TargetOPDName, a.TargetPosition,
			a.Reason, a.Target, strconv.Itoa(a.TermMonths),
			s.Ref, s.SubmittedAt.In(loc).Format("2006-01-02 15:04"), s.UpdatedAt.In(loc).Format("2006-01-02 15:04"),
		}
	}
	return rows
}

// ExportXLSX writes the submissions of a round. NIPs are written as text: as numbers
// a spreadsheet would round their 18 digits.
func (Renderer) ExportXLSX(subs []karir.Submission, loc *time.Location) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Formulir"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, fmt.Errorf("xlsx sheet: %w", err)
	}
	write := func(row int, values []string) error {
		cells := make([]any, len(values))
		for i, v := range values {
			cells[i] = v
		}
		cell, err := excelize.CoordinatesToCellName(1, row)
		if err != nil {
			return err
		}
		return f.SetSheetRow(sheet, cell, &cells)
	}
	if err := write(1, exportHeader); err != nil {
		return nil, fmt.Errorf("xlsx header: %w", err)
	}
	for i, r := range exportRows(subs, loc) {
		if err := write(i+2, r); err != nil {
			return nil, fmt.Errorf("xlsx row %d: %w", i+2, err)
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, fmt.Errorf("xlsx panes: %w", err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("write xlsx: %w", err)
	}
	return buf.Bytes(), nil
}

// ExportCSV writes the submissions of a round as CSV.
func (r Renderer) ExportCSV(subs []karir.Submission, loc *time.Location) ([]byte, error) {
	return r.CSV(exportHeader, exportRows(subs, loc))
}

// CSV writes any table: UTF-8 with a BOM, so spreadsheets read the
// names right.
func (Renderer) CSV(header []string, rows [][]string) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	if err := w.Write(header); err != nil {
		return nil, fmt.Errorf("write csv: %w", err)
	}
	if err := w.WriteAll(rows); err != nil {
		return nil, fmt.Errorf("write csv: %w", err)
	}
	return buf.Bytes(), nil
}
