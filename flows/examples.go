package flows

import (
	"strings"

	"openkarir/karir"
)

// targetExample is a measurable target that fits a kind of work, shown at
// the target step to ASN whose OPD or post is of that kind.
type targetExample struct {
	// Words any of which, in the OPD's or the post's name (lower case),
	// marks the kind of work.
	Words   []string
	Example string
}

// targetExamples is the one table of example targets, the first match
// first; the last one fits any work.
var targetExamples = []targetExample{
	{Words: []string{"kesehatan", "rumah sakit", "puskesmas", "dokter", "perawat", "bidan", "apoteker", "gizi"},
		Example: "cakupan imunisasi dasar lengkap di wilayah kerja naik dari 85% menjadi 95%"},
	{Words: []string{"pendidikan", "sekolah", "guru", "kebudayaan", "perpustakaan"},
		Example: "80% siswa kelas 5 di sekolah binaan mencapai kompetensi minimum literasi, naik dari 65%"},
	{Words: []string{"pekerjaan umum", "penataan ruang", "jalan", "drainase", "teknik", "perumahan"},
		Example: "90% ruas jalan kota dalam kondisi mantap, naik dari 78%"},
	{Words: []string{"perdagangan", "pasar", "perindustrian", "lingkungan", "kebersihan"},
		Example: "100% pasar di kota bersih dan tertata, dengan sampah terangkut setiap hari"},
	{Words: []string{"kepegawaian", "sumber daya manusia", "bkpsdm"},
		Example: "95% usulan kenaikan pangkat diproses tepat waktu, tanpa berkas kembali"},
	{Words: []string{"pelayanan", "perizinan", "kependudukan", "pencatatan sipil", "terpadu"},
		Example: "waktu layanan izin turun dari 5 hari kerja menjadi 3 hari kerja"},
	{Example: "waktu layanan di unit Anda turun dari 5 hari kerja menjadi 3 hari kerja"},
}

// examplesFor are the example targets for an ASN: the one of their kind of
// work (their OPD, else their post; for a move, the target OPD first), and
// one that fits any work.
func examplesFor(emp *karir.Employee, d karir.Answers) []string {
	var out []string
	for _, name := range []string{d.TargetOPDName, d.TargetPosition, emp.OPDName, emp.Position} {
		if ex := exampleOf(name); ex != "" && len(out) == 0 {
			out = append(out, ex)
		}
	}
	general := targetExamples[len(targetExamples)-1].Example
	if len(out) == 0 {
		out = append(out, targetExamples[3].Example)
	}
	return append(out, general)
}

// exampleOf is the example of the first kind of work name names, or "".
func exampleOf(name string) string {
	name = strings.ToLower(name)
	if name == "" {
		return ""
	}
	for _, e := range targetExamples {
		for _, w := range e.Words {
			if strings.Contains(name, w) {
				return e.Example
			}
		}
	}
	return ""
}
