package flows

// Texts that tell the ASN what their form's stage means and what happens
// next, in /status and in every milestone notice.
const (
	txtHeadSubmitted   = "📨 <b>Menunggu verifikasi BKPSDM</b>"
	txtHeadResubmitted = "📨 <b>Perbaikan terkirim, menunggu verifikasi ulang</b>"
	txtHeadReturned    = "✏️ <b>Dikembalikan untuk perbaikan</b>"
	txtHeadVerified    = "☑️ <b>Diverifikasi BKPSDM</b>"
	txtHeadBaperjakat  = "🏛 <b>Sedang ditinjau Baperjakat</b>"
	txtHeadApproved    = "🎯 <b>Disetujui, target berjalan</b>"
	txtHeadDeclined    = "⛔ <b>Ditolak</b>"
	txtHeadMet         = "🏆 <b>Target tercapai</b>"
	txtHeadMissed      = "⚠️ <b>Target tidak tercapai</b>"

	txtStageSubmittedOpen   = "Formulir Anda sudah diterima. Sampai BKPSDM memverifikasinya, Anda masih dapat mengubahnya dengan /isi (paling lambat %s)."
	txtStageSubmittedClosed = "Formulir Anda sudah diterima dan menunggu verifikasi BKPSDM. Batas pengisian sudah lewat, jadi isinya tidak dapat diubah lagi."
	txtStageResubmitted     = "BKPSDM akan memeriksa perbaikan Anda. Sampai diverifikasi, Anda masih dapat mengubahnya dengan /isi."
	txtStageReturned        = "Catatan BKPSDM: <i>%s</i>\nPerbaiki formulir dengan /isi (tombol di bawah) lalu kirim lagi; perbaikan tetap dapat dikirim walaupun batas pengisian sudah lewat."
	txtStageVerified        = "Isinya sudah diperiksa dan tidak dapat diubah lagi. Berikutnya formulir diteruskan ke Baperjakat untuk dipertimbangkan."
	txtStageBaperjakat      = "Baperjakat sedang mempertimbangkan formulir Anda. Keputusannya akan diberitahukan lewat bot ini."
	txtStageApproved        = "Permohonan Anda disetujui: %s.\nTarget Anda berjalan dari %s sampai <b>%s</b> (%s). Laporkan kemajuan setiap bulan dengan /lapor."
	txtStageDeclined        = "Alasan: <i>%s</i>\nAnda tetap di jabatan sekarang (%s, %s) dan dapat mengajukan lagi pada periode Open Karir berikutnya."
	txtStageMet             = "Selamat. Capaian ini dicatat sebagai prestasi kinerja Anda dan menjadi bahan pertimbangan Baperjakat berikutnya."
	txtStageMissed          = "Catatan BKPSDM: <i>%s</i>\nSesuai kontrak kinerja yang Anda tandatangani, Anda bersedia mundur dari jabatan; langkah ini dicatat pada %s dan menunggu keputusan Wali Kota. BKPSDM akan menyampaikan langkah selanjutnya. Terima kasih atas kerja keras Anda selama masa target."

	txtPostMove = "pindah ke <b>%s</b>, %s"
	txtPostStay = "tetap sebagai <b>%s</b>, %s"

	txtNoticeHeadOf  = "📌 <b>Perkembangan formulir Open Karir Anda</b> (%s)\n"
	txtNoticeBy      = "Dicatat oleh %s, %s.\n"
	txtNoticeUndone  = "↩️ <b>Koreksi pada formulir Open Karir Anda</b> (%s)\nLangkah «%s» yang diberitahukan sebelumnya dibatalkan oleh %s. Tahap formulir Anda sekarang:\n"
	txtStatusRef     = "Nomor referensi: <b>%s</b>, dikirim %s"
	txtStatusStageIs = "Status: "
)
