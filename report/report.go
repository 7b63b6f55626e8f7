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
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
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
		// Top left, colour keys before their words: on a phone the right
		// edge is where the eye looks last.
		p.Legend.Top, p.Legend.Left = true, true
		p.Legend.ThumbnailWidth = vg.Points(12)
	}
	// Drawn for a phone's width: 10 cm across at 192 dpi (756 px), so the
	// text is a sixth of the width it was at 18 cm and reads at 400 px.
	height := vg.Length(130 + 24*rows)
	canvas := vgimg.NewWith(vgimg.UseWH(10*vg.Centimeter, height), vgimg.UseDPI(192))
	// A margin on every side: a phone shows the picture edge to edge, and
	// a label drawn to the very edge reads cut off.
	margin := vg.Points(6)
	p.Draw(draw.Crop(draw.New(canvas), margin, -margin, margin, -margin))
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: canvas}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("render chart: %w", err)
	}
	return buf.Bytes(), nil
}

// exportColumns are the columns of the export: the employee as the roster
// has them now, what was filed, and what a tracker follows after (the
// stage, the target's deadline, the last progress report). Each title is
// a column name in the roster's style, and the roster's own columns carry
// the roster's names, so the file goes back through /impor as it is (the
// roster import ignores the form's columns). Width is the spreadsheet's,
// in characters.
var exportColumns = []struct {
	Title string
	Width float64
}{
	{"nip", 21}, {"nama", 30}, {"kode_opd", 11}, {"nama_opd", 30}, {"jabatan", 32}, {"eselon", 8},
	{"golongan", 9}, {"nip_atasan", 21},
	{"pilihan", 9}, {"kode_opd_tujuan", 11}, {"nama_opd_tujuan", 30}, {"jabatan_tujuan", 32},
	{"alasan", 50}, {"target_kinerja", 50}, {"jangka_waktu_bulan", 10},
	{"nomor_referensi", 12}, {"pertama_dikirim", 17}, {"terakhir_diubah", 17},
	{"tahap", 24}, {"batas_target", 12}, {"laporan_terakhir_persen", 10}, {"tanggal_laporan_terakhir", 12},
	{"laporan_dinilai", 9}, {"rata_rata_nilai", 9}, {"kode_kontrak", 17},
	// Added with the jabatan types and PPPK; last, so the columns before
	// keep their letters.
	{"jenis_jabatan", 22}, {"jenis_pegawai", 9},
}

// date is a day without a time, for the spreadsheet's date cells.
type date time.Time

// exportRecords are the rows with typed cells: text, numbers (int), times
// (time.Time), days (date), or nil for an empty cell. The employee's
// columns come from the roster (what a submission keeps of them is as they
// were when it was filed), or from the submission for a NIP the roster no
// longer has.
func exportRecords(subs []karir.Submission, roster []karir.Employee, loc *time.Location) [][]any {
	byNIP := make(map[string]karir.Employee, len(roster))
	for _, e := range roster {
		byNIP[e.NIP] = e
	}
	rows := make([][]any, len(subs))
	for i, s := range subs {
		a := s.Answers
		e, ok := byNIP[s.NIP]
		if !ok {
			e = karir.Employee{NIP: s.NIP, Name: s.Name, OPDCode: s.OPDCode, OPDName: s.OPDName, Position: s.Position, Eselon: s.Eselon, JabatanType: s.JabatanType}
		}
		var deadline, percent, reported any
		if !s.TargetDeadline.IsZero() {
			deadline = date(s.TargetDeadline.In(loc))
		}
		if m := s.LastCheckIn(); m != nil {
			percent, reported = m.Percent, date(m.At.In(loc))
		}
		var rated, average, contract any
		if sum := s.Ratings("", loc); sum.Count > 0 {
			rated, average = sum.Count, sum.Average()
		}
		if s.Contract != nil {
			contract = s.Contract.Code
		}
		rows[i] = []any{
			e.NIP, e.Name, e.OPDCode, e.OPDName, e.Position, e.Eselon, e.Golongan, e.SupervisorNIP,
			string(a.Choice), a.TargetOPDCode, a.TargetOPDName, a.TargetPosition,
			a.Reason, a.Target, a.TermMonths,
			s.Ref, s.SubmittedAt.In(loc), s.UpdatedAt.In(loc),
			karir.StepLabel(s.Stage), deadline, percent, reported,
			rated, average, contract,
			e.Type().Name(), string(e.ASN()),
		}
	}
	return rows
}

func exportHeader() []string {
	h := make([]string, len(exportColumns))
	for i, c := range exportColumns {
		h[i] = c.Title
	}
	return h
}

// exportRows are the records as text, for CSV.
func exportRows(subs []karir.Submission, roster []karir.Employee, loc *time.Location) [][]string {
	recs := exportRecords(subs, roster, loc)
	rows := make([][]string, len(recs))
	for i, rec := range recs {
		rows[i] = make([]string, len(rec))
		for j, v := range rec {
			switch v := v.(type) {
			case nil:
			case string:
				rows[i][j] = v
			case int:
				rows[i][j] = strconv.Itoa(v)
			case float64:
				// A decimal comma, as Indonesian-locale spreadsheets read it.
				rows[i][j] = strings.Replace(strconv.FormatFloat(v, 'f', 2, 64), ".", ",", 1)
			case time.Time:
				rows[i][j] = v.Format("2006-01-02 15:04")
			case date:
				rows[i][j] = time.Time(v).Format(time.DateOnly)
			}
		}
	}
	return rows
}

// ExportXLSX writes the submissions of a round, with their employees as the
// roster has them, as a sheet ready to track:
// a bold frozen header with a filter, widths that fit, long answers
// wrapped, numbers and dates as numbers and dates. NIPs stay text: as
// numbers a spreadsheet would round their 18 digits.
func (Renderer) ExportXLSX(subs []karir.Submission, roster []karir.Employee, loc *time.Location) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Formulir"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, fmt.Errorf("xlsx sheet: %w", err)
	}
	styles, err := exportStyles(f)
	if err != nil {
		return nil, err
	}
	header := exportHeader()
	last, _ := excelize.ColumnNumberToName(len(header))
	recs := exportRecords(subs, roster, loc)
	for i, rec := range append([][]any{toAny(header)}, recs...) {
		for j, v := range rec {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			style := styles.text
			switch w := v.(type) {
			case time.Time:
				// The sheet shows the time of day in loc, as written.
				v, style = time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), 0, 0, time.UTC), styles.dateTime
			case date:
				t := time.Time(w)
				v, style = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), styles.date
			case int:
				style = styles.number
			case float64:
				style = styles.decimal
			}
			if i == 0 {
				style = styles.header
			} else if exportColumns[j].Width >= 30 {
				style = styles.wrap
			}
			if v != nil {
				if err := f.SetCellValue(sheet, cell, v); err != nil {
					return nil, fmt.Errorf("xlsx %s: %w", cell, err)
				}
			}
			if err := f.SetCellStyle(sheet, cell, cell, style); err != nil {
				return nil, fmt.Errorf("xlsx %s: %w", cell, err)
			}
		}
	}
	for j, c := range exportColumns {
		col, _ := excelize.ColumnNumberToName(j + 1)
		if err := f.SetColWidth(sheet, col, col, c.Width); err != nil {
			return nil, fmt.Errorf("xlsx width: %w", err)
		}
	}
	table := fmt.Sprintf("A1:%s%d", last, len(recs)+1)
	if err := f.AutoFilter(sheet, table, nil); err != nil {
		return nil, fmt.Errorf("xlsx filter: %w", err)
	}
	// excelize leaves the declared range at "A1" when cells are set one by
	// one; readers that trust it see an empty sheet.
	if err := f.SetSheetDimension(sheet, table); err != nil {
		return nil, fmt.Errorf("xlsx range: %w", err)
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

type xlsxStyles struct{ header, text, wrap, number, decimal, date, dateTime int }

func exportStyles(f *excelize.File) (xlsxStyles, error) {
	var s xlsxStyles
	top := &excelize.Alignment{Vertical: "top"}
	for _, def := range []struct {
		id    *int
		style excelize.Style
	}{
		{&s.header, excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}}},
		{&s.text, excelize.Style{Alignment: top}},
		{&s.wrap, excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&s.number, excelize.Style{Alignment: top, NumFmt: 1}},
		{&s.decimal, excelize.Style{Alignment: top, NumFmt: 2}},
		{&s.date, excelize.Style{Alignment: top, CustomNumFmt: ptr("dd/mm/yyyy")}},
		{&s.dateTime, excelize.Style{Alignment: top, CustomNumFmt: ptr("dd/mm/yyyy hh:mm")}},
	} {
		id, err := f.NewStyle(&def.style)
		if err != nil {
			return s, fmt.Errorf("xlsx style: %w", err)
		}
		*def.id = id
	}
	return s, nil
}

func ptr[T any](v T) *T { return &v }

func toAny(values []string) []any {
	out := make([]any, len(values))
	for i, v := range values {
		out[i] = v
	}
	return out
}

// ExportCSV writes the submissions of a round as CSV, the same columns as
// ExportXLSX.
func (r Renderer) ExportCSV(subs []karir.Submission, roster []karir.Employee, loc *time.Location) ([]byte, error) {
	return r.CSV(exportHeader(), exportRows(subs, roster, loc))
}

// CSV writes any table: UTF-8 with a BOM, so spreadsheets read the
// names right, and ";" between fields, which Excel in the Indonesian
// locale (where "," is the decimal mark) splits into columns. Every CSV
// the bot or the terminal writes goes through it, so every cell is
// neutralised once here (SafeCSVCell).
func (Renderer) CSV(header []string, rows [][]string) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	record := make([]string, 0, len(header))
	write := func(cells []string) error {
		record = record[:0]
		for _, c := range cells {
			record = append(record, SafeCSVCell(c))
		}
		return w.Write(record)
	}
	if err := write(header); err != nil {
		return nil, fmt.Errorf("write csv: %w", err)
	}
	for _, r := range rows {
		if err := write(r); err != nil {
			return nil, fmt.Errorf("write csv: %w", err)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, fmt.Errorf("write csv: %w", err)
	}
	return buf.Bytes(), nil
}

// SafeCSVCell keeps a spreadsheet from running a cell as a formula: a cell
// that begins with =, +, -, @, a tab or a carriage return gets a leading
// single quote (OWASP, "CSV Injection"). An ASN's typed reason
// "=HYPERLINK(...)" would otherwise be a live link in Excel. The xlsx
// files need no such care: their cells are written as text.
func SafeCSVCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
