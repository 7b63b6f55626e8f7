package roster_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"openkarir/karir"
	"openkarir/store/storetest"
)

// siasnCSVOf is a generated SIASN export of the rows i < n that keep
// says to keep, change rewriting a row.
func siasnCSVOf(n int, keep func(i int) bool, change func(i int, row []string)) []byte {
	var b bytes.Buffer
	b.WriteString("DAFTAR PNS DAN PPPK\n\n" + strings.Join(siasnHeader, ";") + "\n")
	for i := range n {
		if keep != nil && !keep(i) {
			continue
		}
		row := siasnRow(i)
		if change != nil {
			change(i, row)
		}
		b.WriteString(strings.Join(row, ";") + "\n")
	}
	return b.Bytes()
}

func nipAt(i int) string { return siasnRow(i)[0] }

func opdOf(i int) string { return fmt.Sprintf("Dinas Urusan %02d", i%60) }

// TestReimportMarksWhoLeft: 10,000 ASN; a later export says some retired
// and no longer lists others. They stay in the roster, marked inactive,
// and leave coverage; an export of some OPDs changes no other OPD; a
// file that lists only part of an OPD deactivates no one there; one who
// comes back in a later export is active again.
func TestReimportMarksWhoLeft(t *testing.T) {
	const n = 10_000
	ctx := context.Background()
	s := storetest.Open(t)
	mustImport(t, s, siasnCSVOf(n, nil, nil))
	active := func() int {
		people, err := karir.Standings(ctx, s, "2026", "", nil)
		if err != nil {
			t.Fatal(err)
		}
		return len(people)
	}
	stored := n - n/100
	if got := active(); got != stored {
		t.Fatalf("%d must file; want %d", got, stored)
	}

	// Retired: rows 7, 107... (100 of them); gone from the export: the
	// rows of OPD 05 whose index ends in 65 (of its 167 rows, 17).
	retired := func(i int) bool { return i%100 == 7 }
	gone := func(i int) bool { return i%60 == 5 && i%100 == 65 }
	var goneCount int
	for i := range n {
		if gone(i) && i%100 != 42 {
			goneCount++
		}
	}
	second := siasnCSVOf(n, func(i int) bool { return !gone(i) }, func(i int, row []string) {
		if retired(i) {
			row[6] = "Pensiun"
		}
	})
	sum := mustImport(t, s, second)
	if sum.Deactivated != 100+goneCount || sum.Unchanged != stored-100-goneCount || sum.Updated != 0 || sum.Added != 0 {
		t.Fatalf("deactivated %d, unchanged %d, updated %d; want %d, %d, 0", sum.Deactivated, sum.Unchanged, sum.Updated,
			100+goneCount, stored-100-goneCount)
	}
	if !strings.Contains(sum.Text(), fmt.Sprintf("%d tidak aktif lagi", 100+goneCount)) {
		t.Errorf("summary %q does not say who is no longer active", sum.Text())
	}
	if got := active(); got != stored-100-goneCount {
		t.Errorf("%d must file; want %d", got, stored-100-goneCount)
	}
	if e, err := s.Employee(ctx, nipAt(7)); err != nil || e.Active() || e.Inactive != "Pensiun" || e.Name == "" {
		t.Errorf("retired ASN: %+v, %v; want kept, inactive (Pensiun)", e, err)
	}
	if e, err := s.Employee(ctx, nipAt(65)); err != nil || e.Active() || !strings.Contains(e.Inactive, "tidak tercantum") {
		t.Errorf("ASN absent from the export: %+v, %v", e, err)
	}
	// Unchanged again: nothing more to deactivate.
	if again := mustImport(t, s, second); again.Deactivated != 0 || again.Unchanged != stored-100-goneCount {
		t.Errorf("same file again: deactivated %d, unchanged %d", again.Deactivated, again.Unchanged)
	}

	// An export of OPD 01 only: no one of another OPD is touched.
	one := siasnCSVOf(n, func(i int) bool { return i%60 == 1 && !gone(i) }, func(i int, row []string) {
		if retired(i) {
			row[6] = "Pensiun"
		}
	})
	if sum := mustImport(t, s, one); sum.Deactivated != 0 {
		t.Errorf("an export of one OPD deactivated %d", sum.Deactivated)
	}
	// Half of OPD 02 (one bidang's export): its other half stays active.
	half := siasnCSVOf(n, func(i int) bool { return i%60 == 2 && i%120 == 2 }, nil)
	sum = mustImport(t, s, half)
	if sum.Deactivated != 0 || len(sum.KeptActive) != 1 || !strings.Contains(sum.Text(), "tetap dianggap aktif") {
		t.Errorf("half an OPD: deactivated %d, %q", sum.Deactivated, sum.Text())
	}
	if got := active(); got != stored-100-goneCount {
		t.Errorf("after the partial files %d must file; want %d", got, stored-100-goneCount)
	}

	// Back in service, and listed again.
	back := siasnCSVOf(n, nil, nil)
	sum = mustImport(t, s, back)
	if sum.Updated != 100+goneCount || sum.Deactivated != 0 {
		t.Errorf("back: updated %d, deactivated %d; want %d, 0", sum.Updated, sum.Deactivated, 100+goneCount)
	}
	if got := active(); got != stored {
		t.Errorf("%d must file; want %d", got, stored)
	}
	// A file in our own header deactivates no one it does not list.
	own := "nip;nama;kode_opd;nama_opd;jabatan;no_hp\n" + nipAt(0) + ";ASN 0;;" + opdOf(0) + ";Kepala Seksi 0;081200000000\n"
	if sum := mustImport(t, s, []byte(own)); sum.Deactivated != 0 {
		t.Errorf("a roster file in our header deactivated %d", sum.Deactivated)
	}
}
