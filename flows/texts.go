package flows

// Texts users read in the form conversation, kept together so a speaker can
// review them without reading logic. All are Telegram HTML.

const (
	txtWelcome = "Selamat datang di <b>Open Karir</b> %s.\n\n" +
		"Setiap ASN mengisi satu formulir: <b>tetap</b> di jabatan sekarang atau <b>pindah</b>, " +
		"beserta alasan dan target kinerja yang terukur.\n\n" +
		"Pertama, kami perlu memastikan identitas Anda."
	txtPrivacy = "<b>Pelindungan data pribadi</b> (UU No. 27 Tahun 2022)\n\n" +
		"<b>Yang disimpan:</b> NIP, nama, jabatan, OPD dan nomor HP Anda dari data kepegawaian; data talenta dari BKPSDM (predikat kinerja SKP dan potensial); akun Telegram Anda; jawaban formulir, tahapan, laporan kemajuan dan nilainya.\n" +
		"<b>Untuk apa:</b> pelaksanaan Open Karir: pengisian, verifikasi, penilaian Baperjakat, dan pemantauan target kinerja.\n" +
		"<b>Siapa yang melihat:</b> BKPSDM, admin OPD Anda, Baperjakat, dan atasan langsung Anda (laporan kemajuan yang dinilainya).\n" +
		"<b>Berapa lama:</b> selama program berjalan, lalu sesuai masa simpan arsip kepegawaian.\n\n" +
		"Anda dapat melihat data Anda dengan /dataku dan meminta penghapusan dengan /hapusdata.\n\nApakah Anda setuju?"
	txtBtnAgree       = "✅ Setuju"
	txtBtnDisagree    = "❌ Tidak setuju"
	txtConsentRefused = "Tanpa persetujuan, data Anda tidak kami proses dan formulir tidak dapat diisi lewat bot. Bila berubah pikiran, tekan <b>Setuju</b> di bawah. Anda juga dapat mengisi langsung di BKPSDM."
	txtEraseAsk       = "Hapus data Anda? Yang dihapus: hubungan akun Telegram ini dengan NIP Anda, nama dan username Telegram, persetujuan privasi, dan isian yang belum dikirim.\n\n<b>Yang tetap disimpan</b>: formulir yang sudah dikirim beserta tahapannya, dan data kepegawaian dari BKPSDM, karena keduanya arsip resmi program yang wajib disimpan instansi."
	txtBtnEraseYes    = "Ya, hapus"
	txtBtnEraseNo     = "Batal"
	txtEraseKept      = "Tidak ada yang dihapus."
	txtErased         = "✅ Data Anda sudah dihapus. Akun Telegram ini tidak lagi terhubung dengan NIP Anda. Formulir yang sudah dikirim tetap tersimpan sebagai arsip resmi program. Ketik /start bila ingin memakai bot lagi."
	txtAskNIP         = "Silakan ketik <b>NIP/NI PPPK</b> Anda (18 angka, tanpa spasi)."
	txtAskProof       = "Untuk memastikan NIP ini memang milik Anda, tekan tombol <b>📱 Bagikan nomor HP</b> di bawah, atau ketik <b>kode aktivasi</b> dari BKPSDM."

	txtNIPFormat        = "NIP/NI PPPK harus 18 angka. Periksa lagi lalu ketik ulang."
	txtNIPBirthDate     = "NIP/NI PPPK tidak valid: 8 angka pertama harus tanggal lahir (TTTTBBHH). Periksa lagi lalu ketik ulang."
	txtNIPTMT           = "NIP/NI PPPK tidak valid: angka ke-9 sampai ke-14 harus tahun dan bulan TMT pengangkatan (pada NI PPPK: tahun, lalu 21). Periksa lagi lalu ketik ulang."
	txtNIPGender        = "NIP/NI PPPK tidak valid: angka ke-15 harus 1 atau 2. Periksa lagi lalu ketik ulang."
	txtNIPLookupsClosed = "Akun ini sudah mencoba terlalu banyak NIP hari ini. Silakan coba lagi setelah %s, atau hubungi BKPSDM."
	txtNIPTaken         = "NIP ini sudah terhubung dengan akun Telegram lain. Bila itu bukan Anda, segera hubungi BKPSDM."
	// Too many wrong activation codes from this account, or for this NIP
	// from many accounts; the contact button stays open either way.
	txtCodeLocked    = "Terlalu banyak kode aktivasi yang salah dari akun ini. Pengisian kode dikunci sementara sampai %s. Tombol <b>📱 Bagikan nomor HP</b> di bawah tetap dapat dipakai."
	txtNIPCodeClosed = "Kode aktivasi untuk NIP ini sudah terlalu sering salah dimasukkan, sehingga pengisian kode ditutup sampai %s. Jika ini NIP Anda, tekan tombol <b>📱 Bagikan nomor HP</b> di bawah, atau hubungi BKPSDM."
	txtNotACode      = "Itu bukan kode aktivasi. Ketik kode dari BKPSDM (huruf dan angka, misalnya <code>K7P2XQ</code>), atau tekan tombol <b>📱 Bagikan nomor HP</b>."

	txtContactNotOwn   = "Mohon bagikan nomor HP Anda <b>sendiri</b> dengan tombol <b>📱 Bagikan nomor HP</b> di bawah, bukan kontak orang lain."
	txtContactMismatch = "Nomor HP ini tidak cocok dengan data kepegawaian untuk NIP tersebut. Periksa lagi NIP Anda, ketik kode aktivasi dari BKPSDM, atau minta BKPSDM memperbarui nomor Anda."
	txtCodeWrong       = "Kode aktivasi salah atau tidak berlaku untuk NIP tersebut. Periksa lagi NIP dan kodenya. Sisa percobaan: %d."
	txtBound           = "Terima kasih, <b>%s</b>. Akun Telegram Anda sudah terhubung dengan NIP %s.\nJabatan sekarang: %s, %s."

	txtSummaryReturned = "↩️ <b>Catatan BKPSDM untuk diperbaiki:</b> <i>%s</i>\n\n"
	txtOldAnswer       = "\n\nJawaban sekarang (ketuk untuk menyalin, lalu ubah dan kirim):\n<code>%s</code>"
	txtCutName         = "\n• %s = <b>%s</b>"
	txtCutGoesOn       = " … <i>(berlanjut; selengkapnya di /dataku)</i>"
	txtChoice          = "<b>Langkah 1 dari 4 atau 5: Pilihan</b>\nJabatan Anda sekarang: <b>%s</b>, %s.\n\nApakah Anda ingin tetap di jabatan ini atau pindah?"
	txtBtnStay         = "Tetap di jabatan sekarang"
	txtBtnMove         = "Pindah ke jabatan lain"
	txtTargetOPD       = "<b>Langkah 2 dari 5: OPD tujuan</b>\nPilih OPD yang Anda tuju (halaman %d dari %d)."
	txtBtnPrev         = "◀️ Sebelumnya"
	txtBtnNext         = "Berikutnya ▶️"
	txtTargetPos       = "<b>Langkah 2 dari 5: Jabatan tujuan</b>\nOPD tujuan: <b>%s</b>.\nPilih jabatan yang Anda tuju (halaman %d dari %d), atau <b>ketik</b> nama jabatannya bila tidak ada di daftar."
	txtTargetPosNone   = "<b>Langkah 2 dari 5: Jabatan tujuan</b>\nOPD tujuan: <b>%s</b>.\nKetik nama jabatan yang Anda tuju."
	txtReasonMove      = "<b>Langkah %d dari %d: Alasan</b>\nMengapa Anda ingin pindah ke jabatan tersebut? Tulis 20 sampai 1000 karakter."
	txtReasonStay      = "<b>Langkah %d dari %d: Alasan</b>\nMengapa Anda ingin tetap di jabatan sekarang? Tulis 20 sampai 1000 karakter."
	txtTarget          = "<b>Langkah %d dari %d: Target kinerja</b>\nTuliskan target yang terukur untuk periode mendatang, dengan minimal satu angka, dalam 20 sampai 1000 karakter.\nContoh: <i>%s</i>, atau <i>%s</i>.\n\nTarget yang tidak tercapai berarti bersedia mundur dari jabatan."
	txtTerm            = "<b>Langkah %d dari %d: Jangka waktu target</b>\nDalam berapa bulan target itu Anda capai? (⭐ disarankan)"
	txtTermButton      = "%d bulan"
	txtTermDefault     = "%d bulan ⭐"
	txtSummaryHead     = "<b>Periksa jawaban Anda</b>"
	txtSummaryFoot     = "Bila sudah benar, tekan <b>Kirim</b>. Untuk mengubah satu jawaban, tekan tombolnya."
	txtBtnSend         = "✅ Kirim"
	txtBtnCancel       = "❌ Batal"
	txtBtnEditChoice   = "✏️ Pilihan"
	txtBtnEditOPD      = "✏️ OPD tujuan"
	txtBtnEditPosition = "✏️ Jabatan tujuan"
	txtBtnEditReason   = "✏️ Alasan"
	txtBtnEditTarget   = "✏️ Target"
	txtBtnEditTerm     = "✏️ Jangka waktu"

	txtTooShort     = "Terlalu singkat (%d karakter). Tulis minimal %d karakter."
	txtTooLong      = "Terlalu panjang (%d karakter). Maksimal %d karakter."
	txtTargetNumber = "Target harus terukur: sertakan minimal satu angka, misalnya <i>100% pasar bersih</i> atau <i>dalam 30 hari</i>."
	txtUseButtons   = "Silakan pilih dengan tombol di bawah."

	txtSent             = "✅ <b>Formulir terkirim.</b>\nNomor referensi: <b>%s</b>\n\nAnda masih dapat mengubahnya dengan /isi sampai %s. Lihat status dengan /status."
	txtCancelled        = "Pengisian dibatalkan. Jawaban yang sudah pernah dikirim tetap tersimpan. Ketik /isi untuk mengisi lagi."
	txtNothingToCancel  = "Tidak ada formulir yang sedang diisi."
	txtClosed           = "Maaf, batas waktu pengisian formulir periode ini sudah lewat (%s)."
	txtInProcess        = "Formulir Anda sudah diproses (tahap: %s) sehingga tidak dapat diubah lagi. Lihat perkembangannya dengan /status."
	txtResume           = "Melanjutkan pengisian formulir Anda."
	txtReopen           = "Berikut jawaban yang terakhir Anda kirim. Ubah yang perlu, lalu tekan <b>Kirim</b>."
	txtMenu             = "Apa yang ingin Anda lakukan?"
	txtBtnFill          = "📝 Isi formulir"
	txtBtnStatus        = "📋 Lihat status"
	txtBindFirst        = "Akun Telegram Anda belum terhubung dengan NIP."
	txtStaleButton      = "Tombol ini sudah tidak berlaku."
	txtFileNeedsCaption = "Berkas diterima, tetapi tanpa perintah. Untuk mengimpor data pegawai (khusus super admin), kirim ulang berkas ini dengan keterangan <code>/impor</code>."
	txtUnsupported      = "Maaf, saya hanya dapat membaca teks dan tombol."
	txtUnknownCmd       = "Perintah tidak dikenal. Ketik /bantuan untuk melihat perintah yang tersedia."
	txtGroup            = "Open Karir hanya melayani chat pribadi. Silakan buka chat pribadi dengan bot ini."
	txtContactNotNeeded = "Nomor HP Anda sudah terverifikasi; tidak perlu dibagikan lagi."

	txtReminder = "⏰ <b>Pengingat Open Karir</b>\nAnda belum mengisi formulir Open Karir. Batas pengisian: <b>%s</b> (%s).\nTekan tombol di bawah untuk mengisi; hanya beberapa menit."
	// The scheduled reminder to fix a returned form.
	txtReminderToFix = "⏰ <b>Pengingat Open Karir</b>\nFormulir Open Karir Anda <b>dikembalikan untuk diperbaiki</b> dan belum dikirim lagi. " +
		"Batas pengisian: <b>%s</b> (%s).\nCatatan BKPSDM ada di /status. Tekan tombol di bawah untuk memperbaiki, lalu kirim lagi."
	txtBtnFix             = "✏️ Perbaiki formulir"
	txtNobodyToRemind     = "Tidak ada pengingat yang dikirim: tidak ada ASN yang terhubung dengan bot dan belum mengisi (%s).\n"
	txtNobodyToRemindOPD  = "Tidak ada pengingat yang dikirim: tidak ada ASN OPD %s yang terhubung dengan bot dan belum mengisi.\n"
	txtRemindUnreachable  = "⚠️ <b>%d</b> ASN belum mengisi dan tidak dapat dihubungi lewat bot (%d belum terhubung, %d memblokir bot): hubungi langsung; daftar dan nomor HP-nya ada di /belum.\n"
	txtRemindFiled        = "Sudah mengisi: <b>%d</b> dari %d ASN."
	txtEveryoneFiled      = "🎉 Semua %d ASN (%s) sudah mengisi. Tidak ada pengingat yang dikirim."
	txtEveryoneFiledOPD   = "🎉 Semua %d ASN OPD %s sudah mengisi. Tidak ada pengingat yang dikirim."
	txtBroadcastUsage     = "Tulis pengumumannya setelah perintah, misalnya:\n<code>/siaran Batas pengisian diperpanjang sampai 15 Desember.</code>\nUntuk satu OPD: <code>/siaran DINKES teks pengumuman</code>"
	txtBroadcastHead      = "📢 <b>Pengumuman Open Karir</b>\n\n"
	txtBroadcastTooLong   = "Pengumuman terlalu panjang: %d karakter, sedangkan batas Telegram %d karakter per pesan. Persingkat, atau bagi menjadi beberapa /siaran. Tidak ada yang dikirim."
	txtBroadcastUnreached = "\n⚠️ <b>%d</b> ASN tidak menerimanya lewat bot (%d belum terhubung, %d memblokir bot): sampaikan lewat jalur lain; nomor HP yang belum mengisi ada di /belum."
	txtBroadcastQueued    = "Pengumuman masuk antrean untuk <b>%d</b> ASN (%s). Laporan pengiriman akan dikirim ke sini."
	txtBroadcastQueuedOPD = "Pengumuman masuk antrean untuk <b>%d</b> ASN OPD %s. Laporan pengiriman akan dikirim ke sini."
	txtBroadcastPreview   = "Pratinjau pengumuman untuk %s:"
	txtBroadcastAsk       = "Kirim pengumuman di atas?\n📨 Diterima: <b>%d</b> ASN.\n🔕 Tidak dapat dihubungi lewat bot: <b>%d</b> ASN (belum terhubung atau memblokir bot): sampaikan lewat jalur lain.\nCakupan: %s. Pengumuman yang sudah terkirim tidak dapat ditarik."
	txtBtnBroadcastSend   = "📨 Kirim"
	txtBtnBroadcastDrop   = "Batal"
	txtBroadcastWait      = "Pengumuman menunggu: tekan <b>Kirim</b> atau <b>Batal</b> pada pesan di atas, atau ketik /batal."
	txtBroadcastDropped   = "Dibatalkan; pengumuman tidak dikirim."
	txtBroadcastStale     = "Pengumuman ini tidak menunggu lagi (dibatalkan atau sudah dikirim); tidak ada yang dikirim. Tulis /siaran lagi bila perlu."
	txtNobodyBound        = "Belum ada ASN yang terhubung dengan bot pada cakupan ini."
	txtUnknownOPD         = "Kode OPD %s tidak dikenal."
	txtOtherOPD           = "Anda hanya dapat bertindak untuk OPD %s."
	txtNeedsRole          = "Maaf, ini khusus %s; tidak ada yang diubah."
	txtYourRoles          = " Peran Anda: %s."
	txtNeedsRoleToast     = "Khusus %s"
	txtPendingCancelled   = "Dibatalkan."

	txtHelpHead = "<b>Bantuan Open Karir</b>\n"
	txtHelpTail = "Pertanyaan tentang data kepegawaian? Hubungi BKPSDM."
	// txtHelpOPDOnly opens an admin OPD's group of /bantuan.
	txtHelpOPDOnly = "<i>Berlaku untuk ASN dan jabatan OPD %s saja; verifikasi dan tahap formulir dicatat oleh BKPSDM.</i>\n"

	txtStatusHead     = "<b>Status formulir Open Karir</b> (periode %s)"
	txtStatusNotFiled = "Status: ⏳ <b>belum mengisi</b>."
	txtStatusDraft    = "Anda sedang mengisi formulir. Ketik /isi untuk melanjutkan."
	txtStatusDeadline = "Batas pengisian: %s (%s)"
	txtStatusClosed   = "Batas pengisian: %s (sudah ditutup)"
	txtLabelChoice    = "Pilihan"
	txtLabelOPD       = "OPD tujuan"
	txtLabelPosition  = "Jabatan tujuan"
	txtLabelReason    = "Alasan"
	txtLabelTarget    = "Target"
	txtLabelTerm      = "Jangka waktu"
	txtChoiceStay     = "Tetap di jabatan sekarang"
	txtChoiceMove     = "Pindah"
)

// Labels of the reply keyboard shown while the account is being proven: one
// button shares the phone number, the other sends LabelChangeNIP as text.
const (
	LabelShareContact = "📱 Bagikan nomor HP"
	LabelChangeNIP    = "Ganti NIP"
)

// MenuEntry is an entry of the bot's command menu.
type MenuEntry struct {
	Name        string
	Description string
}

// Menu is the command menu Telegram shows users (setMyCommands).
func Menu() []MenuEntry {
	return []MenuEntry{
		{"start", "Mulai atau lanjutkan"},
		{"isi", "Isi atau ubah formulir Open Karir"},
		{"status", "Lihat status formulir dan batas waktu"},
		{"batal", "Batalkan pengisian yang sedang berjalan"},
		{"lapor", "Laporkan kemajuan target kinerja"},
		{"kontrak", "Unduh kontrak kinerja Anda (PDF)"},
		{"dataku", "Lihat data Anda yang tersimpan"},
		{"hapusdata", "Hapus data Anda"},
		{"bantuan", "Bantuan dan daftar perintah"},
	}
}
