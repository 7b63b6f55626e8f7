package karir

import "fmt"

// The career ladder a post sits on, for the requirements (requirements.go).

// Levels of the career ladder (UU 20/2023 jabatan types), lowest first;
// JabatanType.Level gives each type's (jabatanLevels).
const (
	LevelPelaksana     = 0
	LevelPengawas      = 1
	LevelAdministrator = 2
	LevelJPTPratama    = 3
	LevelJPTMadya      = 4 // above what a city fills
)

// levelNames are the levels as Baperjakat reads them.
var levelNames = map[int]string{
	LevelPelaksana: "pelaksana", LevelPengawas: "pengawas", LevelAdministrator: "administrator",
	LevelJPTPratama: "JPT pratama", LevelJPTMadya: "JPT madya",
}

// LevelName is a level as Baperjakat reads it.
func LevelName(level int) string { return levelNames[level] }

// Rung is where a post sits on the ladder: its level, and the JF jenjang
// it is when it is a JF ("" for a structural post).
type Rung struct {
	Level int
	JF    string // "ahli pertama", "ahli muda", "ahli madya", "ahli utama", "keterampilan", or ""
	Known bool
}

// Name is the rung as a line shows it: "administrator", "JF ahli madya
// (setara administrator)".
func (r Rung) Name() string {
	if !r.Known {
		return "jenjang tidak diketahui"
	}
	if r.JF != "" {
		return fmt.Sprintf("JF %s (setara %s)", r.JF, LevelName(r.Level))
	}
	return LevelName(r.Level)
}

// RungOfType is where a post of the type sits; unknown for the zero type
// and for a JF whose jenjang the roster does not say.
func RungOfType(t JabatanType) Rung {
	l, ok := t.Level()
	if !ok {
		return Rung{}
	}
	r := Rung{Level: l, Known: true}
	switch t {
	case JFAhliUtama, JFAhliMadya, JFAhliMuda, JFAhliPertama:
		r.JF = jenjangWord(t)
	case JFPenyelia, JFMahir, JFTerampil, JFPemula:
		r.JF = "keterampilan"
	}
	return r
}

// RungOf is where a post sits, from its name and eselon (ClassifyJabatan);
// unknown when neither says its type.
func RungOf(position, eselon string) Rung {
	t, ok := ClassifyJabatan("", eselon, position)
	if !ok {
		return Rung{}
	}
	return RungOfType(t)
}
