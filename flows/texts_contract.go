package flows

// Texts of the performance contract: /kontrak and /cek.
const (
	txtContractSent   = "📄 <b>Kontrak Kinerja Open Karir</b> Anda terlampir: target, jangka waktu, kewajiban melapor setiap bulan, dan kesediaan mundur bila target tidak tercapai. Kode verifikasi: <code>%s</code>. Kirim lagi kapan saja dengan /kontrak."
	txtNoContract     = "Anda belum memiliki kontrak kinerja. Kontrak dibuat saat formulir Anda disetujui. Lihat /status."
	txtContractAgain  = "📄 Kontrak kinerja Anda. Kode verifikasi: <code>%s</code>. Status: <b>%s</b>."
	txtCheckUsage     = "Cara pakai: <code>/cek KODE</code>, misalnya <code>/cek KK-7QX2M-PL9RA</code>. Kodenya tercetak di bagian bawah kontrak kinerja."
	txtCheckInvalid   = "❌ <b>%s</b> bukan kode kontrak kinerja Open Karir yang sah. Periksa lagi penulisannya."
	txtCheckWithdrawn = "⚠️ Kode <b>%s</b> pernah sah, tetapi kontraknya <b>ditarik</b>: persetujuan formulir %s (%s) dibatalkan pada %s. Kontrak dengan kode ini tidak berlaku lagi; bila ada kontrak baru, kodenya lain.\n"
	txtCheckValid     = "✅ Kode <b>%s</b> sah: kontrak kinerja Open Karir.\nNama: <b>%s</b>\nJabatan: %s, %s\nStatus: <b>%s</b>"
)
