package roster_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"syscall"
	"testing"
	"time"

	"openkarir/roster"
	"openkarir/store"
	"openkarir/store/storetest"

	"github.com/xuri/excelize/v2"
)

// siasnHeader is SIASN's column order for the generated exports.
var siasnHeader = []string{"NIP BARU", "NAMA", "GELAR DEPAN", "GELAR BELAKANG", "TANGGAL LAHIR", "JENIS PEGAWAI",
	"KEDUDUKAN HUKUM", "GOL AKHIR NAMA", "JENIS JABATAN", "ESELON", "JABATAN NAMA", "TMT JABATAN", "TINGKAT PENDIDIKAN",
	"UNOR NAMA", "UNOR INDUK NAMA", "NOMOR HP", "NIP ATASAN"}

// siasnRow is row i of a generated SIASN export of a province: 60 OPDs,
// one in ten a PPPK, one in a hundred no longer in service, posts of
// every type.
func siasnRow(i int) []string {
	birth := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/1000)
	kind, nip := "PNS", fmt.Sprintf("%s199803%d%03d", birth.Format("20060102"), 1+i%2, i%1000)
	if i%10 == 9 {
		kind, nip = "PPPK", fmt.Sprintf("%s202321%d%03d", birth.Format("20060102"), 1+i%2, i%1000)
	}
	status := "Aktif"
	if i%100 == 42 {
		status = "Pensiun"
	}
	jenis, eselon, post, gol := "Pelaksana", "", fmt.Sprintf("Pengadministrasi Umum %d", i%7), "Pengatur (II/c)"
	switch i % 20 {
	case 0:
		jenis, eselon, post, gol = "Struktural", "IV.a", fmt.Sprintf("Kepala Seksi %d", i%50), "Penata Tingkat I (III/d)"
	case 1:
		jenis, eselon, post, gol = "Struktural", "III.a", fmt.Sprintf("Kepala Bidang %d", i%10), "IV/a"
	case 2, 3, 4, 5:
		jenis, post, gol = "Fungsional Tertentu", []string{"Guru Ahli Pertama", "Perawat Ahli Muda", "Pranata Komputer Terampil", "Analis Kebijakan Ahli Madya"}[i%4], "III.b"
	}
	if kind == "PPPK" {
		gol = "IX"
	}
	opd := fmt.Sprintf("Dinas Urusan %02d", i%60)
	return []string{nip, fmt.Sprintf("ASN %d", i), "", "S.E.", birth.Format("02-01-2006"), kind, status, gol, jenis, eselon, post,
		"01-03-2024", "S-1", fmt.Sprintf("Bidang %d", i%10), opd, fmt.Sprintf("0812%08d", i), ""}
}

// siasnXLSX is a generated SIASN export of n rows as a workbook, with
// SIASN's title rows above the header; change rewrites a row.
func siasnXLSX(tb testing.TB, n int, change func(i int, row []string)) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		tb.Fatal(err)
	}
	put := func(r int, cells []string) {
		vals := make([]any, len(cells))
		for j, c := range cells {
			vals[j] = c
		}
		ref, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(ref, vals); err != nil {
			tb.Fatal(err)
		}
	}
	put(1, []string{"DAFTAR PNS DAN PPPK PEMERINTAH PROVINSI"})
	put(2, []string{"Sumber: SIASN BKN"})
	put(4, siasnHeader)
	for i := range n {
		row := siasnRow(i)
		if change != nil {
			change(i, row)
		}
		put(5+i, row)
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

// TestImportSIASNTenThousand: the export's path at a city's size, with a
// progress line every 10,000 rows read and written.
func TestImportSIASNTenThousand(t *testing.T) {
	const n = 10_000
	s := storetest.Open(t)
	data := siasnXLSX(t, n, nil)
	var lines []string
	sum, err := roster.ImportWithProgress(context.Background(), s, bytes.NewReader(data), now, roster.ChatLimits(), func(l string) { lines = append(lines, l) })
	if err != nil {
		t.Fatal(err)
	}
	inactive := n / 100
	wantCounts(t, sum, n-inactive, 0, 0, 0)
	if sum.Inactive != inactive || sum.PPPK != n/10 || len(sum.NewOPDs) != 60 || len(sum.Warnings) != 0 {
		t.Errorf("inactive %d, PPPK %d, new OPDs %d, warnings %d", sum.Inactive, sum.PPPK, len(sum.NewOPDs), len(sum.Warnings))
	}
	if fmt.Sprint(lines) != fmt.Sprintf("[%d baris dibaca %d dari %d pegawai ditulis]", n, n-inactive, n-inactive) {
		t.Errorf("progress: %q", lines)
	}
	again, err := roster.Import(context.Background(), s, bytes.NewReader(data), now)
	if err != nil {
		t.Fatal(err)
	}
	wantCounts(t, again, 0, 0, n-inactive, 0)
}

// siasnCSV is the same generated export as a CSV, title rows included.
func siasnCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("DAFTAR PNS DAN PPPK PEMERINTAH PROVINSI\nSumber: SIASN BKN\n\n")
	b.WriteString(strings.Join(siasnHeader, ";") + "\n")
	for i := range n {
		b.WriteString(strings.Join(siasnRow(i), ";") + "\n")
	}
	return b.Bytes()
}

// BenchmarkImportSIASN100k imports a 100,000-row SIASN-shaped CSV into an
// empty store, then again unchanged. Run with -benchtime=1x; see
// BENCHMARKS.md.
func BenchmarkImportSIASN100k(b *testing.B) { benchImport(b, 100_000, siasnCSV(100_000)) }

// BenchmarkImportSIASNXLSX100k does the same with a workbook: this
// 17-column shape unzips to 9.6 MB per 10,000 rows, over a chat's 50 MB
// at 100,000 and within the terminal's limit (IMPORT_MAX_UNZIPPED_MB).
func BenchmarkImportSIASNXLSX100k(b *testing.B) {
	benchImport(b, 100_000, siasnXLSX(b, 100_000, nil))
}

// terminalLimits are cmd/openkarir's by default (IMPORT_MAX_UNZIPPED_MB).
var terminalLimits = roster.Limits{MaxText: 250 << 20}

func benchImport(b *testing.B, n int, data []byte) {
	b.ReportMetric(float64(len(data))/1e6, "MB-file")
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		dir := b.TempDir()
		b.StartTimer()
		sum := terminalImport(b, dir, data, "s-first-import")
		wantCounts(b, sum, n-n/100, 0, 0, 0)
		sum = terminalImport(b, dir, data, "s-unchanged")
		wantCounts(b, sum, 0, 0, n-n/100, 0)
	}
}

// terminalImport imports data as openkarir import-roster does: a store of
// its own on dir, cold (cmd/openkarir withStore), closed after. It reports
// the import's seconds as metric.
func terminalImport(b *testing.B, dir string, data []byte, metric string) *roster.Summary {
	b.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, store.Config{DataDir: dir, Logger: slog.New(slog.DiscardHandler), NoWarmUp: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close(ctx)
	start, cpu := time.Now(), cpuTime()
	sum, err := roster.ImportWithProgress(ctx, s, bytes.NewReader(data), now, terminalLimits, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(time.Since(start).Seconds(), metric)
	b.ReportMetric((cpuTime() - cpu).Seconds(), metric+"-cpu")
	return sum
}

// cpuTime is the CPU the process used so far (user and system, the
// embedded store's included): on shared cores a figure the load inflates
// less than the wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
