package report_test

import (
	"fmt"
	"testing"

	"openkarir/report"
)

// BenchmarkXLSX3000 writes the /belum spreadsheet of 3,000 people (eight
// text columns): the size of a city's list a week before the deadline.
func BenchmarkXLSX3000(b *testing.B) {
	header := []string{"nip", "nama", "kode_opd", "nama_opd", "jabatan", "eselon", "no_hp", "status_bot"}
	rows := make([][]string, 3000)
	for i := range rows {
		rows[i] = []string{fmt.Sprintf("1980010120050110%05d", i), fmt.Sprintf("ASN %05d", i), "DINKES", "Dinas Kesehatan",
			"Perawat Terampil", "Staf", fmt.Sprintf("0812%08d", i), "belum terhubung"}
	}
	for range b.N {
		if _, err := (report.Renderer{}).XLSX("Belum mengisi", header, rows); err != nil {
			b.Fatal(err)
		}
	}
}
