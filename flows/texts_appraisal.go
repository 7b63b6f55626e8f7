package flows

// Texts of the appraisal: rating check-ins (/nilai and its buttons), the
// overdue and term-end notices, and /teladan.
const (
	txtCheckInHead        = "📈 <b>Laporan kemajuan untuk dinilai</b>\n<b>%s</b> (%s), %s, %s\n"
	txtCheckInBody        = "Target: <i>%s</i> (batas %s)\nKemajuan: <b>%d%%</b>, dilaporkan %s\nCatatan: <i>%s</i>\n"
	txtCheckInEvidence    = "Bukti terlampir (pesan berikutnya).\n"
	txtEvidenceCaption    = "Bukti laporan kemajuan %s (%s), %d%%"
	txtReportToSupervisor = "\nLaporan ini diteruskan ke atasan langsung Anda untuk dinilai."
	txtReportToBKPSDM     = "\nLaporan ini dinilai oleh BKPSDM."
	txtRateGiven          = "✅ %s: %d\n"
	txtRateAsk            = "\n<b>Penilaian %d dari %d: %s</b> (1 = sangat kurang, 5 = sangat baik)"
	txtRateSaved          = "\n✅ <b>Nilai tersimpan</b>: %s. Terima kasih."
	txtRatingLine         = "produktivitas %d · kualitas layanan %d · inovasi %d (rata-rata %s)"
	txtRatedNotice        = "⭐ <b>Laporan kemajuan Anda dinilai</b>\nLaporan %d%% tanggal %s dinilai oleh %s: %s."
	txtRateRefused        = "Tidak ada yang diubah."
	txtRateNotSupervisor  = "Laporan %s dinilai oleh atasan langsungnya (atau BKPSDM bila atasan belum terhubung dengan bot). Penilaian Anda tidak dicatat."
	txtRateAlready        = "Laporan %s tanggal %s sudah dinilai oleh %s (%s). Penilaian hanya sekali; tidak ada yang diubah."
	txtRateNobody         = "Belum ada laporan yang menunggu penilaian Anda. Atasan langsung menerima laporan bawahannya setelah menghubungkan NIP di bot ini."
	txtRateNone           = "✅ Tidak ada laporan kemajuan yang menunggu penilaian Anda."
	txtRateMineHead       = "<b>Laporan bawahan Anda yang menunggu penilaian</b> (%d)\n"
	txtRateOrphansHead    = "<b>Laporan tanpa atasan yang terhubung bot</b>, dinilai BKPSDM (%d)\n"
	txtRateMore           = "\nTombol di bawah untuk %d laporan pertama; ketik /nilai lagi setelah menilai."

	txtTimelineStepDown = "⚠️ Mundur dari jabatan — dicatat %s, menunggu keputusan Wali Kota\n"
	txtMyRatings        = "Nilai atasan untuk laporan Anda: rata-rata <b>%s</b> dari %d laporan.\n"
	txtMyLastRating     = "Terakhir (laporan %s): %s\n"
	txtReviewRating     = " · nilai: %s, oleh %s"
	txtReviewUnrated    = " · belum dinilai"
	txtReviewContract   = "\nKontrak kinerja: <code>%s</code> (%s)\n"
	txtReviewStepDown   = "⚠️ Mundur dari jabatan dicatat %s, menunggu keputusan Wali Kota.\n"
	txtReviewRatings    = "Rata-rata nilai laporan: <b>%s</b> dari %d laporan dinilai.\n"
	txtBtnCardRate      = "⭐ Nilai laporan %d%% (%s)"
	txtBtnContract      = "📄 Kontrak kinerja"
	txtContractFor      = "📄 Kontrak kinerja %s (%s). Kode verifikasi: <code>%s</code>. Status: <b>%s</b>."

	txtCheckInOverdue  = "⏰ <b>Laporan kemajuan Anda sudah terlambat</b>\nSudah lebih dari 35 hari sejak %s. Target: <i>%s</i>\nBatas: %s (%s). Laporkan kemajuan sekarang dengan tombol di bawah."
	txtUnderEvaluation = "📋 <b>Batas target Anda sudah lewat</b> (%s)\nTarget Anda sedang dievaluasi BKPSDM: tercapai atau tidak tercapai. Hasilnya diberitahukan lewat bot ini. Laporan terakhir Anda: %s."
	txtNoReportYet     = "belum ada"

	txtTeladanUsage = "Bulan «%s» tidak dikenali. Cara pakai: <code>/teladan</code> (bulan ini) atau <code>/teladan BULAN</code>; bulan ditulis %s."
	txtTeladanHead  = "🏅 <b>ASN teladan %s</b> (%s)\nNilai rata-rata tertinggi dari laporan kemajuan %s, dengan minimal satu laporan dinilai setiap bulan sejak targetnya berjalan. Yang dihitung: nilai dari atasan langsung, atau dari BKPSDM bila atasan belum terhubung bot.\n\n"
	txtTeladanLine  = "• <b>%s</b>: %s (%s), rata-rata <b>%s</b> dari %d laporan\n"
	txtTeladanNone  = "Belum ada ASN dengan laporan dinilai setiap bulan pada %s (%s). Kontrak meminta satu laporan sebulan; nilai dari atasan langsung, atau dari BKPSDM bila atasan belum terhubung bot."
)
