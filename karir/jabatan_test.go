package karir_test

import (
	"errors"
	"testing"
	"time"

	"openkarir/karir"
)

// TestClassifyJabatan: the name patterns, the eselon and JENIS_JABATAN as
// SIASN exports write them.
func TestClassifyJabatan(t *testing.T) {
	cases := []struct {
		jenis, eselon, name string
		want                karir.JabatanType
		ok                  bool
	}{
		{"Struktural", "II.a", "Kepala Dinas Kesehatan", karir.JPTPratama, true},
		{"", "II", "Kepala Dinas Kesehatan", karir.JPTPratama, true},
		{"", "", "Kepala Dinas Pendidikan dan Kebudayaan", karir.JPTPratama, true},
		{"", "", "Sekretaris Daerah", karir.JPTPratama, true},
		{"", "I.b", "Sekretaris Daerah Provinsi", karir.JPTMadya, true},
		{"Struktural", "III.a", "Sekretaris Dinas Kesehatan", karir.Administrator, true},
		{"", "", "Sekretaris Dinas Kesehatan", karir.Administrator, true},
		{"", "", "Kepala Bidang Pelayanan Kesehatan", karir.Administrator, true},
		{"", "", "Camat Ratu Agung", karir.Administrator, true},
		{"", "", "Inspektur Pembantu Wilayah I", karir.Administrator, true},
		{"", "", "Inspektur", karir.JPTPratama, true},
		{"", "", "Kepala Seksi Kurikulum SD", karir.Pengawas, true},
		{"", "", "Kepala Subbagian Umum dan Kepegawaian", karir.Pengawas, true},
		{"", "", "Kepala Sub Bagian Keuangan", karir.Pengawas, true},
		{"", "", "Lurah Pasar Baru", karir.Pengawas, true},
		{"Struktural", "IV.b", "Kepala Subbagian Umum", karir.Pengawas, true},
		{"Fungsional Tertentu", "", "Perawat Ahli Muda", karir.JFAhliMuda, true},
		{"", "", "Perawat Ahli Muda", karir.JFAhliMuda, true},
		{"", "Pelaksana", "Dokter Ahli Muda", karir.JFAhliMuda, true},
		{"Fungsional Tertentu", "", "Guru Ahli Pertama", karir.JFAhliPertama, true},
		{"", "", "Guru Ahli Madya", karir.JFAhliMadya, true},
		{"", "", "Widyaiswara Ahli Utama", karir.JFAhliUtama, true},
		{"Fungsional Tertentu", "", "Pranata Komputer Terampil", karir.JFTerampil, true},
		{"", "", "Pranata Komputer Mahir", karir.JFMahir, true},
		{"", "", "Perawat Penyelia", karir.JFPenyelia, true},
		{"", "", "Pemadam Kebakaran Pemula", karir.JFPemula, true},
		{"Fungsional Tertentu", "", "Guru", karir.Fungsional, true},
		{"", "", "Guru Kelas", karir.Fungsional, true},
		{"", "", "Analis Kebijakan Ahli Muda", karir.JFAhliMuda, true},
		{"", "", "Analis Keuangan", karir.Pelaksana, true},
		{"Fungsional Umum", "", "Analis Kepegawaian", karir.Pelaksana, true},
		{"Pelaksana", "", "Pengadministrasi Umum", karir.Pelaksana, true},
		{"", "", "Pengelola Keuangan", karir.Pelaksana, true},
		{"", "Staf", "Penata Layanan Operasional", karir.Pelaksana, true},
		{"JPT Pratama", "", "Asisten Pemerintahan", karir.JPTPratama, true},
		{"Fungsional Ahli Muda", "", "Penelaah Teknis Kebijakan", karir.JFAhliMuda, true},
		{"", "", "Tenaga Ahli Walikota", karir.Pelaksana, false},
		{"Struktural", "", "Koordinator Wilayah", karir.Pelaksana, false},
	}
	for _, tc := range cases {
		got, ok := karir.ClassifyJabatan(tc.jenis, tc.eselon, tc.name)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ClassifyJabatan(%q, %q, %q) = %s, %v; want %s, %v", tc.jenis, tc.eselon, tc.name, got, ok, tc.want, tc.ok)
		}
	}
}

func TestParseJabatanType(t *testing.T) {
	for in, want := range map[string]karir.JabatanType{
		"JPT Pratama": karir.JPTPratama, "jpt madya": karir.JPTMadya, "JPT_UTAMA": karir.JPTUtama,
		"Administrator": karir.Administrator, "PENGAWAS": karir.Pengawas, "Pelaksana": karir.Pelaksana,
		"Fungsional Umum": karir.Pelaksana, "Fungsional Tertentu": karir.Fungsional,
		"Fungsional Ahli Muda": karir.JFAhliMuda, "JF Ahli Pertama": karir.JFAhliPertama, "Ahli Madya": karir.JFAhliMadya,
		"jf_ahli_utama": karir.JFAhliUtama, "Terampil": karir.JFTerampil, "Fungsional Penyelia": karir.JFPenyelia,
		"Jabatan Pimpinan Tinggi Pratama": karir.JPTPratama,
	} {
		got, err := karir.ParseJabatanType(in)
		if err != nil || got != want {
			t.Errorf("ParseJabatanType(%q) = %s, %v; want %s", in, got, err, want)
		}
	}
	for _, in := range []string{"", "Kepala", "Ahli", "Fungsional Ahli Muda Sekali", "eselon II"} {
		if got, err := karir.ParseJabatanType(in); !errors.Is(err, karir.ErrJabatanType) {
			t.Errorf("ParseJabatanType(%q) = %s, %v; want ErrJabatanType", in, got, err)
		}
	}
}

func TestNormalizeEselon(t *testing.T) {
	for in, want := range map[string]string{
		"2": "II", "II.b": "II.b", "III.a": "III.a", "IVb": "IV.b", "IV": "IV", "II/a": "II.a", "Eselon III.b": "III.b",
		"4.a": "IV.a", "I.b": "I.b", "pelaksana": "", "Staf": "", "non eselon": "", "-": "", "": "",
	} {
		if got := karir.NormalizeEselon(in); got != want {
			t.Errorf("NormalizeEselon(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestJabatanLevels: the ladder with the JF jenjang on their equivalent
// steps, and the names shown.
func TestJabatanLevels(t *testing.T) {
	level := func(jt karir.JabatanType) int {
		l, ok := jt.Level()
		if !ok {
			t.Fatalf("%s has no level", jt)
		}
		return l
	}
	// Pasal 107 ayat (1) of PP 11/2017 jo. PP 17/2020: ahli madya beside
	// administrator, ahli utama beside JPT pratama (jabatanLevels).
	if level(karir.JFAhliPertama) != level(karir.Pelaksana) || level(karir.JFAhliMuda) != level(karir.Pengawas) ||
		level(karir.JFAhliMadya) != level(karir.Administrator) || level(karir.JFAhliUtama) != level(karir.JPTPratama) ||
		level(karir.JFTerampil) != level(karir.Pelaksana) {
		t.Error("JF jenjang not on their equivalent steps")
	}
	if _, ok := karir.Fungsional.Level(); ok {
		t.Error("Fungsional without jenjang has a level")
	}
	if got := karir.JabatanLabel(karir.Administrator, "III.a"); got != "Administrator (eselon III.a)" {
		t.Errorf("label = %q", got)
	}
	if got := (karir.Employee{Position: "Guru Ahli Muda"}).Level(); got != "Fungsional Ahli Muda" {
		t.Errorf("employee level = %q", got)
	}
	// An employee stored before types existed: read from eselon and post.
	if got := (karir.Employee{Position: "Kepala Seksi Gizi", Eselon: "IV"}).Type(); got != karir.Pengawas {
		t.Errorf("old employee type = %s", got)
	}
	for _, jt := range karir.JabatanTypes() {
		if jt.Name() == "" {
			t.Errorf("%s has no name", jt)
		}
	}
}

// TestNIPPPK: a NI PPPK (21 in the month's place) passes the structural
// check and is told from a NIP.
func TestNIPPPK(t *testing.T) {
	for nip, want := range map[string]error{
		"199203152023211004": nil,
		"199203152023212004": nil,
		"199203152023213004": karir.ErrNIPGender,
		"199203152005211004": karir.ErrNIPTMT, // appointed at 13
		"199203152031211004": karir.ErrNIPTMT, // appointed in the future
		"199213152023211004": karir.ErrNIPBirthDate,
		"199203152023221004": karir.ErrNIPTMT, // month 22
	} {
		if err := karir.ValidateNIP(nip, time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)); !errors.Is(err, want) && !(want == nil && err == nil) {
			t.Errorf("ValidateNIP(%s) = %v, want %v", nip, err, want)
		}
	}
	if karir.KindOfNumber("199203152023211004") != karir.PPPK || karir.KindOfNumber("197007211992021006") != karir.PNS {
		t.Error("KindOfNumber")
	}
	for in, want := range map[string]karir.ASNKind{"PNS": karir.PNS, "cpns": karir.PNS, "PPPK": karir.PPPK, "PPPK Paruh Waktu": karir.PPPK, "P3K": karir.PPPK} {
		if got, err := karir.ParseASNKind(in); err != nil || got != want {
			t.Errorf("ParseASNKind(%q) = %s, %v", in, got, err)
		}
	}
	if _, err := karir.ParseASNKind("Honorer"); !errors.Is(err, karir.ErrASNKind) {
		t.Errorf("Honorer: %v", err)
	}
}
