package karir

import (
	"fmt"
	"strings"
	"time"
)

// Requirements of a post, each from its article of PP 11/2017 (Manajemen
// PNS) as amended by PP 17/2020. A requirement the data cannot decide is
// "belum dapat diperiksa", with what is missing: never a pass, never a
// failure. A candidate "memenuhi syarat" when no checkable requirement
// fails (Candidate.Eligible).

// Target is the post a requirement is checked against, and when.
type Target struct {
	Rung Rung
	// At is the appointment's date (now); TermMonths the target's term,
	// for the retirement age.
	At         time.Time
	TermMonths int
}

// CheckStatus is a requirement's outcome for one ASN.
type CheckStatus string

const (
	CheckMet       CheckStatus = "memenuhi"
	CheckFailed    CheckStatus = "tidak memenuhi"
	CheckUnchecked CheckStatus = "belum dapat diperiksa"
)

// ReqKind names a requirement.
type ReqKind string

const (
	ReqEducation  ReqKind = "pendidikan"
	ReqExperience ReqKind = "pengalaman_jabatan"
	ReqAge        ReqKind = "usia"
	ReqSKP        ReqKind = "skp"
	ReqJump       ReqKind = "jenjang"
	ReqBUP        ReqKind = "bup"
)

// Check is one requirement's outcome: what the post requires, what the
// data say (or what is missing), and the article.
type Check struct {
	Kind     ReqKind
	Status   CheckStatus
	Requires string // "S1/D-IV atau lebih"
	Has      string // what the data say, or what is missing when unchecked
	Article  string
}

// Text is the check as Baperjakat reads it.
func (c Check) Text() string {
	switch c.Status {
	case CheckUnchecked:
		return fmt.Sprintf("%s: %s (%s); belum dapat diperiksa: %s", reqNames[c.Kind], c.Requires, c.Article, c.Has)
	case CheckFailed:
		return fmt.Sprintf("%s: %s (%s); %s", reqNames[c.Kind], c.Requires, c.Article, c.Has)
	}
	return fmt.Sprintf("%s: %s", reqNames[c.Kind], c.Has)
}

// Missing is an unchecked requirement in short: its name and what the data
// lack.
func (c Check) Missing() string { return fmt.Sprintf("%s (%s)", reqNames[c.Kind], c.Has) }

var reqNames = map[ReqKind]string{
	ReqEducation: "pendidikan", ReqExperience: "pengalaman jabatan", ReqAge: "usia", ReqSKP: "SKP 2 tahun terakhir",
	ReqJump: "jenjang", ReqBUP: "batas usia pensiun",
}

// Requirement is one row of the table: the post levels it applies to and
// how it is checked.
type Requirement struct {
	Kind    ReqKind
	Levels  []int // the post levels it applies to
	Article string
	check   func(p Profile, t Target, r Requirement) Check
}

// requirements is the table, one row per requirement and level. Where
// the articles were checked (December 2026, against text quoted on
// dirbkpsdm.parigimoutongkab.go.id, a BKPSDM's pages of PP 11/2017, and
// the PP 17/2020 salinan):
//   - Pasal 107 ayat (1) huruf c (as PP 17/2020 wrote it: its ayat (2)
//     lets the President waive them): JPT pratama, angka 1 S1/D-IV,
//     angka 4 administrator or JF ahli madya for 2 years, angka 6 at most
//     56 years old.
//   - Pasal 198 ayat (4): administrator and JF ahli madya may be promoted
//     to JPT pratama; ayat (2): promotion within JA and JF up to ahli muda
//     "sepanjang memenuhi persyaratan Jabatan" (the jump row).
//   - Pasal 199 ayat (2) huruf c: the succession group's "penilaian
//     kinerja paling kurang bernilai baik dalam 2 (dua) tahun terakhir".
//   - Pasal 239 ayat (2): retirement at 58, 60 (JPT, JF ahli madya), 65
//     (JF ahli utama).
//   - Pasal 54 and 55 (administrator, pengawas): the conditions (huruf b
//     education, d experience, e prestasi kerja "baik" in 2 years) agree
//     with the PP's text as quoted (bloginfokuhaku.blogspot.com, 2019):
//     administrator "a. berstatus PNS; b. memiliki kualifikasi dan tingkat
//     pendidikan paling rendah sarjana atau diploma IV; c. ... integritas
//     ...; d. memiliki pengalaman pada Jabatan pengawas paling singkat 3
//     (tiga) tahun atau JF yang setingkat ...; e. setiap unsur penilaian
//     prestasi kerja paling sedikit bernilai baik dalam 2 (dua) tahun
//     terakhir; f. ... Kompetensi ...; g. sehat jasmani dan rohani";
//     pengawas the same with "diploma III" and "Jabatan pelaksana paling
//     singkat 4 (empat) tahun". Pasal 54 is administrator's: Pasal 353 (the
//     PP's salinan) speaks of "Pejabat administrator yang belum memenuhi
//     persyaratan kualifikasi dan tingkat pendidikan sebagaimana dimaksud
//     dalam Pasal 54 ayat (1) huruf b".
//   - No golongan row: neither Pasal 54 and 55 nor Pasal 107 ayat (1)
//     huruf c (JPT pratama, seven conditions) names a pangkat or golongan,
//     and PP 11/2017 Pasal 352 keeps "Pangkat dan golongan ruang PNS" only
//     "sampai dengan diberlakukannya ketentuan mengenai gaji dan
//     tunjangan". The row had asked the lowest pangkat of the post's
//     eselon in the lampiran of PP 100/2000 jo. PP 13/2002, the older PP
//     on structural posts whose subject these articles now rule (its
//     revocation in PP 11/2017's closing articles was not found to quote),
//     stricter even than its own Pasal 5 huruf b, "1 (satu) tingkat di
//     bawah jenjang pangkat yang ditentukan". A golongan below that lowest
//     pangkat is now a note (GolonganNote), no failure.
var requirements = []Requirement{
	{Kind: ReqEducation, Levels: []int{LevelPengawas}, Article: "PP 11/2017 Pasal 55 ayat (1) huruf b", check: education("D-III")},
	{Kind: ReqEducation, Levels: []int{LevelAdministrator}, Article: "PP 11/2017 Pasal 54 ayat (1) huruf b", check: education("S1")},
	{Kind: ReqEducation, Levels: []int{LevelJPTPratama}, Article: "PP 11/2017 jo. PP 17/2020 Pasal 107 ayat (1) huruf c angka 1", check: education("S1")},

	{Kind: ReqExperience, Levels: []int{LevelPengawas}, Article: "PP 11/2017 Pasal 55 ayat (1) huruf d", check: experience(4)},
	{Kind: ReqExperience, Levels: []int{LevelAdministrator}, Article: "PP 11/2017 Pasal 54 ayat (1) huruf d", check: experience(3)},
	{Kind: ReqExperience, Levels: []int{LevelJPTPratama}, Article: "PP 11/2017 jo. PP 17/2020 Pasal 107 ayat (1) huruf c angka 4", check: experience(2)},

	{Kind: ReqAge, Levels: []int{LevelJPTPratama}, Article: "PP 11/2017 jo. PP 17/2020 Pasal 107 ayat (1) huruf c angka 6", check: maxAge(56)},

	{Kind: ReqSKP, Levels: []int{LevelPengawas}, Article: "PP 11/2017 Pasal 55 ayat (1) huruf e", check: skp},
	{Kind: ReqSKP, Levels: []int{LevelAdministrator}, Article: "PP 11/2017 Pasal 54 ayat (1) huruf e", check: skp},
	// For JPT: the succession group's condition, from which promotion
	// draws first (Pasal 199 ayat (2) huruf c, Pasal 200 ayat (2)).
	{Kind: ReqSKP, Levels: []int{LevelJPTPratama}, Article: "PP 11/2017 Pasal 199 ayat (2) huruf c", check: skp},
	{Kind: ReqJump, Levels: []int{LevelPelaksana, LevelPengawas, LevelAdministrator, LevelJPTPratama},
		Article: "PP 11/2017 Pasal 198", check: jump},
	{Kind: ReqBUP, Levels: []int{LevelPelaksana, LevelPengawas, LevelAdministrator, LevelJPTPratama},
		Article: "PP 11/2017 Pasal 239 ayat (2)", check: bup},
}

// Requirements lists the rows that apply to a post of the level, in the
// table's order.
func Requirements(level int) []Requirement {
	var out []Requirement
	for _, r := range requirements {
		for _, l := range r.Levels {
			if l == level {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// CheckRequirements checks an ASN against every requirement of the post;
// nothing when the post's rung is unknown (a note says so instead).
func CheckRequirements(p Profile, t Target) []Check {
	if !t.Rung.Known {
		return nil
	}
	var out []Check
	for _, r := range Requirements(t.Rung.Level) {
		c := r.check(p, t, r)
		c.Kind, c.Article = r.Kind, r.Article
		out = append(out, c)
	}
	return out
}

// educationRanks order the levels; S1 and D-IV are the same step.
var educationRanks = map[string]int{"SD": 1, "SMP": 2, "SMA": 3, "SMK": 3, "D-I": 4, "D-II": 5, "D-III": 6, "S1": 7, "D-IV": 7, "S2": 8, "S3": 9}

// ParseEducation reads an education level as rosters write it ("S-1",
// "D IV", "Diploma III", "SLTA") and writes it as educationRanks' keys.
func ParseEducation(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	if _, ok := educationRanks[s]; ok {
		return s, true // as written by a previous import
	}
	v := strings.ToUpper(educationSeparators.Replace(s))
	v = strings.Replace(v, "DIPLOMA", "D", 1)
	e, ok := educationAliases[v]
	return e, ok
}

var (
	educationSeparators = strings.NewReplacer("-", "", " ", "", ".", "", "/", "")
	educationAliases    = map[string]string{"S1": "S1", "S2": "S2", "S3": "S3", "DIV": "D-IV", "D4": "D-IV", "DIII": "D-III", "D3": "D-III",
		"DII": "D-II", "D2": "D-II", "DI": "D-I", "D1": "D-I", "SMA": "SMA", "SLTA": "SMA", "SMK": "SMK", "SMP": "SMP", "SLTP": "SMP", "SD": "SD"}
)

func education(least string) func(Profile, Target, Requirement) Check {
	requires := least + " atau lebih"
	if least == "S1" {
		requires = "S1/D-IV atau lebih"
	}
	return func(p Profile, _ Target, _ Requirement) Check {
		c := Check{Requires: requires}
		switch rank, ok := educationRanks[p.Education]; {
		case !ok:
			c.Status, c.Has = CheckUnchecked, "pendidikan tidak ada di data"
		case rank >= educationRanks[least]:
			c.Status, c.Has = CheckMet, p.Education
		default:
			c.Status, c.Has = CheckFailed, "tercatat "+p.Education
		}
		return c
	}
}

// experience: sedang atau pernah menduduki the level below (or an
// equivalent JF) for at least years. Who holds the post's level or above
// already has it; who is two levels below fails (and the jump too).
func experience(years int) func(Profile, Target, Requirement) Check {
	return func(p Profile, t Target, _ Requirement) Check {
		below := LevelName(t.Rung.Level - 1)
		c := Check{Requires: fmt.Sprintf("%d tahun sebagai %s atau JF setara", years, below)}
		switch {
		case !p.Rung.Known:
			c.Status, c.Has = CheckUnchecked, "jenis jabatan sekarang tidak diketahui"
		case p.Rung.Level >= t.Rung.Level:
			c.Status, c.Has = CheckMet, "sudah menduduki "+p.Rung.Name()
		case p.Rung.Level < t.Rung.Level-1:
			c.Status, c.Has = CheckFailed, "jabatan sekarang "+p.Rung.Name()
		case p.InPostSince.IsZero():
			c.Status, c.Has = CheckUnchecked, "TMT jabatan tidak ada di data"
		case !p.InPostSince.AddDate(years, 0, 0).After(t.At):
			c.Status, c.Has = CheckMet, fmt.Sprintf("%s sejak %d", p.Rung.Name(), p.InPostSince.Year())
		default:
			c.Status, c.Has = CheckFailed, fmt.Sprintf("%s baru sejak %s", p.Rung.Name(), p.InPostSince.Format("01-2006"))
		}
		return c
	}
}

// ageAt is the whole years from birth to at.
func ageAt(birth, at time.Time) int {
	age := at.Year() - birth.Year()
	if at.Month() < birth.Month() || (at.Month() == birth.Month() && at.Day() < birth.Day()) {
		age--
	}
	return age
}

func maxAge(most int) func(Profile, Target, Requirement) Check {
	return func(p Profile, t Target, _ Requirement) Check {
		c := Check{Requires: fmt.Sprintf("paling tinggi %d tahun saat pengangkatan", most)}
		if p.Birth.IsZero() {
			c.Status, c.Has = CheckUnchecked, "tanggal lahir tidak ada di data"
			return c
		}
		age := ageAt(p.Birth, t.At)
		c.Has = fmt.Sprintf("%d tahun", age)
		c.Status = CheckMet
		if age > most {
			c.Status = CheckFailed
		}
		return c
	}
}

// skp: predikat at least Baik in each of the last two years (the two
// calendar years before the appointment's).
func skp(p Profile, t Target, _ Requirement) Check {
	y1, y2 := t.At.Year()-1, t.At.Year()-2
	c := Check{Requires: fmt.Sprintf("paling kurang Baik pada %d dan %d", y2, y1)}
	var missing, below []string
	for _, y := range []int{y2, y1} {
		pr, ok := p.SKP.Of(y)
		switch {
		case !ok:
			missing = append(missing, fmt.Sprint(y))
		case pr != PredikatBaik && pr != PredikatSangatBaik:
			below = append(below, fmt.Sprintf("%d %s", y, pr.Label()))
		}
	}
	switch {
	case len(below) > 0:
		c.Status, c.Has = CheckFailed, "predikat "+strings.Join(below, ", ")
	case len(missing) > 0:
		c.Status, c.Has = CheckUnchecked, "predikat tahun "+strings.Join(missing, " dan ")+" tidak ada di data talenta"
	default:
		c.Status, c.Has = CheckMet, fmt.Sprintf("%s (%d), %s (%d)", predOf(p.SKP, y2).Label(), y2, predOf(p.SKP, y1).Label(), y1)
	}
	return c
}

func predOf(s SKPYears, year int) Predikat { p, _ := s.Of(year); return p }

// eselonPangkat is the lowest pangkat of the eselon of a post of the
// level in the lampiran of PP 100/2000 jo. PP 13/2002 (II.b IV/b, III.b
// III/d, IV.b III/a; the roster does not tell a from b, so the b's), and
// that eselon; "" for a level without one.
func eselonPangkat(level int) (lowest, eselon string) {
	switch level {
	case LevelJPTPratama:
		return "IV/b", "II.b"
	case LevelAdministrator:
		return "III/d", "III.b"
	case LevelPengawas:
		return "III/a", "IV.b"
	}
	return "", ""
}

// GolonganNote is a note, no requirement, for an ASN whose golongan is
// below the lowest pangkat of the target's eselon in the old table (see
// requirements): Baperjakat may still weigh it. "" when it is not, or
// either is unknown.
func GolonganNote(golongan string, target Rung) string {
	lowest, eselon := eselonPangkat(target.Level)
	g := golonganRank(golongan)
	if !target.Known || lowest == "" || g == 0 || g >= golonganRank(lowest) {
		return ""
	}
	return fmt.Sprintf("golongan %s di bawah %s, pangkat terendah eselon %s dalam lampiran PP 100/2000 jo. PP 13/2002; "+
		"bukan syarat jabatan menurut PP 11/2017 jo. PP 17/2020", golongan, lowest, eselon)
}

// jump: at most one level up the ladder (pelaksana → pengawas →
// administrator → JPT pratama), JF jenjang as their equivalents.
func jump(p Profile, t Target, _ Requirement) Check {
	c := Check{Requires: "naik paling banyak satu jenjang"}
	switch {
	case !p.Rung.Known:
		c.Status, c.Has = CheckUnchecked, "jenis jabatan sekarang tidak diketahui"
	case t.Rung.Level-p.Rung.Level > 1:
		c.Status, c.Has = CheckFailed, fmt.Sprintf("naik lebih dari satu jenjang (%s → %s)", p.Rung.Name(), t.Rung.Name())
	default:
		c.Status, c.Has = CheckMet, fmt.Sprintf("%s → %s", p.Rung.Name(), t.Rung.Name())
	}
	return c
}

// bupOf is the retirement age (batas usia pensiun) of a post: 58 for
// administrasi posts and JF ahli muda, ahli pertama and keterampilan; 60
// for JPT and JF ahli madya; 65 for JF ahli utama (PP 11/2017 Pasal 239
// ayat (2)).
func bupOf(r Rung) int {
	switch {
	case r.JF == "ahli utama":
		return 65
	case r.JF == "ahli madya", r.JF == "" && r.Level >= LevelJPTPratama:
		return 60
	}
	return 58
}

// bup: the post's retirement age not reached within the target's term
// (12 months when none is given).
func bup(p Profile, t Target, _ Requirement) Check {
	age := bupOf(t.Rung)
	months := t.TermMonths
	if months <= 0 {
		months = 12
	}
	end := t.At.AddDate(0, months, 0)
	c := Check{Requires: fmt.Sprintf("belum %d tahun sampai akhir masa target (%s)", age, end.Format("01-2006"))}
	if p.Birth.IsZero() {
		c.Status, c.Has = CheckUnchecked, "tanggal lahir tidak ada di data"
		return c
	}
	retire := p.Birth.AddDate(age, 0, 0)
	c.Has = "pensiun " + retire.Format("01-2006")
	c.Status = CheckMet
	if !retire.After(end) {
		c.Status = CheckFailed
	}
	return c
}

// LegendRequirements is the one wording of the requirement marks, for the
// chat lists and the spreadsheets alike.
const LegendRequirements = "⭐ siap = memenuhi syarat dan di kotak 7 sampai 9 (kelompok rencana suksesi). " +
	"Memenuhi syarat = tidak ada syarat yang terbukti tidak dipenuhi. " +
	"❌ tidak memenuhi = syarat jabatan yang tidak dipenuhi menurut data (PP 11/2017 jo. PP 17/2020; pasalnya disebut). " +
	"❔ belum dapat diperiksa = data belum ada; bukan lulus, bukan gagal. " +
	"ℹ️ catatan = bukan syarat. Baperjakat yang memutuskan."
