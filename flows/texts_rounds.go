package flows

// Texts of the programme's rounds: /periode, the first deadline, and what
// ASN are told when filing has not opened or has closed.
const (
	// To admins when no round was opened yet.
	txtNoRoundAdmin     = "Belum ada periode pengisian: ASN belum dapat mengisi formulir. Tetapkan batas pengisian dengan <code>/tenggat YYYY-MM-DD</code>, misalnya <code>/tenggat 2026-12-15</code>."
	txtRoundFirstOpened = "✅ Periode <b>%s</b> dibuka. Batas pengisian: <b>%s</b> (%s). ASN sekarang dapat mengisi formulir."

	txtRoundsHead    = "<b>Periode Open Karir</b>\n"
	txtRoundsLine    = "• <b>%s</b>: batas pengisian %s, %s"
	txtRoundsCurrent = " ← sekarang"
	txtRoundsOpen    = "berjalan (%s)"
	txtRoundsClosed  = "ditutup"
	txtRoundsUsage   = "\nBuka periode baru: <code>/periode baru TANGGAL</code> (hari terakhir pengisian, mis. <code>2027-01-20</code> atau <code>20 Januari 2027</code>).\nPeriode lain tetap dapat dilihat: <code>/cakupan PERIODE</code>, <code>/ekspor PERIODE</code>."
	txtRoundsNone    = "Belum ada periode.\n"

	txtRoundConfirm = "Buka periode baru <b>%s</b> dengan batas pengisian <b>%s</b>?\n\n" +
		"Periode sekarang, <b>%s</b> (%d formulir), berakhir: formulirnya tidak dapat diubah lagi, tetap tersimpan, dan dapat dilihat dengan <code>/cakupan %s</code> serta <code>/ekspor %s</code>. " +
		"Di periode baru setiap ASN mengisi formulir baru."
	txtRoundConfirmFirst = "Buka periode pertama <b>%s</b> dengan batas pengisian <b>%s</b>?"
	txtRoundStillOpen    = "\n\n⚠️ Periode %s masih berjalan sampai %s."
	txtBtnRoundOpen      = "✅ Ya, buka periode baru"
	txtBtnRoundKeep      = "Batal"
	txtRoundOpened       = "✅ Periode <b>%s</b> dibuka. Batas pengisian: <b>%s</b> (%s).\nPeriode %s tetap tersimpan: <code>/cakupan %s</code>, <code>/ekspor %s</code>."
	txtRoundKept         = "Dibatalkan. Periode tetap <b>%s</b>."
	txtRoundChanged      = "Periode sudah berganti sejak pertanyaan ini (sekarang <b>%s</b>). Tidak ada yang diubah; lihat <code>/periode</code>."
	txtRoundUnknown      = "Periode <b>%s</b> tidak ada. Periode yang ada: %s."

	// To ASN: at /start, before the NIP, and when they want to fill.
	txtNotOpenedYet  = "ℹ️ Pengisian formulir Open Karir <b>belum dibuka</b>. BKPSDM akan mengumumkan jadwalnya. Anda sudah dapat menghubungkan akun sekarang."
	txtClosedAtStart = "ℹ️ Masa pengisian formulir Open Karir periode %s <b>sudah ditutup</b> pada %s. Anda tetap dapat menghubungkan akun untuk melihat status formulir yang sudah dikirim."
	txtNotOpenedForm = "Pengisian formulir Open Karir belum dibuka. Anda akan diberi tahu bila sudah dibuka."
	txtStatusNoRound = "Pengisian formulir belum dibuka."
)
