package karir

import "strings"

// The types of posts of UU 20/2023 (Pasal 13 ff.): JPT (utama, madya,
// pratama), administrator, pengawas, pelaksana, and fungsional with its
// jenjang (PP 11/2017 jo. PP 17/2020: keahlian ahli utama, madya, muda,
// pertama; keterampilan penyelia, mahir, terampil, pemula). A minimal
// reader for the peta jabatan until the roster's own type of post lands.

// PostLevels are the words a peta jabatan's jenis_jabatan may take.
var PostLevels = []string{
	"JPT Utama", "JPT Madya", "JPT Pratama", "Administrator", "Pengawas", "Pelaksana",
	"Fungsional Ahli Utama", "Fungsional Ahli Madya", "Fungsional Ahli Muda", "Fungsional Ahli Pertama",
	"Fungsional Penyelia", "Fungsional Mahir", "Fungsional Terampil", "Fungsional Pemula",
}

// ParsePostLevel reads a jenis_jabatan cell ("jpt pratama", "Fungsional
// Ahli Muda", "JF Terampil", "pelaksana"); ok is false for what it does
// not know.
func ParsePostLevel(s string) (level string, ok bool) {
	n := NormalizePost(s)
	n = strings.TrimPrefix(strings.TrimPrefix(n, "jabatan "), "jf ")
	n = strings.TrimPrefix(n, "fungsional ")
	n = strings.Replace(n, "pimpinan tinggi", "jpt", 1)
	for _, l := range PostLevels {
		if v := NormalizePost(strings.TrimPrefix(l, "Fungsional ")); v == n {
			return l, true
		}
	}
	switch n {
	case "jpt", "struktural":
		return "", false
	case "fungsional umum":
		return "Pelaksana", true
	}
	return "", false
}

// LevelOfEselon is the type of a post from its old eselon, by UU 5/2014
// Pasal 131 (kept by UU 20/2023): eselon I JPT madya, II JPT pratama, III
// administrator, IV pengawas, V and fungsional umum pelaksana; "" for a
// cell that names none.
func LevelOfEselon(s string) string {
	v := strings.ToUpper(strings.NewReplacer(".", "", " ", "", "-", "").Replace(strings.TrimSpace(s)))
	v = strings.TrimRight(v, "AB")
	switch v {
	case "I", "1":
		return "JPT Madya"
	case "II", "2":
		return "JPT Pratama"
	case "III", "3":
		return "Administrator"
	case "IV", "4":
		return "Pengawas"
	case "V", "5", "STAF", "PELAKSANA", "NONESELON", "NON":
		return "Pelaksana"
	}
	return ""
}
