package flows

// Texts of /antrean and the admins' digest.
const (
	txtQueueHead      = "<b>Antrean tinjauan Open Karir</b> (%s)\n"
	txtQueueYours     = "Tahap yang menunggu peran Anda (%s).\n"
	txtQueueCount     = "%s %s: <b>%d</b>\n"
	txtQueueTotal     = "Jumlah menunggu: <b>%d</b> formulir.\n"
	txtQueueListHead  = "\n<b>%s</b>, terlama dulu (halaman %d dari %d)\n"
	txtQueueAllStages = "Semua tahap"
	txtQueueLine      = "%d. %s %s · %s · %s · %s\n"
	txtQueueHint      = "\nTekan nama untuk membuka formulirnya."
	txtQueueEmpty     = "🎉 Tidak ada formulir yang menunggu tinjauan (%s)."
	txtQueueEmptyView = "Tidak ada lagi formulir yang menunggu pada bagian antrean ini. Lihat /antrean."
	txtBtnAllStages   = "Semua (%d)"
	txtQueueReports   = "\n⭐ Laporan kemajuan menunggu nilai BKPSDM: <b>%d</b> (atasannya belum terhubung bot). Nilai dengan /nilai.\n"

	txtDigestHead      = "📥 <b>Antrean tinjauan Open Karir</b> (%s)\n"
	txtDigestSince     = "Masuk sejak %s: <b>%d</b> formulir baru dan <b>%d</b> perbaikan.\n"
	txtDigestFirst     = "Menunggu verifikasi: <b>%d</b> formulir baru dan <b>%d</b> perbaikan.\n"
	txtDigestSinceOnly = "Masuk sejak %s:\n"
	txtDigestStage     = "%s %s: <b>%d</b> baru masuk.\n"
	txtDigestTotal     = "Seluruh antrean Anda: <b>%d</b> formulir menunggu tinjauan."
	txtDigestReports   = "\n⭐ Laporan kemajuan menunggu nilai BKPSDM: <b>%d</b>, %d di antaranya baru. Nilai dengan /nilai."
	txtBtnOpenQueue    = "📋 Buka antrean"
)
