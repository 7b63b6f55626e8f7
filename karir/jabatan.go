package karir

import (
	"errors"
	"fmt"
	"strings"
)

// JabatanType is the kind of an ASN's post ("jenis jabatan") in the words of
// UU 20/2023: a managerial post (Pasal 14: jabatan pimpinan tinggi utama,
// madya, pratama; administrator; pengawas) or a non-managerial one (Pasal
// 18: fungsional, with its jenjang, or pelaksana). The old eselon stays
// beside it on the Employee, as the personnel systems still write it.
type JabatanType string

const (
	JPTUtama      JabatanType = "jpt_utama"
	JPTMadya      JabatanType = "jpt_madya"
	JPTPratama    JabatanType = "jpt_pratama"
	Administrator JabatanType = "administrator"
	Pengawas      JabatanType = "pengawas"
	Pelaksana     JabatanType = "pelaksana"
	// The jenjang of a jabatan fungsional keahlian (PP 11/2017 jo. PP
	// 17/2020 Pasal 71) ...
	JFAhliUtama   JabatanType = "jf_ahli_utama"
	JFAhliMadya   JabatanType = "jf_ahli_madya"
	JFAhliMuda    JabatanType = "jf_ahli_muda"
	JFAhliPertama JabatanType = "jf_ahli_pertama"
	// ... and of a jabatan fungsional keterampilan.
	JFPenyelia JabatanType = "jf_penyelia"
	JFMahir    JabatanType = "jf_mahir"
	JFTerampil JabatanType = "jf_terampil"
	JFPemula   JabatanType = "jf_pemula"
	// Fungsional is a functional post whose jenjang the roster does not say.
	Fungsional JabatanType = "fungsional"
)

// jabatanTypes are all types from the top of the ladder down, the order in
// which reports list them.
var jabatanTypes = []JabatanType{
	JPTUtama, JPTMadya, JPTPratama, Administrator, Pengawas,
	JFAhliUtama, JFAhliMadya, JFAhliMuda, JFAhliPertama,
	JFPenyelia, JFMahir, JFTerampil, JFPemula, Fungsional, Pelaksana,
}

// JabatanTypes lists every type, highest first.
func JabatanTypes() []JabatanType { return append([]JabatanType(nil), jabatanTypes...) }

var jabatanNames = map[JabatanType]string{
	JPTUtama: "JPT Utama", JPTMadya: "JPT Madya", JPTPratama: "JPT Pratama",
	Administrator: "Administrator", Pengawas: "Pengawas", Pelaksana: "Pelaksana",
	JFAhliUtama: "Fungsional Ahli Utama", JFAhliMadya: "Fungsional Ahli Madya",
	JFAhliMuda: "Fungsional Ahli Muda", JFAhliPertama: "Fungsional Ahli Pertama",
	JFPenyelia: "Fungsional Penyelia", JFMahir: "Fungsional Mahir",
	JFTerampil: "Fungsional Terampil", JFPemula: "Fungsional Pemula",
	Fungsional: "Fungsional",
}

// Name is the type as the law names it ("JPT Pratama", "Fungsional Ahli
// Muda"); "" for the zero type.
func (t JabatanType) Name() string { return jabatanNames[t] }

// Valid reports whether t is one of the types.
func (t JabatanType) Valid() bool { _, ok := jabatanNames[t]; return ok }

// Functional reports whether t is a jabatan fungsional.
func (t JabatanType) Functional() bool { return strings.HasPrefix(string(t), "jf_") || t == Fungsional }

// Managerial reports whether t is a jabatan manajerial (UU 20/2023 Pasal 14).
func (t JabatanType) Managerial() bool {
	switch t {
	case JPTUtama, JPTMadya, JPTPratama, Administrator, Pengawas:
		return true
	}
	return false
}

// jabatanLevels are the steps of the career ladder, pelaksana lowest
// (LevelPelaksana ... LevelJPTMadya). A JF jenjang stands on the step of
// the post it sits beside where a higher post is reached from:
//   - ahli madya beside administrator: JPT pratama asks "sedang atau
//     pernah menduduki Jabatan administrator atau JF jenjang ahli madya
//     paling singkat 2 (dua) tahun" (PP 11/2017 jo. PP 17/2020 Pasal 107
//     ayat (1) huruf c angka 4), and Pasal 198 ayat (4) promotes both to
//     JPT pratama;
//   - ahli utama beside JPT pratama: JPT madya asks JPT pratama "atau JF
//     jenjang ahli utama" (Pasal 107 ayat (1) huruf b angka 4);
//   - ahli muda beside pengawas and ahli pertama beside pelaksana, one
//     step below those, as PermenPANRB 28/2019 moved posts (administrator
//     to ahli madya, pengawas to ahli muda): Pasal 54 and 55 ask the years
//     in the post below "atau JF yang setingkat";
//   - the keterampilan jenjang as pelaksana.
//
// (Until December 2026 the ladder put every JF jenjang one step higher,
// ahli madya at JPT pratama: an ahli madya's 2 years were never checked
// and an ahli muda counted as administrator for JPT pratama, against
// Pasal 107.) Fungsional without a jenjang has no step (no jump is
// judged).
var jabatanLevels = map[JabatanType]int{
	Pelaksana: LevelPelaksana, JFPemula: LevelPelaksana, JFTerampil: LevelPelaksana, JFMahir: LevelPelaksana, JFPenyelia: LevelPelaksana,
	JFAhliPertama: LevelPelaksana,
	Pengawas:      LevelPengawas, JFAhliMuda: LevelPengawas,
	Administrator: LevelAdministrator, JFAhliMadya: LevelAdministrator,
	JPTPratama: LevelJPTPratama, JFAhliUtama: LevelJPTPratama,
	JPTMadya: LevelJPTMadya,
	JPTUtama: LevelJPTMadya + 1,
}

// Level is the type's step on the career ladder (pelaksana 0 ... JPT utama
// 5); false when it has none (Fungsional without a jenjang, the zero type).
func (t JabatanType) Level() (int, bool) {
	l, ok := jabatanLevels[t]
	return l, ok
}

// ErrJabatanType means a jenis jabatan word that names no type.
var ErrJabatanType = errors.New("jenis jabatan unknown")

// ParseJabatanType reads a jenis jabatan as an admin types it in a peta
// jabatan or a roster: the law's name in any case and spacing ("JPT
// Pratama", "administrator", "Fungsional Ahli Muda", "JF Ahli Muda", "Ahli
// Muda", "Terampil"), the stored word ("jf_ahli_muda"), or the export's
// JENIS_JABATAN ("Fungsional Umum", "Pelaksana", "Fungsional Tertentu").
func ParseJabatanType(s string) (JabatanType, error) {
	w := jabatanWords(s)
	if t := JabatanType(strings.ReplaceAll(w, " ", "_")); t.Valid() {
		return t, nil
	}
	w = strings.TrimPrefix(strings.TrimPrefix(w, "jabatan "), "jenjang ")
	for _, p := range []string{"jabatan fungsional ", "fungsional ", "jf "} {
		if rest, ok := strings.CutPrefix(w, p); ok {
			w = rest
			break
		}
	}
	w = strings.TrimPrefix(w, "jenjang ")
	switch w {
	case "jpt utama", "pimpinan tinggi utama", "jabatan pimpinan tinggi utama":
		return JPTUtama, nil
	case "jpt madya", "pimpinan tinggi madya", "jabatan pimpinan tinggi madya":
		return JPTMadya, nil
	case "jpt pratama", "pimpinan tinggi pratama", "jabatan pimpinan tinggi pratama":
		return JPTPratama, nil
	case "administrator", "administrasi administrator":
		return Administrator, nil
	case "pengawas", "administrasi pengawas":
		return Pengawas, nil
	case "pelaksana", "umum", "fungsional umum", "jfu", "staf", "staff", "non eselon", "noneselon", "administrasi pelaksana":
		return Pelaksana, nil
	case "tertentu", "fungsional tertentu", "jft", "fungsional", "jf":
		return Fungsional, nil
	}
	if t, ok := jenjangOf(w); ok && strings.TrimSpace(strings.Replace(w, jenjangWord(t), "", 1)) == "" {
		return t, nil
	}
	return "", fmt.Errorf("%w: %q", ErrJabatanType, s)
}

// jabatanWords is s in lower case, words split on spaces, "_", "-", "/",
// "." and commas, joined by one space.
func jabatanWords(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		switch r {
		case ' ', '\t', '_', '-', '/', '.', ',', '(', ')':
			return true
		}
		return false
	}), " ")
}

// JabatanLabel is how a post's level is shown: the type's name, the old
// eselon beside it when the roster gives one ("Administrator (eselon
// III.a)", "Fungsional Ahli Muda").
func JabatanLabel(t JabatanType, eselon string) string {
	name := t.Name()
	if name == "" {
		name = "jenis jabatan tidak diketahui"
	}
	if e := NormalizeEselon(eselon); e != "" {
		return name + " (eselon " + e + ")"
	}
	return name
}

// Type is the filer's jenis jabatan when filing (read again from the
// eselon and post for a form filed before types existed).
func (s *Submission) Type() JabatanType {
	return Employee{Eselon: s.Eselon, Position: s.Position, JabatanType: s.JabatanType}.Type()
}

// Level is the employee's level as shown everywhere (see JabatanLabel).
func (e Employee) Level() string { return JabatanLabel(e.Type(), e.Eselon) }
