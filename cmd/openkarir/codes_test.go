package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"openkarir/roster"
)

// openkarir codes writes one spreadsheet per OPD into a new folder, for
// the 20 ASN of the sample without a code; run again, it issues none and
// refuses a folder that exists.
func TestCodesCommand(t *testing.T) {
	env := testEnv(t, "")
	var out, errOut bytes.Buffer
	ctx := context.Background()
	if err := run(ctx, []string{"import-roster", writeSample(t)}, getenv(env), &out, &errOut); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "kode")
	out.Reset()
	if err := run(ctx, []string{"codes", "-dir", dir}, getenv(env), &out, &errOut); err != nil {
		t.Fatalf("codes: %v\n%s", err, errOut.String())
	}
	if !strings.Contains(out.String(), "20 kode aktivasi baru untuk 5 OPD") {
		t.Errorf("codes said:\n%s", out.String())
	}
	x, err := excelize.OpenFile(filepath.Join(dir, "kode-aktivasi-dinkes.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows("Kode aktivasi")
	if len(rows) < 2 || rows[0][3] != "Kode aktivasi" || len(rows[1][3]) != 6 {
		t.Errorf("DINKES codes: %v", rows)
	}
	if err := run(ctx, []string{"codes", "-dir", dir}, getenv(env), &out, &errOut); err == nil {
		t.Error("codes wrote into a folder that exists")
	}
	out.Reset()
	if err := run(ctx, []string{"codes", "DINKES", "-dir", dir + "2"}, getenv(env), &out, &errOut); err != nil ||
		!strings.Contains(out.String(), "0 kode aktivasi baru") {
		t.Errorf("codes again: %v\n%s", err, out.String())
	}
	if files, _ := os.ReadDir(dir + "2"); len(files) != 0 {
		t.Errorf("files written with no code: %v", files)
	}
}

// import-posts and import-forms load the samples from a terminal, and
// again change nothing.
func TestImportPostsAndFormsCommands(t *testing.T) {
	env := testEnv(t, "")
	var out, errOut bytes.Buffer
	ctx := context.Background()
	if err := run(ctx, []string{"import-roster", writeSample(t)}, getenv(env), &out, &errOut); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	posts, forms := filepath.Join(dir, "peta.csv"), filepath.Join(dir, "kertas.csv")
	if err := os.WriteFile(posts, roster.SamplePosts, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(forms, roster.SampleForms, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args        []string
		first, next string
	}{
		{[]string{"import-posts", posts}, "OPD: 5 (diganti 5, tidak berubah 0)", "OPD: 5 (diganti 0, tidak berubah 5)"},
		{[]string{"import-forms", forms}, "Formulir ditambahkan: 3", "Tidak berubah: 3"},
	} {
		for _, want := range []string{c.first, c.next} {
			out.Reset()
			if err := run(ctx, c.args, getenv(env), &out, &errOut); err != nil {
				t.Fatalf("%v: %v\n%s", c.args, err, errOut.String())
			}
			if !strings.Contains(out.String(), want) {
				t.Errorf("%v said:\n%s", c.args, out.String())
			}
		}
	}
}
