package roster_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"openkarir/karir"
	"openkarir/roster"
	"openkarir/store/storetest"

	"github.com/xuri/excelize/v2"
)

// asXLSX writes semicolon-separated lines as a workbook's first sheet,
// every cell as text (as SIASN's download writes NIPs).
func asXLSX(t testing.TB, text []byte) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, line := range strings.Split(strings.TrimRight(string(text), "\n"), "\n") {
		for j, cell := range strings.Split(line, ";") {
			if cell == "" {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := f.SetCellStr("Sheet1", ref, cell); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestImportSIASNExport loads the sample SIASN export as it comes, as CSV
// and as xlsx, and checks what each person became.
func TestImportSIASNExport(t *testing.T) {
	for name, data := range map[string][]byte{"CSV": roster.SampleSIASN, "XLSX": asXLSX(t, roster.SampleSIASN)} {
		t.Run(name, func(t *testing.T) {
			s := storetest.Open(t)
			ctx := context.Background()
			sum := mustImport(t, s, data)
			wantCounts(t, sum, 45, 0, 0, 0)
			text := sum.Text()
			for _, want := range []string{"3 tidak aktif, dilewati", "PNS: 40, PPPK: 5", "OPD baru", "- DINKES = Dinas Kesehatan",
				"- BKPSDM = Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "- DISDIK = Dinas Pendidikan dan Kebudayaan"} {
				if !strings.Contains(text, want) {
					t.Errorf("summary lacks %q:\n%s", want, text)
				}
			}
			if len(sum.Warnings) != 0 {
				t.Errorf("warnings: %v", sum.Warnings)
			}
			date := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
			for _, want := range []karir.Employee{
				{NIP: "197007211992021006", Name: "Ahmad Saputra, S.E., M.M.", OPDCode: "DINKES", Position: "Kepala Dinas Kesehatan",
					Eselon: "II.a", JabatanType: karir.JPTPratama, Golongan: "IV/c", Kind: karir.PNS, Education: "S2",
					TMTJabatan: date("2019-02-02"), BirthDate: date("1970-07-21")},
				{NIP: "199005052017042007", Name: "Dr. Fauzan Kurniawan, M.Si.", OPDCode: "DISDIK", Eselon: "II.b", JabatanType: karir.JPTPratama, Education: "S3"},
				{NIP: "198401192010071004", Name: "Rudi Hartono, S.E.", Eselon: "III.b", JabatanType: karir.Administrator, Golongan: "IV/a",
					SupervisorNIP: "197007211992021006"},
				{NIP: "199211062014101006", Eselon: "IV.a", JabatanType: karir.Pengawas, Golongan: "III/d", TMTJabatan: date("2022-05-05")},
				{NIP: "199103232019041005", Name: "dr. Rina Marlina", JabatanType: karir.JFAhliMuda, Golongan: "III/c"},
				{NIP: "198702252013102006", Name: "Yuliana Pratiwi, A.Md.", JabatanType: karir.JFTerampil, Education: "D-III"},
				{NIP: "197304201993032006", JabatanType: karir.Pelaksana, Golongan: "II/d"},
				{NIP: "199203152023211004", Name: "Lina Marlina, S.Pd.", OPDCode: "DISDIK", JabatanType: karir.JFAhliPertama, Kind: karir.PPPK, Golongan: "IX"},
				{NIP: "199001012024212001", Name: "Yanti Susanti", OPDCode: "DPUPR", JabatanType: karir.Pelaksana, Kind: karir.PPPK},
			} {
				got, err := s.Employee(ctx, want.NIP)
				if err != nil {
					t.Errorf("%s: %v", want.NIP, err)
					continue
				}
				check := func(what string, g, w any) {
					if w != "" && w != (time.Time{}) && w != karir.ASNKind("") && w != karir.JabatanType("") && g != w {
						t.Errorf("%s %s = %v, want %v", want.NIP, what, g, w)
					}
				}
				check("name", got.Name, want.Name)
				check("OPD", got.OPDCode, want.OPDCode)
				check("position", got.Position, want.Position)
				check("eselon", got.Eselon, want.Eselon)
				check("type", got.JabatanType, want.JabatanType)
				check("golongan", got.Golongan, want.Golongan)
				check("kind", got.Kind, want.Kind)
				check("education", got.Education, want.Education)
				check("supervisor", got.SupervisorNIP, want.SupervisorNIP)
				check("TMT", got.TMTJabatan.UTC(), want.TMTJabatan)
				check("birth", got.BirthDate.UTC(), want.BirthDate)
			}
			// Who left service is not in the roster.
			for _, nip := range []string{"196210101985031005", "197506062000121002", "198008082005012003"} {
				if _, err := s.Employee(ctx, nip); err == nil {
					t.Errorf("%s (not in service) was imported", nip)
				}
			}
			// The OPD keeps its name-made code, with the posts of the unit rows.
			if o, err := s.OPD(ctx, "DINKES"); err != nil || o.Name != "Dinas Kesehatan" || len(o.Positions) < 10 {
				t.Errorf("DINKES: %+v, %v", o, err)
			}
			// Unchanged, the same export writes nothing and makes no OPD.
			again := mustImport(t, s, data)
			wantCounts(t, again, 0, 0, 45, 0)
			if len(again.NewOPDs) != 0 {
				t.Errorf("re-import made OPDs: %v", again.NewOPDs)
			}
		})
	}
}

// TestSampleSIASNMatchesSample: the SIASN sample is the same city as the
// roster sample (the demo loads both), plus the PPPK.
func TestSampleSIASNMatchesSample(t *testing.T) {
	own, err := roster.Parse(bytes.NewReader(roster.Sample), now)
	if err != nil {
		t.Fatal(err)
	}
	siasn, err := roster.Parse(bytes.NewReader(roster.SampleSIASN), now)
	if err != nil {
		t.Fatal(err)
	}
	byNIP := map[string]roster.Row{}
	for _, r := range siasn.Employees {
		byNIP[r.NIP] = r
	}
	for _, r := range own.Employees {
		s, ok := byNIP[r.NIP]
		if !ok || s.Name != r.Name || s.OPDCode != r.OPDCode || s.Position != r.Position || s.Type() != r.Type() {
			t.Errorf("%s: own %s/%s/%s/%s, SIASN %s/%s/%s/%s", r.NIP, r.Name, r.OPDCode, r.Position, r.Type(), s.Name, s.OPDCode, s.Position, s.Type())
		}
	}
}

// TestExportHeaders: the alias table's names, in any case and spacing,
// with the golongan written three ways and dates as SIASN writes them.
func TestExportHeaders(t *testing.T) {
	csv := "Laporan Data Pegawai\n\n" +
		"nip baru,Nama,Nama_Jabatan,ESELON,Pangkat Golongan,Satuan_Kerja_Nama,no hp,TMT_JABATAN,Tgl Lahir,Status Pegawai,Pendidikan\n" +
		"197007211992021006,Ahmad,Kepala Dinas Kesehatan,II.a,Pembina Utama Muda (IV/c),Dinas Kesehatan,081288220482,02/02/2019,21-07-1970,PNS,S-2\n" +
		"198401192010071004,Rudi,Kepala Bidang Pelayanan,III.b,III.c,Dinas Kesehatan,081216252221,2021-04-04,1984-01-19,pns,S1\n" +
		"199203152023211004,Lina,Guru Ahli Pertama,,IX,Dinas Pendidikan,081277001201,15 Maret 2023,,P3K,S1\n"
	p, err := roster.Parse(strings.NewReader(csv), now)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Employees) != 3 || len(p.Rejected) != 0 {
		t.Fatalf("employees %d, rejected %v", len(p.Employees), p.Rejected)
	}
	a, r, l := p.Employees[0], p.Employees[1], p.Employees[2]
	if a.Golongan != "IV/c" || r.Golongan != "III/c" || l.Golongan != "IX" || l.Kind != karir.PPPK || a.OPDCode != "DINKES" || l.OPDCode != "DISDIK" {
		t.Errorf("rows: %+v\n%+v\n%+v", a.Employee, r.Employee, l.Employee)
	}
	if a.TMTJabatan.Format("2006-01-02") != "2019-02-02" || r.TMTJabatan.Format("2006-01-02") != "2021-04-04" ||
		l.TMTJabatan.Format("2006-01-02") != "2023-03-15" || a.Line != 4 {
		t.Errorf("dates: %v %v %v; line %d", a.TMTJabatan, r.TMTJabatan, l.TMTJabatan, a.Line)
	}
}

// TestExportRowProblems: refusals and warnings name the line, in
// Indonesian; a post nothing types is a warning, not a refusal.
func TestExportRowProblems(t *testing.T) {
	head := "NIP_BARU;NAMA;JABATAN_NAMA;JENIS_PEGAWAI;KEDUDUKAN_HUKUM;UNOR_INDUK_NAMA;NOMOR_HP;TMT_JABATAN\n"
	rows := "199203152023011004;Bukan PPPK;Guru Ahli Pertama;PPPK;Aktif;Dinas Pendidikan;081277001201;01-03-2023\n" +
		"199203152023211005;PNS Berkode 21;Guru Ahli Pertama;PNS;Aktif;Dinas Pendidikan;081277001202;01-03-2023\n" +
		"199203152023211006;Tenaga Ahli;Tenaga Ahli Walikota;PPPK;Aktif;Sekretariat Daerah;081277001203;31-02-2023\n" +
		"199213152023211007;Tanggal Salah;Guru;PPPK;Aktif;Dinas Pendidikan;081277001204;\n" +
		"199203152023211008;Pensiun;Guru;PPPK;Pensiun;Dinas Pendidikan;081277001205;\n" +
		"199203152023211009;Status Aneh;Guru;Honorer;Kontrak;Dinas Pendidikan;081277001206;\n"
	p, err := roster.Parse(strings.NewReader(head+rows), now)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range p.Rejected {
		got = append(got, r.String())
	}
	want := []string{
		"baris 2 (NIP 199203152023011004): NI PPPK: kode 21 tidak pada tempatnya (angka ke-13 dan ke-14 harus 21)",
		"baris 3 (NIP 199203152023211005): NIP PNS berkode 21 pada angka ke-13 dan ke-14 (itu bentuk NI PPPK): periksa jenis pegawai",
		"baris 5 (NIP 199213152023211007): NI PPPK tidak valid: tanggal lahir tidak benar",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rejected:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var warned []string
	for _, w := range p.Warnings {
		warned = append(warned, w.String())
	}
	wantWarned := []string{
		"baris 4 (NIP 199203152023211006): jabatan tidak dikenali: dianggap pelaksana",
		"baris 4 (NIP 199203152023211006): TMT jabatan tidak terbaca (31-02-2023): dikosongkan",
		"baris 7 (NIP 199203152023211009): kedudukan hukum tidak dikenal (Kontrak): dianggap aktif",
		"baris 7 (NIP 199203152023211009): jenis pegawai tidak dikenal (Honorer): dibaca dari nomornya (PPPK)",
	}
	if strings.Join(warned, "\n") != strings.Join(wantWarned, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warned, "\n"), strings.Join(wantWarned, "\n"))
	}
	if p.Inactive != 1 || len(p.Employees) != 2 || p.Employees[0].JabatanType != karir.Pelaksana {
		t.Errorf("inactive %d, employees %+v", p.Inactive, p.Employees)
	}
}

// TestNotARoster: a file that is no roster says what a roster's header
// names, the export's names included.
func TestNotARoster(t *testing.T) {
	for _, csv := range []string{
		"tanggal;keterangan\n01-12-2026;rapat\n",
		"NIP;NAMA;JABATAN\n197007211992021006;Ahmad;Kepala Dinas\n", // no OPD column
	} {
		_, err := roster.Parse(strings.NewReader(csv), now)
		if err == nil || !strings.Contains(err.Error(), "judul yang diharapkan: nip (atau NIP_BARU)") ||
			!strings.Contains(err.Error(), "UNOR_INDUK_NAMA") {
			t.Errorf("%q: %v", csv, err)
		}
	}
}

// TestOPDCodes: codes made from names are known abbreviations or
// initials, unique whatever the rows' order; a code stored for a name is
// kept; a unit map's unit and a kode_opd column win.
func TestOPDCodes(t *testing.T) {
	head := "NIP;NAMA;JABATAN;UNOR_NAMA;UNOR_INDUK_NAMA;NO_HP\n"
	line := func(i int, unit, parent string) string {
		return nipOf(i) + ";ASN;Pengadministrasi Umum;" + unit + ";" + parent + ";0812000000" + string(rune('0'+i%10)) + "0\n"
	}
	rows := []string{
		line(1, "", "Badan Riset Inovasi Daerah"),
		line(2, "", "Badan Riset dan Inovasi Daerah"),
		line(3, "", "Kecamatan Ratu Agung"),
		line(4, "", "Dinas Kesehatan Kota Bengkulu"),
		line(5, "", "Inspektorat"),
		line(6, "Puskesmas Sawah Lebar", "Pemerintah Kota Bengkulu"),
	}
	codes := func(p *roster.Parsed) map[string]string {
		out := map[string]string{}
		for _, e := range p.Employees {
			out[e.NIP] = e.OPDCode
		}
		return out
	}
	p, err := roster.Parse(strings.NewReader(head+strings.Join(rows, "")), now)
	if err != nil {
		t.Fatal(err)
	}
	got := codes(p)
	for i, want := range map[int]string{1: "BRID2", 2: "BRID", 3: "KEC-RA", 4: "DINKES", 5: "INSPEKTORAT", 6: "PEMERINTAH"} {
		if got[nipOf(i)] != want {
			t.Errorf("row %d: code %q, want %q", i, got[nipOf(i)], want)
		}
	}
	// The same rows in another order get the same codes.
	reversed := append([]string(nil), rows...)
	for i, j := 0, len(reversed)-1; i < j; i, j = i+1, j-1 {
		reversed[i], reversed[j] = reversed[j], reversed[i]
	}
	p2, err := roster.Parse(strings.NewReader(head+strings.Join(reversed, "")), now)
	if err != nil {
		t.Fatal(err)
	}
	for nip, c := range codes(p2) {
		if got[nip] != c {
			t.Errorf("%s: %s in one order, %s in the other", nip, got[nip], c)
		}
	}
	// Stored: a code kept for its name, a unit map's unit.
	stored := []karir.OPD{
		{Code: "BRIDA", Name: "Badan Riset dan Inovasi Daerah"},
		{Code: "DINKES", Name: "Dinas Kesehatan", Units: []string{"Puskesmas Sawah Lebar"}},
	}
	p3, err := roster.ParseWith(strings.NewReader(head+strings.Join(rows, "")), now, stored, nil)
	if err != nil {
		t.Fatal(err)
	}
	got3 := codes(p3)
	if got3[nipOf(2)] != "BRIDA" || got3[nipOf(1)] != "BRID" || got3[nipOf(6)] != "DINKES" || got3[nipOf(4)] != "DINKES" {
		t.Errorf("with stored OPDs: %v", got3)
	}
	for _, o := range p3.NewOPDs {
		if o.Code == "DINKES" || o.Code == "BRIDA" {
			t.Errorf("stored OPD listed as new: %+v", o)
		}
	}
}

// TestUnitMap: a unit map imported like a roster moves a unit's rows to
// the OPD it names on the next roster import.
func TestUnitMap(t *testing.T) {
	s := storetest.Open(t)
	ctx := context.Background()
	export := "NIP_BARU;NAMA;JABATAN_NAMA;UNOR_NAMA;UNOR_INDUK_NAMA;NOMOR_HP\n" +
		nipOf(1) + ";Perawat;Perawat Terampil;Puskesmas Sawah Lebar;Pemerintah Kota Bengkulu;081200000010\n" +
		nipOf(2) + ";Guru;Guru Ahli Muda;SD Negeri 5;Pemerintah Kota Bengkulu;081200000020\n"
	first := mustImport(t, s, []byte(export))
	if e, _ := s.Employee(ctx, nipOf(1)); e == nil || e.OPDCode != "PEMERINTAH" {
		t.Fatalf("before the map: %+v\n%s", e, first.Text())
	}
	unitMap := "nama_unit;kode_opd;nama_opd\n" +
		"Puskesmas Sawah Lebar;DINKES;Dinas Kesehatan\n" +
		"SD Negeri 5;DISDIK;Dinas Pendidikan dan Kebudayaan\n" +
		";DISDIK;Dinas Pendidikan\n"
	// In chat a bad row refuses the whole map.
	msg, problems, err := roster.Strict{W: s}.ImportAll(ctx, strings.NewReader(unitMap), now)
	if err != nil || msg != "" || len(problems) != 1 || problems[0] != "baris 4: nama_unit kosong" {
		t.Fatalf("strict: %q %v %v", msg, problems, err)
	}
	sum := mustImport(t, s, []byte(unitMap))
	if !strings.Contains(sum.Text(), "2 unit untuk 2 OPD") || !strings.Contains(sum.Text(), "DINKES = Dinas Kesehatan: Puskesmas Sawah Lebar") {
		t.Errorf("summary: %s", sum.Text())
	}
	mustImport(t, s, []byte(export))
	for nip, want := range map[string]string{nipOf(1): "DINKES", nipOf(2): "DISDIK"} {
		if e, err := s.Employee(ctx, nip); err != nil || e.OPDCode != want || e.OPDName == "Pemerintah Kota Bengkulu" {
			t.Errorf("%s: %+v, %v; want %s", nip, e, err, want)
		}
	}
}
