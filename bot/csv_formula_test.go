package bot_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"openkarir/karir"
)

// A reason, a target or a roster name that begins like a formula reaches
// the CSVs the bot sends as text: Excel would make "=HYPERLINK(...)" a live
// link, and "@SUM(...)" or "+..." run. Each such cell begins with a single
// quote (OWASP), in /ekspor's CSV and in /belum's.
func TestCSVCellsAreNeverFormulas(t *testing.T) {
	h := newHarness(t)
	const (
		reason = `=HYPERLINK("http://contoh.invalid/x","Klik di sini untuk detail")`
		target = "+50% pasar di Kota Bengkulu bersih dalam 6 bulan"
	)
	h.bindByCode(631, nipCode, codeText)
	h.press(631, "Tetap")
	h.say(631, reason)
	h.say(631, target)
	h.press(631, "6 bulan")
	mustSee(t, h.press(631, "✅ Kirim"), "terkirim")

	// A roster name that would run in Excel, for /belum.
	ctx := context.Background()
	e, err := h.store.Employee(ctx, nipPhone)
	if err != nil {
		t.Fatal(err)
	}
	e.Name = "@SUM(1+1)*cmd|' /C calc'!A0"
	if _, _, err := h.store.UpsertEmployees(ctx, []karir.Employee{*e}); err != nil {
		t.Fatal(err)
	}

	export := readCSV(t, documents(h.say(adminID, "/ekspor"))["open-karir-2026-1.csv"])
	mustHaveCell(t, export, "'"+reason)
	mustHaveCell(t, export, "'"+target)
	belum := readCSV(t, documents(h.say(adminID, "/belum"))["belum-mengisi.csv"])
	mustHaveCell(t, belum, "'"+e.Name)
	for name, rows := range map[string][][]string{"ekspor": export, "belum": belum} {
		for _, r := range rows {
			for _, c := range r {
				if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
					t.Errorf("%s: a cell Excel would run: %q", name, c)
				}
			}
		}
	}
}

func readCSV(t *testing.T, doc []byte) [][]string {
	t.Helper()
	if doc == nil {
		t.Fatal("no such CSV was sent")
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(doc, []byte("\ufeff"))))
	r.Comma, r.FieldsPerRecord = ';', -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("read the CSV: %v", err)
	}
	return rows
}

func mustHaveCell(t *testing.T, rows [][]string, want string) {
	t.Helper()
	for _, r := range rows {
		for _, c := range r {
			if c == want {
				return
			}
		}
	}
	t.Errorf("no cell is %q", want)
}
