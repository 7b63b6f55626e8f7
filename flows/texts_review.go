package flows

// Texts of /tinjau, /lapor, the milestone notices and the status timeline.
const (
	txtReviewUsage      = "Cara pakai: <code>/tinjau NIP</code>"
	txtReviewNone       = "Tidak ada formulir periode ini untuk NIP %s (atau di luar OPD Anda)."
	txtReviewHead       = "<b>%s</b> — NIP %s\n%s, %s (eselon %s)\nNomor referensi: <b>%s</b>\n\n"
	txtReviewRevisions  = "\n<b>Perubahan</b> (%d)\n"
	txtReviewMilestones = "\n<b>Tahapan</b>\n"
	txtReviewFinal      = "\nTahapan formulir ini sudah selesai."
	txtTargetDeadline   = "\nBatas target: <b>%s</b> (%s)\n"
	txtOverdue          = "⚠️ <b>Batas target terlewati tanpa evaluasi.</b>\n"
	txtStepRefused      = "Langkah «%s» tidak dapat dicatat: tahap formulir sekarang «%s»."
	txtAskNote          = "Tulis catatan untuk «%s» (3 sampai 500 karakter). Catatan ini dikirim ke ASN yang bersangkutan. Ketik /batal untuk membatalkan."
	txtNoteLength       = "Catatan harus 3 sampai 500 karakter. Tulis lagi, atau ketik /batal."
	txtStepRecorded     = "✅ Tercatat: <b>%s</b>."

	txtNoticeHead   = "📌 <b>Perkembangan formulir Open Karir Anda</b> (%s)\nTahap: <b>%s</b>\n"
	txtNoticeTarget = "Target Anda: <i>%s</i>\nBatas target: <b>%s</b> (%d bulan). Laporkan kemajuan setiap bulan dengan /lapor.\n"
	txtNoticeNote   = "Catatan: <i>%s</i>\n"
	txtNoticeFix    = "Perbaiki formulir dengan tombol di bawah lalu kirim lagi."

	txtNoTarget            = "Belum ada target kinerja yang berjalan untuk Anda. Target berjalan setelah formulir disetujui. Lihat /status."
	txtReportPercent       = "<b>Laporan kemajuan target</b>\nTarget: <i>%s</i>\nBatas: %s (%s)\n\nBerapa persen yang sudah tercapai? Pilih tombol atau ketik angkanya."
	txtReportPercentWrong  = "Ketik angka 0 sampai 100 (misalnya <i>60</i> atau <i>60 persen</i>), atau pilih tombol di bawah. Ketik /batal untuk membatalkan."
	txtReportNote          = "Kemajuan: <b>%d%%</b>. Tulis catatan singkat tentang apa yang sudah dikerjakan (5 sampai 500 karakter)."
	txtReportNoteLength    = "Catatan harus 5 sampai 500 karakter. Tulis lagi, atau ketik /batal."
	txtReportEvidence      = "Kirim foto atau dokumen sebagai bukti, atau tekan <b>Lewati</b>."
	txtReportEvidenceWrong = "Kirim foto atau dokumen sebagai bukti, atau tekan <b>Lewati</b>."
	txtBtnSkip             = "Lewati"
	txtReportSaved         = "✅ Laporan kemajuan <b>%d%%</b> tercatat. Batas target: %s (%s)."

	txtCheckInDue = "⏰ <b>Saatnya melaporkan kemajuan target Anda</b>\nTarget: <i>%s</i>\nBatas: %s (%s)"
	txtTargetSoon = "⏰ <b>Batas target Anda sudah dekat</b>\nTarget: <i>%s</i>\nBatas: %s (%s). Laporkan kemajuan terakhir Anda."
	txtBtnReport  = "📈 Lapor kemajuan"

	txtTimelineHead    = "\n<b>Tahapan</b>\n"
	txtTimelineDone    = "✅ %s — %s\n"
	txtTimelineNext    = "▶️ %s\n"
	txtTimelineLater   = "⏳ %s\n"
	txtTimelineStop    = "⛔ %s — %s\n"
	txtLastCheckIn     = "Laporan terakhir: %d%%, %s\n"
	txtTargetStatus    = "Batas target: <b>%s</b> (%s)\n"
	txtTargetOverdueMe = "⚠️ Batas target sudah lewat; menunggu evaluasi BKPSDM.\n"
)
