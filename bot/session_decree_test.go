package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"openkarir/karir"
	"openkarir/roster"
)

// One whole session through the chat: BKPSDM opens it with the post on
// its agenda, Baperjakat recommends and closes it, the closing tells the
// Wali Kota, he chooses by button, the chosen is approved with a contract
// and the others declined and told, the SK's lampiran has the row, and
// once signed the chosen ASN is told.
func TestSessionToDecree(t *testing.T) {
	h := decisionHarness(t, 2, karir.Administrator)
	mustSee(t, h.tg.Upload(t, adminID, "peta-jabatan.csv", roster.SamplePosts, "/impor"), "Peta jabatan diimpor")
	// The sample gives the post one seat (Mega's): here it has two.
	m, err := h.store.PostMap(context.Background(), targetOPD)
	if err != nil {
		t.Fatal(err)
	}
	for i := range m.Posts {
		if strings.EqualFold(m.Posts[i].Name, targetPos) {
			m.Posts[i].Seats = 2
		}
	}
	if _, err := h.store.SavePostMaps(context.Background(), []karir.PostMap{*m}); err != nil {
		t.Fatal(err)
	}
	for _, a := range roleAccounts {
		if a.user == baperjakat {
			h.bindByCode(a.user, a.nip, a.code)
			h.grant(a.user, a.role, "")
		}
	}

	h.say(adminID, "/sidangbaru 10-12-2026")
	h.press(adminID, "Kosongkan pilihan")
	mustSee(t, h.pressListed(adminID, targetPos), "Terpilih <b>1</b>")
	mustSee(t, h.press(adminID, "Buka sidang (1)"), "dibuka dengan 1 jabatan")
	h.say(baperjakat, "/sidang")
	h.press(baperjakat, sidangID)
	h.press(baperjakat, "📝 1. ")
	h.press(baperjakat, "Rahmat Saputra")
	h.press(baperjakat, "Taufik Syahputra")
	h.press(baperjakat, "Tulis catatan")
	mustSee(t, h.say(baperjakat, "Rahmat unggul di kotak 9 dan memenuhi syarat."), "tercatat")
	h.advance(16 * 24 * time.Hour) // the session's date: closing waits for it
	h.press(baperjakat, "Tutup sidang")
	mustSee(t, h.press(baperjakat, "Ya, tutup sidang"), "ditutup")

	// The closing told the mayor: the post with the names in order.
	h.waitNotice(mayorID, "Keputusan Wali Kota")
	msg := h.tg.LastMessage(mayorID)
	if !strings.Contains(msg.Text, sidangID) || strings.Index(msg.Text, "Rahmat") > strings.Index(msg.Text, "Taufik") {
		t.Fatalf("the mayor's message:\n%s", msg.Text)
	}
	mustSeeButton(t, h.tg.Messages(mayorID), "Kembalikan ke Baperjakat")
	mustSee(t, h.press(mayorID, "Pilih Rahmat"), "Yang terjadi:")
	mustSee(t, h.press(mayorID, "Ya, pilih Rahmat"), "Tercatat", "2 pelamar lain ditolak")
	h.lastDocument(asnRahmat, "kontrak-kinerja")
	h.waitNotice(asnTaufik, "jabatan diisi oleh kandidat lain")
	h.waitNotice(asnStay, "jabatan diisi oleh kandidat lain")

	files := h.say(recorder, "/sk "+sidangID)
	if len(files) != 2 || files[0].Document == nil {
		t.Fatalf("/sk: %s", dump(files))
	}
	rows := xlsxRows(t, files[0].Document.Data)
	if len(rows) != 5 || rows[4][1] != nipRahmat || rows[4][6] != targetPos || !strings.Contains(pdfText(t, files[1].Document.Data), nipRahmat) {
		t.Fatalf("lampiran: %q", rows)
	}
	h.say(recorder, "/sk "+sidangID+" ttd 800/7/BKPSDM/2026 15-12-2026")
	mustSee(t, h.press(recorder, "Ya, tandai ditandatangani"), "1 ASN diberi tahu")
	h.waitNotice(asnRahmat, "SK Wali Kota sudah ditandatangani")
}
