package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"openkarir/roster"
)

func TestImportTalent(t *testing.T) {
	env := testEnv(t, "")
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"import-roster", writeSample(t)}, getenv(env), &out, &errOut); err != nil {
		t.Fatalf("import roster: %v\n%s", err, errOut.String())
	}
	path := filepath.Join(t.TempDir(), "talenta.csv")
	bad := "nip;tahun;predikat_kinerja;potensial\n199001012015011001;2025;Baik;tinggi\n"
	if err := os.WriteFile(path, append(roster.SampleTalent, bad[len("nip;tahun;predikat_kinerja;potensial\n"):]...), 0o600); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := run(context.Background(), []string{"import-talent", path}, getenv(env), &out, &errOut); err != nil {
		t.Fatalf("import talent: %v\n%s", err, errOut.String())
	}
	for _, want := range []string{"Ditambahkan: 44", "Ditolak: 1", "NIP tidak ada di data pegawai"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, out.String())
		}
	}
	if err := run(context.Background(), []string{"import-talent"}, getenv(env), &out, &errOut); err == nil {
		t.Error("import-talent without a file is no error")
	}
}

// TestImportRosterProgress: a long roster says how far it is on the
// terminal, at least every 10,000 rows read and written.
func TestImportRosterProgress(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 rows")
	}
	env := testEnv(t, "")
	var b strings.Builder
	b.WriteString("Data pegawai\nNIP BARU;NAMA;JABATAN NAMA;UNOR INDUK NAMA;NOMOR HP;JENIS PEGAWAI\n")
	for i := range 10_000 {
		kind, mid := "PNS", "199803"
		if i%10 == 0 {
			kind, mid = "PPPK", "202321"
		}
		fmt.Fprintf(&b, "198001%02d%s%d%03d;ASN %d;Guru Ahli Pertama;Dinas Pendidikan;0812%08d;%s\n", 1+i/1000, mid, 1+i/1000%2, i%1000, i, i, kind)
	}
	path := filepath.Join(t.TempDir(), "siasn.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"import-roster", path}, getenv(env), &out, &errOut); err != nil {
		t.Fatalf("import roster: %v\n%s", err, errOut.String())
	}
	for _, want := range []string{"10000 baris dibaca", "10000 dari 10000 pegawai ditulis"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("progress lacks %q:\n%s", want, errOut.String())
		}
	}
	for _, want := range []string{"Ditambahkan: 10000", "PNS: 9000, PPPK: 1000", "- DISDIK = Dinas Pendidikan"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, out.String())
		}
	}
}
