package flows

// Texts of a held answer (held.go): a text over the limit, and a typed
// target post that is like a known one or the ASN's own. The first %s of
// each is the step's title.
const (
	txtLongHeld = "%s\nJawaban Anda terlalu panjang: <b>%d karakter</b>, sedangkan batasnya %d karakter. Tulisan Anda tetap kami simpan.\n\n" +
		"<b>Potong otomatis</b> memotongnya di akhir kalimat terakhir yang muat, dan hasilnya ditunjukkan dulu sebelum dipakai. " +
		"Atau pilih <b>Tulis ulang</b> dan kirim versi yang lebih singkat."
	txtLongCut     = "%s\nHasil potongan otomatis: <b>%d karakter</b> (%d karakter di bagian akhir dibuang).\n\n<i>%s</i>\n\nPakai teks ini?"
	txtLongRewrite = "%s\nSilakan ketik ulang, paling banyak %d karakter. Tulisan Anda sebelumnya masih ada di chat di atas: salin, persingkat, lalu kirim."
	txtBtnCut      = "✂️ Potong otomatis"
	txtBtnUseCut   = "✅ Pakai hasil ini"
	txtBtnRewrite  = "✏️ Tulis ulang"

	txtPostSuggest  = "%s\nJabatan <i>%s</i> tidak ada di daftar %s. Maksud Anda salah satu jabatan ini?"
	txtPostConfirm  = "%s\nJabatan <i>%s</i> tidak ada di daftar %s, dan tidak mirip jabatan mana pun di sana. Pakai seperti yang Anda ketik (jabatan baru), atau pilih dari daftar?"
	txtBtnKeepTyped = "Tetap pakai yang saya ketik"
	txtBtnFromList  = "📋 Pilih dari daftar"
	txtSamePost     = "%s\n<b>%s</b> adalah jabatan Anda sekarang. Ingin tetap di jabatan ini, atau memilih jabatan lain?"
	txtSamePostTypo = "%s\nYang Anda ketik, <i>%s</i>, mirip dengan jabatan Anda sekarang: <b>%s</b>. Ingin tetap di jabatan ini, atau memilih jabatan lain?"
	txtBtnOtherPost = "Pilih jabatan lain"
	txtBtnNotMyPost = "Bukan, pakai yang saya ketik"
)
