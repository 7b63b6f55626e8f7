package flows

// Texts of the admin console.
const (
	txtAdminListHead   = "<b>Admin yang diberi hak di bot</b>\n(Super admin diatur lewat ADMIN_TELEGRAM_IDS.)\n"
	txtAdminListEmpty  = "Belum ada.\n"
	txtAdminUsage      = "\nCara pakai:\n<code>/admin tambah ID_TELEGRAM_atau_@username [KODE_OPD]</code>\n<code>/admin hapus ID_TELEGRAM_atau_@username</code>\n<code>/admin daftar</code>"
	txtAdminGranted    = "✅ %s sekarang admin untuk %s."
	txtAdminRevoked    = "✅ Hak admin %s dicabut."
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
	txtNotFiledLegend = "\n✅ bisa diingatkan lewat bot (/ingatkan) · ⚠️ memblokir bot · ❌ belum terhubung bot: hubungi lewat nomor HP"
	txtNotFiledFile   = "Daftar lengkap, dengan nomor HP, untuk Excel."
	txtNotFiledCSV    = "Daftar yang sama dalam CSV (pemisah titik koma)."
	txtNoPhone        = "tanpa no. HP"

	txtNoDemand     = "Belum ada ASN yang memilih pindah."
	txtDemandHead   = "<b>Peta minat jabatan tujuan</b>\n\n"
	txtDemandLine   = "• %s (%s): %d peminat · pemegang sekarang: %d%s\n"
	txtDemandLegend = "\n⚠️ = diminati lebih dari satu orang; Baperjakat perlu memilih."

	txtExported    = "Ekspor %d formulir periode %s (%s)."
	txtExportUsage = "Cara pakai: <code>/ekspor</code> untuk periode sekarang, atau <code>/ekspor PERIODE</code>, misalnya <code>/ekspor 2026-1</code> (daftar periode: /periode)."
	txtExportedCSV = "Versi CSV (UTF-8) dari ekspor yang sama."

	txtImportHow        = "Kirim berkas CSV atau Excel (.xlsx) data pegawai sebagai <b>dokumen</b> dengan keterangan <code>/impor</code>.\nKolom: <code>nip,nama,kode_opd,nama_opd,jabatan,eselon,no_hp,kode_aktivasi</code> (pemisah koma atau titik koma); <code>golongan</code> dan <code>nip_atasan</code> boleh ditambahkan. Tanpa kolom <code>no_hp</code> atau <code>kode_aktivasi</code>, nilai yang tersimpan dipertahankan; berkas dari /ekspor dapat diimpor kembali."
	txtImportWrongType  = "Berkas ini bukan data pegawai yang dapat dibaca. Kirim berkas <b>CSV</b> (.csv) atau <b>Excel</b> (.xlsx) sebagai dokumen dengan keterangan <code>/impor</code>. Berkas .xls lama: simpan dulu sebagai .xlsx atau CSV."
	txtImportUnreadable = "Berkas tidak dapat dibaca: %s\nTidak ada data yang diubah."
	txtImportRejected   = "❌ Berkas ditolak: %d baris bermasalah. <b>Tidak ada data yang diubah.</b> Perbaiki baris berikut lalu kirim ulang:\n"
	txtImportMoreRows   = "\n… dan %d baris lain. Daftar lengkap %d baris ada dalam berkas berikut."
	txtImportRowsFile   = "Daftar lengkap %d baris yang ditolak. Tidak ada data yang diubah."
	txtImported         = "✅ Data pegawai diimpor.\n%s"
	// The database failed during /impor, before or after writing some rows.
	txtImportFailedNothing = "⚠️ Impor gagal karena gangguan pada basis data, bukan karena berkasnya.\n<code>%s</code>\n<b>Tidak ada data yang diubah.</b> Silakan kirim ulang berkas yang sama dengan keterangan <code>/impor</code> sebentar lagi."
	txtImportFailedPartly  = "⚠️ Impor terhenti karena gangguan pada basis data, bukan karena berkasnya.\n<code>%s</code>\n<b>Sebagian data sudah tersimpan</b> sebelum gangguan: %d OPD, %d pegawai ditambahkan, %d diperbarui. Silakan kirim ulang berkas yang sama dengan keterangan <code>/impor</code> untuk menyelesaikannya; data yang sudah tersimpan tidak ditulis dua kali."

	txtDeadlineUsage = "Cara pakai: <code>/tenggat YYYY-MM-DD</code>, misalnya <code>/tenggat 2026-12-15</code>.\nBatas pengisian sekarang: %s."
	txtDeadlinePast  = "Tanggal %s sudah lewat. Pilih hari ini atau sesudahnya."
	txtDeadlineSet   = "✅ Batas pengisian diubah menjadi <b>%s</b> (%s)."

	txtUnbindUsage = "Cara pakai: <code>/lepas NIP</code> (18 angka)."
	txtUnbindNone  = "NIP %s tidak terhubung dengan akun Telegram mana pun."
	txtUnbindBusy  = "⚠️ NIP %s belum dilepas: akun Telegram id %d sedang dipakai saat ini. Tidak ada yang diubah; silakan coba lagi sebentar lagi."
	txtUnbound     = "✅ NIP %s dilepas dari akun Telegram id %d. Formulir yang sudah dikirim tetap tersimpan; pemiliknya dapat menghubungkan akun baru dengan /start."
)
