package flows

// The texts of /ingatkan's picker and preview.
const (
	txtRemindPick   = "⏰ <b>Kirim pengingat</b> ke ASN yang belum mengisi: pilih satu OPD (%d OPD), atau semua OPD (halaman %d dari %d). Jumlahnya ditampilkan dulu sebelum dikirim."
	txtBtnRemindAll = "📣 Semua OPD"
	// The preview and its outcome, for every OPD and for one (named
	// beside the ASN, as an OPD admin reads it: "ke 12 ASN OPD DINKES").
	txtRemindAsk       = "Kirim pengingat sekarang ke <b>%d</b> ASN yang terhubung dengan bot tetapi belum mengisi (semua OPD)?\n"
	txtRemindAskOPD    = "Kirim pengingat sekarang ke <b>%d</b> ASN OPD %s yang terhubung dengan bot tetapi belum mengisi?\n"
	txtRemindQueued    = "Pengingat masuk antrean untuk <b>%d</b> ASN yang terhubung dengan bot tetapi belum mengisi (semua OPD). Laporan pengiriman akan dikirim ke sini.\n"
	txtRemindQueuedOPD = "Pengingat masuk antrean untuk <b>%d</b> ASN OPD %s yang terhubung dengan bot tetapi belum mengisi. Laporan pengiriman akan dikirim ke sini.\n"
	txtBtnRemindSend   = "⏰ Kirim ke %d ASN"
	// The preview's count of returned forms, reminded too.
	txtRemindToFix   = "\nDi antaranya <b>%d</b> dikembalikan untuk diperbaiki dan belum dikirim lagi: mereka juga diingatkan."
	txtRemindDropped = "Dibatalkan; pengingat tidak dikirim."
	txtRemindStale   = "Pengingat ini tidak menunggu lagi (dibatalkan atau sudah dikirim); tidak ada yang dikirim. Tulis /ingatkan lagi bila perlu."
)
