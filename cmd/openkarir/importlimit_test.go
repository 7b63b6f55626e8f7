package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// bigRosterXLSX is a workbook the size a 100,000-row SIASN export unzips
// to (about 60 MB of text) in few rows, so the test stays fast: 5,000 ASN
// with three long note columns, which the roster ignores.
func bigRosterXLSX(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	note := strings.Repeat("catatan ", 500) // 4,000 characters
	put := func(r int, cells ...any) {
		ref, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(ref, cells); err != nil {
			t.Fatal(err)
		}
	}
	put(1, "NIP BARU", "NAMA", "JABATAN NAMA", "UNOR INDUK NAMA", "NOMOR HP", "CATATAN 1", "CATATAN 2", "CATATAN 3")
	for i := range 5_000 {
		put(2+i, fmt.Sprintf("198001%02d199803%d%03d", 1+i/1000, 1+i/1000%2, i%1000), fmt.Sprintf("ASN %d", i),
			"Guru Ahli Pertama", "Dinas Pendidikan", fmt.Sprintf("0812%08d", i), note, note, note)
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestImportRosterTakesALargeWorkbook: a workbook over the chat's 50 MB
// unzipped imports from the terminal, within IMPORT_MAX_UNZIPPED_MB; set
// lower, the refusal says which setting allows more. (The chat's own
// refusal: bot.TestImportRefusesAWorkbookOverTheChatLimit.)
func TestImportRosterTakesALargeWorkbook(t *testing.T) {
	path := filepath.Join(t.TempDir(), "siasn.xlsx")
	if err := os.WriteFile(path, bigRosterXLSX(t), 0o600); err != nil {
		t.Fatal(err)
	}
	env := testEnv(t, "")
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"import-roster", path}, getenv(env), &out, &errOut); err != nil {
		t.Fatalf("import-roster: %v\n%s", err, errOut.String())
	}
	if !strings.Contains(out.String(), "Ditambahkan: 5000") {
		t.Errorf("summary:\n%s", out.String())
	}
	env["IMPORT_MAX_UNZIPPED_MB"] = "50"
	err := run(context.Background(), []string{"import-roster", path}, getenv(env), &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "lebih dari 50 MB setelah dibuka") || !strings.Contains(err.Error(), "IMPORT_MAX_UNZIPPED_MB") {
		t.Errorf("with 50 MB: %v; want the refusal naming IMPORT_MAX_UNZIPPED_MB", err)
	}
	env["IMPORT_MAX_UNZIPPED_MB"] = "lots"
	if err := run(context.Background(), []string{"import-roster", path}, getenv(env), &out, &errOut); err == nil || !strings.Contains(err.Error(), "IMPORT_MAX_UNZIPPED_MB") {
		t.Errorf("a setting that is not a number: %v", err)
	}
}
