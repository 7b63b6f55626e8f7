package report

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// XLSX writes any table as a spreadsheet: a bold, frozen header row and
// every cell as text (NIPs and phone numbers would lose digits as numbers).
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
	if err := write(1, header); err != nil {
		return nil, fmt.Errorf("xlsx header: %w", err)
	}
	last, err := excelize.CoordinatesToCellName(len(header), 1)
	if err != nil {
		return nil, fmt.Errorf("xlsx header: %w", err)
	}
	if err := f.SetCellStyle(sheet, "A1", last, bold); err != nil {
		return nil, fmt.Errorf("xlsx header: %w", err)
	}
	for i, r := range rows {
		if err := write(i+2, r); err != nil {
			return nil, fmt.Errorf("xlsx row %d: %w", i+2, err)
		}
	}
	for i, h := range header {
		width := len(h) + 2
		for _, r := range rows {
			if i < len(r) {
				width = max(width, len([]rune(r[i]))+2)
			}
		}
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return nil, err
		}
		if err := f.SetColWidth(sheet, col, col, float64(min(width, 60))); err != nil {
			return nil, fmt.Errorf("xlsx width: %w", err)
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
