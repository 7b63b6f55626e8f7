package roster_test

import (
	"bytes"
	"encoding/csv"
	"io"
	"strings"
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

// BenchmarkRefuseZipBomb is the time to refuse a 300 KB workbook that
// unzips to 300 MB (it took 51 s and 1.1 GB before the limits).
func BenchmarkRefuseZipBomb(b *testing.B) {
	bomb := craftedXLSX(b, io.MultiReader(strings.NewReader(inlineRow(1, "nip", "nama")),
		&repeated{s: strings.Repeat(" ", 64<<10), left: 300 << 20}, strings.NewReader(inlineRow(2, "1", "2"))), "")
	lying := craftedXLSXClaiming(b, io.MultiReader(strings.NewReader(inlineRow(1, "nip", "nama")),
		&repeated{s: strings.Repeat(" ", 64<<10), left: 300 << 20}, strings.NewReader(inlineRow(2, "1", "2"))), "", 1<<20)
	for name, data := range map[string][]byte{"honest": bomb, "lying": lying} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := roster.Parse(bytes.NewReader(data), now); err == nil {
					b.Fatal("read")
				}
			}
		})
	}
}
