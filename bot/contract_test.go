package bot_test

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ledongthuc/pdf"

	"openkarir/flows"
	"openkarir/karir"
	"openkarir/roster"
	"openkarir/telegramtest"
)

// The supervisor of the ASN with the code (nipCode) in tests that give the
// roster a nip_atasan column: Hasan Santoso, Kepala Bidang Mutasi dan Promosi.
const (
	nipSupervisor  = "199304272021041005"
	codeSupervisor = "LHNJUA"
)

// withSupervisor re-imports the sample roster with a nip_atasan column that
// names Hasan Santoso as the supervisor of nipCode.
func (h *harness) withSupervisor() {
	h.t.Helper()
	lines := strings.Split(strings.TrimRight(string(roster.Sample), "\r\n"), "\n")
	for i, l := range lines {
		l = strings.TrimRight(l, "\r")
		switch {
		case i == 0:
			l += ";nip_atasan"
		case strings.HasPrefix(l, nipCode+";"):
			l += ";" + nipSupervisor
		default:
			l += ";"
		}
		lines[i] = l
	}
	sum, err := roster.Import(context.Background(), h.store, strings.NewReader(strings.Join(lines, "\n")), h.clock())
	if err != nil || len(sum.Rejected) > 0 {
		h.t.Fatalf("import roster with nip_atasan: %v %v", err, sum.Rejected)
	}
}

// approve walks the ASN's filed form to approval, as the admin.
func (h *harness) approve(nip string) {
	h.t.Helper()
	h.say(adminID, "/tinjau "+nip)
	h.decide(adminID, "Diverifikasi BKPSDM", "")
	h.decide(adminID, "Ditinjau Baperjakat", "")
	mustSee(h.t, h.decide(adminID, "Disetujui", ""), "Tercatat")
}

// pdfText reads a PDF's text back, with the spaces dropped (extraction
// splits runs of glyphs at odd places).
func pdfText(t *testing.T, doc []byte) string {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(doc), int64(len(doc)))
	if err != nil {
		t.Fatalf("read PDF: %v", err)
	}
	var b strings.Builder
	for i := 1; i <= r.NumPage(); i++ {
		text, err := r.Page(i).GetPlainText(nil)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(text)
	}
	return strings.Join(strings.Fields(b.String()), "")
}

func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }

// lastDocument waits for a document in the user's chat and returns it.
func (h *harness) lastDocument(user int64, name string) telegramtest.Message {
	h.t.Helper()
	var found telegramtest.Message
	h.waitFor(func() bool {
		for _, m := range h.tg.Messages(user) {
			if m.Document != nil && strings.Contains(m.Document.Name, name) {
				found = m
			}
		}
		return found.Document != nil
	})
	return found
}

var codePattern = regexp.MustCompile(`KK-[2-9A-Z]{5}-[2-9A-Z]{5}`)

func TestContractOnApproval(t *testing.T) {
	h := newHarness(t)
	const asn, stranger = 1801, 1802
	fileStay(h, asn)

	// Not approved: no contract to send, none to check.
	mustSee(t, h.say(asn, "/kontrak"), "belum memiliki kontrak")
	h.approve(nipCode)

	doc := h.lastDocument(asn, "kontrak-kinerja")
	text := pdfText(t, doc.Document.Data)
	code := codePattern.FindString(doc.Text)
	if code == "" {
		t.Fatalf("the contract's caption has no code: %q", doc.Text)
	}
	sub := h.submission(nipCode)
	if sub.Contract == nil || sub.Contract.Code != code {
		t.Fatalf("stored contract %+v, caption code %s", sub.Contract, code)
	}
	// Dated at the Pemda's place, read from its name (no PEMDA_TEMPAT).
	if !regexp.MustCompile(`Bengkulu,\d{1,2}[A-Z][a-z]+\d{4}`).MatchString(text) {
		t.Errorf("the contract's date line has no place; it reads:\n%s", text)
	}
	for _, want := range []string{"KONTRAKKINERJAOPENKARIR", squeeze(targetText), code, sub.Ref, "NadiaPutriMaharani", nipCode,
		"bersediamundurdarijabatanapabilatargettidaktercapai", "KepalaBKPSDM", "Dr.RinaMarlina,M.Si.", "PEMERINTAHKOTABENGKULU", "6bulan", "/lapor"} {
		if !strings.Contains(text, want) {
			t.Errorf("the contract lacks %q; it reads:\n%s", want, text)
		}
	}

	// /kontrak sends it again; the admin gets it from the card.
	again := h.say(asn, "/kontrak")
	if len(again) == 0 || again[len(again)-1].Document == nil || !strings.Contains(again[len(again)-1].Text, "aktif") {
		t.Errorf("/kontrak: %s", dump(again))
	}
	h.say(adminID, "/tinjau "+nipCode)
	card := h.press(adminID, "📄 Kontrak kinerja")
	if len(card) == 0 || card[len(card)-1].Document == nil {
		t.Errorf("the card's contract button sent no PDF: %s", dump(card))
	}

	// /cek needs no binding and says name, post and status only.
	got := h.say(stranger, "/cek "+strings.ToLower(strings.ReplaceAll(code, "-", "")))
	mustSee(t, got, "sah", "Nadia Putri Maharani", "Analis Kepegawaian Ahli Pertama", "aktif")
	mustNotSee(t, got, nipCode)
	mustNotSee(t, got, targetText)
	mustSee(t, h.say(stranger, "/cek KK-ABCDE-FGHJK"), "bukan kode kontrak")
	mustSee(t, h.say(stranger, "/cek 12"), "bukan kode kontrak")
	mustSee(t, h.say(stranger, "/cek"), "Cara pakai")

	// An approval undone takes its contract with it: the code stops checking.
	h.say(adminID, "/tinjau "+nipCode)
	h.press(adminID, "Batalkan")
	h.press(adminID, "Ya, batalkan")
	if s := h.submission(nipCode); s.Contract != nil || s.Stage != karir.StepBaperjakat {
		t.Fatalf("after undo: stage %s, contract %+v", s.Stage, s.Contract)
	}
	// The PDF the ASN holds carries the code: /cek says it was withdrawn, and when.
	got = h.say(stranger, "/cek "+code)
	mustSee(t, got, "ditarik", "Nadia Putri Maharani", "24 November 2026")
	mustNotSee(t, got, "bukan kode kontrak")
	mustSee(t, h.say(asn, "/kontrak"), "belum memiliki kontrak")
}

func TestSupervisorRatesCheckIn(t *testing.T) {
	h := newHarness(t)
	h.withSupervisor()
	const asn, boss, other = 1811, 1812, 1813
	h.bindByCode(boss, nipSupervisor, codeSupervisor)
	h.bindByCode(other, "197007211992021006", "5F47VU")
	fileStay(h, asn)
	h.approve(nipCode)
	mustSee(t, h.say(boss, "/nilai"), "Tidak ada laporan")

	// The check-in goes to the supervisor with the rating buttons.
	h.say(asn, "/lapor")
	h.press(asn, "60%")
	h.say(asn, "Sosialisasi ke 12 pasar sudah selesai.")
	mustSee(t, h.press(asn, "Lewati"), "diteruskan ke atasan langsung")
	h.waitNotice(boss, "Penilaian 1 dari 3: produktivitas")
	ask := h.tg.LastMessage(boss)
	mustSee(t, []telegramtest.Message{ask}, "Nadia Putri Maharani", "60%", "Sosialisasi ke 12 pasar")

	// Someone else pressing the supervisor's buttons changes nothing.
	mustSee(t, h.tg.Press(t, other, ask.ID, ask.Buttons[0][3].Data), "atasan langsungnya")

	mustSee(t, h.tg.Press(t, boss, ask.ID, ask.Buttons[0][3].Data), "Penilaian 2 dari 3: kualitas layanan")
	ask2 := h.tg.LastMessage(boss)
	mustSee(t, h.tg.Press(t, boss, ask2.ID, ask2.Buttons[0][4].Data), "Penilaian 3 dari 3: inovasi")
	ask3 := h.tg.LastMessage(boss)
	mustSee(t, h.tg.Press(t, boss, ask3.ID, ask3.Buttons[0][2].Data), "Nilai tersimpan", "produktivitas 4 · kualitas layanan 5 · inovasi 3 (rata-rata 4,0)")

	r := h.submission(nipCode).LastCheckIn().Rating
	if r == nil || r.Productivity != 4 || r.Service != 5 || r.Innovation != 3 || r.ByAdmin || r.RaterName != "Hasan Santoso, S.Sos., M.Si." {
		t.Fatalf("stored rating %+v", r)
	}
	h.waitNotice(asn, "Laporan kemajuan Anda dinilai")
	mustSee(t, h.say(asn, "/status"), "rata-rata <b>4,0</b> dari 1 laporan")

	// Pressed again (a stale button): rated once, nothing changes.
	mustSee(t, h.tg.Press(t, boss, ask3.ID, ask3.Buttons[0][0].Data), "sudah dinilai")
	if r2 := h.submission(nipCode).LastCheckIn().Rating; r2.Innovation != 3 {
		t.Errorf("a second press changed the rating: %+v", r2)
	}
	mustSee(t, h.say(boss, "/nilai"), "Tidak ada laporan")
	mustSee(t, h.say(adminID, "/tinjau "+nipCode), "nilai: produktivitas 4")
}

func TestAdminRatesWithoutSupervisor(t *testing.T) {
	h := newHarness(t)
	const asn, opdAdmin = 1821, 1822
	fileStay(h, asn)
	h.approve(nipCode)
	h.say(asn, "/lapor")
	h.press(asn, "30%")
	h.say(asn, "Rapat koordinasi dengan pengelola pasar.")
	mustSee(t, h.press(asn, "Lewati"), "dinilai oleh BKPSDM")

	// /nilai lists it for BKPSDM; the card has a button to rate it.
	mustSee(t, h.say(adminID, "/nilai"), "tanpa atasan", "Nadia Putri Maharani")
	h.say(adminID, "/tinjau "+nipCode)
	mustSee(t, h.press(adminID, "⭐ Nilai laporan"), "Penilaian 1 dari 3")
	for _, score := range []string{"5", "4", "4"} {
		msg := h.tg.LastMessage(adminID)
		h.tg.Press(t, adminID, msg.ID, buttonOf(msg, score))
	}
	mustSee(t, []telegramtest.Message{h.tg.LastMessage(adminID)}, "Nilai tersimpan")
	if r := h.submission(nipCode).LastCheckIn().Rating; r == nil || !r.ByAdmin || r.Average() < 4.3 || r.Average() > 4.34 {
		t.Fatalf("stored rating %+v", r)
	}

	// An OPD admin does not rate for BKPSDM.
	h.bindByCode(opdAdmin, "197007211992021006", "5F47VU")
	h.grant(opdAdmin, "admin_opd", "BKPSDM")
	mustNotSee(t, h.say(opdAdmin, "/tinjau "+nipCode), "⭐ Nilai laporan")
}

func TestOverdueReminderAndTermEnd(t *testing.T) {
	h := newHarness(t)
	const asn = 1831
	fileStay(h, asn)
	h.approve(nipCode)
	rem := flows.NewReminders(h.deps, flows.DefaultReminderPlan())
	tick := func() int {
		t.Helper()
		n, err := rem.Tick(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	overdue := func() int {
		n := 0
		for _, m := range h.tg.Messages(asn) {
			if strings.Contains(m.Text, "sudah terlambat") {
				n++
			}
		}
		return n
	}
	// Day 36 after approval without a check-in: one reminder, not two.
	h.advance(36 * 24 * time.Hour)
	if n := tick(); n != 2 { // the overdue reminder and the first month's
		t.Fatalf("day 36: %d notices queued, want 2", n)
	}
	h.waitNotice(asn, "sudah terlambat")
	h.advance(24 * time.Hour)
	if n := tick(); n != 0 {
		t.Fatalf("day 37: %d more notices queued, want none", n)
	}
	if n := overdue(); n != 1 {
		t.Fatalf("%d overdue reminders, want 1", n)
	}
	mustSee(t, h.say(adminID, "/antrean"), "Laporan kemajuan terlambat")

	// A check-in closes the gap; past the deadline the target is evaluated.
	h.say(asn, "/lapor")
	h.press(asn, "40%")
	h.say(asn, "Dua pasar belum tertata, sisanya sudah.")
	h.press(asn, "Lewati")
	h.advance(150 * 24 * time.Hour) // past the 6 months
	if n := tick(); n != 1 {
		t.Fatalf("past the deadline: %d notices queued, want the evaluation notice alone", n)
	}
	h.waitNotice(asn, "sedang dievaluasi BKPSDM")
	mustSee(t, h.say(adminID, "/antrean"), "Siap dievaluasi")

	// Missed: the step-down the contract named is recorded and told.
	h.say(adminID, "/tinjau "+nipCode)
	h.decide(adminID, "Target tidak tercapai", "Dua dari dua belas pasar belum tertata.")
	h.waitNotice(asn, "mundur dari jabatan")
	sub := h.submission(nipCode)
	if m := sub.StepDown(); m == nil || m.Note != karir.StepDownPending || sub.Stage != karir.StepMissed {
		t.Fatalf("after the verdict: stage %s, step-down %+v", sub.Stage, m)
	}
	mustSee(t, h.say(asn, "/status"), "Mundur dari jabatan — dicatat", "menunggu keputusan Wali Kota")
	mustSee(t, h.say(adminID, "/tinjau "+nipCode), "Mundur dari jabatan dicatat")
	mustSee(t, h.say(1839, "/cek "+sub.Contract.Code), "tidak tercapai")
}

func TestTeladan(t *testing.T) {
	h := newHarness(t)
	const asn = 1841
	fileStay(h, asn)
	h.approve(nipCode)
	report := func(percent string, scores ...string) {
		t.Helper()
		h.say(asn, "/lapor")
		h.press(asn, percent)
		h.say(asn, "Laporan kemajuan bulan ini sudah dikerjakan.")
		h.press(asn, "Lewati")
		h.say(adminID, "/tinjau "+nipCode)
		h.press(adminID, "⭐ Nilai laporan")
		for _, s := range scores {
			msg := h.tg.LastMessage(adminID)
			h.tg.Press(t, adminID, msg.ID, buttonOf(msg, s))
		}
	}
	// One rated report in the month the target started is a record: the
	// contract asks for one a month. Whose ratings count is said.
	month := h.clock().In(h.loc).Format("2006-01")
	report("20%", "4", "4", "5")
	mustSee(t, h.say(adminID, "/teladan "+month), "Nadia Putri Maharani", "rata-rata <b>4,3</b> dari 1 laporan",
		"September 2026 – November 2026", "atasan langsung, atau dari BKPSDM")
	// January without a report in December: not a record.
	h.advance(40 * 24 * time.Hour)
	report("40%", "5", "5", "5")
	mustSee(t, h.say(adminID, "/teladan 2027-01"), "Belum ada ASN dengan laporan dinilai setiap bulan pada November 2026 – Januari 2027")
	mustSee(t, h.say(asn, "/teladan"), "Maaf, ini khusus ")
	mustSee(t, h.say(adminID, "/teladan Januari"), "Cara pakai")
}

// TestEarlierRoundsTargetsStayInView: after the next round opens, a target
// approved before still reaches /nilai, /antrean and /teladan.
func TestEarlierRoundsTargetsStayInView(t *testing.T) {
	h := newHarness(t)
	const asn = 1851
	fileStay(h, asn)
	h.approve(nipCode)
	h.say(asn, "/lapor")
	h.press(asn, "50%")
	h.say(asn, "Separuh pasar sudah tertata rapi.")
	h.press(asn, "Lewati")
	ask := h.say(adminID, "/periode baru 2027-06-30")
	h.pressIn(adminID, ask[len(ask)-1], "Ya")
	mustSee(t, h.say(adminID, "/nilai"), "Nadia Putri Maharani")
	h.advance(40 * 24 * time.Hour)
	mustSee(t, h.say(adminID, "/antrean"), "Laporan kemajuan terlambat")
}
