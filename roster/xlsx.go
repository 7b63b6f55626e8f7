package roster

import (
	"bytes"
	"encoding/csv"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// isXLSX tells an Excel workbook (a zip archive) from a CSV.
func isXLSX(data []byte) bool { return bytes.HasPrefix(data, []byte("PK\x03\x04")) }

// xlsxToCSV turns the first sheet of a workbook into CSV, so a roster kept
// in Excel is read as the same table. Cells come as Excel shows them: an
// NIP typed as a number has already lost its last digits there, and the
// NIP check then names the row.
func xlsxToCSV(data []byte) ([]byte, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("berkas Excel tidak terbaca: %w", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fmt.Errorf("berkas Excel tanpa lembar kerja")
	}
	rows, err := f.GetRows(sheets[0])
	if err != nil {
		return nil, fmt.Errorf("lembar %s tidak terbaca: %w", sheets[0], err)
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.WriteAll(rows); err != nil {
		return nil, fmt.Errorf("lembar %s: %w", sheets[0], err)
	}
	return buf.Bytes(), nil
}
