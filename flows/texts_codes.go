package flows

// Texts of /kode.
const (
	txtCodeUsage       = "Cara pakai:\n<code>/kode</code>: kode aktivasi untuk semua ASN yang belum punya kode dan belum terhubung bot\n<code>/kode KODE_OPD</code>: hanya untuk satu OPD\n<code>/kode ulang NIP</code>: ganti kode satu ASN (kode lama tidak berlaku lagi)"
	txtCodeNoneNeeded  = "Semua ASN (%s) sudah punya kode aktivasi atau sudah terhubung bot (%d orang). Tidak ada kode baru.\nUntuk mengganti kode satu ASN: <code>/kode ulang NIP</code>."
	txtCodeIssued      = "✅ <b>%d kode aktivasi baru</b> untuk %d OPD (%s). %d ASN dilewati: sudah punya kode atau sudah terhubung.\n\n⚠️ Kode hanya ditampilkan sekali, dalam berkas di bawah ini: simpan dan bagikan kepada masing-masing ASN secara pribadi. Kode yang hilang diganti dengan <code>/kode ulang NIP</code>."
	txtCodePartly      = "⚠️ Basis data terganggu saat menyimpan: hanya %d kode di bawah ini yang tersimpan dan berlaku. Kirim /kode lagi sebentar lagi untuk ASN lainnya."
	txtCodeFile        = "Kode aktivasi %s: %d ASN."
	txtCodeNotInRoster = "NIP %s tidak ada di data pegawai."
	txtCodeBound       = "NIP %s sudah terhubung ke akun Telegram: kode aktivasi tidak diperlukan lagi. Bila akunnya harus diganti, lepaskan dulu dengan <code>/lepas NIP</code>."
	txtCodeReissued    = "✅ Kode aktivasi baru untuk NIP %s (%s): <code>%s</code>\n(%s). Kode ini tidak akan ditampilkan lagi; sampaikan langsung kepada ASN tersebut. Tindakan ini dicatat di /audit."
)
