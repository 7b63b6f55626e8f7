package bot_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"openkarir/flows"
	"openkarir/karir"
	"openkarir/roster"
	"openkarir/store"
	"openkarir/telegramtest"
)

// NIPs of the sample roster used below.
const (
	nipMega   = "198004242002072003" // Kepala Bidang Pengelolaan Pasar, DISPERINDAG, eselon III: the post's holder
	nipTaufik = "197112141997072007" // Kepala Seksi, DISPERINDAG, eselon IV
	nipHendra = "198802192010101008" // Kepala Seksi, DINKES, eselon IV
	nipRahmat = "199104272016121004" // Kepala Seksi Drainase, DPUPR, eselon IV
	nipWulan  = "199004182016092004" // Kepala Bidang Bina Marga, DPUPR, eselon III
	targetOPD = "DISPERINDAG"
	targetPos = "Kepala Bidang Pengelolaan Pasar"
)

// candidatesTalent places the applicants on the 9-box: Rahmat 9, Taufik 7,
// Mega 5; Hendra 9 and Nadia 9 (88%) but flagged below.
const candidatesTalent = "nip;tahun;predikat_kinerja;potensial\n" +
	nipRahmat + ";2025;Sangat Baik;85\n" +
	nipTaufik + ";2025;Baik;tinggi\n" +
	nipTaufik + ";2024;Kurang;rendah\n" +
	nipMega + ";2025;Baik;menengah\n" +
	nipHendra + ";2025;Sangat Baik;tinggi\n" +
	nipCode + ";2025;Sangat Baik;88\n"

// withGolongan is the sample roster with the golongan and TMT jabatan
// columns: Hendra has been a pengawas only since June 2025, short of the 3
// years an administrator post asks (PP 11/2017 Pasal 54 ayat (1) huruf
// d), and his III/c is below III/d, the lowest pangkat of eselon III.b in
// the old table: a note, no requirement. Nadia is an
// Analis Kepegawaian Ahli Muda here (Ahli Pertama in the sample): the JF
// one step below the administrator post she applies for, as ahli muda
// stands beside pengawas (karir's jabatanLevels, PP 11/2017 jo. PP 17/2020
// Pasal 107 ayat (1)); an ahli pertama would jump two.
func withGolongan() []byte {
	gol := map[string]string{nipTaufik: "III/d", nipHendra: "III/c", nipRahmat: "III/d", nipMega: "IV/a", nipCode: "III/d"}
	lines := strings.Split(strings.TrimSpace(string(roster.Sample)), "\n")
	lines[0] += ";golongan;tmt_jabatan"
	for i := 1; i < len(lines); i++ {
		nip, _, _ := strings.Cut(lines[i], ";")
		if nip == nipCode {
			lines[i] = strings.Replace(lines[i], "Analis Kepegawaian Ahli Pertama", "Analis Kepegawaian Ahli Muda", 1)
		}
		tmt := ""
		if nip == nipHendra {
			tmt = "01-06-2025"
		}
		lines[i] += ";" + gol[nip] + ";" + tmt
	}
	return []byte(strings.Join(lines, "\n") + "\n")
}

// file stores a filed form straight into the store, as if filed in chat
// at the given minute of the harness's morning.
func (h *harness) file(nip string, move bool, minute int) {
	h.t.Helper()
	ctx := context.Background()
	e, err := h.store.Employee(ctx, nip)
	if err != nil {
		h.t.Fatal(err)
	}
	at := h.clock().Add(time.Duration(minute) * time.Minute)
	sub := &karir.Submission{Round: h.round.ID, NIP: nip, Ref: "T" + nip[14:], Name: e.Name, OPDCode: e.OPDCode, OPDName: e.OPDName,
		Position: e.Position, Eselon: e.Eselon, Stage: karir.StepSubmitted, SubmittedAt: at, UpdatedAt: at,
		Answers: karir.Answers{Choice: karir.ChoiceStay, Reason: reasonText, Target: targetText, TermMonths: 6}}
	if move {
		sub.Answers.Choice, sub.Answers.TargetOPDCode, sub.Answers.TargetOPDName, sub.Answers.TargetPosition =
			karir.ChoiceMove, targetOPD, "Dinas Perindustrian dan Perdagangan", strings.ToLower(targetPos)
	}
	if err := h.store.SaveSubmission(ctx, sub); err != nil {
		h.t.Fatal(err)
	}
}

// candidatesHarness: the roster with golongan and the talent data loaded
// in chat, four ASN asking for the post, its holder staying, and Taufik
// with a target met in an earlier round.
func candidatesHarness(t *testing.T) *harness {
	h := newHarness(t)
	mustSee(t, h.tg.Upload(t, adminID, "pegawai.csv", withGolongan(), "/impor"), "Data pegawai diimpor")
	mustSee(t, h.tg.Upload(t, adminID, "talenta.csv", []byte(candidatesTalent), "/impor"), "Data talenta diimpor", "Ditambahkan: 6")

	// Nadia files in chat, with the position typed in other case.
	h.bindByCode(asnStay, nipCode, codeText)
	h.press(asnStay, "Pindah")
	h.press(asnStay, "Dinas Perindustrian dan Perdagangan")
	h.say(asnStay, "kepala bidang pengelolaan pasar")
	h.say(asnStay, reasonText)
	h.say(asnStay, targetText)
	h.press(asnStay, "6 bulan")
	mustSee(t, h.press(asnStay, "✅ Kirim"), "terkirim")

	h.file(nipHendra, true, 1)
	h.file(nipTaufik, true, 2)
	h.file(nipRahmat, true, 3)
	h.file(nipMega, false, 4)
	old := &karir.Submission{Round: "2025-1", NIP: nipTaufik, Stage: karir.StepMet, SubmittedAt: h.clock().AddDate(-1, 0, 0)}
	if err := h.store.SaveSubmission(context.Background(), old); err != nil {
		t.Fatal(err)
	}
	return h
}

// order lists the candidates' names in the order a post's view shows them.
func order(text string, names ...string) []string {
	type at struct {
		name string
		i    int
	}
	var found []at
	for _, n := range names {
		if i := strings.Index(text, n); i >= 0 {
			found = append(found, at{n, i})
		}
	}
	for i := range found {
		for j := i + 1; j < len(found); j++ {
			if found[j].i < found[i].i {
				found[i], found[j] = found[j], found[i]
			}
		}
	}
	out := make([]string, len(found))
	for i, f := range found {
		out[i] = f.name
	}
	return out
}

func TestCandidatesPerPost(t *testing.T) {
	h := candidatesHarness(t)

	got := h.say(adminID, "/kandidat")
	// The count first, where a cut label cannot hide it; the whole post in the message.
	mustSee(t, got, "1 jabatan tujuan punya peminat", "= <b>"+targetPos+" (DISPERINDAG)</b>")
	if len(got) != 1 || len(got[0].Buttons) != 1 || !strings.HasPrefix(got[0].Buttons[0][0].Text, "5 · "+targetPos) {
		t.Fatalf("post list:\n%s", dump(got))
	}
	view := h.press(adminID, targetPos)
	mustSee(t, view, "<b>Kandidat: "+targetPos+"</b>", "Administrator (eselon III) · pemegang sekarang: 1",
		"4 ingin pindah ke sini, 1 pemegang ingin tetap",
		"1. ⭐ <b>Nadia Putri Maharani, S.Psi.</b> · tahap: diajukan", // JF ahli muda ≈ pengawas: one level up
		"2. ⭐ <b>Rahmat Saputra, S.Kom.</b> · tahap: diajukan", "Kotak 9 · Sangat Baik (2025) · potensial tinggi (JPM 85%)",
		"✅ memenuhi syarat: 2 dari 5 syarat terpenuhi",
		"❔ belum dapat diperiksa: pendidikan (pendidikan tidak ada di data); pengalaman jabatan (TMT jabatan tidak ada di data); SKP 2 tahun terakhir (predikat tahun 2024 tidak ada di data talenta)",
		"3. <b>Mega Permata, S.H., M.H.</b> · pemegang, ingin tetap · tahap: diajukan",
		"5. <b>Taufik Syahputra, S.Kom.</b> · tahap: diajukan", "Kotak 8 · Baik (2025) · potensial tinggi · target tercapai 1, tidak tercapai 0",
		"❌ tidak memenuhi syarat: 2 dari 5 syarat terpenuhi",
		"❌ SKP 2 tahun terakhir: paling kurang Baik pada 2024 dan 2025 (PP 11/2017 Pasal 54 ayat (1) huruf e); predikat 2024 Kurang",
		"❌ pengalaman jabatan: 3 tahun sebagai pengawas atau JF setara (PP 11/2017 Pasal 54 ayat (1) huruf d); pengawas baru sejak 06-2025",
		"ℹ️ golongan III/c di bawah III/d, pangkat terendah eselon III.b dalam lampiran PP 100/2000 jo. PP 13/2002; bukan syarat jabatan menurut PP 11/2017 jo. PP 17/2020",
		"Kepala Seksi Drainase, DPUPR · Pengawas (eselon IV.a) · gol. III/d",
		karir.LegendRequirements)
	want := []string{"Nadia", "Rahmat", "Mega", "Hendra", "Taufik"}
	if got := order(view[0].Text, want...); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("ranking = %v, want %v\n%s", got, want, view[0].Text)
	}
	if n := strings.Count(view[0].Text, "⭐ <b>"); n != 2 {
		t.Errorf("%d marked siap, want 2 (only Nadia and Rahmat meet the requirements in boxes 7-9)", n)
	}

	// The spreadsheet for the Baperjakat meeting, in the same order.
	docs := documents(h.press(adminID, "Unduh Excel"))
	x, err := excelize.OpenReader(bytes.NewReader(docs["kandidat-disperindag-kepala-bidang-pengelolaan-pasar.xlsx"]))
	if err != nil {
		t.Fatalf("xlsx: %v (got %v)", err, docs)
	}
	rows, err := x.GetRows("Kandidat")
	if err != nil || len(rows) != 6+5 {
		t.Fatalf("xlsx rows = %d, %v", len(rows), err)
	}
	if rows[0][0] != "Kandidat untuk "+targetPos || rows[5][0] != "Peringkat" {
		t.Errorf("xlsx top: %q / %q", rows[0], rows[5])
	}
	col := map[string]int{}
	for i, c := range rows[5] {
		col[c] = i
	}
	for i, w := range []struct{ nip, siap, stage, box, eligible, failed string }{
		{nipCode, "siap", "diajukan", "9", "ya", ""},
		{nipRahmat, "siap", "diajukan", "9", "ya", ""},
		{nipMega, "", "diajukan", "5", "", ""},
		{nipHendra, "", "diajukan", "9", "tidak", "pengalaman jabatan: 3 tahun sebagai pengawas atau JF setara (PP 11/2017 Pasal 54 ayat (1) huruf d); pengawas baru sejak 06-2025"},
		{nipTaufik, "", "diajukan", "8", "tidak", "SKP 2 tahun terakhir: paling kurang Baik pada 2024 dan 2025 (PP 11/2017 Pasal 54 ayat (1) huruf e); predikat 2024 Kurang"},
	} {
		r := append(rows[6+i], make([]string, len(rows[5]))...)
		if r[col["NIP"]] != w.nip || r[col["Siap"]] != w.siap || r[col["Tahap"]] != w.stage || r[col["Kotak 9-box"]] != w.box ||
			r[col["Memenuhi syarat"]] != w.eligible || r[col["Syarat tidak terpenuhi"]] != w.failed {
			t.Errorf("xlsx row %d = %q, want %+v", i+1, rows[6+i], w)
		}
	}
	if r := rows[6+1]; !strings.Contains(r[col["Belum dapat diperiksa"]], "pendidikan (pendidikan tidak ada di data)") {
		t.Errorf("xlsx unchecked = %q", r)
	}
	if !strings.Contains(rows[2][0], karir.LegendRequirements) {
		t.Errorf("xlsx legend = %q", rows[2][0])
	}
	mustSee(t, h.say(adminID, "/audit"), "<b>unduh kandidat</b>: "+targetPos)

	// The post's 9-box.
	img, err := png.Decode(bytes.NewReader(photoOf(t, h.press(adminID, "🗺 Peta 9-box"))))
	if err != nil {
		t.Fatalf("candidates' map is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() < 600 || b.Dy() < 500 {
		t.Errorf("map size %v", b)
	}
}

func TestCandidatesSearchAndPages(t *testing.T) {
	h := newHarness(t)
	// Twelve posts asked for, so two pages; one typed post nobody holds.
	emps, err := h.store.ListEmployees(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range emps[:12] {
		sub := &karir.Submission{Round: h.round.ID, NIP: e.NIP, Name: e.Name, OPDCode: e.OPDCode, Position: e.Position, Eselon: e.Eselon,
			Stage: karir.StepSubmitted, SubmittedAt: h.clock(), Answers: karir.Answers{Choice: karir.ChoiceMove,
				TargetOPDCode: "DLH", TargetOPDName: "Dinas Lingkungan Hidup", TargetPosition: fmt.Sprintf("Kepala Seksi Taman %02d", i)}}
		if err := h.store.SaveSubmission(context.Background(), sub); err != nil {
			t.Fatal(err)
		}
	}
	got := h.say(adminID, "/kandidat")
	mustSee(t, got, "12 jabatan tujuan punya peminat", "Halaman 1 dari 2")
	page2 := h.press(adminID, "Berikutnya")
	if len(page2) != 1 || page2[0].ID != got[0].ID {
		t.Fatalf("page 2 is not an edit of the list:\n%s", dump(page2))
	}
	mustSee(t, page2, "Halaman 2 dari 2")

	got = h.say(adminID, "/kandidat taman 07")
	if len(got) != 1 || len(got[0].Buttons) != 1 || !strings.Contains(got[0].Buttons[0][0].Text, "1 · Kepala Seksi Taman 07 (DLH)") {
		t.Fatalf("search:\n%s", dump(got))
	}
	view := h.press(adminID, "Taman 07")
	// Nobody holds it, but its name says it is a pengawas post.
	mustSee(t, view, "Dinas Lingkungan Hidup (DLH) · Pengawas · pemegang sekarang: 0", "ℹ️ "+karir.NoteNoSuchPost, "Tanpa data talenta")
	mustSee(t, h.say(adminID, "/kandidat rumah sakit"), "Tidak ada jabatan tujuan yang cocok dengan “rumah sakit”")
}

// bindByPhone binds the user to nip by sharing the roster's phone number.
func (h *harness) bindByPhone(user int64, nip string) {
	h.t.Helper()
	e, err := h.store.Employee(context.Background(), nip)
	if err != nil {
		h.t.Fatal(err)
	}
	h.begin(user)
	h.say(user, nip)
	mustSee(h.t, h.tg.Share(h.t, user, "+"+e.Phone, user), "sudah terhubung")
	h.say(user, "/batal")
}

func TestTalentMap(t *testing.T) {
	h := candidatesHarness(t)
	got := h.say(adminID, "/talenta")
	mustSee(t, got, "<b>Peta talenta 9-box</b> (semua OPD)", "5 dari 40 ASN punya data talenta; tahun data: 2025 (5)",
		"Tanpa data talenta: <b>35</b>",
		"⭐ <b>Kotak 9</b> · kinerja di atas ekspektasi, potensial tinggi: <b>3</b> (60,0%)",
		"⭐ <b>Kotak 8</b> · kinerja sesuai ekspektasi, potensial tinggi: <b>1</b> (20,0%)",
		"⭐ <b>Kotak 7</b> · kinerja di atas ekspektasi, potensial menengah: <b>0</b> (0,0%)",
		"<b>Kotak 4</b> · kinerja di atas ekspektasi, potensial rendah: <b>0</b> (0,0%)",
		"<b>Kotak 5</b> · kinerja sesuai ekspektasi, potensial menengah: <b>1</b> (20,0%)",
		"<b>Kotak 1</b> · kinerja di bawah ekspektasi, potensial rendah: <b>0</b> (0,0%)")
	if w, hgt := photoIn(t, got); w < 600 || hgt < 500 {
		t.Errorf("map size %dx%d", w, hgt)
	}
	mustSee(t, h.say(adminID, "/talenta DISPERINDAG"), "2 dari 8 ASN punya data talenta", "Tanpa data talenta: <b>6</b>")
	mustSee(t, h.say(adminID, "/talenta DISDIK"), "Belum ada data talenta (OPD DISDIK)")
	mustSee(t, h.say(adminID, "/talenta XYZ"), "Kode OPD XYZ tidak dikenal")

	// A talent file with a bad row changes nothing; one missing a column
	// is answered about the talent columns, not the roster's.
	bad := "nip;tahun;predikat_kinerja;potensial\n" + nipMega + ";2025;Sangat Baik;tinggi\n" + nipMega + ";2024;Cukup;tinggi\n"
	mustSee(t, h.tg.Upload(t, adminID, "talenta.csv", []byte(bad), "/impor"), "Berkas ditolak", "baris 3", "predikat kinerja tidak dikenal (Cukup)")
	mustSee(t, h.tg.Upload(t, adminID, "talenta.csv", []byte("nip;tahun;predikat_kinerja\n"), "/impor"), "kolom tidak ada: potensial")
	mustSee(t, h.say(adminID, "/talenta DISPERINDAG"), "2 dari 8 ASN")
	// The same file again changes nothing.
	mustSee(t, h.tg.Upload(t, adminID, "talenta.csv", []byte(candidatesTalent), "/impor"), "Ditambahkan: 0", "Tidak berubah: 6")
}

// TestTalentScope: an ASN sees no box anywhere; an OPD admin sees their
// OPD's ASN on the map and their OPD's posts with every applicant.
func TestTalentScope(t *testing.T) {
	h := candidatesHarness(t)
	const dpuAdmin, pasarAdmin = 805, 806
	h.bindByPhone(dpuAdmin, nipPhone)    // Hendrik, DPUPR
	h.bindByPhone(pasarAdmin, nipTaufik) // Taufik, DISPERINDAG, himself an applicant

	// Not admins yet: no map, no candidates, no talent import.
	for _, u := range []int64{dpuAdmin, asnStay} {
		mustSee(t, h.say(u, "/talenta"), "Maaf, ini khusus ")
		mustSee(t, h.say(u, "/kandidat"), "Maaf, ini khusus ")
	}
	mustSee(t, h.tg.Upload(t, asnStay, "talenta.csv", []byte(candidatesTalent), "/impor"), "Maaf, ini khusus ")
	// The ASN's own view shows no box: /status, and /dataku has her
	// talent records as imported, without a box.
	mustNotSee(t, h.say(asnStay, "/status"), "Kotak")
	doc := documents(h.say(asnStay, "/dataku"))["data-saya.json"]
	var data struct {
		Talent []map[string]any `json:"data_talenta"`
	}
	if err := json.Unmarshal(doc, &data); err != nil || len(data.Talent) != 1 {
		t.Fatalf("my data: %v\n%s", err, doc)
	}
	if r := data.Talent[0]; r["tahun"] != 2025.0 || r["predikat_kinerja"] != "sangat_baik" || r["jpm_persen"] != 88.0 || r["potensial"] != "tinggi" {
		t.Errorf("my talent record = %v", r)
	}
	if s := strings.ToLower(string(doc)); strings.Contains(s, "kotak") || strings.Contains(s, "box") {
		t.Errorf("my data shows a box:\n%s", doc)
	}

	h.grant(dpuAdmin, "admin_opd", "DPUPR")
	h.grant(pasarAdmin, "admin_opd", "DISPERINDAG")

	// The DPUPR admin: their OPD's ASN only (Rahmat has data).
	got := h.say(dpuAdmin, "/talenta")
	mustSee(t, got, "(OPD DPUPR)", "1 dari 7 ASN punya data talenta")
	mustSee(t, h.say(dpuAdmin, "/talenta DISPERINDAG"), "hanya dapat bertindak untuk OPD DPUPR")
	// Nobody asked for a DPUPR post; Rahmat's request for a DISPERINDAG
	// post is not theirs to see, not even with a forged button.
	mustSee(t, h.say(dpuAdmin, "/kandidat"), "Belum ada ASN yang meminta pindah ke jabatan OPD DPUPR")
	sum := sha256.Sum256([]byte(targetOPD + "\x00" + strings.ToLower(targetPos)))
	forged := flows.ButtonData("kandidat", "v:"+hex.EncodeToString(sum[:8]))
	before := h.tg.Sent(dpuAdmin)
	h.tg.Press(t, dpuAdmin, got[0].ID, forged)
	if h.tg.Sent(dpuAdmin) != before {
		t.Errorf("a forged button showed another OPD's candidates")
	}

	// The DISPERINDAG admin: their post, with every applicant from any OPD.
	got = h.say(pasarAdmin, "/kandidat")
	mustSee(t, got, "(OPD DISPERINDAG)", "1 jabatan tujuan")
	mustSee(t, h.press(pasarAdmin, targetPos), "Rahmat Saputra", "Hendra Gunawan", "Nadia Putri Maharani", "Mega Permata", "Taufik Syahputra")
}

// photoIn decodes the photo of a reply.
func photoIn(t *testing.T, msgs []telegramtest.Message) (w, hgt int) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(photoOf(t, msgs)))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	return img.Bounds().Dx(), img.Bounds().Dy()
}

// talentWriterThatFails keeps the first records it is given, then the
// database fails.
type talentWriterThatFails struct {
	*store.Store
	kept int
}

func (w talentWriterThatFails) SaveTalent(ctx context.Context, recs []karir.TalentRecord) (int, int, error) {
	added, changed, err := w.Store.SaveTalent(ctx, recs[:min(w.kept, len(recs))])
	if err != nil {
		return added, changed, err
	}
	return added, changed, errors.New("i/o timeout")
}

// TestTalentImportSaysWhatWasWritten: a database failure during a talent
// import is not "the file cannot be read"; the same file again completes it.
func TestTalentImportSaysWhatWasWritten(t *testing.T) {
	h := newHarness(t)
	for _, tc := range []struct {
		name string
		kept int
		want []string
	}{
		{"NothingWritten", 0, []string{"basis data", "i/o timeout", "Tidak ada data yang diubah"}},
		{"PartlyWritten", 10, []string{"Impor data talenta terhenti", "i/o timeout", "10 data talenta ditambahkan, 0 diperbarui", "kirim ulang"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h.stopBot()
			h.talent = roster.StrictTalent{W: talentWriterThatFails{Store: h.store, kept: tc.kept}}
			h.start()
			got := h.tg.Upload(t, adminID, "talenta.csv", roster.SampleTalent, "/impor")
			mustSee(t, got, tc.want...)
			mustNotSee(t, got, "tidak dapat dibaca")
		})
	}
	h.stopBot()
	h.talent = nil
	h.start()
	rows := strings.Count(string(roster.SampleTalent), "\n") - 1
	mustSee(t, h.tg.Upload(t, adminID, "talenta.csv", roster.SampleTalent, "/impor"),
		fmt.Sprintf("Ditambahkan: %d", rows-10), "Tidak berubah: 10")
	mustSee(t, h.say(adminID, "/audit"), "data talenta terhenti")
}
