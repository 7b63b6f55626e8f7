package flows

// Texts of /impor about the file itself (its size), before it is read.
const (
	txtImportTooBig = "❌ Berkas terlalu besar (%s). Telegram hanya mengizinkan bot mengunduh berkas sampai 20 MB, jadi berkas ini tidak dibaca dan <b>tidak ada data yang diubah</b>.\n" +
		"Perkecil berkasnya lalu kirim ulang dengan keterangan <code>/impor</code>: simpan sebagai Excel (.xlsx), yang jauh lebih kecil dari CSV, hapus kolom yang tidak diperlukan, atau bagi per OPD."
	txtImportRowsLeftOut = "… dan %d baris lain yang juga ditolak, tidak dicantumkan: perbaiki baris di atas lalu kirim ulang untuk melihatnya."
)
