package flows

// Texts of the talent map (/talenta) and the candidates per post (/kandidat).
const (
	txtTalentImported           = "✅ Data talenta diimpor. Tahun terbaru tiap ASN yang dipakai untuk peta 9-box.\n%s"
	txtTalentImportFailedPartly = "⚠️ Impor data talenta terhenti karena gangguan pada basis data, bukan karena berkasnya.\n<code>%s</code>\n<b>Sebagian data sudah tersimpan</b> sebelum gangguan: %d data talenta ditambahkan, %d diperbarui. Silakan kirim ulang berkas yang sama dengan keterangan <code>/impor</code> untuk menyelesaikannya; data yang sudah tersimpan tidak ditulis dua kali."

	txtTalentNone    = "Belum ada data talenta untuk %s.\nKirim berkas CSV dengan judul kolom <code>nip,tahun,predikat_kinerja,potensial</code> sebagai <b>dokumen</b> dengan keterangan <code>/impor</code>."
	txtTalentHead    = "<b>Peta talenta 9-box</b> (%s)\n%d dari %d ASN punya data talenta%s.\nTanpa data talenta: <b>%d</b> (tidak masuk kotak mana pun).\n\n"
	txtTalentYears   = "; tahun data: %s"
	txtTalentLine    = "%s<b>Kotak %d</b> · %s: <b>%d</b> (%s)\n"
	txtTalentLegend  = "\n⭐ Kotak 7 sampai 9 = kelompok rencana suksesi, yang diutamakan untuk promosi (PP 11/2017 jo. PP 17/2020 Pasal 200). Kinerja dari predikat SKP (PermenPANRB 6/2022), nomor kotak menurut PermenPANRB 3/2020 dan SIMATA BKN."
	txtTalentChart   = "Peta 9-box %s: kinerja dari kiri (di bawah ekspektasi) ke kanan (di atas ekspektasi), potensial dari bawah (rendah) ke atas (tinggi)."
	txtTalentPNGHead = "Peta talenta 9-box · %s"
	txtTalentPNGNote = "%d ASN dipetakan (data terbaru tiap ASN) · %d tanpa data talenta, tidak masuk kotak"

	txtCandNoDemand   = "Belum ada ASN yang meminta pindah ke jabatan %s."
	txtCandNoMatch    = "Tidak ada jabatan tujuan yang cocok dengan “%s”. Kirim /kandidat tanpa kata untuk melihat semuanya."
	txtCandListHead   = "<b>Kandidat per jabatan</b> (%s)%s\n%d jabatan tujuan punya peminat, paling banyak dulu. Halaman %d dari %d.\nPilih jabatan untuk melihat kandidatnya."
	txtCandListSearch = ", cari “%s”"
	txtCandListButton = "%s (%s) · %d"

	txtCandHead        = "<b>Kandidat: %s</b>\n%s (%s) · %s · pemegang sekarang: %d\n%d ingin pindah ke sini, %d pemegang ingin tetap. Halaman %d dari %d.\n\n"
	txtCandEselon      = "eselon %s"
	txtCandEselonNone  = "eselon tidak diketahui (tidak ada pemegang di data)"
	txtCandLine        = "%d. %s<b>%s</b>%s\n    %s, %s · %s%s\n    %s\n"
	txtCandReady       = "⭐ "
	txtCandStay        = " · pemegang, ingin tetap"
	txtCandGolongan    = " · gol. %s"
	txtCandTalent      = "Kotak %d · %s (%d) · potensial %s"
	txtCandJPM         = " (JPM %s%%)"
	txtCandNoTalent    = "Tanpa data talenta"
	txtCandRecord      = " · target tercapai %d, tidak tercapai %d"
	txtCandRating      = " · nilai laporan %s (%d dinilai)"
	txtCandFlag        = "    ⚠️ %s\n"
	txtCandLegend      = "\n⭐ siap = tiga teratas yang memenuhi syarat di kotak 7 sampai 9. ⚠️ = peringatan, bukan penghalang: Baperjakat yang memutuskan.\nUrutan: memenuhi syarat, kotak (9, 8, 7, lalu 6 sampai 1), potensial, target yang tercapai sebelumnya, waktu pengajuan."
	txtBtnCandXLSX     = "📊 Unduh Excel"
	txtBtnCandMap      = "🗺 Peta 9-box kandidat"
	txtCandXLSX        = "Kandidat untuk %s (%s): %d orang, untuk rapat Baperjakat."
	txtCandMap         = "Peta 9-box kandidat %s (%s)."
	txtCandPNGHead     = "Kandidat: %s (%s)"
	txtCandPNGNote     = "%d kandidat · %d tanpa data talenta, tidak masuk kotak"
	txtCandStaffEselon = "staf"
)
