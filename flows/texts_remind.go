package flows

// The texts of /ingatkan's picker and preview.
const (
	txtRemindPick    = "⏰ <b>Kirim pengingat</b> ke ASN yang belum mengisi: pilih satu OPD (%d OPD), atau semua OPD (halaman %d dari %d). Jumlahnya ditampilkan dulu sebelum dikirim."
	txtBtnRemindAll  = "📣 Semua OPD"
	txtRemindAsk     = "Kirim pengingat sekarang ke <b>%d</b> ASN yang terhubung dengan bot tetapi belum mengisi (%s)?\n"
	txtBtnRemindSend = "⏰ Kirim ke %d ASN"
	txtRemindDropped = "Dibatalkan; pengingat tidak dikirim."
	txtRemindStale   = "Pengingat ini tidak menunggu lagi (dibatalkan atau sudah dikirim); tidak ada yang dikirim. Tulis /ingatkan lagi bila perlu."
)
