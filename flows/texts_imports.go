package flows

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
