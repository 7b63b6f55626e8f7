package flows

// Texts of the admin console.
const (
	txtAccountNotBound = "Akun %s tidak ditemukan atau belum menghubungkan NIP di bot. Admin harus ASN yang sudah terhubung."

	txtAuditHead  = "<b>Catatan tindakan admin terbaru</b>\n"
	txtAuditEmpty = "Belum ada catatan.\n"

	txtCoverageHead      = "<b>Cakupan pengisian Open Karir</b> (periode %s, %s)\n\n"
	txtCoverageAll       = "<b>%d dari %d ASN sudah mengisi, %s</b>\n"
	txtCoverageBreakdown = "Belum mengisi tapi terhubung bot: %d · belum terhubung bot: %d\nTetap: %d · pindah: %d\n"
	txtCoveragePerOPD    = "\n<b>Per OPD</b> (terendah dulu)\n"
	txtCoveragePerType   = "\n<b>Per jenis jabatan</b>\n"
	txtCoveragePerKind   = "\n<b>PNS dan PPPK</b>\n"
	txtCoverageLine      = "• %s: %d/%d (%s) · bot %d · tanpa bot %d · tetap %d · pindah %d\n"
	txtCoverageLegend    = "\n<i>bot</i> = belum mengisi, bisa diingatkan lewat bot; <i>tanpa bot</i> = belum pernah menghubungkan NIP, perlu dihubungi langsung."
	txtCoverageChart     = "Cakupan per OPD. Batas pengisian: %s."

	txtAllFiled       = "🎉 Semua ASN (%s) sudah mengisi."
	txtNotFiledHead   = "<b>%d ASN belum mengisi</b> (%s), halaman %d dari %d\n\n"
	txtNotFiledLine   = "%d. %s · %s · %s %s\n"
	txtNotFiledLegend = "\nTanda: 📲 terhubung bot, bisa diingatkan dengan /ingatkan · ⛔ memblokir bot · ☎️ belum terhubung bot: hubungi lewat nomor HP"
	txtOPDPicker      = "Lihat satu OPD: tekan kodenya (halaman %d dari %d)."
	txtAuditNotFiled  = "daftar %d ASN dengan nomor HP, %s"
	txtNotFiledFile   = "Daftar lengkap, dengan nomor HP, untuk Excel."
	txtNotFiledCSV    = "Daftar yang sama dalam CSV (pemisah titik koma)."
	txtNoPhone        = "tanpa no. HP"

	txtNoDemand     = "Belum ada ASN yang memilih pindah."
	txtDemandHead   = "<b>Peta minat jabatan tujuan</b>\n\n"
	txtDemandLine   = "• %s (%s): %d peminat · pemegang sekarang: %d%s\n"
	txtDemandLegend = "\n⚠️ = diminati lebih dari satu orang; Baperjakat perlu memilih."

	txtExportStarted  = "⏳ Formulir periode %s sedang disiapkan untuk diunduh…"
	txtExportFinished = "Ekspor periode %s selesai; berkasnya di bawah."
	txtExported       = "Ekspor %d formulir periode %s (%s)."
	txtExportUsage    = "Cara pakai: <code>/ekspor</code> untuk periode sekarang, atau <code>/ekspor PERIODE</code>, misalnya <code>/ekspor 2026-1</code> (daftar periode: /periode)."
	txtExportedCSV    = "Versi CSV (UTF-8) dari ekspor yang sama."

	txtImportHow        = "Kirim berkas CSV atau Excel (.xlsx) data pegawai sebagai <b>dokumen</b> dengan keterangan <code>/impor</code>.\nKolom: <code>nip,nama,kode_opd,nama_opd,jabatan,eselon,no_hp,kode_aktivasi</code> (pemisah koma atau titik koma); <code>golongan</code> dan <code>nip_atasan</code> boleh ditambahkan. Tanpa kolom <code>no_hp</code> atau <code>kode_aktivasi</code>, nilai yang tersimpan dipertahankan; berkas dari /ekspor dapat diimpor kembali."
	txtImportWrongType  = "Berkas ini bukan data pegawai yang dapat dibaca. Kirim berkas <b>CSV</b> (.csv) atau <b>Excel</b> (.xlsx) sebagai dokumen dengan keterangan <code>/impor</code>. Berkas .xls lama: simpan dulu sebagai .xlsx atau CSV."
	txtImportUnreadable = "Berkas tidak dapat dibaca: %s\nTidak ada data yang diubah."
	txtImportRejected   = "❌ Berkas ditolak: %d baris bermasalah. <b>Tidak ada data yang diubah.</b> Perbaiki baris berikut lalu kirim ulang:\n"
	txtImportMoreRows   = "\n… dan %d baris lain. Daftar lengkap %d baris ada dalam berkas berikut."
	txtImportRowsFile   = "Daftar lengkap %d baris yang ditolak. Tidak ada data yang diubah."
	txtImportStarted    = "⏳ Berkas <b>%s</b> diterima dan sedang diimpor. Selama proses ini bot tetap dapat dipakai; hasilnya menyusul di sini."
	txtImportChecking   = "⏳ Mengimpor <b>%s</b>: berkas (%s) sudah diterima; baris-barisnya sedang diperiksa dan disimpan…"
	txtImportFinished   = "Impor <b>%s</b> selesai diproses; hasilnya di bawah."
	txtImported         = "✅ Data pegawai diimpor.\n%s"
	// The database failed during /impor, before or after writing some rows.
	txtImportFailedNothing = "⚠️ Impor gagal karena gangguan pada basis data, bukan karena berkasnya.\n<code>%s</code>\n<b>Tidak ada data yang diubah.</b> Silakan kirim ulang berkas yang sama dengan keterangan <code>/impor</code> sebentar lagi."
	txtImportFailedPartly  = "⚠️ Impor terhenti karena gangguan pada basis data, bukan karena berkasnya.\n<code>%s</code>\n<b>Sebagian data sudah tersimpan</b> sebelum gangguan: %d OPD, %d pegawai ditambahkan, %d diperbarui. Silakan kirim ulang berkas yang sama dengan keterangan <code>/impor</code> untuk menyelesaikannya; data yang sudah tersimpan tidak ditulis dua kali."

	txtDeadlineUsage    = "Cara pakai: <code>/tenggat TANGGAL</code>, misalnya <code>/tenggat 2026-12-15</code> atau <code>/tenggat 15 Desember 2026</code>.\nBatas pengisian sekarang: %s."
	txtDateForms        = "Tanggal «%s» tidak dikenali atau tidak ada. Tulis salah satu bentuk ini: %s."
	txtDeadlineAsk      = "Ubah batas pengisian periode <b>%s</b>?\nHari terakhir sekarang: %s\nHari terakhir baru: <b>%s</b> (%s)\nBelum mengisi: <b>%d</b> dari %d ASN.\nSemua ASN melihat batas baru di /status dan di pengingat."
	txtDeadlineAskFirst = "Buka periode pengisian pertama dengan hari terakhir <b>%s</b> (%s)? ASN dapat mulai mengisi formulir."
	txtDeadlineSame     = "Batas pengisian sudah %s; tidak ada yang diubah."
	txtBtnDeadlineYes   = "✅ Ya, ubah batas"
	txtBtnDeadlineNo    = "Batal"
	txtDeadlineKept     = "Dibatalkan; batas pengisian tidak diubah."
	txtDeadlinePast     = "Tanggal %s sudah lewat. Pilih hari ini atau sesudahnya."
	txtDeadlineSet      = "✅ Batas pengisian diubah menjadi <b>%s</b> (%s)."

	txtUnbindUsage = "Cara pakai: <code>/lepas NIP</code> (18 angka)."
	txtUnbindNone  = "NIP %s tidak terhubung dengan akun Telegram mana pun."
	txtUnbindBusy  = "⚠️ NIP %s belum dilepas: akun Telegram id %d sedang dipakai saat ini. Tidak ada yang diubah; silakan coba lagi sebentar lagi."
	txtUnbound     = "✅ NIP %s dilepas dari akun Telegram id %d. Formulir yang sudah dikirim tetap tersimpan; pemiliknya dapat menghubungkan akun baru dengan /start."
)

// Texts of /admin: roles.
const (
	txtRoleListHead    = "<b>Peran yang diberikan di bot</b>\n(Super admin diatur lewat ADMIN_TELEGRAM_IDS.)\n"
	txtRoleListEmpty   = "Belum ada.\n"
	txtRoleUsage       = "\nCara pakai:\n<code>/admin tambah ID_TELEGRAM_atau_@username PERAN [KODE_OPD]</code>\n<code>/admin hapus ID_TELEGRAM_atau_@username [PERAN]</code>\n<code>/admin daftar</code>\nPERAN: <code>verifikator</code> (verifikator BKPSDM), <code>baperjakat</code>, <code>pencatat</code> (pencatat keputusan), <code>admin_opd</code> (dengan KODE_OPD), <code>walikota</code> (Wali Kota)."
	txtRoleUnknown     = "Peran «%s» tidak dikenal; tidak ada yang diubah. Pilih salah satu: <code>verifikator</code>, <code>baperjakat</code>, <code>pencatat</code>, <code>admin_opd</code>, <code>walikota</code>."
	txtRoleSelf        = "Anda tidak dapat mengubah peran Anda sendiri; tidak ada yang diubah. Minta super admin lain."
	txtRoleTargetSuper = "%s adalah super admin (ADMIN_TELEGRAM_IDS) dan sudah memegang semua hak; tidak ada yang diubah."
	txtRoleNeedsOPD    = "Peran admin OPD perlu kode OPD: <code>/admin tambah ID admin_opd KODE_OPD</code>. Tidak ada yang diubah."
	txtRoleNoOPD       = "Peran %s berlaku untuk semua OPD, tanpa kode OPD (%s); tidak ada yang diubah."
	txtRoleHeld        = "%s sudah memegang peran %s; tidak ada yang diubah."
	txtRoleHeldOPD     = "%s sudah admin OPD %s. Cabut dulu peran itu (<code>/admin hapus ID admin_opd</code>) untuk memindahkannya ke OPD lain. Tidak ada yang diubah."
	txtRoleNone        = "%s tidak memegang peran apa pun; tidak ada yang dicabut."
	txtRoleNotHeld     = "%s tidak memegang peran %s (perannya: %s); tidak ada yang dicabut."
	txtRoleNoneHeld    = "tanpa peran"
	txtRoleEvery       = "semua peran"
	txtRoleAskGrant    = "Beri <b>%s</b> (id %d) peran <b>%s</b>?\nPeran sekarang: %s.\nMenu perintahnya diperbarui dan perubahan ini dicatat di /audit."
	txtRoleAskRevoke   = "Cabut <b>%s</b> dari %s?\nPeran sekarang: %s.\nMenu perintahnya diperbarui dan perubahan ini dicatat di /audit."
	txtBtnRoleGrant    = "✅ Ya, beri peran"
	txtBtnRoleRevoke   = "✅ Ya, cabut"
	txtBtnRoleDrop     = "Batal"
	txtRoleDropped     = "Dibatalkan; peran tidak diubah."
	txtRoleChanged     = "✅ Tersimpan. Peran %s sekarang: %s."
	txtRoleMenuFailed  = "Catatan: menu perintah di Telegram belum dapat diperbarui; bot mencobanya lagi saat dijalankan ulang."
)

// Texts of the admin home (/start of whoever holds a role).
const (
	txtHomeHead        = "<b>Beranda admin Open Karir</b>\nPeran Anda: %s\n"
	txtHomeRound       = "Periode <b>%s</b>, batas pengisian %s (%s).\n"
	txtHomeNoRound     = "Belum ada periode pengisian.\n"
	txtHomeQueue       = "\n<b>Antrean tinjauan</b> (%s): %d formulir\n"
	txtHomeCoverage    = "\n<b>Cakupan</b> (%s): %d dari %d ASN sudah mengisi (%s).\n"
	txtHomeHelp        = "\nDaftar perintah Anda: /bantuan."
	txtBtnHomeQueue    = "📋 Antrean"
	txtBtnHomeCoverage = "📊 Cakupan"
	txtBtnHomeNotFiled = "📝 Belum mengisi"
	txtBtnHomeOwnForm  = "🧑 Formulir saya (sebagai ASN)"
)

// auditLabels name the audit log's actions for /audit; the log keeps the
// short keys, which stay stable.
var auditLabels = map[string]string{
	"ingatkan": "pengingat", "siaran": "siaran", "kandidat": "unduh kandidat",
	"kode": "kode aktivasi", "kode-ulang": "kode aktivasi baru",
	"admin-tambah": "tambah admin", "admin-hapus": "hapus admin", "lepas": "lepas NIP",
	"impor": "impor", "ekspor": "ekspor", "periode-baru": "periode baru", "tenggat": "ubah tenggat",
	"tinjau": "tinjauan", "tinjau-batal": "batalkan tinjauan", "belum": "unduh daftar belum mengisi",
	"peran-tambah": "beri peran", "peran-hapus": "cabut peran", "rekomendasi-opd": "rekomendasi OPD",
	"suksesi": "unduh rencana suksesi",
}

// auditLabel names an action for /audit; an unknown key as it is.
func auditLabel(action string) string {
	if l, ok := auditLabels[action]; ok {
		return l
	}
	return action
}
