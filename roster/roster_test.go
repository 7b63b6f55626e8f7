package roster_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"openkarir/karir"

	"openkarir/roster"
)

var now = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

func TestSampleRoster(t *testing.T) {
	p, err := roster.Parse(bytes.NewReader(roster.Sample), now)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Employees) != 40 || len(p.OPDs) != 5 || len(p.Rejected) != 0 {
		t.Fatalf("sample: %d employees, %d OPDs, rejected %v", len(p.Employees), len(p.OPDs), p.Rejected)
	}
	for _, e := range p.Employees {
		if e.ActivationHash != "" && strings.Contains(string(roster.Sample), e.ActivationHash) {
			t.Fatal("the plain code is the hash")
		}
	}
}

func TestParseRowsAndRejections(t *testing.T) {
	csv := "\ufeffNIP, nama ,kode_opd,nama_opd,jabatan,eselon,no_hp,kode_aktivasi\r\n" +
		"198507222010012005,\"Nadia, S.Psi.\",bkpsdm,Badan Kepegawaian,Analis,III.a,0812-3010-6149,k7p2xq\r\n" +
		"198507222010012005,Ganda,BKPSDM,Badan Kepegawaian,Analis,,081230106149,\r\n" +
		"197802302005011003,Tanggal Salah,DPUPR,Dinas PU,Pengawas,,081273450003,\r\n" +
		"197803152005011003,,DPUPR,Dinas PU,Pengawas,,081273450003,\r\n" +
		"197803152005011003,Tanpa Kontak,DPUPR,Dinas PU,Pengawas,,,\r\n" +
		"197803162005011003,Kode Dicabut,DPUPR,Dinas PU,Pengawas,,,-\r\n" +
		"\r\n"
	p, err := roster.Parse(strings.NewReader(csv), now)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Employees) != 3 {
		t.Fatalf("employees: %+v", p.Employees)
	}
	e := p.Employees[0]
	if e.Name != "Nadia, S.Psi." || e.OPDCode != "BKPSDM" || e.Eselon != "III.a" || e.JabatanType != karir.Administrator || e.Kind != karir.PNS || e.Phone != "6281230106149" ||
		!karir.CheckActivationCode(e.ActivationHash, e.NIP, "K7P2XQ") || e.Code != roster.SetCode || e.Line != 2 {
		t.Errorf("employee: %+v", e)
	}
	// Without a phone, an empty code cell may keep a code issued before:
	// only the import, beside the stored roster, can tell.
	if e := p.Employees[1]; e.Name != "Tanpa Kontak" || e.Code != roster.KeepCode || e.ActivationHash != "" {
		t.Errorf("employee without a phone or a code: %+v", e)
	}
	want := []struct {
		line   int
		reason string
	}{{3, "NIP ganda dalam berkas (sama dengan baris 2)"}, {4, "tanggal lahir"}, {5, "nama kosong"}}
	// Neither a phone nor a code: imported, to get a code with /kode.
	if e := p.Employees[2]; e.Name != "Kode Dicabut" || e.Code != roster.ClearCode {
		t.Errorf("employee whose code is withdrawn: %+v", e)
	}
	if len(p.Rejected) != len(want) {
		t.Fatalf("rejected: %+v", p.Rejected)
	}
	for i, w := range want {
		if r := p.Rejected[i]; r.Line != w.line || !strings.Contains(r.Reason, w.reason) {
			t.Errorf("rejection %d = %+v, want line %d %q", i, r, w.line, w.reason)
		}
	}
}

func TestMissingColumn(t *testing.T) {
	_, err := roster.Parse(strings.NewReader("nip;nama;kode_opd\n1;a;b\n"), now)
	if err == nil || !strings.Contains(err.Error(), "jabatan") {
		t.Fatalf("err = %v", err)
	}
}
