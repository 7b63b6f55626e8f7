package bot

// txtTrouble answers an update that could not be handled; it is safe to
// repeat the action, since nothing half-done was stored.
const txtTrouble = "Maaf, sedang ada gangguan, coba lagi sebentar. Pesan Anda tidak hilang: akan kami proses begitu gangguan selesai."

// Reports to the admin who started a reminder run or a broadcast.
const (
	txtBatchProgress = "%s: %d%% selesai (%d dari %d pesan)."
	txtBatchDone     = "%s selesai untuk %d ASN.\nTerkirim: %d\nTidak terjangkau (memblokir bot atau belum pernah membuka bot): %d\nGagal: %d"
)

// txtSlowDown answers a user who sends too many messages a minute.
const txtSlowDown = "Pesan Anda terlalu banyak dalam waktu singkat. Mohon tunggu satu menit, lalu lanjutkan."
