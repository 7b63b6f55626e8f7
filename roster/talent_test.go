package roster_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"openkarir/karir"
	"openkarir/roster"
	"openkarir/store/storetest"
)

func TestRosterOptionalColumns(t *testing.T) {
	head := "nip;nama;kode_opd;nama_opd;jabatan;eselon;no_hp;kode_aktivasi;Golongan ; NIP_Atasan\n"
	rows := "198507222010012005;Nadia;BKPSDM;BKPSDM;Analis;;081230106149;;III c;197803152005011003\n" +
		"197803152005011003;Hendrik;DPUPR;Dinas PU;Pengawas;IV;081273450003;;;\n" +
		"198401192010071004;Rudi;DINKES;Dinkes;Kabid;III;081216252221;;III/e;\n" +
		"199211062014101006;Dewi;DINKES;Dinkes;Kasi;IV;081223076910;;;123\n" +
		"198802192010101008;Hendra;DINKES;Dinkes;Kasi;IV;081223076911;;;198802192010101008\n"
	p, err := roster.Parse(strings.NewReader(head+rows), now)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Employees) != 2 {
		t.Fatalf("employees = %+v", p.Employees)
	}
	if e := p.Employees[0]; e.Golongan != "III/c" || e.SupervisorNIP != "197803152005011003" {
		t.Errorf("with both columns: %+v", e)
	}
	if e := p.Employees[1]; e.Golongan != "" || e.SupervisorNIP != "" {
		t.Errorf("empty cells: %+v", e)
	}
	var got []string
	for _, r := range p.Rejected {
		got = append(got, r.String())
	}
	want := []string{
		"baris 4 (NIP 198401192010071004): golongan tidak valid (III/e): tulis seperti III/c",
		"baris 5 (NIP 199211062014101006): NIP atasan tidak valid (123): harus 18 angka",
		"baris 6 (NIP 198802192010101008): NIP atasan sama dengan NIP pegawai",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rejected:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// The sample has neither column and imports as before.
	p, err = roster.Parse(bytes.NewReader(roster.Sample), now)
	if err != nil || len(p.Employees) != 40 || p.Employees[0].Golongan != "" {
		t.Fatalf("sample: %d employees, %v", len(p.Employees), err)
	}
}

func TestIsTalentFile(t *testing.T) {
	for data, want := range map[string]bool{
		"nip,tahun,predikat_kinerja,potensial\n":                  true,
		"\ufeffNIP; Tahun ;Predikat_Kinerja;POTENSIAL\r\n1;2;3;4": true,
		"nip,tahun,potensial,predikat_kinerja,catatan\n":          true,
		string(roster.Sample):                                     false,
		"nip,tahun,predikat\n":                                    true, // answered about its missing columns
		"nip,nama,golongan\n":                                     false,
		"":                                                        false,
	} {
		if got := roster.IsTalentFile([]byte(data)); got != want {
			t.Errorf("IsTalentFile(%.40q) = %v, want %v", data, got, want)
		}
	}
	if !roster.IsTalentFile(roster.SampleTalent) {
		t.Error("the sample talent file is not recognised")
	}
}

// inSample is the roster lookup of ParseTalent over the sample roster.
func inSample(t *testing.T) func(string) (bool, error) {
	p, err := roster.Parse(bytes.NewReader(roster.Sample), now)
	if err != nil {
		t.Fatal(err)
	}
	nips := map[string]bool{}
	for _, e := range p.Employees {
		nips[e.NIP] = true
	}
	return func(nip string) (bool, error) { return nips[nip], nil }
}

func TestParseTalent(t *testing.T) {
	csv := "\ufeffNIP ; tahun;PREDIKAT_KINERJA;Potensial\r\n" +
		"198507222010012005;2025;sangat baik;88\r\n" + // 2
		"198507222010012005;2024;Baik;menengah\r\n" + // 3
		"197803152005011003;2025;Baik;79,99\r\n" + // 4
		"198507222010012005;2025;Baik;tinggi\r\n" + // 5: same NIP and year
		"19850722201001200;2025;Baik;tinggi\r\n" + // 6: NIP short
		"199001012015011001;2025;Baik;tinggi\r\n" + // 7: not in the roster
		"197302181998011004;2031;Baik;tinggi\r\n" + // 8: future year
		"197302181998011004;25;Baik;tinggi\r\n" + // 9: year not 4 digits
		"197302181998011004;2025;Cukup;tinggi\r\n" + // 10: old-style rating
		"197302181998011004;2025;Baik;sedang\r\n" + // 11: not a level
		"197302181998011004;2025;Baik;120\r\n" + // 12: not a percentage
		"\"197302181998011004;2025;Baik;tinggi\r\n" // 13: a quote left open
	p, err := roster.ParseTalent(strings.NewReader(csv), now, inSample(t))
	if err != nil {
		t.Fatal(err)
	}
	if p.Rows != 12 || len(p.Records) != 3 {
		t.Fatalf("rows %d, records %+v", p.Rows, p.Records)
	}
	r := p.Records[0]
	if r.ID != "198507222010012005:2025" || r.Predikat != karir.PredikatSangatBaik || r.Potential != karir.PotentialHigh ||
		r.JPM == nil || *r.JPM != 88 || !r.ImportedAt.Equal(now) {
		t.Errorf("record = %+v", r)
	}
	if r := p.Records[2]; r.Potential != karir.PotentialMiddle || *r.JPM != 79.99 {
		t.Errorf("79,99 = %+v", r)
	}
	want := []string{
		"baris 5 (NIP 198507222010012005): NIP dan tahun ganda dalam berkas (sama dengan baris 2)",
		"baris 6 (NIP 19850722201001200): NIP tidak valid: harus 18 angka",
		"baris 7 (NIP 199001012015011001): NIP tidak ada di data pegawai",
		"baris 8 (NIP 197302181998011004): tahun tidak valid (2031): tulis 4 angka, 2000 sampai 2026",
		"baris 9 (NIP 197302181998011004): tahun tidak valid (25): tulis 4 angka, 2000 sampai 2026",
		"baris 10 (NIP 197302181998011004): predikat kinerja tidak dikenal (Cukup): Sangat Baik, Baik, Butuh Perbaikan, Kurang atau Sangat Kurang",
		"baris 11 (NIP 197302181998011004): potensial tidak dikenal (sedang): tinggi, menengah, rendah, atau persentase JPM 0 sampai 100",
		"baris 12 (NIP 197302181998011004): potensial tidak dikenal (120): tinggi, menengah, rendah, atau persentase JPM 0 sampai 100",
		"baris 13: baris tidak terbaca: extraneous or missing \" in quoted-field",
	}
	var got []string
	for _, rj := range p.Rejected {
		got = append(got, rj.String())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rejected:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestParseTalentUnreadable(t *testing.T) {
	for name, data := range map[string]string{
		"Empty":         "",
		"NoHeader":      "\n198507222010012005;2025;Baik;tinggi\n",
		"MissingColumn": "nip;tahun;predikat_kinerja\n198507222010012005;2025;Baik\n",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := roster.ParseTalent(strings.NewReader(data), now, inSample(t)); err == nil {
				t.Error("no error")
			}
		})
	}
	_, err := roster.ParseTalent(strings.NewReader("nip;tahun\n"), now, inSample(t))
	if err == nil || !strings.Contains(err.Error(), "kolom tidak ada: predikat_kinerja, potensial") {
		t.Errorf("missing columns: %v", err)
	}
	lookupFails := func(string) (bool, error) { return false, errors.New("store down") }
	if _, err := roster.ParseTalent(bytes.NewReader(roster.SampleTalent), now, lookupFails); err == nil {
		t.Error("a failing roster lookup is no error")
	}
}

// TestImportTalent loads the sample into a real store, from a terminal
// (good rows written, bad listed) and from chat (all or nothing).
func TestImportTalent(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	if _, err := roster.Import(ctx, st, bytes.NewReader(roster.Sample), now); err != nil {
		t.Fatal(err)
	}
	sum, err := roster.ImportTalent(ctx, st, bytes.NewReader(roster.SampleTalent), now)
	if err != nil || len(sum.Rejected) != 0 || sum.Added != sum.Rows || sum.Rows < 30 {
		t.Fatalf("sample: %+v, %v", sum, err)
	}
	latest, _ := st.LatestTalent(ctx)
	if r := latest["198507222010012005"]; r.Year != 2025 || r.Box() != 9 {
		t.Errorf("Nadia's latest = %+v", r)
	}

	strict := roster.StrictTalent{W: st}
	bad := "nip;tahun;predikat_kinerja;potensial\n198507222010012005;2025;Baik;rendah\n198507222010012005;20x5;Baik;rendah\n"
	text, problems, err := strict.ImportAll(ctx, strings.NewReader(bad), now)
	if err != nil || text != "" || len(problems) != 1 || !strings.Contains(problems[0], "baris 3") {
		t.Fatalf("strict with a bad row: %q %v %v", text, problems, err)
	}
	if latest, _ := st.LatestTalent(ctx); latest["198507222010012005"].Predikat != karir.PredikatSangatBaik {
		t.Fatal("a rejected file changed the talent data")
	}
	text, problems, err = strict.ImportAll(ctx, bytes.NewReader(roster.SampleTalent), now)
	want := fmt.Sprintf("Baris dibaca: %d\nDitambahkan: 0\nDiperbarui: 0\nTidak berubah: %d\nDitolak: 0", sum.Rows, sum.Rows)
	if err != nil || len(problems) != 0 || text != want {
		t.Fatalf("the same file again: %q %v %v", text, problems, err)
	}
}

// A talent file kept in Excel is read like the CSV.
func TestTalentFromXLSX(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range [][]any{
		{"NIP", "Tahun", "Predikat Kinerja", "Potensial"},
		{"198507222010012005", 2025, "Sangat Baik", 81.5},
		{"197803152005011003", 2024, "Baik", "menengah"},
	} {
		if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if !roster.IsTalentFile(buf.Bytes()) {
		t.Fatal("an Excel talent file is not recognised")
	}
	p, err := roster.ParseTalent(bytes.NewReader(buf.Bytes()), now, inSample(t))
	if err != nil || len(p.Rejected) != 0 || len(p.Records) != 2 {
		t.Fatalf("parsed %+v, %v", p, err)
	}
	if r := p.Records[0]; r.Box() != 9 || *r.JPM != 81.5 || r.Year != 2025 {
		t.Errorf("first record = %+v", r)
	}
}

// TestParseTalentSIMATA: a file with SIMATA's box (kotak or kuadran),
// beside or instead of predikat and potensial. SIMATA's box is kept; rows
// where it differs from the computed one are listed; unknown words are
// refused with the words accepted.
func TestParseTalentSIMATA(t *testing.T) {
	const nadia, hendrik, third = "198507222010012005", "197803152005011003", "197302181998011004"
	csv := "nip;tahun;predikat_kinerja;potensial;kotak;kuadran\n" +
		nadia + ";2025;;;8;\n" + // 2: kotak only
		nadia + ";2024;;;;33\n" + // 3: kuadran only: box 9
		hendrik + ";2025;Baik;menengah;8;\n" + // 4: SIMATA 8, computed 5: listed
		hendrik + ";2024;Baik;tinggi;VIII;32\n" + // 5: agree everywhere
		third + ";2025;Baik;tinggi;7;32\n" + // 6: kotak 7 and kuadran 32 (8): refused
		third + ";2024;;;10;\n" + // 7: no such box
		third + ";2023;;;;41\n" + // 8: no such kuadran
		third + ";2022;Sangat Baik;;;\n" + // 9: no box, no potensial
		third + ";2021;Butuh Perbaikan;;6;\n" // 10: predikat kept beside SIMATA's box
	p, err := roster.ParseTalent(strings.NewReader(csv), now, inSample(t))
	if err != nil {
		t.Fatal(err)
	}
	boxes := map[string]int{}
	for _, r := range p.Records {
		boxes[r.ID] = r.Box()
	}
	want := map[string]int{nadia + ":2025": 8, nadia + ":2024": 9, hendrik + ":2025": 8, hendrik + ":2024": 8, third + ":2021": 6}
	if len(boxes) != len(want) {
		t.Errorf("records %v, want %v", boxes, want)
	}
	for id, b := range want {
		if boxes[id] != b {
			t.Errorf("box of %s = %d, want %d", id, boxes[id], b)
		}
	}
	if len(p.Differ) != 1 || p.Differ[0] != (roster.BoxDiff{NIP: hendrik, Year: 2025, SIMATA: 8, Computed: 5}) {
		t.Errorf("differ = %+v", p.Differ)
	}
	if got := p.Differ[0].String(); got != hendrik+" (2025): SIMATA kotak 8, dihitung dari predikat dan potensial kotak 5" {
		t.Errorf("differ line = %q", got)
	}
	reasons := map[int]string{}
	for _, r := range p.Rejected {
		reasons[r.Line] = r.Reason
	}
	for line, want := range map[int]string{
		6: "kotak 7 dan kuadran 32 tidak sama (kuadran 32 adalah kotak 8)",
		7: "kotak tidak dikenal (10): angka 1 sampai 9 (atau I sampai IX)",
		8: "kuadran tidak dikenal (41): kode SIMATA dua angka, potensial lalu kinerja, masing-masing 1 sampai 3 (misalnya 32)",
		9: "potensial tidak dikenal (): tinggi, menengah, rendah, atau persentase JPM 0 sampai 100",
	} {
		if reasons[line] != want {
			t.Errorf("line %d: %q, want %q", line, reasons[line], want)
		}
	}
	if len(p.Rejected) != 4 {
		t.Errorf("rejected = %+v", p.Rejected)
	}
	for _, r := range p.Records {
		if r.ID == third+":2021" && r.Predikat != karir.PredikatButuhPerbaikan {
			t.Errorf("the predikat beside SIMATA's box was dropped: %+v", r)
		}
	}

	// A header with neither SIMATA's box nor both inputs.
	_, err = roster.ParseTalent(strings.NewReader("nip;tahun;predikat_kinerja\n"), now, inSample(t))
	if err == nil || !strings.Contains(err.Error(), "kolom tidak ada: potensial") || !strings.Contains(err.Error(), "kotak / kuadran") {
		t.Errorf("missing columns: %v", err)
	}
	if !roster.IsTalentFile([]byte("nip;kuadran\n")) {
		t.Error("a file with a kuadran column is not a talent file")
	}
}
