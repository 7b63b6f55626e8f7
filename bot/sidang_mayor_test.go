package bot_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"openkarir/karir"
	"openkarir/telegramtest"
)

// TestSidangToTheMayorsDecree walks one session from its agenda to the
// signed SK, every step in chat: BKPSDM opens it on the one vacant post,
// Baperjakat's secretary recommends Rahmat then Taufik and closes it; the
// closing tells the Wali Kota, who picks Rahmat by button; Rahmat is
// approved with a contract, the other verified applicants declined and
// told; the SK's lampiran has Rahmat's row, and its signing tells him.
func TestSidangToTheMayorsDecree(t *testing.T) {
	h := decisionHarness(t, 2, karir.Administrator)
	for _, a := range roleAccounts {
		if a.user == baperjakat {
			h.bindByCode(a.user, a.nip, a.code)
			h.grant(a.user, a.role, "")
		}
	}

	// The agenda: the post with a free seat (Mega holds the other).
	mustSee(t, h.say(adminID, "/sidangbaru 10-12-2026"), "✅ <b>"+targetPos+"</b> (DISPERINDAG) · kosong 1 dari 2 kursi")
	h.press(adminID, "Kosongkan pilihan")
	mustSee(t, h.pressListed(adminID, targetPos), "Terpilih <b>1</b>")
	opened := h.press(adminID, "Buka sidang (1)")
	mustSee(t, opened, "Sidang Baperjakat <b>"+sidangID+"</b> tanggal 10 Desember 2026 dibuka dengan 1 jabatan")
	pack := pdfPages(t, documents(opened)["bahan-sidang-"+strings.ToLower(sidangID)+".pdf"])
	if p := pageWith(pack, "Jabatan 1 dari 1: "+targetPos); p < 0 || !strings.Contains(pack[p], squeeze("Rahmat Saputra")) {
		t.Fatalf("pack: %q", pack)
	}

	// The secretary: Rahmat, then Taufik, with a note; then closing.
	h.say(baperjakat, "/sidang "+sidangID)
	h.press(baperjakat, "📝 1. ")
	h.press(baperjakat, "Rahmat Saputra")
	mustSee(t, h.press(baperjakat, "Taufik Syahputra"), "<b>Pilihan:</b> 1) Rahmat Saputra, S.Kom.; 2) Taufik Syahputra, S.Kom.")
	h.press(baperjakat, "Tulis catatan")
	mustSee(t, h.say(baperjakat, "Rahmat paling siap; Taufik cadangan."), "tercatat", "1 jabatan, 1 sudah punya rekomendasi")
	h.advance(16 * 24 * time.Hour) // the session's date: closing waits for it
	h.press(baperjakat, "Tutup sidang")
	mustSee(t, h.press(baperjakat, "Ya, tutup sidang"), "🔒 Sidang <b>"+sidangID+"</b> ditutup.")

	// Closing told the mayor: one message for the post, with its buttons.
	h.waitNotice(mayorID, "Rahmat paling siap; Taufik cadangan.")
	post := h.lastWithButton(mayorID, "Pilih Rahmat")
	mustSee(t, []telegramtest.Message{post}, sidangID, targetPos, "1. <b>Rahmat Saputra, S.Kom.</b>", "2. <b>Taufik Syahputra, S.Kom.</b>")
	for _, b := range []string{"Pilih Taufik Syahputra", "Tunda", "Kembalikan ke Baperjakat"} {
		mustSeeButton(t, []telegramtest.Message{post}, b)
	}
	mustSee(t, h.pressIn(mayorID, post, "Pilih Rahmat"), "Yang terjadi:", "disetujui", "jabatan diisi oleh kandidat lain")
	mustSee(t, h.press(mayorID, "Ya, pilih Rahmat"), "Tercatat", "Rahmat Saputra, S.Kom.</b> dipilih")

	// The chosen approved with a contract; the others declined and told.
	if r := h.submission(nipRahmat); !r.Approved() || r.Contract == nil {
		t.Fatalf("Rahmat: stage %s, contract %v", r.Stage, r.Contract)
	}
	h.waitNotice(asnRahmat, "Disetujui")
	h.lastDocument(asnRahmat, "kontrak-kinerja")
	for nip, user := range map[string]int64{nipTaufik: asnTaufik, nipCode: asnStay} {
		if o := h.submission(nip); o.Stage != karir.StepDeclined || o.LastAdminStep().Note != karir.DeclinedReason {
			t.Errorf("%s: stage %s, %+v", nip, o.Stage, o.LastAdminStep())
		}
		h.waitNotice(user, "jabatan diisi oleh kandidat lain")
	}
	if d := h.decision(sidangID); d == nil || d.NIP != nipRahmat || d.Rank != 1 || d.OnBehalf {
		t.Fatalf("decision %+v", d)
	}

	// The SK: the lampiran's one row, then signed and Rahmat told.
	files := h.say(recorder, "/sk "+sidangID)
	if len(files) != 2 || files[0].Document == nil {
		t.Fatalf("/sk sent %s", dump(files))
	}
	rows := xlsxRows(t, files[0].Document.Data)
	if len(rows) != 5 || !slices.Equal(rows[4][1:3], []string{nipRahmat, "Rahmat Saputra, S.Kom."}) || rows[4][6] != targetPos {
		t.Fatalf("lampiran rows:\n%q", rows)
	}
	h.say(recorder, "/sk "+sidangID+" ttd 800/7/BKPSDM/2026 15-12-2026")
	mustSee(t, h.press(recorder, "Ya, tandai ditandatangani"), "Tercatat: SK 800/7/BKPSDM/2026", "1 ASN diberi tahu")
	h.waitNotice(asnRahmat, "SK Wali Kota sudah ditandatangani")
	mustSee(t, h.say(adminID, "/audit"), "membuka sidang "+sidangID, "rekomendasi", "menutup sidang "+sidangID, "dipilih Rahmat Saputra")
}

// TestSidangPackAt10000: the agenda of 20 leadership posts, each with
// 100 applicants, from a roster of 10,000 with talent data: opening the
// session gathers every post's candidates and sends the pack.
func TestSidangPackAt10000(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 ASN")
	}
	loc, _ := time.LoadLocation("Asia/Jakarta")
	at := time.Date(2026, 11, 24, 9, 0, 0, 0, loc)
	st := seededStore(t, "2026-1", at)
	ctx := context.Background()
	const posts = 20
	var maps []karir.PostMap
	for o := range posts {
		maps = append(maps, karir.PostMap{OPDCode: fmt.Sprintf("OPD%02d", o), OPDName: fmt.Sprintf("Dinas %02d", o),
			Posts: []karir.PlannedPost{{Name: fmt.Sprintf("Kepala Bidang %02d", o), Type: karir.Administrator, Seats: 1}}})
	}
	if _, err := st.SavePostMaps(ctx, maps); err != nil {
		t.Fatal(err)
	}
	subs, err := st.ListSubmissions(ctx, "2026-1")
	if err != nil {
		t.Fatal(err)
	}
	var talent []karir.TalentRecord
	for i := range subs {
		s := &subs[i]
		talent = append(talent, karir.TalentRecord{ID: karir.TalentID(s.NIP, 2025), NIP: s.NIP, Year: 2025, Predikat: karir.PredikatBaik,
			Potential: karir.PotentialHigh, ImportedAt: at})
		if i >= posts*100 {
			continue
		}
		o := i % posts
		s.Answers.Choice, s.Answers.TargetOPDCode, s.Answers.TargetOPDName, s.Answers.TargetPosition =
			karir.ChoiceMove, fmt.Sprintf("OPD%02d", o), fmt.Sprintf("Dinas %02d", o), fmt.Sprintf("Kepala Bidang %02d", o)
		if err := st.SaveSubmission(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := st.SaveTalent(ctx, talent); err != nil {
		t.Fatal(err)
	}
	h := newHarnessOn(t, st)
	start := time.Now()
	draft := h.say(adminID, "/sidangbaru 10-12-2026")
	t.Logf("proposals: %v", time.Since(start).Round(time.Millisecond))
	mustSee(t, draft, "Terpilih <b>20</b>")
	start = time.Now()
	opened := h.press(adminID, "Buka sidang (20)")
	t.Logf("open with the pack: %v", time.Since(start).Round(time.Millisecond))
	mustSee(t, opened, "dibuka dengan 20 jabatan")
	docs := documents(opened)
	pack := pdfPages(t, docs["bahan-sidang-"+strings.ToLower(sidangID)+".pdf"])
	if pageWith(pack, "Jabatan 20 dari 20") < 0 {
		t.Fatalf("pack of %d pages lacks the 20th post", len(pack))
	}
	s, err := st.Sidang(ctx, sidangID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range s.Agenda {
		if len(p.Nominees) < 10 {
			t.Errorf("%s (%s): %d nominees", p.Post, p.OPD, len(p.Nominees))
		}
	}
}
