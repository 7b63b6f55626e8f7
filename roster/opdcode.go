package roster

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"openkarir/karir"
)

// How an OPD gets its code when the export has only its name (the parent
// unit, UNOR_INDUK_NAMA): a code stored for that name before, a mapping
// file's (nama_unit;kode_opd;nama_opd), or one made from the name.

// knownOPDCodes are the abbreviations Pemerintah Kota agencies go by,
// keyed by the name as opdKey writes it.
var knownOPDCodes = map[string]string{
	"dinas kesehatan":                                                  "DINKES",
	"dinas pendidikan":                                                 "DISDIK",
	"dinas pendidikan dan kebudayaan":                                  "DISDIK",
	"dinas kebudayaan":                                                 "DISBUD",
	"dinas sosial":                                                     "DINSOS",
	"dinas perhubungan":                                                "DISHUB",
	"dinas lingkungan hidup":                                           "DLH",
	"dinas pariwisata":                                                 "DISPAR",
	"dinas pertanian":                                                  "DISTAN",
	"dinas perikanan":                                                  "DISKAN",
	"dinas ketahanan pangan":                                           "DKP",
	"dinas tenaga kerja":                                               "DISNAKER",
	"dinas pemuda dan olahraga":                                        "DISPORA",
	"dinas pemadam kebakaran":                                          "DAMKAR",
	"dinas komunikasi dan informatika":                                 "DISKOMINFO",
	"dinas perpustakaan dan kearsipan":                                 "DISPUSIP",
	"dinas perindustrian dan perdagangan":                              "DISPERINDAG",
	"dinas perdagangan":                                                "DISDAG",
	"dinas koperasi dan ukm":                                           "DISKOP",
	"dinas koperasi usaha kecil dan menengah":                          "DISKOP",
	"dinas pekerjaan umum dan penataan ruang":                          "DPUPR",
	"dinas pekerjaan umum":                                             "DPU",
	"dinas perumahan dan kawasan permukiman":                           "DISPERKIM",
	"dinas perumahan rakyat dan kawasan permukiman":                    "DISPERKIM",
	"dinas kependudukan dan pencatatan sipil":                          "DISDUKCAPIL",
	"dinas penanaman modal dan pelayanan terpadu satu pintu":           "DPMPTSP",
	"dinas pengendalian penduduk dan keluarga berencana":               "DPPKB",
	"dinas pemberdayaan perempuan dan perlindungan anak":               "DP3A",
	"dinas pemberdayaan masyarakat dan desa":                           "DPMD",
	"badan kepegawaian dan pengembangan sumber daya manusia":           "BKPSDM",
	"badan kepegawaian dan pengembangan sumber daya manusia daerah":    "BKPSDM",
	"badan kepegawaian daerah":                                         "BKD",
	"badan perencanaan pembangunan daerah":                             "BAPPEDA",
	"badan perencanaan pembangunan penelitian dan pengembangan daerah": "BAPPEDA",
	"badan pengelolaan keuangan dan aset daerah":                       "BPKAD",
	"badan keuangan daerah":                                            "BKD-KEU",
	"badan pendapatan daerah":                                          "BAPENDA",
	"badan penanggulangan bencana daerah":                              "BPBD",
	"badan kesatuan bangsa dan politik":                                "KESBANGPOL",
	"satuan polisi pamong praja":                                       "SATPOLPP",
	"satuan polisi pamong praja dan pemadam kebakaran":                 "SATPOLPP",
	"sekretariat daerah":                                               "SETDA",
	"sekretariat dewan perwakilan rakyat daerah":                       "SETWAN",
	"sekretariat dprd":                                                 "SETWAN",
	"inspektorat":                                                      "INSPEKTORAT",
	"inspektorat daerah":                                               "INSPEKTORAT",
	"rumah sakit umum daerah":                                          "RSUD",
}

// opdKey is a unit's name for lookups: lower case, single spaces, no
// punctuation, without a trailing "kota bengkulu"-like place.
func opdKey(name string) string {
	w := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i, x := range w {
		if (x == "kota" || x == "kabupaten" || x == "provinsi") && i > 0 {
			w = w[:i]
			break
		}
	}
	return strings.Join(w, " ")
}

// skippedWords are left out of a code made of initials.
var skippedWords = map[string]bool{"dan": true, "serta": true, "atau": true, "di": true, "ke": true, "dari": true, "yang": true}

// makeOPDCode is a code for an agency's name: a known abbreviation, else
// the initials of its words ("Kecamatan Ratu Agung" KEC-RA, "Badan Riset
// dan Inovasi Daerah" BRID), else the single word itself, at most 12
// characters.
func makeOPDCode(name string) string {
	key := opdKey(name)
	if c, ok := knownOPDCodes[key]; ok {
		return c
	}
	words := strings.Fields(key)
	if len(words) == 0 {
		return "OPD"
	}
	prefix := ""
	if words[0] == "kecamatan" || words[0] == "kelurahan" {
		prefix, words = strings.ToUpper(words[0][:3])+"-", words[1:]
	}
	var b strings.Builder
	for _, w := range words {
		if !skippedWords[w] {
			r := []rune(w)
			b.WriteRune(unicode.ToUpper(r[0]))
		}
	}
	code := b.String()
	if len(words) == 1 || len(code) < 2 {
		code = strings.ToUpper(strings.Join(words, ""))
	}
	return truncate(prefix+code, 12)
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// opdResolver gives each row its OPD code: the kode_opd column, a unit
// named in a mapping file, a code stored for that OPD name, or one made.
type opdResolver struct {
	byUnit  map[string]karir.OPD // opdKey(unit or OPD name) → stored OPD
	taken   map[string]string    // code → opdKey of the name it is taken for
	made    map[string]string    // opdKey(name) → code made in this import
	newOPDs []karir.OPD          // the OPDs made, for the summary
	// keys are opdKey's of the names seen: an export of 100,000 rows
	// names some 60 OPDs, each looked up for every row.
	keys map[string]string
}

// key is opdKey(name), made once a name.
func (r *opdResolver) key(name string) string {
	k, ok := r.keys[name]
	if !ok {
		k = opdKey(name)
		r.keys[name] = k
	}
	return k
}

func newOPDResolver(stored []karir.OPD) *opdResolver {
	r := &opdResolver{byUnit: map[string]karir.OPD{}, taken: map[string]string{}, made: map[string]string{}, keys: map[string]string{}}
	for _, o := range stored {
		r.taken[o.Code] = r.key(o.Name)
		if k := r.key(o.Name); k != "" {
			if _, dup := r.byUnit[k]; !dup {
				r.byUnit[k] = o
			}
		}
	}
	// A mapping file's units win over a name that happens to match.
	for _, o := range stored {
		for _, u := range o.Units {
			r.byUnit[r.key(u)] = o
		}
	}
	return r
}

// known is the stored OPD for a unit or OPD name, if any.
func (r *opdResolver) known(name string) (karir.OPD, bool) {
	o, ok := r.byUnit[r.key(name)]
	return o, ok
}

// reserve marks codes that rows give in a kode_opd column.
func (r *opdResolver) reserve(code, name string) {
	if _, ok := r.taken[code]; !ok {
		r.taken[code] = r.key(name)
	}
}

// make gives codes to the names nobody knows, in the names' order, so
// the same names get the same codes whatever the rows' order: a code
// taken by another name gets 2, 3... appended.
func (r *opdResolver) make(names []string) {
	slices.SortFunc(names, func(a, b string) int { return strings.Compare(r.key(a), r.key(b)) })
	for _, n := range names {
		k := r.key(n)
		if _, done := r.made[k]; done {
			continue
		}
		base := makeOPDCode(n)
		code := base
		for i := 2; ; i++ {
			owner, taken := r.taken[code]
			if !taken || owner == k {
				break
			}
			code = truncate(base, 12-len(strconv.Itoa(i))) + strconv.Itoa(i)
		}
		r.taken[code], r.made[k] = k, code
		r.newOPDs = append(r.newOPDs, karir.OPD{Code: code, Name: n})
	}
}
