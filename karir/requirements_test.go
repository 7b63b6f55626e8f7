package karir_test

import (
	"strings"
	"testing"
	"time"

	"openkarir/karir"
)

var reqNow = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

// asn is a profile for the requirements: born on birth (YYYYMMDD, in the
// NIP), in position/eselon, with golongan and SKP by year.
func asn(birth, position, eselon, golongan string, skp map[int]string) karir.Profile {
	e := karir.Employee{NIP: birth + "200003" + "1001", Position: position, Eselon: eselon, Golongan: golongan}
	var talent []karir.TalentRecord
	for y, p := range skp {
		pr, err := karir.ParsePredikat(p)
		if err != nil {
			panic(err)
		}
		talent = append(talent, karir.TalentRecord{Year: y, Predikat: pr, Potential: karir.PotentialHigh})
	}
	return karir.ProfileOf(e, talent)
}

var goodSKP = map[int]string{2024: "Baik", 2025: "Sangat Baik"}

func checkOf(t *testing.T, checks []karir.Check, kind karir.ReqKind) karir.Check {
	t.Helper()
	for _, c := range checks {
		if c.Kind == kind {
			return c
		}
	}
	t.Fatalf("no %s check in %+v", kind, checks)
	return karir.Check{}
}

func post(position, eselon string) karir.Target {
	return karir.Target{Rung: karir.RungOf(position, eselon), At: reqNow, TermMonths: 12}
}

// TestRequirements: every row of the table with a case that meets it, one
// that fails it and one the data cannot decide.
func TestRequirements(t *testing.T) {
	administrator := post("Kepala Bidang Pasar", "III")
	pengawas := post("Kepala Seksi Taman", "IV")
	jpt := post("Kepala Dinas", "II")
	pelaksanaPost := post("Pengadministrasi Umum", "Staf")

	withEdu := func(p karir.Profile, edu string) karir.Profile { p.Education = edu; return p }
	since := func(p karir.Profile, y int) karir.Profile {
		p.InPostSince = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		return p
	}
	kasi := asn("19800101", "Kepala Seksi Pasar", "IV", "III/d", goodSKP) // pengawas, 46
	staf := asn("19900101", "Pengadministrasi Umum", "Staf", "III/b", goodSKP)
	kabid := asn("19750101", "Kepala Bidang Pasar", "III", "IV/b", goodSKP)

	for _, tc := range []struct {
		name   string
		p      karir.Profile
		target karir.Target
		kind   karir.ReqKind
		want   karir.CheckStatus
		has    string // a part of Has
	}{
		// Education: pengawas D-III, administrator and JPT pratama S1/D-IV.
		{"EducationPengawasDIII", withEdu(staf, "D-III"), pengawas, karir.ReqEducation, karir.CheckMet, "D-III"},
		{"EducationPengawasSMA", withEdu(staf, "SMA"), pengawas, karir.ReqEducation, karir.CheckFailed, "tercatat SMA"},
		{"EducationAdministratorDIV", withEdu(kasi, "D-IV"), administrator, karir.ReqEducation, karir.CheckMet, "D-IV"},
		{"EducationAdministratorDIII", withEdu(kasi, "D-III"), administrator, karir.ReqEducation, karir.CheckFailed, "tercatat D-III"},
		{"EducationS1MissingUnchecked", kasi, administrator, karir.ReqEducation, karir.CheckUnchecked, "pendidikan tidak ada di data"},
		{"EducationJPTS2", withEdu(kabid, "S2"), jpt, karir.ReqEducation, karir.CheckMet, "S2"},
		// Experience: 4 years as pelaksana, 3 as pengawas, 2 as administrator (or the JF equivalent).
		{"ExperiencePengawas4Years", since(staf, 2020), pengawas, karir.ReqExperience, karir.CheckMet, "sejak 2020"},
		{"ExperiencePengawas2Years", since(staf, 2024), pengawas, karir.ReqExperience, karir.CheckFailed, "baru sejak"},
		{"ExperienceAdministrator3Years", since(kasi, 2023), administrator, karir.ReqExperience, karir.CheckMet, "sejak 2023"},
		{"ExperienceAdministratorTMTMissing", kasi, administrator, karir.ReqExperience, karir.CheckUnchecked, "TMT jabatan tidak ada di data"},
		{"ExperiencePelaksanaToAdministrator", staf, administrator, karir.ReqExperience, karir.CheckFailed, "jabatan sekarang pelaksana"},
		// JF: ahli muda stands beside pengawas, ahli madya beside
		// administrator (Pasal 107 ayat (1) huruf c angka 4), each with the
		// years of the post it stands beside.
		{"ExperienceJFAhliMudaToAdministrator", since(asn("19850101", "Analis Kepegawaian Ahli Muda", "Staf", "III/d", goodSKP), 2022), administrator,
			karir.ReqExperience, karir.CheckMet, "JF ahli muda (setara pengawas) sejak 2022"},
		{"ExperienceJFAhliMudaTMTMissing", asn("19850101", "Analis Kepegawaian Ahli Muda", "Staf", "III/d", goodSKP), administrator,
			karir.ReqExperience, karir.CheckUnchecked, "TMT jabatan tidak ada di data"},
		{"ExperienceJPTFromAhliMadya2Years", since(asn("19720101", "Perencana Ahli Madya", "Staf", "IV/b", goodSKP), 2024), jpt,
			karir.ReqExperience, karir.CheckMet, "JF ahli madya (setara administrator) sejak 2024"},
		{"ExperienceJPTFromAhliMadya1Year", since(asn("19720101", "Perencana Ahli Madya", "Staf", "IV/b", goodSKP), 2025), jpt,
			karir.ReqExperience, karir.CheckFailed, "JF ahli madya (setara administrator) baru sejak 01-2025"},
		{"ExperienceJPTFromAhliMudaFailed", since(asn("19800101", "Perencana Ahli Muda", "Staf", "IV/a", goodSKP), 2015), jpt,
			karir.ReqExperience, karir.CheckFailed, "jabatan sekarang JF ahli muda (setara pengawas)"},
		{"ExperienceJPT1Year", since(kabid, 2026), jpt, karir.ReqExperience, karir.CheckFailed, "baru sejak 01-2026"},
		// Age: JPT pratama at most 56.
		{"AgeJPT56", asn("19700601", "Kepala Bidang", "III", "IV/b", goodSKP), jpt, karir.ReqAge, karir.CheckMet, "56 tahun"},
		{"AgeJPT57Failed", asn("19690601", "Kepala Bidang", "III", "IV/b", goodSKP), jpt, karir.ReqAge, karir.CheckFailed, "57 tahun"},
		{"AgeBirthUnknown", karir.Profile{Rung: kabid.Rung}, jpt, karir.ReqAge, karir.CheckUnchecked, "tanggal lahir tidak ada di data"},
		// SKP: at least Baik in 2024 and 2025.
		{"SKPBaikBoth", kasi, administrator, karir.ReqSKP, karir.CheckMet, "Baik (2024), Sangat Baik (2025)"},
		{"SKPButuhPerbaikanLastYearFailed", asn("19800101", "Kepala Seksi", "IV", "III/d", map[int]string{2024: "Baik", 2025: "Butuh Perbaikan"}),
			administrator, karir.ReqSKP, karir.CheckFailed, "2025 Butuh Perbaikan"},
		{"SKPOneYearMissing", asn("19800101", "Kepala Seksi", "IV", "III/d", map[int]string{2025: "Baik"}), administrator,
			karir.ReqSKP, karir.CheckUnchecked, "predikat tahun 2024 tidak ada"},
		{"SKPFailedBeatsMissing", asn("19800101", "Kepala Seksi", "IV", "III/d", map[int]string{2025: "Kurang"}), administrator,
			karir.ReqSKP, karir.CheckFailed, "2025 Kurang"},
		// Jump: one level at most, JF jenjang as their equivalents.
		{"JumpPengawasToAdministrator", kasi, administrator, karir.ReqJump, karir.CheckMet, "pengawas → administrator"},
		{"JumpPelaksanaToAdministratorFlagged", staf, administrator, karir.ReqJump, karir.CheckFailed, "naik lebih dari satu jenjang (pelaksana → administrator)"},
		{"JumpAhliMudaToAdministratorAllowed", asn("19850101", "Analis Kepegawaian Ahli Muda", "Staf", "III/d", goodSKP), administrator,
			karir.ReqJump, karir.CheckMet, "JF ahli muda (setara pengawas) → administrator"},
		{"JumpAhliPertamaToAdministratorFlagged", asn("19850101", "Analis Kepegawaian Ahli Pertama", "Staf", "III/d", goodSKP), administrator,
			karir.ReqJump, karir.CheckFailed, "naik lebih dari satu jenjang (JF ahli pertama (setara pelaksana) → administrator)"},
		{"JumpAhliMudaToJPTFlagged", asn("19800101", "Perencana Ahli Muda", "Staf", "IV/a", goodSKP), jpt,
			karir.ReqJump, karir.CheckFailed, "naik lebih dari satu jenjang (JF ahli muda (setara pengawas) → JPT pratama)"},
		{"JumpAhliMadyaToJPTAllowed", asn("19720101", "Perencana Ahli Madya", "Staf", "IV/b", goodSKP), jpt,
			karir.ReqJump, karir.CheckMet, "JF ahli madya (setara administrator) → JPT pratama"},
		{"JumpAhliPertamaToJPT", asn("19850101", "Analis Kepegawaian Ahli Pertama", "Staf", "III/d", goodSKP), jpt, karir.ReqJump, karir.CheckFailed, "JF ahli pertama"},
		{"JumpDownAllowed", kabid, pelaksanaPost, karir.ReqJump, karir.CheckMet, "administrator → pelaksana"},
		{"JumpUnknownUnchecked", karir.Profile{}, administrator, karir.ReqJump, karir.CheckUnchecked, "jenis jabatan sekarang tidak diketahui"},
		// BUP: 58, 60 for JPT, not reached within the term (12 months from 12-2026).
		{"BUPAdministratorRetiresAfter", kasi, administrator, karir.ReqBUP, karir.CheckMet, "pensiun 01-2038"},
		{"BUPAdministratorRetiresWithin", asn("19690601", "Kepala Seksi", "IV", "III/d", goodSKP), administrator, karir.ReqBUP, karir.CheckFailed, "pensiun 06-2027"},
		{"BUPJPTIs60", asn("19690601", "Kepala Bidang", "III", "IV/b", goodSKP), jpt, karir.ReqBUP, karir.CheckMet, "pensiun 06-2029"},
		{"BUPBirthUnknown", karir.Profile{Rung: kasi.Rung}, administrator, karir.ReqBUP, karir.CheckUnchecked, "tanggal lahir tidak ada di data"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := checkOf(t, karir.CheckRequirements(tc.p, tc.target), tc.kind)
			if c.Status != tc.want || !strings.Contains(c.Has, tc.has) || c.Article == "" {
				t.Errorf("%s = %s, %q (%s); want %s with %q", tc.kind, c.Status, c.Has, c.Article, tc.want, tc.has)
			}
		})
	}
}

// TestRequirementsTable: which rows apply to which post, each with its
// article.
func TestRequirementsTable(t *testing.T) {
	kinds := func(level int) string {
		var out []string
		for _, r := range karir.Requirements(level) {
			if r.Article == "" {
				t.Errorf("%s without an article", r.Kind)
			}
			out = append(out, string(r.Kind))
		}
		return strings.Join(out, " ")
	}
	for level, want := range map[int]string{
		karir.LevelPelaksana: "jenjang bup",
		// No golongan: PP 11/2017 Pasal 54, 55 and 107 ayat (1) huruf c
		// name none (GolonganNote).
		karir.LevelPengawas:      "pendidikan pengalaman_jabatan skp jenjang bup",
		karir.LevelAdministrator: "pendidikan pengalaman_jabatan skp jenjang bup",
		karir.LevelJPTPratama:    "pendidikan pengalaman_jabatan usia skp jenjang bup",
	} {
		if got := kinds(level); got != want {
			t.Errorf("level %d: %s, want %s", level, got, want)
		}
	}
	// A failure names its article and what the data say.
	c := checkOf(t, karir.CheckRequirements(asn("19690601", "Kepala Bidang", "III", "IV/b", goodSKP), post("Kepala Dinas", "II")), karir.ReqAge)
	if got := c.Text(); got != "usia: paling tinggi 56 tahun saat pengangkatan (PP 11/2017 jo. PP 17/2020 Pasal 107 ayat (1) huruf c angka 6); 57 tahun" {
		t.Errorf("text = %q", got)
	}
	// Unknown rung of the post: nothing checked.
	if got := karir.CheckRequirements(asn("19800101", "Kepala Seksi", "IV", "III/d", goodSKP), karir.Target{At: reqNow}); got != nil {
		t.Errorf("unknown post: %v", got)
	}
}

func TestRungOf(t *testing.T) {
	for _, tc := range []struct {
		position, eselon, want string
	}{
		{"Kepala Dinas", "II", "JPT pratama"},
		{"Kepala Bidang", "III", "administrator"},
		{"Kepala Seksi", "IV", "pengawas"},
		{"Pengadministrasi Umum", "Staf", "pelaksana"},
		{"Analis Kepegawaian Ahli Pertama", "Staf", "JF ahli pertama (setara pelaksana)"},
		{"Perencana Ahli Muda", "Staf", "JF ahli muda (setara pengawas)"},
		{"Perencana Ahli Madya", "", "JF ahli madya (setara administrator)"},
		{"Perencana Ahli Utama", "", "JF ahli utama (setara JPT pratama)"},
		{"Pranata Komputer Terampil", "Staf", "JF keterampilan (setara pelaksana)"},
		{"Kepala Seksi Baru", "", "pengawas"},
		{"Tenaga Ahli Walikota", "", "jenjang tidak diketahui"},
	} {
		if got := karir.RungOf(tc.position, tc.eselon).Name(); got != tc.want {
			t.Errorf("RungOf(%q, %q) = %q, want %q", tc.position, tc.eselon, got, tc.want)
		}
	}
	for in, want := range map[string]string{"S-1": "S1", "D IV": "D-IV", "Diploma III": "D-III", "SLTA": "SMA", "s2": "S2"} {
		if got, ok := karir.ParseEducation(in); !ok || got != want {
			t.Errorf("ParseEducation(%q) = %q, %v", in, got, ok)
		}
	}
}

// TestGolonganNote: a golongan below the lowest pangkat of the target's
// eselon in the lampiran of PP 100/2000 jo. PP 13/2002 is a note, no
// requirement; none when it is not below, or either is unknown.
func TestGolonganNote(t *testing.T) {
	for _, tc := range []struct {
		golongan, position, eselon, want string
	}{
		{"III/c", "Kepala Bidang", "III", "golongan III/c di bawah III/d, pangkat terendah eselon III.b dalam lampiran PP 100/2000 jo. PP 13/2002; bukan syarat jabatan menurut PP 11/2017 jo. PP 17/2020"},
		{"III/d", "Kepala Bidang", "III", ""},
		{"II/d", "Kepala Seksi", "IV", "golongan II/d di bawah III/a, pangkat terendah eselon IV.b"},
		{"III/a", "Kepala Seksi", "IV", ""},
		{"IV/a", "Kepala Dinas", "II", "golongan IV/a di bawah IV/b, pangkat terendah eselon II.b"},
		{"", "Kepala Bidang", "III", ""},
		{"II/a", "Staf", "Staf", ""},    // pelaksana: no eselon
		{"II/a", "Kepala UPTD", "", ""}, // rung unknown
	} {
		got := karir.GolonganNote(tc.golongan, karir.RungOf(tc.position, tc.eselon))
		if tc.want == "" && got != "" || !strings.HasPrefix(got, tc.want) {
			t.Errorf("GolonganNote(%q, %s) = %q, want %q", tc.golongan, tc.position, got, tc.want)
		}
	}
}

// TestFailsAgreesWithChecks: the pool's quick test says what the table
// says, for every combination of the inputs that decide a failure.
func TestFailsAgreesWithChecks(t *testing.T) {
	positions := []struct{ pos, eselon string }{
		{"Staf", "Staf"}, {"Kepala Seksi", "IV"}, {"Kepala Bidang", "III"}, {"Kepala Dinas", "II"},
		{"Analis Ahli Pertama", "Staf"}, {"Analis Ahli Muda", "Staf"}, {"Analis Ahli Madya", "Staf"}, {"Analis Ahli Utama", "Staf"}, {"Kepala UPTD", ""},
	}
	n := 0
	for _, from := range positions {
		for _, to := range positions {
			for _, birth := range []string{"19580101", "19690601", "19700601", "19900101", "x"} {
				for _, gol := range []string{"", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d", "IV/b"} {
					for _, skp := range []map[int]string{nil, {2025: "Baik"}, {2024: "Baik", 2025: "Sangat Baik"}, {2024: "Kurang", 2025: "Baik"}} {
						for _, edu := range []string{"", "SMA", "D-III", "S1"} {
							for _, since := range []int{0, 2020, 2025} {
								p := asn(birth, from.pos, from.eselon, gol, skp)
								if birth == "x" {
									p.Birth = time.Time{}
								}
								p.Education = edu
								if since > 0 {
									p.InPostSince = time.Date(since, 1, 1, 0, 0, 0, 0, time.UTC)
								}
								target := post(to.pos, to.eselon)
								checks := karir.CheckRequirements(p, target)
								failed := false
								for _, c := range checks {
									failed = failed || c.Status == karir.CheckFailed
								}
								if got := karir.Fails(p, target); got != failed {
									t.Fatalf("%s→%s born %s gol %q skp %v edu %q since %d: Fails %v, checks %+v", from.pos, to.pos, birth, gol, skp, edu, since, got, checks)
								}
								n++
							}
						}
					}
				}
			}
		}
	}
	t.Logf("%d combinations", n)
}
