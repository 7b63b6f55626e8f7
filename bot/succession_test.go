package bot_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

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
	mustSee(t, h.say(adminID, "/suksesi DPUPR"), "1 jabatan perlu diisi: 0 kosong sekarang, 1 akan kosong",
		"1. <b>Penata Ruang Ahli Muda</b> (DPUPR) · JF ahli muda (setara pengawas) · Dedi Hartono, S.Pd. pensiun 16 April 2027")
	h.toApproval(nipRahmat)
	h.press(adminID, "✅ Ya")
	mustSee(t, h.press(adminID, "⚠️ Ya, tetap setujui melebihi kursi"), "Tercatat")
	plan := h.say(adminID, "/suksesi DPUPR")
	mustSee(t, plan, "<b>Rencana suksesi</b> (OPD DPUPR)", "2 jabatan perlu diisi: 1 kosong sekarang, 1 akan kosong",
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
