package bot_test

import (
	"testing"

	"openkarir/karir"
	"openkarir/roster"
)

// The peta jabatan through /impor: each OPD's posts with their seats. The
// form then lists the target OPD's posts from it, a vacant one marked
// "lowong"; chosen, it reaches /kandidat and /peminat with its seats,
// holders and vacancies, and no "post not in the data" warning.
func TestPetaJabatanVacantPostChosen(t *testing.T) {
	h := newHarness(t)
	got := h.tg.Upload(t, adminID, "peta-jabatan.csv", roster.SamplePosts, "/impor")
	mustSee(t, got, "Peta jabatan diimpor", "OPD: 5 (diganti 5, tidak berubah 0)", "Jabatan: 44 · kursi: 71 · terisi: 40 · lowong: 31")
	mustSee(t, h.tg.Upload(t, adminID, "peta-jabatan.csv", roster.SamplePosts, "/impor"), "OPD: 5 (diganti 0, tidak berubah 5)")

	const mover = 861
	h.bindByCode(mover, nipCode, codeText)
	h.press(mover, "Pindah")
	list := h.press(mover, "Dinas Perindustrian")
	mustSee(t, list, "Daftar dari peta jabatan", "lowong")
	mustSeeButton(t, list, "Kepala UPTD Pasar Minggu · lowong 1")
	mustSeeButton(t, list, "Pengelola Retribusi Pasar · lowong 2")
	mustSeeButton(t, list, "Kepala UPTD Pasar Panorama") // held: no "lowong"
	for _, m := range list {
		for _, row := range m.Buttons {
			if row[0].Text == "Kepala UPTD Pasar Panorama · lowong 1" {
				t.Error("a post held in full is marked lowong")
			}
		}
	}
	h.press(mover, "Kepala UPTD Pasar Minggu")
	h.say(mover, reasonText)
	h.say(mover, targetText)
	h.press(mover, "6 bulan")
	mustSee(t, h.press(mover, "✅ Kirim"), "Formulir terkirim")
	if got := h.submission(nipCode).Answers.TargetPosition; got != "Kepala UPTD Pasar Minggu" {
		t.Errorf("target post %q", got)
	}

	// A typed post is matched against the peta jabatan, as it is spelled there.
	const typist = 862
	h.bindByCode(typist, "197007211992021006", "5F47VU")
	h.press(typist, "Pindah")
	h.press(typist, "Dinas Perindustrian")
	h.say(typist, "kepala  UPTD pasar minggu")
	h.say(typist, reasonText)
	h.say(typist, targetText)
	h.press(typist, "6 bulan")
	h.press(typist, "✅ Kirim")
	if got := h.submission("197007211992021006").Answers.TargetPosition; got != "Kepala UPTD Pasar Minggu" {
		t.Errorf("typed target post %q", got)
	}

	posts := h.say(adminID, "/kandidat")
	mustSeeButton(t, posts, "Kepala UPTD Pasar Minggu")
	card := h.press(adminID, "Kepala UPTD Pasar Minggu")
	mustSee(t, card, "Peta jabatan: Pengawas · kursi 1 · terisi 0 · <b>lowong 1</b>", "pemegang sekarang: 0", "2 ingin pindah ke sini")
	mustNotSee(t, card, karir.NoteNoSuchPost) // the note, not "TMT jabatan tidak ada di data" of a check

	demand := h.say(adminID, "/peminat")
	mustSee(t, demand, "Kepala UPTD Pasar Minggu (DISPERINDAG): 2 peminat · pemegang sekarang: 0 · kursi 1, lowong 1",
		"Peta jabatan: <b>31 kursi lowong</b> pada 19 jabatan (5 OPD)")
}

// A peta jabatan's bad rows are refused by line with the words accepted,
// and the file changes nothing; a file of no kind /impor knows is
// answered with the headers of each kind.
func TestPetaJabatanBadRows(t *testing.T) {
	h := newHarness(t)
	bad := "kode_opd;jabatan;jenis_jabatan;kebutuhan\n" +
		"DINKES;Kepala Seksi Baru;Eselon Tinggi;1\n" +
		"DINKES;Kepala Seksi Lain;Pengawas;tiga\n" +
		"DLH;Kepala Seksi Taman;Pengawas;1\n" +
		"DINKES;Kepala Dinas Kesehatan;JPT Pratama;1\n"
	got := h.tg.Upload(t, adminID, "peta.csv", []byte(bad), "/impor")
	mustSee(t, got, "Berkas ditolak: 3 baris bermasalah", "Tidak ada data yang diubah",
		"baris 2: jenis jabatan tidak dikenal (Eselon Tinggi): tulis salah satu dari JPT Utama, JPT Madya, JPT Pratama, Administrator, Pengawas, Fungsional Ahli Utama",
		"baris 3: kebutuhan bukan jumlah kursi (tiga)", "baris 4: OPD tidak dikenal (DLH)")
	if maps, err := h.store.PostMaps(t.Context()); err != nil || len(maps) != 0 {
		t.Errorf("a refused peta jabatan stored %v, %v", maps, err)
	}
	// By eselon instead of jenis_jabatan.
	byEselon := "nama_opd;jabatan;eselon;kebutuhan\nDinas Kesehatan;Kepala Seksi Baru;IV.a;2\n"
	mustSee(t, h.tg.Upload(t, adminID, "peta.csv", []byte(byEselon), "/impor"), "Jabatan: 1 · kursi: 2 · terisi: 0 · lowong: 2")
	if m, err := h.store.PostMap(t.Context(), "DINKES"); err != nil || m.Posts[0].Type != karir.Pengawas {
		t.Errorf("by eselon: %+v, %v", m, err)
	}

	other := h.tg.Upload(t, adminID, "lain.csv", []byte("nomor;keterangan\n1;x\n"), "/impor")
	mustSee(t, other, "Berkas tidak dapat dibaca", "Berkas yang dikenali /impor",
		"peta jabatan: <code>kode_opd,nama_opd,jabatan,jenis_jabatan,kebutuhan</code>",
		"formulir di luar bot: <code>nip,pilihan", "data talenta: <code>nip,tahun")
}
