package roster_test

import (
	"bytes"
	"encoding/csv"
	"testing"

	"openkarir/report"
	"openkarir/roster"
)

// BenchmarkParseXLSX10000 reads a 10,000-row roster saved as a workbook
// (by our own export's writer, as Excel would: text cells).
func BenchmarkParseXLSX10000(b *testing.B) {
	r := csv.NewReader(bytes.NewReader(city{n: 10_000}.csv()))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		b.Fatal(err)
	}
	data, err := report.Renderer{}.XLSX("Pegawai", rows[0], rows[1:])
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		p, err := roster.Parse(bytes.NewReader(data), now)
		if err != nil || len(p.Employees) != 10_000 {
			b.Fatalf("%v, %d rows", err, len(p.Employees))
		}
	}
}

// BenchmarkParseCSV10000 is the same roster as CSV.
func BenchmarkParseCSV10000(b *testing.B) {
	data := city{n: 10_000}.csv()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if p, err := roster.Parse(bytes.NewReader(data), now); err != nil || len(p.Employees) != 10_000 {
			b.Fatalf("%v", err)
		}
	}
}
