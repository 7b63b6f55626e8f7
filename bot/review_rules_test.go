package bot_test

import (
	"strings"
	"testing"
	"time"

	"openkarir/karir"
)

// An admin may undo their own last step for ten minutes; later, or
// another admin's step, is refused with the reason. Stale confirmations
// change nothing and say why.
func TestUndoAndStaleButtons(t *testing.T) {
	h := newHarness(t)
	const asn, rudi = 951, 952 // rudi is a DINKES ASN made a BKPSDM-wide admin
	fileStayAs(h, asn, nipCode, codeText)
	h.bindByCode(rudi, nipRudi, codeRudi)
	h.grant(rudi, "verifikator", "")
	h.grant(rudi, "baperjakat", "")

	// "Batal" on a confirmation records nothing.
	h.say(adminID, "/tinjau "+nipCode)
	h.press(adminID, "➡️ Diverifikasi BKPSDM")
	mustSee(t, h.press(adminID, "Batal"), "tidak ada yang dicatat")
	if s := h.submission(nipCode); s.Stage != karir.StepSubmitted {
		t.Fatalf("after Batal: %s", s.Stage)
	}

	// A card shown before the ASN changed the form: nothing is recorded.
	h.say(adminID, "/tinjau "+nipCode)
	h.advance(time.Minute)
	h.say(asn, "/isi")
	h.press(asn, "✏️ Target")
	h.say(asn, "Pasar Panorama 100% bersih dalam 6 bulan")
	h.press(asn, "✅ Kirim")
	mustSee(t, h.press(adminID, "➡️ Diverifikasi BKPSDM"), "ASN mengubah isi formulir ini")
	if s := h.submission(nipCode); s.Stage != karir.StepSubmitted {
		t.Fatalf("a stale step was recorded: %s", s.Stage)
	}

	// Undo within ten minutes: audited, the ASN told.
	mustSee(t, h.decide(adminID, "Diverifikasi BKPSDM", ""), "Tercatat")
	h.advance(9 * time.Minute)
	mustSee(t, h.press(adminID, "↩️ Batalkan langkah terakhir"), "Formulir kembali ke tahap «Diajukan»", "diberi tahu koreksi ini")
	mustSee(t, h.press(adminID, "Ya, batalkan"), "Dibatalkan: «Diverifikasi BKPSDM»", "Tahap sekarang «Diajukan»")
	s := h.submission(nipCode)
	if s.Stage != karir.StepSubmitted || len(s.Undone) != 1 || s.Undone[0].Milestone.Step != karir.StepVerified {
		t.Fatalf("after undo: stage %s, undone %+v", s.Stage, s.Undone)
	}
	h.waitNotice(asn, "Koreksi")
	mustSee(t, h.say(adminID, "/audit"), "User900", "batalkan tinjauan", "Diverifikasi BKPSDM dibatalkan")
	// The undone step stays on the card, struck through.
	mustSee(t, h.say(adminID, "/tinjau "+nipCode), "<s>Diverifikasi BKPSDM</s> — User900")

	// Too late: eleven minutes after the step.
	h.decide(adminID, "Diverifikasi BKPSDM", "")
	card := h.lastCard(adminID)
	h.advance(11 * time.Minute)
	got := h.tg.Press(t, adminID, card.ID, buttonOf(card, "↩️ Batalkan"))
	mustSee(t, got, "tidak dapat dibatalkan lagi", "10 menit")
	mustNotSee(t, got, "Ya, batalkan")

	// A confirmation shown, then another admin is first: rudi forwards it.
	h.say(adminID, "/tinjau "+nipCode)
	h.press(adminID, "➡️ Ditinjau Baperjakat")
	h.say(adminID, baperNote)
	h.say(rudi, "/tinjau "+nipCode)
	h.decide(rudi, "Ditinjau Baperjakat", "")
	mustSee(t, h.press(adminID, "Ya, teruskan"), "Tidak ada yang dicatat", "sudah berubah", "langkah terakhir oleh Rudi Hartono, S.E.")
	// The first admin's old undo button is refused, naming rudi by his
	// roster name.
	got = h.tg.Press(t, adminID, card.ID, buttonOf(card, "↩️ Batalkan"))
	mustSee(t, got, "dicatat oleh Rudi Hartono, S.E.", "hanya admin yang mencatatnya")
	if s := h.submission(nipCode); s.Stage != karir.StepBaperjakat || len(s.Milestones) != 3 {
		t.Fatalf("after the refusals: stage %s, %d milestones", s.Stage, len(s.Milestones))
	}

	// A note typed, then another command: the confirmation is stale.
	h.say(adminID, "/tinjau "+nipCode)
	h.press(adminID, "➡️ Ditolak")
	h.say(adminID, "Formasi belum tersedia.")
	confirm := h.tg.LastMessage(adminID)
	h.say(adminID, "/antrean")
	got = h.tg.Press(t, adminID, confirm.ID, buttonOf(confirm, "Ya, tolak"))
	mustSee(t, got, "catatan untuk langkah ini tidak tersimpan lagi")
	if s := h.submission(nipCode); s.Stage != karir.StepBaperjakat {
		t.Fatalf("a stale refusal was recorded: %s", s.Stage)
	}
	// Names, never bare ids: in the milestones and the audit log.
	s = h.submission(nipCode)
	for _, m := range s.Milestones {
		if strings.HasPrefix(m.ActorName, "id ") {
			t.Errorf("milestone %s by %q", m.Step, m.ActorName)
		}
	}
	got = h.say(adminID, "/audit")
	mustSee(t, got, "Rudi Hartono, S.E.: <b>tinjauan</b>")
	mustNotSee(t, got, "id 900")
}

// /tinjau takes a NIP or a reference number; whatever is outside the
// admin's OPD is answered as if it did not exist. /antrean shows an OPD
// admin their OPD only.
func TestQueueScopeAndLookup(t *testing.T) {
	h := newHarness(t)
	const dinkesAdmin = 961
	mustSee(t, h.say(adminID, "/antrean"), "Tidak ada formulir yang menunggu tinjauan (semua OPD)")
	fileStayAs(h, 962, nipCode, codeText) // BKPSDM
	h.advance(time.Minute)
	fileStayAs(h, 963, nipAgus, codeAgus) // DINKES
	h.bindByCode(dinkesAdmin, nipRudi, codeRudi)
	h.grant(dinkesAdmin, "admin_opd", "DINKES")
	bkpsdmRef, agusRef := h.submission(nipCode).Ref, h.submission(nipAgus).Ref

	mustSee(t, h.say(adminID, "/antrean"), "Baru, menunggu verifikasi: <b>2</b>", "1. 🆕 Nadia", "2. 🆕 Agus")
	got := h.say(adminID, "/antrean DINKES")
	mustSee(t, got, "(OPD DINKES)", "Jumlah menunggu: <b>1</b>", "Agus")
	mustNotSee(t, got, "Nadia")
	mustSee(t, h.say(adminID, "/antrean XYZ"), "Kode OPD XYZ tidak dikenal")

	got = h.say(dinkesAdmin, "/antrean")
	mustSee(t, got, "(OPD DINKES)", "Agus")
	mustNotSee(t, got, "Nadia")
	mustSee(t, h.say(dinkesAdmin, "/antrean BKPSDM"), "hanya dapat bertindak untuk OPD DINKES")
	mustSee(t, h.say(962, "/antrean"), "Maaf, ini khusus ")

	// By reference number, in any case; out of scope reads as not found.
	mustSee(t, h.say(adminID, "/tinjau "+strings.ToLower(bkpsdmRef)), "NIP "+nipCode)
	mustSee(t, h.say(dinkesAdmin, "/tinjau "+agusRef), "NIP "+nipAgus)
	for _, key := range []string{bkpsdmRef, nipCode, "OK-ZZZZZZ", "199001012015011001"} {
		got := h.say(dinkesAdmin, "/tinjau "+key)
		mustSee(t, got, "Tidak ada formulir dengan NIP atau nomor referensi "+key+" di cakupan Anda.")
		mustNotSee(t, got, "Nadia")
	}
	mustSee(t, h.say(adminID, "/tinjau pasar"), "Cara pakai")
	mustSee(t, h.say(adminID, "/tinjau"), "/antrean")

	// The list's buttons open cards; its pages and filters edit in place.
	list := h.say(adminID, "/antrean")[0]
	card := h.tg.Press(t, adminID, list.ID, buttonOf(list, "2. Agus"))
	mustSee(t, card, "NIP "+nipAgus)
	if card[0].ID == list.ID {
		t.Error("the card replaced the list")
	}
	filtered := h.tg.Press(t, adminID, list.ID, buttonOf(list, "🆕 Baru"))
	if len(filtered) != 1 || filtered[0].ID != list.ID {
		t.Fatalf("the filter did not edit the list: %s", dump(filtered))
	}
	mustSee(t, filtered, "<b>Baru, menunggu verifikasi</b>, terlama dulu")
	mustSeeButton(t, filtered, "Semua (2)")
	// A stage filter keeps "next" within the stage.
	card = h.tg.Press(t, adminID, list.ID, buttonOf(filtered[0], "1. Nadia"))
	next := h.tg.Press(t, adminID, card[0].ID, buttonOf(card[0], "Berikutnya (1)"))
	mustSee(t, next, "NIP "+nipAgus)
}

// /ingatkan reports exact counts: reminded (bound, not filed), not
// reachable by the bot (not bound, or blocked), and filed; never "all
// done" while anyone has not filed.
func TestRemindCounts(t *testing.T) {
	h := newHarness(t)
	fileStayAs(h, 971, nipCode, codeText) // BKPSDM, filed
	h.bindByCode(972, nipRudi, codeRudi)  // DINKES, bound
	h.bindByCode(973, nipAgus, codeAgus)  // DINKES, bound, blocks the bot
	h.begin(974)
	h.say(974, nipPhone) // DPUPR, bound by phone
	h.tg.Share(t, 974, phoneOwner, 974)
	if err := h.store.MarkUnreachable(t.Context(), 973, h.clock()); err != nil {
		t.Fatal(err)
	}

	// All OPDs, from the picker: the preview counts, "Kirim" queues.
	mustSee(t, h.say(adminID, "/ingatkan"), "pilih satu OPD (5 OPD), atau semua OPD")
	got := h.press(adminID, "Semua OPD")
	mustSee(t, got, "Kirim pengingat sekarang ke <b>2</b> ASN yang terhubung dengan bot tetapi belum mengisi (semua OPD)?",
		"<b>37</b> ASN belum mengisi dan tidak dapat dihubungi lewat bot (36 belum terhubung, 1 memblokir bot)",
		"/belum", "Sudah mengisi: <b>1</b> dari 40 ASN")
	mustSeeButton(t, got, "Kirim ke 2 ASN")
	got = h.press(adminID, "Kirim ke 2 ASN")
	mustSee(t, got, "Pengingat masuk antrean untuk <b>2</b> ASN yang terhubung dengan bot tetapi belum mengisi (semua OPD)",
		"<b>37</b> ASN belum mengisi dan tidak dapat dihubungi lewat bot (36 belum terhubung, 1 memblokir bot)",
		"/belum", "Sudah mengisi: <b>1</b> dari 40 ASN")
	mustNotSee(t, got, "Semua")

	// Typed, as before: the same preview of one OPD.
	got = h.say(adminID, "/ingatkan DINKES")
	mustSee(t, got, "ke <b>1</b> ASN", "<b>9</b> ASN belum mengisi dan tidak dapat dihubungi lewat bot (8 belum terhubung, 1 memblokir bot)",
		"Sudah mengisi: <b>0</b> dari 10 ASN")
	mustSee(t, h.press(adminID, "Kirim ke 1 ASN"), "untuk <b>1</b> ASN OPD DINKES yang")

	// Everyone bound in BKPSDM has filed, the rest of BKPSDM is not bound:
	// nothing to confirm.
	got = h.say(adminID, "/ingatkan BKPSDM")
	mustSee(t, got, "Tidak ada pengingat yang dikirim: tidak ada ASN OPD BKPSDM yang terhubung dengan bot dan belum mengisi.\n", "<b>6</b> ASN belum mengisi dan tidak dapat dihubungi", "Sudah mengisi: <b>1</b> dari 7 ASN")
	mustNotSee(t, got, "Semua")
	if len(got[len(got)-1].Buttons) != 0 {
		t.Errorf("nothing to send, yet buttons: %+v", got[len(got)-1].Buttons)
	}

	// An OPD where everyone filed.
	emps, err := h.store.ListEmployees(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range emps {
		if e.OPDCode == "DISPERINDAG" {
			sub := &karir.Submission{ID: karir.SubmissionID(h.round.ID, e.NIP), Round: h.round.ID, NIP: e.NIP, Ref: "OK-" + e.NIP[12:18],
				Name: e.Name, OPDCode: e.OPDCode, Stage: karir.StepSubmitted, Answers: karir.Answers{Choice: karir.ChoiceStay, TermMonths: 6}}
			if err := h.store.SaveSubmission(t.Context(), sub); err != nil {
				t.Fatal(err)
			}
		}
	}
	mustSee(t, h.say(adminID, "/ingatkan DISPERINDAG"), "🎉 Semua 8 ASN OPD DISPERINDAG sudah mengisi. Tidak ada pengingat yang dikirim.")
}
