package karir

import "strings"

// How a post's type is read from what a personnel export says of it: its
// JENIS_JABATAN, its ESELON and its name. The name patterns live here and
// only here.

// jenjangPhrases are the words of each jenjang in a functional post's name
// ("Perawat Ahli Muda", "Pranata Komputer Terampil"), with the older
// keterampilan names (pelaksana pemula, pelaksana lanjutan) of PermenPANRB
// before 2019.
var jenjangPhrases = []struct {
	words string
	t     JabatanType
}{
	{"ahli utama", JFAhliUtama}, {"ahli madya", JFAhliMadya}, {"ahli muda", JFAhliMuda}, {"ahli pertama", JFAhliPertama},
	{"penyelia", JFPenyelia}, {"mahir", JFMahir}, {"pelaksana lanjutan", JFMahir}, {"terampil", JFTerampil},
	{"pelaksana pemula", JFPemula}, {"pemula", JFPemula},
}

// jenjangOf finds a jenjang in a post's words (as jabatanWords writes them).
func jenjangOf(words string) (JabatanType, bool) {
	padded := " " + words + " "
	for _, p := range jenjangPhrases {
		if strings.Contains(padded, " "+p.words+" ") {
			return p.t, true
		}
	}
	return "", false
}

// jenjangWord is the phrase that names a jenjang type in a post.
func jenjangWord(t JabatanType) string {
	for _, p := range jenjangPhrases {
		if p.t == t {
			return p.words
		}
	}
	return ""
}

// postPatterns are the beginnings of post names that say the type, in the
// nomenclature of PP 18/2016 (perangkat daerah) for a Pemerintah Kota,
// where the Sekretaris Daerah is JPT pratama (eselon II.a).
// The longest matching beginning wins, so "sekretaris daerah" beats
// "sekretaris". Fungsional is a functional post without its jenjang.
var postPatterns = map[string]JabatanType{
	"sekretaris daerah": JPTPratama, "asisten": JPTPratama, "staf ahli": JPTPratama,
	"inspektur": JPTPratama, "sekretaris dprd": JPTPratama, "sekretaris dewan": JPTPratama,
	"kepala dinas": JPTPratama, "kepala badan": JPTPratama, "kepala satuan polisi pamong praja": JPTPratama,
	"kepala satpol pp": JPTPratama, "direktur": JPTPratama, "kadis": JPTPratama,

	"inspektur pembantu": Administrator, "kepala bidang": Administrator, "kepala bagian": Administrator,
	"sekretaris": Administrator, "camat": Administrator, "sekretaris camat": Administrator,
	"kabid": Administrator, "kabag": Administrator, "wakil direktur": Administrator,

	"kepala seksi": Pengawas, "kasi": Pengawas, "kepala subbagian": Pengawas, "kepala sub bagian": Pengawas,
	"kasubag": Pengawas, "kasubbag": Pengawas, "kepala subbidang": Pengawas, "kepala sub bidang": Pengawas,
	"kasubbid": Pengawas, "lurah": Pengawas, "sekretaris lurah": Pengawas, "sekretaris kelurahan": Pengawas,
	"kepala unit pelaksana teknis": Pengawas, "kepala upt": Pengawas,

	"guru": Fungsional, "dokter": Fungsional, "perawat": Fungsional, "bidan": Fungsional, "apoteker": Fungsional,
	"pranata": Fungsional, "penyuluh": Fungsional, "arsiparis": Fungsional, "pustakawan": Fungsional,
	"auditor": Fungsional, "epidemiolog": Fungsional, "sanitarian": Fungsional, "nutrisionis": Fungsional,
	"pamong budaya": Fungsional, "widyaiswara": Fungsional, "perencana": Fungsional, "pengawas sekolah": Fungsional,
	"asesor sdm aparatur": Fungsional, "analis kebijakan": Fungsional, "pengawas penyelenggaraan urusan pemerintahan": Fungsional,
	"polisi pamong praja": Fungsional, "pemadam kebakaran": Fungsional, "statistisi": Fungsional, "radiografer": Fungsional,
	"fisioterapis": Fungsional, "administrator kesehatan": Fungsional, "psikolog klinis": Fungsional,

	// Pelaksana names (PermenPANRB 41/2018 and KepmenPANRB 11/2024).
	"analis": Pelaksana, "pengadministrasi": Pelaksana, "pengelola": Pelaksana, "pengolah": Pelaksana,
	"pengumpul": Pelaksana, "penata layanan operasional": Pelaksana, "operator": Pelaksana, "staf": Pelaksana,
	"staff": Pelaksana, "pelaksana": Pelaksana, "bendahara": Pelaksana, "caraka": Pelaksana, "pramu": Pelaksana,
	"pengemudi": Pelaksana, "petugas": Pelaksana, "teknisi": Pelaksana, "juru": Pelaksana, "verifikator": Pelaksana,
	"pemroses": Pelaksana, "penyusun": Pelaksana, "pengaman": Pelaksana, "pengawal": Pelaksana, "sopir": Pelaksana,
	"pengurus": Pelaksana, "penelaah": Pelaksana, "pengelola keuangan": Pelaksana, "pengevaluasi": Pelaksana,
	"pengawas konstruksi": Pelaksana, "pengawas lapangan": Pelaksana,
}

// postPattern is the type the longest matching beginning of the post's
// words says, false when none does.
func postPattern(words string) (JabatanType, bool) {
	best, found := "", JabatanType("")
	for p, t := range postPatterns {
		if (words == p || strings.HasPrefix(words, p+" ")) && len(p) > len(best) {
			best, found = p, t
		}
	}
	return found, best != ""
}

// ClassifyJabatan reads a post's type from a personnel export's
// JENIS_JABATAN (Struktural, Fungsional Tertentu, Fungsional Umum,
// Pelaksana, or a type's own name), ESELON and the post's name; any may be
// empty. ok is false when nothing says the type: the post is then taken
// for pelaksana and the import warns.
//
// What wins: a jenis that names a type; for a functional jenis the jenjang
// in the name; an eselon (UU 5/2014 Pasal 131, kept by UU 20/2023's
// transitional rules: eselon I JPT madya, II JPT pratama, III administrator,
// IV pengawas, V pelaksana); a jenjang in the name; the name's pattern.
func ClassifyJabatan(jenis, eselon, name string) (t JabatanType, ok bool) {
	words := jabatanWords(name)
	jenjang, hasJenjang := jenjangOf(words)
	structural := false
	switch jw := jabatanWords(jenis); jw {
	case "":
	case "struktural", "jabatan struktural", "manajerial", "jabatan manajerial":
		structural = true
	default:
		jt, err := ParseJabatanType(jenis)
		switch {
		case err != nil:
		case jt == Fungsional && hasJenjang:
			return jenjang, true
		case jt == Fungsional:
			return Fungsional, true
		default:
			return jt, true
		}
	}
	if t := EselonType(NormalizeEselon(eselon)); t != "" {
		return t, true
	}
	if hasJenjang && !structural {
		return jenjang, true
	}
	if pt, ok := postPattern(words); ok && (!structural || pt.Managerial()) {
		return pt, true
	}
	return Pelaksana, false
}

// EselonType is the type an eselon (as NormalizeEselon writes it) stands
// for (UU 5/2014 Pasal 131); "" for none.
func EselonType(eselon string) JabatanType {
	roman, _, _ := strings.Cut(eselon, ".")
	switch roman {
	case "I":
		return JPTMadya
	case "II":
		return JPTPratama
	case "III":
		return Administrator
	case "IV":
		return Pengawas
	case "V":
		return Pelaksana
	}
	return ""
}

// NormalizeEselon writes an eselon as the personnel systems name it, its
// sub-level kept: "II.a", "III.b", "IV" (when no a/b is given). It reads
// "2", "IIa", "II/a", "Eselon III.b", "4.a"; it returns "" for a post
// without eselon ("non eselon", "Staf", "Pelaksana", "-", "").
func NormalizeEselon(s string) string {
	v := strings.ToUpper(eselonSeparators.Replace(strings.TrimSpace(s)))
	v = strings.TrimPrefix(v, "ESELON")
	sub := ""
	if n := len(v); n > 1 && (v[n-1] == 'A' || v[n-1] == 'B') {
		sub, v = "."+strings.ToLower(v[n-1:]), v[:n-1]
	}
	roman := romanEselon(v)
	if roman == "" {
		return ""
	}
	return roman + sub
}

// romanEselon is an eselon's level in Roman numerals ("2" and "II" are
// "II"), "" for none. A switch, not a map literal: NormalizeEselon runs
// twice a roster row, and the map it built each call was a third of a
// 100,000-row import's allocations (issue 21).
func romanEselon(v string) string {
	switch v {
	case "1", "I":
		return "I"
	case "2", "II":
		return "II"
	case "3", "III":
		return "III"
	case "4", "IV":
		return "IV"
	case "5", "V":
		return "V"
	}
	return ""
}

// Type is the employee's jenis jabatan: as the roster import read it, or,
// for an employee stored before types existed, read again from the eselon
// and the post.
func (e Employee) Type() JabatanType {
	if e.JabatanType.Valid() {
		return e.JabatanType
	}
	t, _ := ClassifyJabatan("", e.Eselon, e.Position)
	return t
}

// eselonSeparators are dropped from an eselon (built once).
var eselonSeparators = strings.NewReplacer(".", "", " ", "", "/", "", "-", "", "_", "")
