package roster_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"openkarir/karir"

	"openkarir/roster"
	"openkarir/store"
	"openkarir/store/storetest"
)

// city is a generated roster of n ASN over 40 OPDs. Row i has a phone when
// i is even and the code K<i> otherwise; change rewrites the row.
type city struct {
	n      int
	change func(i int, cells []string) // nil: as generated
}

func nipOf(i int) string {
	birth := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/1000)
	return fmt.Sprintf("%s199803%d%03d", birth.Format("20060102"), 1+i%2, i%1000)
}

func (c city) csv() []byte {
	var b bytes.Buffer
	b.WriteString("nip;nama;kode_opd;nama_opd;jabatan;eselon;no_hp;kode_aktivasi\n")
	for i := range c.n {
		phone, code := "", fmt.Sprintf("K%06d", i)
		if i%2 == 0 {
			phone, code = fmt.Sprintf("0812%08d", i), ""
		}
		cells := []string{nipOf(i), fmt.Sprintf("ASN %d", i), fmt.Sprintf("OPD%02d", i%40), fmt.Sprintf("Dinas %d", i%40),
			fmt.Sprintf("Analis %d", i%9), "IV", phone, code}
		if c.change != nil {
			c.change(i, cells)
		}
		b.WriteString(strings.Join(cells, ";") + "\n")
	}
	return b.Bytes()
}

func mustImport(t testing.TB, w roster.Writer, data []byte) *roster.Summary {
	t.Helper()
	sum, err := roster.Import(context.Background(), w, bytes.NewReader(data), now)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return sum
}

func wantCounts(t testing.TB, sum *roster.Summary, added, updated, unchanged, rejected int) {
	t.Helper()
	if sum.Added != added || sum.Updated != updated || sum.Unchanged != unchanged || len(sum.Rejected) != rejected {
		t.Fatalf("added %d updated %d unchanged %d rejected %d (%v); want %d %d %d %d",
			sum.Added, sum.Updated, sum.Unchanged, len(sum.Rejected), sum.Rejected, added, updated, unchanged, rejected)
	}
}

// BKPSDM re-imports its whole roster whenever people move: 10,000 rows
// that exist, a tenth of them changed, re-exported without the activation
// codes its own system does not hold.
func TestReimportTenThousand(t *testing.T) {
	s := storetest.Open(t)
	ctx := context.Background()
	wantCounts(t, mustImport(t, s, city{n: 10_000}.csv()), 10_000, 0, 0, 0)

	again := city{n: 10_050, change: func(i int, cells []string) {
		if i%10 == 3 {
			cells[4] = "Kepala Seksi" // moved to a new post
		}
		if i%2 == 1 && i != 7 && i < 10_000 {
			cells[7] = "" // the code cells come back empty
		}
		if i == 7 {
			cells[6], cells[7] = "081299990007", "-" // a phone now, the code withdrawn
		}
	}}
	start := time.Now()
	sum := mustImport(t, s, again.csv())
	t.Logf("re-import of 10,000 existing and 50 new rows: %v", time.Since(start))
	// Row 7 changed too (phone and code); rows 10,000 and up are new.
	wantCounts(t, sum, 50, 1_000+1, 10_000-1_001, 0)

	for i, want := range map[int]string{3: "Kepala Seksi", 4: "Analis 4", 10_013: "Kepala Seksi"} {
		e, err := s.Employee(ctx, nipOf(i))
		if err != nil || e.Position != want {
			t.Errorf("row %d: %+v, %v; want position %q", i, e, err, want)
		}
	}
	// An empty cell kept the code BKPSDM issued; "-" withdrew one.
	e, err := s.Employee(ctx, nipOf(5))
	if err != nil || !karir.CheckActivationCode(e.ActivationHash, e.NIP, "K000005") {
		t.Errorf("row 5 lost its code: %+v, %v", e, err)
	}
	if e, err := s.Employee(ctx, nipOf(7)); err != nil || e.ActivationHash != "" || e.Phone != "6281299990007" {
		t.Errorf("row 7: %+v, %v; want the phone and no code", e, err)
	}
	// The same file once more changes nothing.
	wantCounts(t, mustImport(t, s, again.csv()), 0, 0, 10_050, 0)

	// Rows without a phone are imported: row 9 keeps its code; row 7 (its
	// code withdrawn) and the new row have no proof left, and the summary
	// says they need a code.
	noProof := "nip;nama;kode_opd;nama_opd;jabatan;eselon;no_hp;kode_aktivasi\n" +
		nipOf(9) + ";ASN 9;OPD09;Dinas 9;Analis;IV;;\n" +
		nipOf(7) + ";ASN 7;OPD07;Dinas 7;Analis 7;IV;;\n" +
		nipOf(20_001) + ";Baru;OPD01;Dinas 1;Analis;IV;;\n"
	sum = mustImport(t, s, []byte(noProof))
	wantCounts(t, sum, 1, 2, 0, 0)
	if sum.NoPhone != 2 || !strings.Contains(sum.Text(), "2 ASN tanpa nomor HP maupun kode aktivasi") || !strings.Contains(sum.Text(), "/kode") {
		t.Errorf("%d without proof, summary %q; want 2, and /kode named", sum.NoPhone, sum.Text())
	}
	if e, err := s.Employee(ctx, nipOf(20_001)); err != nil || e.Phone != "" || e.ActivationHash != "" {
		t.Errorf("new row without proof: %+v, %v", e, err)
	}
}

// failingWriter writes the first `after` employees it is given, then fails.
type failingWriter struct {
	*store.Store
	after int
}

func (w failingWriter) WriteRoster(ctx context.Context, fresh, known []karir.RosterRow) (int, int, error) {
	fresh, known = keepFirst(w.after, fresh, known)
	a, u, err := w.Store.WriteRoster(ctx, fresh, known)
	if err != nil {
		return a, u, err
	}
	return a, u, errors.New("connection reset")
}

// keepFirst keeps the first n of the rows a roster write is given.
func keepFirst(n int, fresh, known []karir.RosterRow) ([]karir.RosterRow, []karir.RosterRow) {
	fresh = fresh[:min(n, len(fresh))]
	return fresh, known[:min(n-len(fresh), len(known))]
}

// An import that failed midway says what it wrote, and the same import run
// again completes it, counting the rows already written as unchanged.
func TestImportFailedMidwayCompletesWhenRunAgain(t *testing.T) {
	s := storetest.Open(t)
	ctx := context.Background()
	data := city{n: 300}.csv()

	_, err := roster.Import(ctx, failingWriter{s, 0}, bytes.NewReader(data), now)
	var werr *roster.WriteError
	if !errors.As(err, &werr) || werr.Written.Added != 0 || werr.OPDs != 40 {
		t.Fatalf("failure before any employee = %v (%+v); want a WriteError with 40 OPDs and no employee", err, werr)
	}
	if !werr.Wrote() {
		t.Error("the OPDs were written, but Wrote says nothing was")
	}

	_, err = roster.Import(ctx, failingWriter{s, 120}, bytes.NewReader(data), now)
	if !errors.As(err, &werr) || werr.Written.Added != 120 || werr.OPDs != 0 || !werr.Wrote() {
		t.Fatalf("failure midway = %v (%+v); want 120 added before it, no OPD written again", err, werr)
	}
	if !strings.Contains(err.Error(), "120 employees added") {
		t.Errorf("error text %q does not say what was written", err)
	}
	wantCounts(t, mustImport(t, s, data), 180, 0, 120, 0)
	if n, err := s.CountEmployees(ctx); err != nil || n != 300 {
		t.Fatalf("stored %d employees, %v; want 300", n, err)
	}

	// A failure with nothing to write says nothing was written.
	renamed := city{n: 300, change: func(i int, cells []string) {
		if i == 0 {
			cells[1] = "Nama Baru"
		}
	}}
	_, err = roster.Import(ctx, failingWriter{s, 0}, bytes.NewReader(renamed.csv()), now)
	if !errors.As(err, &werr) || werr.Wrote() || !strings.Contains(err.Error(), "nothing written") {
		t.Fatalf("failure before the one changed row = %v; want nothing written", err)
	}
}

// A roster sent in chat imports the rows that give no way to prove the
// NIP (a code can be made for them with /kode), and says how many.
func TestStrictImportsRowsWithoutProof(t *testing.T) {
	s := storetest.Open(t)
	ctx := context.Background()
	csv := "nip;nama;kode_opd;nama_opd;jabatan;eselon;no_hp;kode_aktivasi\n" +
		nipOf(1) + ";ASN 1;OPD01;Dinas 1;Analis;IV;;-\n" +
		nipOf(2) + ";ASN 2;OPD01;Dinas 1;Analis;IV;;\n" +
		nipOf(3) + ";ASN 3;OPD01;Dinas 1;Analis;IV;081200000003;\n"
	summary, problems, err := roster.Strict{W: s}.ImportAll(ctx, strings.NewReader(csv), now)
	if err != nil || len(problems) != 0 || !strings.Contains(summary, "Ditambahkan: 3") ||
		!strings.Contains(summary, "2 ASN tanpa nomor HP maupun kode aktivasi") || !strings.Contains(summary, "buat kode dengan /kode") {
		t.Fatalf("ImportAll = %q, %q, %v; want 3 added, 2 of them without proof", summary, problems, err)
	}
	if n, _ := s.CountEmployees(ctx); n != 3 {
		t.Fatalf("stored %d employees, want 3", n)
	}
}

// BenchmarkReimport100k re-imports a province-sized roster of 100,000 rows
// that all exist, a tenth of them changed (and once more unchanged). Run
// with -benchtime=1x; see BENCHMARKS.md.
func BenchmarkReimport100k(b *testing.B) {
	const n = 100_000
	s := storetest.Open(b)
	first := city{n: n}.csv()
	changed := city{n: n, change: func(i int, cells []string) {
		if i%10 == 3 {
			cells[4] = "Kepala Seksi"
		}
		if i%2 == 1 {
			cells[7] = ""
		}
	}}.csv()
	start := time.Now()
	wantCounts(b, mustImport(b, s, first), n, 0, 0, 0)
	firstImport := time.Since(start)
	b.ResetTimer()
	b.ReportMetric(firstImport.Seconds(), "s-first-import")
	for range b.N {
		start = time.Now()
		wantCounts(b, mustImport(b, s, changed), 0, n/10, n-n/10, 0)
		b.ReportMetric(time.Since(start).Seconds(), "s-tenth-changed")
		start = time.Now()
		wantCounts(b, mustImport(b, s, changed), 0, 0, n, 0)
		b.ReportMetric(time.Since(start).Seconds(), "s-unchanged")
		b.StopTimer()
		// Back to the first file for the next round.
		wantCounts(b, mustImport(b, s, first), 0, n/10, n-n/10, 0)
		b.StartTimer()
	}
}

// A file without the no_hp and kode_aktivasi columns (a /ekspor file sent
// back) keeps the stored phone numbers and codes; a new NIP in it has
// neither, and is counted as needing a code.
func TestImportWithoutProofColumns(t *testing.T) {
	s := storetest.Open(t)
	ctx := context.Background()
	mustImport(t, s, city{n: 4}.csv())
	data := "NIP;Nama;Kode OPD;Nama OPD;Jabatan;Eselon\n" +
		nipOf(0) + ";ASN 0;OPD00;Dinas 0;Analis Baru;IV\n" +
		nipOf(1) + ";ASN 1;OPD01;Dinas 1;Analis 1;IV\n" +
		nipOf(9) + ";Baru;OPD01;Dinas 1;Analis;IV\n"
	sum := mustImport(t, s, []byte(data))
	wantCounts(t, sum, 1, 1, 1, 0)
	if sum.NoPhone != 1 {
		t.Errorf("%d rows without proof; want the new NIP only", sum.NoPhone)
	}
	if e, err := s.Employee(ctx, nipOf(0)); err != nil || e.Position != "Analis Baru" || e.Phone != "6281200000000" {
		t.Errorf("row 0: %+v, %v; want the new post and the stored phone", e, err)
	}
	if e, err := s.Employee(ctx, nipOf(1)); err != nil || e.ActivationHash != karir.HashActivationCode(nipOf(1), "K000001") {
		t.Errorf("row 1 lost its code: %+v, %v", e, err)
	}
}
