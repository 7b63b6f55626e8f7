package bot

// txtTrouble answers an update that failed and is kept: it is tried again
// until it goes through (an outage is waited out), so the user need not
// send it again.
const txtTrouble = "Maaf, sedang ada gangguan. Pesan Anda tidak hilang: akan kami proses otomatis begitu gangguan selesai, tidak perlu dikirim ulang."

// txtFailed answers an update that will not be tried again (a panic, or
// failures while the database answers): nothing half-done was stored.
const txtFailed = "Maaf, pesan Anda tidak dapat kami proses karena gangguan. Silakan kirim lagi nanti; jika masih gagal, hubungi BKPSDM."

// Reports to the admin who started a reminder run or a broadcast.
const (
	txtBatchProgress = "%s: %d%% selesai (%d dari %d pesan)."
	txtBatchDone     = "%s selesai untuk %d ASN.\nTerkirim: %d\nTidak terjangkau (memblokir bot atau belum pernah membuka bot): %d\nGagal: %d"
)

// txtSlowDown answers a user who sends too many messages a minute.
const txtSlowDown = "Pesan Anda terlalu banyak dalam waktu singkat. Mohon tunggu satu menit, lalu lanjutkan."
