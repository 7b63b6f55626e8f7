package roster

// columnAliases is the one table of the names a column goes by in the
// files BKPSDM has: our own header, SIASN's export (upper case, words
// joined by "_" or spaces: NIP_BARU, GOL_AKHIR_NAMA, UNOR_INDUK_NAMA) and
// the cities' SIMPEG. Each canonical name (the key, as the code reads it)
// takes the first of its aliases the header has, in this order; names are
// compared as columnName writes them, so case, spaces and "_" do not
// matter.
var columnAliases = map[string][]string{
	"nip":            {"nip", "nip_baru", "nipbaru", "nip/ni_pppk", "nip_/_ni_pppk", "nip_ni_pppk", "ni_pppk", "nomor_induk_pegawai"},
	"nama":           {"nama", "nama_pegawai", "nama_lengkap", "nama_asn"},
	"gelar_depan":    {"gelar_depan", "gelar_dpn"},
	"gelar_belakang": {"gelar_belakang", "gelar_blk"},
	"jabatan":        {"jabatan", "jabatan_nama", "nama_jabatan", "jabatan_terakhir"},
	"jenis_jabatan":  {"jenis_jabatan", "jenis_jabatan_nama", "jenis_jabatan_id_nama"},
	"eselon":         {"eselon", "eselon_nama", "eselon_jabatan"},
	"golongan":       {"golongan", "gol_akhir_nama", "pangkat_golongan", "golongan_ruang", "gol_ruang", "gol_akhir", "pangkat/golongan", "gol"},
	"tmt_jabatan":    {"tmt_jabatan", "tmt_jab"},
	"tanggal_lahir":  {"tanggal_lahir", "tgl_lahir", "tanggal_lhr"},
	"pendidikan":     {"pendidikan", "tingkat_pendidikan", "tingkat_pendidikan_nama", "pendidikan_terakhir", "tk_pendidikan"},
	"jenis_pegawai":  {"jenis_pegawai", "status_pegawai", "jenis_pegawai_nama", "status_kepegawaian", "jenis_asn"},
	"kedudukan":      {"kedudukan_hukum", "kedudukan_hukum_nama", "kedudukan", "kedudukan_pegawai", "status_aktif"},
	"no_hp":          {"no_hp", "nomor_hp", "nomor_handphone", "no_handphone", "hp", "nomor_telepon", "no_telp"},
	"unit":           {"unit", "unor_nama", "unit_kerja", "unit_organisasi", "nama_unor"},
	"nama_opd":       {"nama_opd", "unor_induk_nama", "satuan_kerja_nama", "opd", "satuan_kerja", "perangkat_daerah", "unit_kerja_induk", "nama_unor_induk"},
	"kode_opd":       {"kode_opd"},
	"nip_atasan":     {"nip_atasan", "atasan_nip", "nip_atasan_langsung"},
	"kode_aktivasi":  {"kode_aktivasi"},
}

// resolveAliases adds to a header's columns (name → index) each canonical
// name found under one of its aliases.
func resolveAliases(col map[string]int) {
	for canon, aliases := range columnAliases {
		if _, ok := col[canon]; ok {
			continue
		}
		for _, a := range aliases {
			if i, ok := col[a]; ok {
				col[canon] = i
				break
			}
		}
	}
}

// maxTitleRows is how many rows above the header an export may have
// (SIASN and SIMPEG put a title, the agency and the date there).
const maxTitleRows = 15
