// Package report renders the files admins receive: the coverage chart
// (gonum/plot), the export as a spreadsheet (excelize) and as CSV.
package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"image/color"
	"strconv"
	"strings"
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

// Colours of the coverage chart: the filed share by band (under half red,
// under 80% amber, else green), then the rest of each OPD split into those
// the bot can remind and those who never bound their NIP.
var (
	colorLow      = color.RGBA{R: 0xd9, G: 0x3f, B: 0x3f, A: 0xff}
	colorMid      = color.RGBA{R: 0xf0, G: 0xa2, B: 0x02, A: 0xff}
	colorHigh     = color.RGBA{R: 0x2e, G: 0x9e, B: 0x4f, A: 0xff}
	colorBound    = color.RGBA{R: 0xa9, G: 0xcc, B: 0xee, A: 0xff}
	colorNotBound = color.RGBA{R: 0xdd, G: 0xdd, B: 0xdd, A: 0xff}
)

// bandColor is the colour of a filed share.
func bandColor(percent float64) color.Color {
	switch {
	case percent < 50:
		return colorLow
	case percent < 80:
		return colorMid
	}
	return colorHigh
}

// Percent writes a share as Indonesian text does: one decimal, a comma.
func Percent(p float64) string {
	return strings.Replace(fmt.Sprintf("%.1f%%", p), ".", ",", 1)
}

// CoverageChart is a PNG of coverage: one bar per OPD, the lowest coverage
// at the top. Each bar is the whole OPD: the share that filed (coloured by
// band, with its value), those who can be reminded in the bot, and those
// who never bound their NIP.
func (Renderer) CoverageChart(c karir.Coverage, loc *time.Location) ([]byte, error) {
	p := plot.New()
	p.Title.Text = fmt.Sprintf("Cakupan Open Karir %s: %s (%d dari %d ASN)\nbatas pengisian %s",
		c.Round.ID, Percent(c.All.Percent()), c.All.Filed, c.All.Total, karir.FormatDate(c.Round.LastDay(), loc))
	p.Title.Padding = vg.Points(12)
	p.X.Label.Text = "% ASN di OPD"
	p.X.Min, p.X.Max = 0, 100
	p.X.Tick.Marker = plot.ConstantTicks([]plot.Tick{{Value: 0, Label: "0%"}, {Value: 25, Label: "25%"},
		{Value: 50, Label: "50%"}, {Value: 75, Label: "75%"}, {Value: 100, Label: "100%"}})
	n := len(c.ByOPD)
	// The plot draws index 0 at the bottom: the lowest coverage goes on top,
	// and empty rows above it keep the legend (five lines) off the bars.
	const legendRows = 3
	rows := n + legendRows
	names := make([]string, rows)
	reach, all := make(plotter.Values, rows), make(plotter.Values, rows)
	filed := map[color.Color]plotter.Values{colorLow: make(plotter.Values, rows), colorMid: make(plotter.Values, rows), colorHigh: make(plotter.Values, rows)}
	var labels plotter.XYLabels
	for i, o := range c.ByOPD {
		row := n - 1 - i
		names[row] = fmt.Sprintf("%s (%d/%d)", o.Key, o.Filed, o.Total)
		if o.Total == 0 {
			continue
		}
		share := func(k int) float64 { return 100 * float64(k) / float64(o.Total) }
		all[row] = 100
		reach[row] = share(o.Filed + o.BoundNotFiled)
		filed[bandColor(o.Percent())][row] = o.Percent()
		labels.XYs = append(labels.XYs, plotter.XY{X: o.Percent() + 1, Y: float64(row)})
		labels.Labels = append(labels.Labels, Percent(o.Percent()))
	}
	if n > 0 {
		// Longest first, each drawn over the last, so the three parts
		// stand side by side.
		layers := []struct {
			values plotter.Values
			color  color.Color
			legend string
		}{
			{all, colorNotBound, "belum terhubung bot"},
			{reach, colorBound, "terhubung, belum mengisi"},
			{filed[colorLow], colorLow, "sudah mengisi: di bawah 50%"},
			{filed[colorMid], colorMid, "50% sampai 79%"},
			{filed[colorHigh], colorHigh, "80% atau lebih"},
		}
		for _, l := range layers {
			bars, err := plotter.NewBarChart(l.values, vg.Points(16))
			if err != nil {
				return nil, fmt.Errorf("coverage bars: %w", err)
			}
			bars.Horizontal = true
			bars.LineStyle.Width = 0
			bars.Color = l.color
			p.Add(bars)
			p.Legend.Add(l.legend, bars)
		}
		text, err := plotter.NewLabels(labels)
		if err != nil {
			return nil, fmt.Errorf("coverage labels: %w", err)
		}
		for i := range text.TextStyle {
			text.TextStyle[i].YAlign = -0.5
		}
		p.Add(text)
		p.NominalY(names...)
		p.Legend.Top = true
		p.Legend.ThumbnailWidth = vg.Points(10)
	}
	height := vg.Length(130 + 24*rows)
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
