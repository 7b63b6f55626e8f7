package main

import (
	"bytes"
	"context"
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
