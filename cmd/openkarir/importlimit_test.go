package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"openkarir/roster/rostertest"
)

// TestImportRosterTakesALargeWorkbook: a workbook over the chat's 50 MB
// unzipped imports from the terminal, within IMPORT_MAX_UNZIPPED_MB; set
// lower, the refusal says which setting allows more. (The chat's own
// refusal: bot.TestImportRefusesAWorkbookOverTheChatLimit.)
func TestImportRosterTakesALargeWorkbook(t *testing.T) {
	path := filepath.Join(t.TempDir(), "siasn.xlsx")
	if err := os.WriteFile(path, rostertest.BigSIASNXLSX(t), 0o600); err != nil {
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
