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

// Texts of the imports of forms filed outside the bot and of the peta
// jabatan.
const (
	txtFormsImported          = "✅ Formulir di luar bot diimpor ke periode ini. Tiap formulir tercatat sebagai diimpor (berkas dan admin) dan dapat diubah ASN-nya lewat /isi sampai batas pengisian. Formulir ASN yang sudah mengisi lewat bot tidak ditimpa.\n%s"
	txtImportKindFailedPartly = "⚠️ Impor terhenti karena gangguan pada basis data, bukan karena berkasnya.\n<code>%s</code>\n<b>Sebagian data sudah tersimpan</b> sebelum gangguan: %d ditambahkan, %d diperbarui. Silakan kirim ulang berkas yang sama dengan keterangan <code>/impor</code> untuk menyelesaikannya; data yang sudah tersimpan tidak ditulis dua kali."
	// txtImportKinds lists what /impor reads, by the header.
	txtImportKinds = "\n\n<b>Berkas yang dikenali /impor</b> (dari judul kolomnya):\n• data pegawai: <code>nip,nama,kode_opd,nama_opd,jabatan,eselon,no_hp,kode_aktivasi</code>\n• data talenta: <code>nip,tahun,predikat_kinerja,potensial</code>\n• peta jabatan: <code>kode_opd,nama_opd,jabatan,jenis_jabatan,kebutuhan</code> (atau <code>eselon</code> untuk jenis jabatan)\n• formulir di luar bot: <code>nip,pilihan,opd_tujuan,jabatan_tujuan,alasan,target,jangka_bulan,tanggal</code>"
)

const txtPostsImported = "✅ Peta jabatan diimpor. Daftar jabatan tiap OPD di dalamnya diganti; pemegang dihitung dari data pegawai, lowong = kebutuhan − pemegang.\n%s"

// txtStatusImported marks, in /status, a form BKPSDM imported that the ASN
// has not changed in chat.
const txtStatusImported = "📄 Formulir ini diisi di luar bot (kertas atau Google Form) dan diimpor BKPSDM. Periksa isinya; ubah lewat /isi bila perlu."

// The form's post list from the peta jabatan.
const (
	txtPostVacant       = "%s · lowong %d"
	txtTargetPosPlanned = "\n<i>Daftar dari peta jabatan; \"lowong\" = kursi yang belum terisi.</i>"
)

// Seats of the peta jabatan in /kandidat and /peminat.
const (
	txtCandSeats      = "Peta jabatan: %s · kursi %d · terisi %d · <b>lowong %d</b>\n\n"
	txtDemandSeats    = " · kursi %d, lowong %d"
	txtDemandNotInMap = " · tidak ada di peta jabatan"
	txtDemandVacant   = "\nPeta jabatan: <b>%d kursi lowong</b> pada %d jabatan (%d OPD)."
)
