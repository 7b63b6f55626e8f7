package bot_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"openkarir/karir"
	"openkarir/telegramtest"
)

// Accounts of the mayor's decision tests.
const (
	mayorID      = 2700 // the Wali Kota: no NIP, not in the roster
	asnRahmat    = 2701
	codeRahmat   = "ZQ33KY"
	asnTaufik    = 2702
	codeTaufik   = "QN7R3P"
	nipRecorder  = "197109011994092003" // Eko Prasetyo: pencatat keputusan
	codeRecorder = "3M7JRC"
)

// decisionHarness: candidatesHarness with the post given two seats in the
// peta jabatan (Mega holds one and stays), Rahmat, Taufik and Nadia
// verified by BKPSDM and in the bot, Hendra not yet verified; a Wali Kota
// and a pencatat keputusan granted.
func decisionHarness(t *testing.T, seats int, typ karir.JabatanType) *harness {
	h := candidatesHarness(t)
	h.bindByCode(asnRahmat, nipRahmat, codeRahmat)
	h.bindByCode(asnTaufik, nipTaufik, codeTaufik)
	if _, err := h.store.SavePostMaps(context.Background(), []karir.PostMap{{OPDCode: targetOPD, OPDName: "Dinas Perindustrian dan Perdagangan",
		Posts: []karir.PlannedPost{{Name: targetPos, Type: typ, Seats: seats}}, UpdatedAt: h.clock()}}); err != nil {
		t.Fatal(err)
	}
	for _, nip := range []string{nipRahmat, nipTaufik, nipCode} {
		h.say(adminID, "/tinjau "+nip)
		mustSee(t, h.decide(adminID, "Diverifikasi BKPSDM", ""), "Tercatat")
	}
	h.say(mayorID, "/start")
	h.grant(mayorID, "wali kota", "")
	h.bindByCode(recorder, nipRecorder, codeRecorder)
	h.grant(recorder, "pencatat", "")
	return h
}

// closedSidang stores a session on the post, recommends names in order
// and closes it, as Baperjakat does in chat.
func (h *harness) closedSidang(nips ...string) karir.Sidang {
	h.t.Helper()
	ctx := context.Background()
	nominees := []karir.Nominee{
		{NIP: nipRahmat, Name: "Rahmat Saputra, S.Kom.", Applied: true, Eligible: true, Box: 9, Line: "kotak 9 · memenuhi syarat · nilai rata-rata 4,2"},
		{NIP: nipTaufik, Name: "Taufik Syahputra, S.Kom.", Applied: true, Eligible: true, Box: 7, Line: "kotak 7 · memenuhi syarat · 1 target tercapai"},
		{NIP: nipCode, Name: "Nadia Putri Maharani, S.Psi.", Applied: true, Box: 9, Line: "kotak 9 · syarat belum dapat diperiksa"},
		{NIP: nipMega, Name: "Mega Permata, S.H., M.H.", Applied: true, Box: 5, Line: "kotak 5 · bertahan"},
	}
	s, err := h.store.CreateSidang(ctx, karir.Sidang{Date: time.Date(2026, 11, 23, 0, 0, 0, 0, h.loc), Round: h.round.ID, OpenedBy: adminID, OpenedAt: h.clock(),
		Agenda: []karir.AgendaPost{{OPD: targetOPD, OPDName: "Dinas Perindustrian dan Perdagangan", Post: targetPos, Seats: 2, Vacant: 1, Nominees: nominees}}})
	if err != nil {
		h.t.Fatal(err)
	}
	got, err := h.store.RecordRecommendation(ctx, s.ID, targetOPD, targetPos, karir.BoardRecommendation{NIPs: nips, Note: "Rahmat paling siap.", By: adminID, At: h.clock()}, s.Version)
	if err != nil {
		h.t.Fatal(err)
	}
	closed, err := h.store.CloseSidang(ctx, s.ID, adminID, h.clock(), got.Version)
	if err != nil {
		h.t.Fatal(err)
	}
	return *closed
}

// decision is the stored decision of the session's post, nil when none.
func (h *harness) decision(sid string) *karir.Decision {
	return h.decisionOf(sid, targetOPD, targetPos)
}

// decisionOf is the stored decision of a session's post, nil when none.
func (h *harness) decisionOf(sid, opd, post string) *karir.Decision {
	h.t.Helper()
	d, err := h.store.Decision(context.Background(), karir.DecisionID(sid, opd, post))
	if err != nil {
		return nil
	}
	return d
}

// xlsxRows reads a spreadsheet's first sheet back.
func xlsxRows(t *testing.T, data []byte) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestMayorDecidesSessionPost(t *testing.T) {
	h := decisionHarness(t, 2, karir.Administrator)
	s := h.closedSidang(nipRahmat, nipTaufik, nipCode)

	// The mayor sees the post with the names in order, each with its line.
	got := h.say(mayorID, "/keputusan")
	mustSee(t, got, "Keputusan Wali Kota", s.ID, targetPos, "Kursi: 2, lowong 1", "Rekomendasi Baperjakat",
		"1. <b>Rahmat Saputra, S.Kom.</b>", "kotak 9 · memenuhi syarat · nilai rata-rata 4,2", "2. <b>Taufik Syahputra, S.Kom.</b>", "Rahmat paling siap.")
	for _, b := range []string{"Pilih Rahmat Saputra", "Pilih Taufik Syahputra", "Pilih Nadia Putri", "Tunda", "Kembalikan ke Baperjakat"} {
		mustSeeButton(t, got, b)
	}
	postMsg := got[0]

	// Someone without the role pressing the mayor's button changes nothing.
	_, data := h.buttonData(mayorID, "Pilih Rahmat")
	mustSee(t, h.replay(asnTaufik, data), "Wali Kota")
	if h.decision(s.ID) != nil {
		t.Fatal("a press without the role recorded a decision")
	}

	// Tunda: nothing changes.
	mustSee(t, h.press(mayorID, "Tunda"), "Ditunda", "Tidak ada yang diubah")

	confirm := h.press(mayorID, "Pilih Rahmat")
	mustSee(t, confirm, "Yang terjadi:", "disetujui", "2 pelamar lain jabatan ini <b>ditolak</b>", "jabatan diisi oleh kandidat lain")
	mustNotSee(t, confirm, "atas nama Wali Kota")
	if h.decision(s.ID) != nil {
		t.Fatal("recorded before the confirmation")
	}
	done := h.press(mayorID, "Ya, pilih Rahmat")
	mustSee(t, done, "Tercatat", "Rahmat Saputra, S.Kom.</b> dipilih", "2 pelamar lain ditolak", "Belum diverifikasi BKPSDM, tidak ditolak otomatis: Hendra Gunawan")

	// The chosen: approved, with a contract, told; Baperjakat's step first.
	r := h.submission(nipRahmat)
	if !r.Approved() || r.Contract == nil {
		t.Fatalf("Rahmat: stage %s, contract %v", r.Stage, r.Contract)
	}
	if _, ok := r.Reached(karir.StepBaperjakat); !ok {
		t.Error("no Baperjakat step before the decision")
	}
	if m := approvalOf(r); m == nil || m.ActorName != "Wali Kota" || !strings.Contains(m.Note, "Keputusan Wali Kota, sidang Baperjakat "+s.ID) {
		t.Errorf("approval milestone %+v", m)
	}
	h.waitNotice(asnRahmat, "Disetujui")
	h.lastDocument(asnRahmat, "kontrak-kinerja")

	// The others: declined with the reason, told; Hendra (not verified)
	// and Mega (the holder, staying) untouched.
	for nip, user := range map[string]int64{nipTaufik: asnTaufik, nipCode: asnStay} {
		o := h.submission(nip)
		if o.Stage != karir.StepDeclined || o.LastAdminStep().Note != karir.DeclinedReason {
			t.Errorf("%s: stage %s, %+v", nip, o.Stage, o.LastAdminStep())
		}
		h.waitNotice(user, "jabatan diisi oleh kandidat lain")
	}
	if s := h.submission(nipHendra).Stage; s != karir.StepSubmitted {
		t.Errorf("Hendra: %s", s)
	}
	if s := h.submission(nipMega).Stage; s != karir.StepSubmitted {
		t.Errorf("Mega: %s", s)
	}
	d := h.decision(s.ID)
	if d == nil || !d.Applied || d.NIP != nipRahmat || d.OnBehalf || d.Rank != 1 || len(d.Declined) != 2 || d.OldPosition != "Kepala Seksi Drainase" {
		t.Fatalf("decision %+v", d)
	}

	// A second press on the decided post, another name: refused.
	again := h.tg.Press(t, mayorID, postMsg.ID, postMsg.Buttons[1][0].Data)
	mustSee(t, again, "sudah diputuskan", "Rahmat Saputra", "Tidak ada yang diubah")
	if o := h.submission(nipTaufik); o.Stage != karir.StepDeclined {
		t.Errorf("a second press changed Taufik: %s", o.Stage)
	}
	mustSee(t, h.say(mayorID, "/keputusan"), "Tidak ada jabatan yang menunggu")
	mustSee(t, h.say(adminID, "/audit"), "keputusan", "dipilih Rahmat Saputra")

	// The SK's lampiran: one row, read back from the xlsx and the PDF.
	mustSee(t, h.say(recorder, "/sk"), s.ID, "1 keputusan", "draf")
	files := h.say(recorder, "/sk "+s.ID)
	if len(files) != 2 || files[0].Document == nil || files[1].Document == nil {
		t.Fatalf("/sk sent %s", dump(files))
	}
	rows := xlsxRows(t, files[0].Document.Data)
	want := []string{"1", nipRahmat, "Rahmat Saputra, S.Kom.", "Penata Tingkat I, III/d", "Kepala Seksi Drainase",
		"Dinas Pekerjaan Umum dan Penataan Ruang", targetPos, "Dinas Perindustrian dan Perdagangan", "01-12-2026"}
	if len(rows) != 5 || strings.Join(rows[4][:len(want)], "|") != strings.Join(want, "|") {
		t.Fatalf("lampiran rows:\n%q", rows)
	}
	if !strings.HasPrefix(rows[0][0], "DRAF") || rows[3][1] != "NIP/NI PPPK" {
		t.Errorf("lampiran heading %q / %q", rows[0], rows[3])
	}
	text := pdfText(t, files[1].Document.Data)
	for _, w := range append(want[1:], "DRAFLAMPIRANKEPUTUSANWALIKOTA", "NIP/NIPPPK", "DitetapkandiBengkulupadatanggal") {
		if !strings.Contains(text, squeeze(w)) {
			t.Errorf("the PDF lacks %q:\n%s", w, text)
		}
	}

	// Signed: the number and date, then each ASN in it is told.
	mustSee(t, h.say(recorder, "/sk "+s.ID+" ttd 800/123/BKPSDM/2026 31-02-2026"), "tidak terbaca")
	ask := h.say(recorder, "/sk "+s.ID+" ttd 800/123/BKPSDM/2026 15-12-2026")
	mustSee(t, ask, "800/123/BKPSDM/2026", "15 Desember 2026", "1 ASN")
	mustSee(t, h.press(recorder, "Ya, tandai ditandatangani"), "Tercatat: SK 800/123/BKPSDM/2026", "1 ASN diberi tahu")
	h.waitNotice(asnRahmat, "SK Wali Kota sudah ditandatangani")
	mustSee(t, []telegramtest.Message{h.tg.LastMessage(asnRahmat)}, "800/123/BKPSDM/2026", targetPos, "15 Desember 2026")
	mustSee(t, h.say(recorder, "/sk "+s.ID+" ttd 999/1/2026 16-12-2026"), "sudah ditandai ditandatangani", "800/123/BKPSDM/2026")
	signed := h.say(recorder, "/sk "+s.ID)
	if rows := xlsxRows(t, signed[0].Document.Data); !strings.Contains(rows[1][0], "800/123/BKPSDM/2026") || rows[4][8] != "15-12-2026" {
		t.Errorf("signed lampiran: %q", rows)
	}
}

// approvalOf is the approval milestone of a form.
func approvalOf(s *karir.Submission) *karir.Milestone {
	for i := range s.Milestones {
		if s.Milestones[i].Step == karir.StepApproved {
			return &s.Milestones[i]
		}
	}
	return nil
}

// The post has one seat, held by Mega who stays: choosing a mover would
// exceed it, so nothing changes; the pencatat then records, on the mayor's
// behalf, Mega staying, and the movers are declined.
func TestMayorChoiceNeverExceedsSeats(t *testing.T) {
	h := decisionHarness(t, 1, karir.Administrator)
	h.say(adminID, "/tinjau "+nipMega)
	h.decide(adminID, "Diverifikasi BKPSDM", "")
	s := h.closedSidang(nipRahmat, nipMega)

	got := h.say(recorder, "/keputusan")
	mustSee(t, got, "Rekomendasi Baperjakat", "Mega Permata")
	mustSee(t, h.press(recorder, "Pilih Rahmat"), "kursi jabatan ini sudah terisi semua", "Mega Permata", "Tidak ada yang diubah")
	if h.decision(s.ID) != nil || h.submission(nipRahmat).Stage != karir.StepVerified {
		t.Fatal("a choice past the seats changed something")
	}
	confirm := h.press(recorder, "Pilih Mega")
	mustSee(t, confirm, "atas nama Wali Kota", "3 pelamar lain")
	mustSee(t, h.press(recorder, "Ya, pilih Mega"), "Tercatat", "dicatat atas nama Wali Kota oleh Eko Prasetyo")
	d := h.decision(s.ID)
	if d == nil || !d.OnBehalf || d.NIP != nipMega || !strings.Contains(d.RecordedAs(), "dicatat atas nama Wali Kota oleh Eko Prasetyo") {
		t.Fatalf("decision %+v", d)
	}
	if m := approvalOf(h.submission(nipMega)); m == nil || !strings.Contains(m.ActorName, "dicatat oleh Eko Prasetyo") ||
		!strings.Contains(m.Note, "dicatat atas nama Wali Kota oleh Eko Prasetyo") {
		t.Errorf("approval %+v", m)
	}
	for _, nip := range []string{nipRahmat, nipTaufik, nipCode} {
		if st := h.submission(nip).Stage; st != karir.StepDeclined {
			t.Errorf("%s: %s", nip, st)
		}
	}
	h.waitNotice(asnRahmat, "jabatan diisi oleh kandidat lain")
}

// Within six months of the inauguration the decision asks the Minister's
// approval's number; a JPT post asks the open selection's too; both are
// recorded with it. Kembalikan sends a post back with a note.
func TestMayorGuardsOfTheLaw(t *testing.T) {
	h := decisionHarness(t, 2, karir.JPTPratama)
	// Inaugurated on 1 August 2026: the harness's 24 November is within
	// six months.
	h.stopBot()
	h.inaugurated = time.Date(2026, 8, 1, 0, 0, 0, 0, h.loc)
	h.start()
	s := h.closedSidang(nipRahmat, nipTaufik)

	got := h.say(mayorID, "/keputusan")
	mustSee(t, got, "seleksi terbuka", "6 bulan sejak pelantikan", "UU 10/2016 Pasal 162 ayat 3")
	mustSee(t, h.press(mayorID, "Pilih Rahmat"), "persetujuan tertulis Menteri Dalam Negeri", "nomor surat persetujuan Mendagri")
	mustSee(t, h.say(mayorID, "ab"), "3 sampai 120")
	mustSee(t, h.say(mayorID, "100.2.2.6/1234/OTDA"), "jabatan pimpinan tinggi", "hasil seleksi terbuka")
	confirm := h.say(mayorID, "BA-PANSEL/07/2026")
	mustSee(t, confirm, "Yang terjadi:", "100.2.2.6/1234/OTDA", "BA-PANSEL/07/2026")
	mustSee(t, h.say(mayorID, "sudah benar"), "menunggu tombol", "tidak ada yang dicatat")
	mustSee(t, h.press(mayorID, "Ya, pilih Rahmat"), "Tercatat")
	d := h.decision(s.ID)
	if d == nil || d.MinisterRef != "100.2.2.6/1234/OTDA" || d.SelectionRef != "BA-PANSEL/07/2026" {
		t.Fatalf("decision %+v", d)
	}
	if m := approvalOf(h.submission(nipRahmat)); m == nil || !strings.Contains(m.Note, "100.2.2.6/1234/OTDA") {
		t.Errorf("approval %+v", m)
	}
	files := h.say(recorder, "/sk "+s.ID)
	if rows := xlsxRows(t, files[0].Document.Data); !strings.Contains(rows[4][9], "Seleksi terbuka: BA-PANSEL/07/2026") ||
		!strings.Contains(rows[4][9], "Persetujuan Mendagri: 100.2.2.6/1234/OTDA") {
		t.Errorf("lampiran notes: %q", rows[4])
	}

}

// From six months before the Pilkada's penetapan pasangan calon the
// mayor's choice asks the Minister's approval (UU 10/2016 Pasal 71 ayat
// 2), naming the window, and records its number with the decision.
func TestMayorPilkadaWindow(t *testing.T) {
	h := decisionHarness(t, 2, karir.Administrator)
	// Penetapan on 20 May 2027: the window opens on 20 November 2026, and
	// the harness's clock says 24 November.
	h.stopBot()
	h.penetapan = time.Date(2027, 5, 20, 0, 0, 0, 0, h.loc)
	h.start()
	s := h.closedSidang(nipRahmat, nipTaufik)

	got := h.say(mayorID, "/keputusan")
	mustSee(t, got, "Sejak 20 November 2026, 6 bulan sebelum penetapan pasangan calon Pilkada (20 Mei 2027)", "UU 10/2016 Pasal 71 ayat 2")
	mustNotSee(t, got, "Pasal 162")
	mustNotSee(t, got, "seleksi terbuka")
	mustSee(t, h.press(mayorID, "Pilih Rahmat"), "Menurut UU 10/2016 Pasal 71 ayat 2", "nomor surat persetujuan Mendagri")
	if h.decision(s.ID) != nil {
		t.Fatal("decided before the approval's number")
	}
	mustSee(t, h.say(mayorID, "100.2.2.6/5678/OTDA"), "Yang terjadi:", "Persetujuan tertulis Mendagri: 100.2.2.6/5678/OTDA")
	mustSee(t, h.press(mayorID, "Ya, pilih Rahmat"), "Tercatat")
	if d := h.decision(s.ID); d == nil || d.MinisterRef != "100.2.2.6/5678/OTDA" {
		t.Fatalf("decision %+v", d)
	}
}

// Kembalikan ke Baperjakat asks a note, sends the post back, and the
// post's old buttons then change nothing.
func TestMayorReturnsPostToBaperjakat(t *testing.T) {
	h := decisionHarness(t, 2, karir.Administrator)
	s := h.closedSidang(nipRahmat, nipTaufik)
	h.say(mayorID, "/keputusan")
	mustSee(t, h.press(mayorID, "Kembalikan ke Baperjakat"), "catatan untuk Baperjakat")
	mustSee(t, h.say(mayorID, "ok"), "3 sampai 500")
	mustSee(t, h.say(mayorID, "Mohon pertimbangkan kandidat dari kelompok suksesi."), "dikembalikan ke Baperjakat", "kelompok suksesi")
	got, err := h.store.Sidang(context.Background(), s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if p := got.Agenda[0]; p.Rec != nil || p.Returned != "Mohon pertimbangkan kandidat dari kelompok suksesi." {
		t.Fatalf("agenda post after the return: %+v", p)
	}
	mustSee(t, h.press(mayorID, "Pilih Rahmat"), "menunggu rekomendasi baru", "tidak ada yang diubah")
	if h.decision(s.ID) != nil || h.submission(nipRahmat).Stage != karir.StepVerified {
		t.Fatal("a press on a returned post changed something")
	}
	mustSee(t, h.say(mayorID, "/keputusan"), "Tidak ada jabatan yang menunggu")
	mustSee(t, h.say(adminID, "/audit"), "keputusan-kembali")
}

// The mayor's choice in a city of 10,000 ASN with 6,000 forms: a post with
// 200 verified applicants; one is chosen, the other 199 are declined and
// the bound ones told, in one press.
func TestMayorDecidesAt10000(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 ASN")
	}
	loc, _ := time.LoadLocation("Asia/Jakarta")
	st := seededStore(t, "2026-1", time.Date(2026, 11, 24, 9, 0, 0, 0, loc))
	ctx := context.Background()
	const post, opd = "Kepala Dinas 00", "OPD00"
	// Read from the cache once the reopened store has loaded it, not
	// behind the warm-up's hold of the one connection.
	if err := st.Warm(ctx); err != nil {
		t.Fatal(err)
	}
	subs, err := st.ListSubmissions(ctx, "2026-1")
	if err != nil {
		t.Fatal(err)
	}
	var applicants []karir.Nominee
	for i := range subs {
		s := &subs[i]
		if len(applicants) == 200 {
			break
		}
		if s.Stage != karir.StepVerified && s.Stage != karir.StepBaperjakat {
			continue
		}
		s.Answers.Choice, s.Answers.TargetOPDCode, s.Answers.TargetOPDName, s.Answers.TargetPosition = karir.ChoiceMove, opd, "Dinas 00", post
		if err := st.SaveSubmission(ctx, s); err != nil {
			t.Fatal(err)
		}
		applicants = append(applicants, karir.Nominee{NIP: s.NIP, Name: s.Name, Applied: true, Line: "pelamar"})
	}
	if _, err := st.SavePostMaps(ctx, []karir.PostMap{{OPDCode: opd, OPDName: "Dinas 00", Posts: []karir.PlannedPost{{Name: post, Type: karir.Administrator, Seats: 1}}}}); err != nil {
		t.Fatal(err)
	}
	h := newHarnessOn(t, st)
	h.say(mayorID, "/start")
	h.grant(mayorID, "walikota", "")
	s, err := st.CreateSidang(ctx, karir.Sidang{Date: h.clock(), Round: "2026-1", OpenedBy: adminID, OpenedAt: h.clock(),
		Agenda: []karir.AgendaPost{{OPD: opd, OPDName: "Dinas 00", Post: post, Seats: 1, Vacant: 1, Nominees: applicants}}})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := st.RecordRecommendation(ctx, s.ID, opd, post, karir.BoardRecommendation{NIPs: []string{applicants[2].NIP, applicants[0].NIP}, By: adminID, At: h.clock()}, s.Version)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CloseSidang(ctx, s.ID, adminID, h.clock(), rec.Version); err != nil {
		t.Fatal(err)
	}
	timed := func(what string, f func()) {
		start := time.Now()
		f()
		t.Logf("%s: %v", what, time.Since(start).Round(time.Millisecond))
	}
	timed("/keputusan", func() { mustSee(t, h.say(mayorID, "/keputusan"), "1. <b>"+applicants[2].Name) })
	timed("Pilih", func() { mustSee(t, h.press(mayorID, "Pilih "+applicants[2].Name), "199 pelamar lain") })
	timed("Ya, pilih", func() { mustSee(t, h.press(mayorID, "Ya, pilih"), "Tercatat", "199 pelamar lain ditolak") })
	declined := 0
	after, err := st.ListSubmissions(ctx, "2026-1")
	if err != nil {
		t.Fatal(err)
	}
	for i := range after {
		if a := &after[i]; a.AppliesFor(karir.Post{OPDCode: opd, Position: post}) {
			switch {
			case a.NIP == applicants[2].NIP && !a.Approved():
				t.Errorf("the chosen is %s", a.Stage)
			case a.NIP != applicants[2].NIP && a.Stage == karir.StepDeclined:
				declined++
			}
		}
	}
	if d := h.decisionOf(s.ID, opd, post); declined != 199 || d == nil || !d.Applied || len(d.Declined) != 199 {
		t.Fatalf("declined %d, decision %+v", declined, d)
	}
}
