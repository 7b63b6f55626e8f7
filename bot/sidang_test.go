package bot_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ledongthuc/pdf"
	"github.com/xuri/excelize/v2"

	"openkarir/karir"
	"openkarir/roster"
	"openkarir/telegramtest"
)

const (
	sidangID = "S-20261210-1"
	kesmas   = "Kepala Bidang Kesehatan Masyarakat" // DINKES, administrator, vacant in the sample
)

// sidangHarness: the candidates of /kandidat, the sample peta jabatan, a
// Baperjakat secretary and a verifikator BKPSDM.
func sidangHarness(t *testing.T) *harness {
	t.Helper()
	h := candidatesHarness(t)
	mustSee(t, h.tg.Upload(t, adminID, "peta-jabatan.csv", roster.SamplePosts, "/impor"), "Peta jabatan diimpor")
	for _, a := range roleAccounts {
		if a.user == baperjakat || a.user == verifier {
			h.bindByCode(a.user, a.nip, a.code)
			h.grant(a.user, a.role, "")
		}
	}
	return h
}

// pressListed presses the button of the numbered line that names post
// on the agenda draft (labels are shortened to fit a phone), turning its
// pages until one lists it.
func (h *harness) pressListed(user int64, post string) []telegramtest.Message {
	h.t.Helper()
	for range 20 {
		msgs := h.tg.Messages(user)
		var draft telegramtest.Message
		for i := len(msgs) - 1; i >= 0; i-- {
			if strings.Contains(msgs[i].Text, "<b>Agenda sidang") {
				draft = msgs[i]
				break
			}
		}
		for _, line := range strings.Split(draft.Text, "\n") {
			if n, _, ok := strings.Cut(line, ". "); ok && strings.Contains(line, "<b>"+post+"</b>") {
				for _, row := range draft.Buttons {
					for _, b := range row {
						if strings.Contains(b.Text, " "+n+". ") {
							return h.tg.Press(h.t, user, draft.ID, b.Data)
						}
					}
				}
			}
		}
		h.press(user, "Berikutnya")
	}
	h.t.Fatalf("post %q on no page", post)
	return nil
}

// pdfPages reads a PDF's text back page by page, spaces dropped.
func pdfPages(t *testing.T, doc []byte) []string {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(doc), int64(len(doc)))
	if err != nil {
		t.Fatalf("read PDF: %v", err)
	}
	var pages []string
	for i := 1; i <= r.NumPage(); i++ {
		text, err := r.Page(i).GetPlainText(nil)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, squeeze(text))
	}
	return pages
}

func pageWith(pages []string, text string) int {
	return slices.IndexFunc(pages, func(p string) bool { return strings.Contains(p, squeeze(text)) })
}

// TestSidangWholeSession walks one Baperjakat session: the agenda
// proposed and edited, refused while empty; the pack read back from its
// PDF and spreadsheet; the recommendations recorded with buttons and a
// note, one for a name not on the pack refused; closing refused while a
// post lacks one, then the minutes to the secretary and to the admin who
// opened it; presses from chats without the right refused.
func TestSidangWholeSession(t *testing.T) {
	h := sidangHarness(t)

	mustSee(t, h.say(adminID, "/sidangbaru"), "Tulis tanggal sidang")
	mustSee(t, h.say(adminID, "/sidangbaru 31 Februari 2026"), "Tanggal «31 Februari 2026» tidak dikenali")
	mustSee(t, h.say(verifier, "/sidangbaru"), "Tulis tanggal sidang") // BKPSDM may open one
	mustSee(t, h.say(baperjakat, "/sidangbaru 10-12-2026"), "Maaf, ini khusus verifikator BKPSDM")

	draft := h.say(adminID, "/sidangbaru 10-12-2026")
	mustSee(t, draft, "<b>Agenda sidang Baperjakat 10 Desember 2026</b>", "yang kosong di peta jabatan lebih dulu",
		"✅ <b>"+kesmas+"</b> (DINKES) · kosong 1 dari 1 kursi · 0 peminat")
	mustNotSee(t, draft, "Kepala Dinas Kesehatan</b>") // held

	// Emptied, the agenda is refused; the two posts are then chosen.
	mustSee(t, h.press(adminID, "Kosongkan pilihan"), "Terpilih <b>0</b>")
	mustSee(t, h.press(adminID, "Buka sidang (0)"), "Sidang tanpa agenda tidak dapat dibuka")
	if s, err := h.store.OpenSidangs(context.Background()); err != nil || len(s) != 0 {
		t.Fatalf("a session stored without agenda: %v %v", s, err)
	}
	mustSee(t, h.pressListed(adminID, kesmas), "Terpilih <b>1</b>")
	mustSee(t, h.pressListed(adminID, targetPos), "Terpilih <b>2</b>")
	opened := h.press(adminID, "Buka sidang (2)")
	mustSee(t, opened, "Sidang Baperjakat <b>"+sidangID+"</b> tanggal 10 Desember 2026 dibuka dengan 2 jabatan",
		"1. <b>"+kesmas+"</b> (DINKES) · kosong 1 dari 1 kursi · 2 kandidat", "2. <b>"+targetPos+"</b> (DISPERINDAG) · kosong 0 dari 1 kursi · 5 kandidat",
		"⏳ belum ada rekomendasi")
	docs := documents(opened)

	// The pack, read back: the agenda, each post with its candidates, the
	// berita acara with the members' signature lines.
	pages := pdfPages(t, docs["bahan-sidang-"+strings.ToLower(sidangID)+".pdf"])
	if len(pages) < 4 {
		t.Fatalf("pack has %d pages: %q", len(pages), pages)
	}
	for _, want := range []string{"BAHAN SIDANG BADAN PERTIMBANGAN JABATAN DAN KEPANGKATAN", "Sidang " + sidangID + " · Kamis, 10 Desember 2026", "Agenda: 2 jabatan"} {
		if !strings.Contains(pages[0], squeeze(want)) {
			t.Errorf("first page lacks %q: %s", want, pages[0])
		}
	}
	km, tp := pageWith(pages, "Jabatan 1 dari 2: "+kesmas), pageWith(pages, "Jabatan 2 dari 2: "+targetPos)
	if km < 0 || tp < 0 {
		t.Fatalf("post pages %d %d: %q", km, tp, pages)
	}
	for _, want := range []string{"Rahmat Saputra", "berminat lain: " + targetPos + " (DISPERINDAG)", "(kelompok suksesi)", "memenuhi syarat", "1 kursi, kosong 1"} {
		if !strings.Contains(pages[km], squeeze(want)) {
			t.Errorf("%s's page lacks %q: %s", kesmas, want, pages[km])
		}
	}
	for _, want := range []string{"Nadia Putri Maharani", "Mega Permata", "pemegang, ingin tetap", "TIDAK memenuhi syarat", "Tidak terpenuhi: pengalaman jabatan", "Catatan: golongan III/c di bawah III/d",
		"Belum dapat diperiksa: pendidikan", "mengajukan jabatan ini", "tahap: diajukan", "(pelamar)", "1 / 0"} {
		if !strings.Contains(pages[tp], squeeze(want)) {
			t.Errorf("%s's page lacks %q: %s", targetPos, want, pages[tp])
		}
	}
	if strings.Contains(pages[km], "Hendra") || strings.Contains(pages[km], "Taufik") {
		t.Errorf("who fails a requirement is in the pool: %s", pages[km])
	}
	minutes := pages[len(pages)-1]
	for _, want := range []string{"BERITA ACARA SIDANG", "Pada hari ini, Kamis, 10 Desember 2026, bertempat di Bengkulu, Badan Pertimbangan", "Ketua", "Sekretaris", "Anggota", "NIP ....", kesmas} {
		if !strings.Contains(minutes, squeeze(want)) {
			t.Errorf("berita acara page lacks %q: %s", want, minutes)
		}
	}

	x, err := excelize.OpenReader(bytes.NewReader(docs["bahan-sidang-"+strings.ToLower(sidangID)+".xlsx"]))
	if err != nil {
		t.Fatalf("xlsx: %v (%v)", err, docs)
	}
	agenda, _ := x.GetRows("Agenda")
	if len(agenda) != 7 || agenda[5][1] != kesmas || agenda[6][1] != targetPos || agenda[6][8] != "5" {
		t.Errorf("agenda sheet = %q", agenda)
	}
	cands, _ := x.GetRows("Kandidat")
	col := map[string]int{}
	for i, c := range cands[4] {
		col[c] = i
	}
	byPost := map[string][]string{}
	for _, r := range cands[5:] {
		r = append(r, make([]string, len(cands[4]))...)
		byPost[r[col["Jabatan"]]] = append(byPost[r[col["Jabatan"]]], r[col["Nama"]]+"|"+r[col["Sumber"]]+"|"+r[col["Kotak 9-box"]]+"|"+r[col["Memenuhi syarat"]])
	}
	if got := byPost[kesmas]; len(got) != 2 || !strings.HasPrefix(got[0], "Nadia Putri Maharani, S.Psi.|kelompok suksesi|9|ya") {
		t.Errorf("%s in the xlsx = %q", kesmas, got)
	}
	if got := byPost[targetPos]; len(got) != 5 || !strings.HasPrefix(got[0], "Nadia") || !strings.Contains(strings.Join(got, " "), "Hendra Gunawan, S.AP.|pelamar|9|tidak") {
		t.Errorf("%s in the xlsx = %q", targetPos, got)
	}

	// Who may not: an ASN, and BKPSDM for the board's step.
	mustSee(t, h.say(asnStay, "/sidang"), "Maaf, ini khusus")
	msg, _ := h.buttonData(adminID, "Bahan sidang")
	mustSee(t, h.tg.Press(t, asnStay, msg, "x:sidang:r:"+sidangID+":1"), "Maaf, ini khusus")
	h.say(verifier, "/sidang "+sidangID)
	mustSee(t, h.tg.Press(t, verifier, h.tg.LastMessage(verifier).ID, "x:sidang:r:"+sidangID+":1"), "Maaf, ini khusus Baperjakat")

	// The secretary records: for the administrator post, Rahmat then
	// Nadia; a name not in the pack is refused.
	list := h.say(baperjakat, "/sidang")
	mustSee(t, list, "1 terbuka, 0 sudah ditutup")
	mustSee(t, h.press(baperjakat, sidangID), "<b>Sidang Baperjakat "+sidangID+"</b> · 10 Desember 2026", "2 jabatan, 0 sudah punya rekomendasi")
	picks := h.press(baperjakat, "📝 2. ")
	mustSee(t, picks, "<b>Rekomendasi: "+targetPos+"</b> (DISPERINDAG)", "1. ⭐ <b>Nadia Putri Maharani, S.Psi.</b>", "<b>Pilihan:</b> belum ada")
	h.press(baperjakat, "Tulis catatan") // nothing picked yet: a toast says so
	if a := h.tg.CallbackAnswers(); len(a) == 0 || a[len(a)-1].Text != "Pilih kandidat dulu, atau Tidak ada." {
		t.Errorf("toast = %v", a[len(a)-1:])
	}
	forged := h.tg.Press(t, baperjakat, h.tg.LastMessage(baperjakat).ID, "x:sidang:c:"+sidangID+":1:"+nipWulan)
	mustSee(t, forged, "<b>bukan kandidat</b> "+targetPos)
	mustSee(t, h.say(baperjakat, "tanpa pilihan"), "Pilih dulu kandidat")
	h.press(baperjakat, "Rahmat Saputra")
	mustSee(t, h.press(baperjakat, "Nadia Putri"), "<b>Pilihan:</b> 1) Rahmat Saputra, S.Kom.; 2) Nadia Putri Maharani, S.Psi.")
	mustSee(t, h.press(baperjakat, "Tulis catatan"), "Ketik <b>catatan Baperjakat</b>")
	got := h.say(baperjakat, "Rahmat unggul di kotak 9 dan memenuhi syarat.")
	mustSee(t, got, "✅ Rekomendasi untuk <b>"+targetPos+"</b> (DISPERINDAG) tercatat", "✅ 1) Rahmat Saputra, S.Kom.", "✅ 2) Nadia Putri Maharani, S.Psi.",
		"2 jabatan, 1 sudah punya rekomendasi")

	// Before its date (the clock says 24 November), closing is refused,
	// naming the date, and so is a forged confirmation; the secretary's
	// session message stays as it was.
	session := h.tg.LastMessage(baperjakat)
	early := h.press(baperjakat, "Tutup sidang")
	mustSee(t, early, "Mohon maaf, sidang <b>"+sidangID+"</b> baru dapat ditutup pada tanggal sidangnya, <b>10 Desember 2026</b> (16 hari lagi)", "Tidak ada yang diubah")
	mustNotSee(t, early, "Tutup sidang <b>"+sidangID+"</b>?")
	mustSee(t, h.tg.Press(t, baperjakat, session.ID, "x:sidang:K:"+sidangID), "baru dapat ditutup pada tanggal sidangnya")
	if s, _ := h.store.Sidang(context.Background(), sidangID); s.Closed {
		t.Fatal("closed before its date")
	}
	for _, m := range h.tg.Messages(baperjakat) {
		if m.ID == session.ID && m.Text != session.Text {
			t.Errorf("the session's message changed on a refusal:\n%s", m.Text)
		}
	}
	h.advance(16 * 24 * time.Hour) // 10 December, 09.00 WIB: the session's day

	// Closing early is refused, naming the post without one.
	mustSee(t, h.press(baperjakat, "Tutup sidang"), "belum dapat ditutup: <b>1 jabatan</b>", "1. "+kesmas+" (DINKES)")
	if s, _ := h.store.Sidang(context.Background(), sidangID); s.Closed {
		t.Fatal("closed with a post lacking its recommendation")
	}
	h.press(baperjakat, "📝 1. ")
	h.press(baperjakat, "Tidak ada yang direkomendasikan")
	mustSee(t, h.say(baperjakat, "Kedua kandidat diutamakan untuk jabatan lain."), "✅ tidak ada yang direkomendasikan", "2 jabatan, 2 sudah punya rekomendasi")

	// The members present, for the minutes' signature lines: a list
	// without a secretary is refused, then recorded.
	mustSee(t, h.press(baperjakat, "Anggota hadir (0)"), "Anggota Baperjakat yang hadir", "Tercatat: belum ada.", "<b>Nama, peran</b>")
	mustSee(t, h.say(baperjakat, "Drs. Ahmad Yani, M.Si., ketua\nBudi Santoso, anggota"), "perlu tepat satu ketua dan satu sekretaris (tercatat 1 ketua, 0 sekretaris)")
	mustSee(t, h.say(baperjakat, "Budi Santoso, wakil"), "peran «wakil» tidak dikenal")
	members := h.say(baperjakat, "Drs. Ahmad Yani, M.Si., ketua\nRina Marlina, S.E., Sekretaris\n\nBudi Santoso, S.H., anggota")
	mustSee(t, members, "✅ Anggota hadir sidang <b>"+sidangID+"</b> tercatat:", "1. Drs. Ahmad Yani, M.Si. · Ketua", "2. Rina Marlina, S.E. · Sekretaris", "3. Budi Santoso, S.H. · Anggota")
	mustSeeButton(t, members, "Anggota hadir (3)")
	if s, _ := h.store.Sidang(context.Background(), sidangID); len(s.Members) != 3 || s.Members[1] != (karir.BoardMember{Name: "Rina Marlina, S.E.", Role: karir.MemberSekretaris}) {
		t.Fatalf("stored members: %+v", s.Members)
	}

	mustSee(t, h.press(baperjakat, "Tutup sidang"), "Tutup sidang <b>"+sidangID+"</b>?")
	closed := h.press(baperjakat, "Ya, tutup sidang")
	mustSee(t, closed, "🔒 Sidang <b>"+sidangID+"</b> ditutup.")
	for _, doc := range [][]byte{documents(closed)["berita-acara-"+strings.ToLower(sidangID)+".pdf"],
		h.lastDocument(adminID, "berita-acara-").Document.Data} {
		text := strings.Join(pdfPages(t, doc), "")
		for _, want := range []string{"BERITA ACARA SIDANG", "1. Rahmat Saputra, S.Kom.", "NIP " + nipRahmat, "2. Nadia Putri Maharani",
			"Tidak ada yang direkomendasikan", "Kedua kandidat diutamakan untuk jabatan lain.", "sidang ditutup", "Sekretaris",
			"Ketua ( Drs. Ahmad Yani, M.Si. )", "( Rina Marlina, S.E. )", "Anggota ( Budi Santoso, S.H. )"} {
			if !strings.Contains(text, squeeze(want)) {
				t.Errorf("minutes lack %q: %s", want, text)
			}
		}
		if strings.Index(text, "Rahmat") > strings.Index(text, "Nadia") {
			t.Errorf("minutes out of order: %s", text)
		}
	}
	s, err := h.store.Sidang(context.Background(), sidangID)
	if err != nil || !s.Closed || s.ClosedBy != baperjakat || s.Agenda[1].Rec == nil || !slices.Equal(s.Agenda[1].Rec.NIPs, []string{nipRahmat, nipCode}) ||
		!s.Agenda[0].Rec.None || s.Agenda[1].Rec.By != baperjakat {
		t.Fatalf("stored session: %+v %v", s, err)
	}

	// Closed: nothing is recorded any more.
	mustSee(t, h.tg.Press(t, baperjakat, h.tg.LastMessage(baperjakat).ID, "x:sidang:r:"+sidangID+":0"), "sudah ditutup")
	// The mayor sends one post back (part B does it in chat): the board
	// records a new recommendation for it, on the closed session.
	if _, err := h.store.ReturnAgendaPost(context.Background(), sidangID, targetOPD, targetPos, "Mohon calon dari luar DPUPR."); err != nil {
		t.Fatal(err)
	}
	view := h.say(baperjakat, "/sidang "+sidangID)
	mustSee(t, view, "↩️ dikembalikan Wali Kota: Mohon calon dari luar DPUPR.; menunggu rekomendasi baru")
	for _, row := range view[len(view)-1].Buttons {
		if strings.HasPrefix(row[0].Text, "📝 1. ") {
			t.Errorf("a post not returned offered on the closed session: %v", row)
		}
	}
	mustSee(t, h.press(baperjakat, "📝 2. "), "↩️ Dikembalikan Wali Kota: Mohon calon dari luar DPUPR.")
	h.press(baperjakat, "Nadia Putri")
	h.press(baperjakat, "Tulis catatan")
	mustSee(t, h.say(baperjakat, "Nadia dari BKPSDM."), "✅ Rekomendasi untuk <b>"+targetPos+"</b> (DISPERINDAG) tercatat", "✅ 1) Nadia Putri Maharani")
	if s, _ := h.store.Sidang(context.Background(), sidangID); !s.Closed || !slices.Equal(s.Agenda[1].Rec.NIPs, []string{nipCode}) || len(s.Agenda[1].History) != 1 {
		t.Errorf("after the return: %+v", s.Agenda[1])
	}

	audit := h.say(adminID, "/audit")
	mustSee(t, audit, "membuka sidang "+sidangID, "rekomendasi", "menutup sidang "+sidangID)
}

// TestSidangWithoutAgenda: nothing vacant and nothing asked for, so
// nothing to put on an agenda: refused, nothing stored.
func TestSidangWithoutAgenda(t *testing.T) {
	h := newHarness(t)
	mustSee(t, h.say(adminID, "/sidangbaru 10-12-2026"), "Sidang tidak dapat dibuka: <b>tidak ada jabatan untuk diagendakan</b>")
	mustSee(t, h.say(adminID, "/sidang"), "Belum ada sidang Baperjakat")
	if s, err := h.store.OpenSidangs(context.Background()); err != nil || len(s) != 0 {
		t.Fatalf("stored: %v %v", s, err)
	}
}
