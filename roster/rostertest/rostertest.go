// Package rostertest makes the roster files that tests of more than one
// package import.
package rostertest

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// BigSIASNXLSX is a workbook the size a 100,000-row SIASN export unzips
// to (about 60 MB of text, over a chat's 50 MB) in few rows, so a test
// stays fast: 5,000 ASN of one OPD with three long note columns, which
// the roster ignores. The chat refuses it (bot), the terminal takes it
// (cmd/openkarir).
func BigSIASNXLSX(tb testing.TB) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		tb.Fatal(err)
	}
	note := strings.Repeat("catatan ", 500) // 4,000 characters
	put := func(r int, cells ...any) {
		ref, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(ref, cells); err != nil {
			tb.Fatal(err)
		}
	}
	put(1, "NIP BARU", "NAMA", "JABATAN NAMA", "UNOR INDUK NAMA", "NOMOR HP", "CATATAN 1", "CATATAN 2", "CATATAN 3")
	for i := range 5_000 {
		put(2+i, fmt.Sprintf("198001%02d199803%d%03d", 1+i/1000, 1+i/1000%2, i%1000), fmt.Sprintf("ASN %d", i),
			"Guru Ahli Pertama", "Dinas Pendidikan", fmt.Sprintf("0812%08d", i), note, note, note)
	}
	if err := sw.Flush(); err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}
