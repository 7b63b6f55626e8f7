package roster_test

import (
	"context"
	"testing"

	"openkarir/karir"
	"openkarir/roster"
	"openkarir/store/storetest"
)

// TestReadUploadKinds: /impor reads a file once and tells its kind by its
// header; each sample goes to its import.
func TestReadUploadKinds(t *testing.T) {
	for _, c := range []struct {
		name string
		data []byte
		want karir.ImportKind
	}{
		{"roster", roster.Sample, karir.ImportRoster},
		{"SIASN", roster.SampleSIASN, karir.ImportRoster},
		{"unit map", []byte("nama_unit;kode_opd;nama_opd\nSD Negeri 1;DISDIK;Dinas Pendidikan\n"), karir.ImportRoster},
		{"talent", roster.SampleTalent, karir.ImportTalent},
		{"peta jabatan", roster.SamplePosts, karir.ImportPosts},
		{"paper forms", roster.SampleForms, karir.ImportForms},
	} {
		r, kind, err := roster.Uploads{}.ReadUpload(c.data)
		if err != nil || kind != c.want || r == nil {
			t.Errorf("%s: kind %q, %v; want %q", c.name, kind, err, c.want)
		}
	}
	if _, _, err := (roster.Uploads{}).ReadUpload([]byte("%PDF-1.4")); err == nil {
		t.Error("a PDF was read")
	}
}

// TestUploadImportsAsRead: the reader ReadUpload returns imports as the
// file itself would (an xlsx here: decoded once, not again).
func TestUploadImportsAsRead(t *testing.T) {
	s := storetest.Open(t)
	data := siasnXLSX(t, 50, nil)
	u, kind, err := roster.Uploads{}.ReadUpload(data)
	if err != nil || kind != karir.ImportRoster {
		t.Fatalf("ReadUpload: %q, %v", kind, err)
	}
	summary, problems, err := roster.Strict{W: s}.ImportAll(context.Background(), u, now)
	if err != nil || len(problems) != 0 {
		t.Fatalf("ImportAll: %q, %v, %v", summary, problems, err)
	}
	if n, _ := s.CountEmployees(context.Background()); n != 50-1 {
		t.Errorf("%d employees stored, want 49 (one not in service)", n)
	}
}
