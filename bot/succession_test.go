package bot_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"openkarir/karir"

	"github.com/xuri/excelize/v2"
)

const (
	nipDesi = "199309092020072007" // Kepala Bidang Pembinaan SMP, DISDIK, eselon III
)

// TestSuccessionPool: the target post's pool holds, besides the
// applicants, a ready ASN who did not apply (Wulan, box 9, administrator
// elsewhere), marked so, and one who asked for another post (Desi),
// marked "berminat lain"; who fails a requirement (Hendra's years as pengawas,
// Taufik's SKP) is not in it. /suksesi lists a post freed by an approved
// move with its top candidates, and the "rencana suksesi" spreadsheet.
func TestSuccessionPool(t *testing.T) {
	h := candidatesHarness(t)
	more := "nip;tahun;predikat_kinerja;potensial\n" +
		nipWulan + ";2025;Sangat Baik;tinggi\n" + nipWulan + ";2024;Baik;tinggi\n" +
		nipDesi + ";2025;Baik;tinggi\n" + nipDesi + ";2024;Baik;menengah\n"
	mustSee(t, h.tg.Upload(t, adminID, "talenta.csv", []byte(more), "/impor"), "Data talenta diimpor")
	e, err := h.store.Employee(context.Background(), nipDesi)
	if err != nil {
		t.Fatal(err)
	}
	desi := &karir.Submission{Round: h.round.ID, NIP: nipDesi, Name: e.Name, OPDCode: e.OPDCode, Position: e.Position, Eselon: e.Eselon,
		Stage: karir.StepSubmitted, SubmittedAt: h.clock(), Answers: karir.Answers{Choice: karir.ChoiceMove, TargetOPDCode: "DINKES",
			TargetOPDName: "Dinas Kesehatan", TargetPosition: "Kepala Bidang Pelayanan Kesehatan", TermMonths: 6}}
	if err := h.store.SaveSubmission(context.Background(), desi); err != nil {
		t.Fatal(err)
	}

	h.say(adminID, "/kandidat")
	h.press(adminID, targetPos)
	pool := h.press(adminID, "👥 Kelompok suksesi")
	mustSee(t, pool, "<b>Kelompok suksesi: "+targetPos+"</b> (DISPERINDAG) · administrator",
		"⭐ Wulan Safitri, S.Sos., M.Si. · Kepala Bidang Bina Marga, DPUPR · kotak 9 · tidak mengajukan pindah",
		"⭐ Desi Anggraini, S.Sos., M.Si. · Kepala Bidang Pembinaan SMP, DISDIK · kotak 8 · berminat lain: Kepala Bidang Pelayanan Kesehatan (DINKES)",
		"⭐ Rahmat Saputra, S.Kom. · Kepala Seksi Drainase, DPUPR · kotak 9 · <b>mengajukan</b> jabatan ini (tahap: diajukan)",
		"⭐ Nadia Putri Maharani, S.Psi.")
	for _, out := range []string{"Hendra", "Taufik", "Mega Permata"} {
		mustNotSee(t, pool, out)
	}
	text := pool[len(pool)-1].Text
	if got := order(text, "Nadia", "Rahmat", "Wulan", "Desi"); strings.Join(got, " ") != "Nadia Rahmat Wulan Desi" {
		t.Errorf("pool order = %v (box 9 by potential and NIP, then 8)\n%s", got, text)
	}

	// Before: one post of DPUPR will be free when its holder retires
	// (born 16-04-1969: 58, the JF ahli muda's age, in April 2027).
	mustSee(t, h.say(adminID, "/suksesi DPUPR"), "1 jabatan perlu diisi: 0 kosong sekarang (termasuk kursi yang pemegangnya sudah melewati batas usia pensiun), 1 akan kosong",
		"1. <b>Penata Ruang Ahli Muda</b> (DPUPR) · JF ahli muda (setara pengawas) · Dedi Hartono, S.Pd. pensiun 16 April 2027")
	h.toApproval(nipRahmat)
	h.press(adminID, "✅ Ya")
	mustSee(t, h.press(adminID, "⚠️ Ya, tetap setujui melebihi kursi"), "Tercatat")
	plan := h.say(adminID, "/suksesi DPUPR")
	mustSee(t, plan, "<b>Rencana suksesi</b> (OPD DPUPR)", "2 jabatan perlu diisi: 1 kosong sekarang (termasuk kursi yang pemegangnya sudah melewati batas usia pensiun), 1 akan kosong",
		"1. <b>Kepala Seksi Drainase</b> (DPUPR) · pengawas · kosong 1 dari 1 kursi",
		"⭐ Nadia Putri Maharani, S.Psi. · Analis Kepegawaian Ahli Muda, BKPSDM · kotak 9 · berminat lain: "+targetPos+" (DISPERINDAG)",
		"⭐ Hendra Gunawan, S.AP.")
	mustNotSee(t, plan, "Taufik") // SKP 2024 Kurang

	docs := documents(h.press(adminID, "Unduh rencana suksesi"))
	x, err := excelize.OpenReader(bytes.NewReader(docs["rencana-suksesi-dpupr.xlsx"]))
	if err != nil {
		t.Fatalf("xlsx: %v (%v)", err, docs)
	}
	rows, err := x.GetRows("Rencana suksesi")
	if err != nil || len(rows) < 8 {
		t.Fatalf("rows %d, %v", len(rows), err)
	}
	col := map[string]int{}
	for i, c := range rows[5] {
		col[c] = i
	}
	first := append(rows[6], make([]string, len(rows[5]))...)
	if first[col["Jabatan"]] != "Kepala Seksi Drainase" || first[col["Peringkat"]] != "1" || first[col["Keadaan"]] != "kosong 1 dari 1 kursi" ||
		!strings.HasPrefix(first[col["Keinginan ASN"]], "berminat lain") {
		t.Errorf("first row = %q", rows[6])
	}
	mustSee(t, h.say(adminID, "/audit"), "suksesi")

	// Gated like /kandidat.
	mustSee(t, h.say(asnStay, "/suksesi"), "Maaf, ini khusus")
}

// TestSuccessionPostTypeFromMap: the peta jabatan has "Penata Ruang Ahli
// Muda" of DPUPR as JF ahli madya, where its holder's roster row (Dedi,
// born 16-04-1969) says ahli muda. The map's type is the post's (PP
// 11/2017 Pasal 239: ahli madya retires at 60, so Dedi holds the seat in
// June 2027, at 58): the post's succession pool, /suksesi, its
// spreadsheet and the seat check at approval all read it so.
func TestSuccessionPostTypeFromMap(t *testing.T) {
	h := newHarness(t)
	penataRuangAsAhliMadya(t, h, "2")
	rahmatAsksPenataRuang(t, h)
	h.advance(time.Date(2027, 6, 1, 9, 0, 0, 0, h.loc).Sub(h.clock()))

	const rung = "JF ahli madya (setara administrator)"
	h.say(adminID, "/kandidat")
	h.press(adminID, "Penata Ruang Ahli Muda")
	pool := h.press(adminID, "👥 Kelompok suksesi")
	mustSee(t, pool, "<b>Kelompok suksesi: Penata Ruang Ahli Muda</b> (DPUPR) · "+rung+"\n")
	mustNotSee(t, pool, "ahli muda (setara")

	plan := h.say(adminID, "/suksesi DPUPR")
	mustSee(t, plan, "<b>Penata Ruang Ahli Muda</b> (DPUPR) · "+rung+" · kosong 1 dari 2 kursi\n")
	mustNotSee(t, plan, "sudah pensiun")
	_, rows := dpuprSuccessionSheet(t, h)
	found := false
	for _, r := range rows[6:] {
		if len(r) > 4 && r[1] == "Penata Ruang Ahli Muda" {
			found = true
			if r[3] != rung || r[4] != "kosong 1 dari 2 kursi" {
				t.Errorf("the sheet's Jenjang, Keadaan = %q, %q; want %q, %q", r[3], r[4], rung, "kosong 1 dari 2 kursi")
			}
		}
	}
	if !found {
		t.Fatalf("no Penata Ruang Ahli Muda row: %q", rows)
	}

	// One seat: Dedi takes it, so approving Rahmat there asks for the
	// confirmation of a full post.
	penataRuangAsAhliMadya(t, h, "1")
	if confirm := h.toApproval(nipRahmat); !strings.Contains(confirm, "sudah terisi semua") || !strings.Contains(confirm, "Dedi Hartono") {
		t.Errorf("the seat check does not count Dedi in the post:\n%s", confirm)
	}
}

// TestCandidatePostTypeFromMap: where the peta jabatan's type differs from
// the holders' rows, the /kandidat header and the Baperjakat pack name the
// map's type, as the seats line and the rung below them do, never the
// holders' "ahli muda" above the map's "ahli madya".
func TestCandidatePostTypeFromMap(t *testing.T) {
	h := newHarness(t)
	penataRuangAsAhliMadya(t, h, "2")
	rahmatAsksPenataRuang(t, h)
	h.advance(time.Date(2026, 12, 1, 9, 0, 0, 0, h.loc).Sub(h.clock()))

	h.say(adminID, "/kandidat")
	post := h.press(adminID, "Penata Ruang Ahli Muda")
	mustSee(t, post, "<b>Kandidat: Penata Ruang Ahli Muda</b>\nDinas Pekerjaan Umum dan Penataan Ruang (DPUPR) · Fungsional Ahli Madya · pemegang sekarang:",
		"Fungsional Ahli Madya · kursi 2")
	mustNotSee(t, post, "Ahli Muda · pemegang")

	h.say(adminID, "/sidangbaru 10-12-2026")
	opened := h.press(adminID, "Buka sidang (1)")
	docs := documents(opened)
	var pack []byte
	for name, d := range docs {
		if strings.HasPrefix(name, "bahan-sidang-") && strings.HasSuffix(name, ".pdf") {
			pack = d
		}
	}
	if pack == nil {
		t.Fatalf("no pack among %v:\n%v", docs, opened)
	}
	text := strings.Join(pdfPages(t, pack), "")
	if !strings.Contains(text, squeeze("Fungsional Ahli Madya")) || strings.Contains(text, squeeze("Fungsional Ahli Muda")) {
		t.Errorf("the pack does not name the map's type:\n%s", text)
	}
}

// dpuprSuccessionSheet presses "Unduh rencana suksesi" on /suksesi DPUPR
// and returns the workbook sent and its "Rencana suksesi" rows.
func dpuprSuccessionSheet(t *testing.T, h *harness) (*excelize.File, [][]string) {
	t.Helper()
	docs := documents(h.press(adminID, "Unduh rencana suksesi"))
	x, err := excelize.OpenReader(bytes.NewReader(docs["rencana-suksesi-dpupr.xlsx"]))
	if err != nil {
		t.Fatalf("xlsx: %v (%v)", err, docs)
	}
	rows, err := x.GetRows("Rencana suksesi")
	if err != nil {
		t.Fatal(err)
	}
	return x, rows
}

// penataRuangAsAhliMadya imports a peta jabatan of one post, DPUPR's
// Penata Ruang Ahli Muda as Fungsional Ahli Madya with the seats given,
// where its holder's roster row (Dedi) says ahli muda.
func penataRuangAsAhliMadya(t *testing.T, h *harness, seats string) {
	t.Helper()
	csv := "kode_opd,nama_opd,jabatan,jenis_jabatan,kebutuhan\n" +
		"DPUPR,Dinas Pekerjaan Umum dan Penataan Ruang,Penata Ruang Ahli Muda,Fungsional Ahli Madya," + seats + "\n"
	mustSee(t, h.tg.Upload(t, adminID, "peta.csv", []byte(csv), "/impor"), "Jabatan: 1 · kursi: "+seats)
}

// rahmatAsksPenataRuang files Rahmat's form asking to move to DPUPR's
// Penata Ruang Ahli Muda.
func rahmatAsksPenataRuang(t *testing.T, h *harness) {
	t.Helper()
	h.file(nipRahmat, true, 1)
	sub := h.submission(nipRahmat)
	sub.Answers.TargetOPDCode, sub.Answers.TargetOPDName, sub.Answers.TargetPosition = "DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "Penata Ruang Ahli Muda"
	if err := h.store.SaveSubmission(context.Background(), sub); err != nil {
		t.Fatal(err)
	}
}
