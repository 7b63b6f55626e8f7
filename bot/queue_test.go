package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"openkarir/karir"

	"openkarir/flows"
	"openkarir/telegramtest"
)

// ASN of the sample roster with activation codes, beside nipCode (BKPSDM).
const (
	nipRudi  = "198401192010071004" // DINKES
	codeRudi = "ALUB9M"
	nipAgus  = "199406242019051002" // DINKES
	codeAgus = "UCPBZU"
)

// fileStayAs binds the user to nip with the code and files a "stay" form.
func fileStayAs(h *harness, user int64, nip, code string) {
	h.t.Helper()
	h.bindByCode(user, nip, code)
	h.press(user, "Tetap")
	h.say(user, reasonText)
	h.say(user, targetText)
	h.press(user, "6 bulan")
	mustSee(h.t, h.press(user, "✅ Kirim"), "Formulir terkirim")
}

// buttonOf returns the data of the first button whose label contains
// label on msg, or "".
func buttonOf(msg telegramtest.Message, label string) string {
	for _, row := range msg.Buttons {
		for _, b := range row {
			if strings.Contains(b.Text, label) {
				return b.Data
			}
		}
	}
	return ""
}

// lastCard is the admin's latest message with a card on it.
func (h *harness) lastCard(admin int64) telegramtest.Message {
	h.t.Helper()
	msgs := h.tg.Messages(admin)
	for i := len(msgs) - 1; i >= 0; i-- {
		if strings.Contains(msgs[i].Text, "Nomor referensi") && len(msgs[i].Buttons) > 0 {
			return msgs[i]
		}
	}
	h.t.Fatalf("no card in the chat of %d", admin)
	return telegramtest.Message{}
}

// The admin hears of new forms from the digest, opens the queue from it,
// and takes every waiting form to a decision with buttons alone: the card's
// step, "Ya", and "next in queue". Only the reason of a refusal is typed.
func TestQueueFromDigestToDecisions(t *testing.T) {
	h := newHarness(t)
	const a, b, c = 921, 922, 923
	fileStayAs(h, a, nipCode, codeText)
	h.advance(5 * time.Minute)
	fileStayAs(h, b, nipRudi, codeRudi)
	h.advance(5 * time.Minute)
	fileStayAs(h, c, nipAgus, codeAgus)
	names := map[int64]string{a: "Nadia Putri Maharani", b: "Rudi Hartono", c: "Agus Santoso"}
	nips := map[int64]string{a: nipCode, b: nipRudi, c: nipAgus}

	digest := flows.NewDigest(h.deps, flows.DefaultReminderPlan(), time.Hour)
	if n, err := digest.Tick(context.Background()); err != nil || n != 1 {
		t.Fatalf("digest = %d, %v; want 1", n, err)
	}
	h.waitNotice(adminID, "Antrean tinjauan Open Karir")
	note := h.tg.LastMessage(adminID)
	mustSee(t, []telegramtest.Message{note}, "<b>3</b> formulir baru dan <b>0</b> perbaikan", "<b>3</b> formulir menunggu")

	list := h.tg.Press(t, adminID, note.ID, buttonOf(note, "Buka antrean"))
	mustSee(t, list, "🆕 Baru, menunggu verifikasi: <b>3</b>", "Jumlah menunggu: <b>3</b>", "1. 🆕 Nadia Putri Maharani")
	if h.tg.LastMessage(adminID).ID == note.ID {
		t.Fatal("the queue replaced the digest")
	}
	got := h.press(adminID, "1. Nadia")
	mustSee(t, got, "NIP "+nipCode, "Baru, menunggu verifikasi</b>, sejak 24 November 2026 pukul 09.00 WIB")
	mustSeeButton(t, got, "Berikutnya (2)")

	// Work through the queue: verify, forward, then decide; refuse Rudi.
	decided := 0
	for range 20 {
		h.advance(time.Minute)
		card := h.lastCard(adminID)
		var step, reason string
		switch {
		case buttonOf(card, "➡️ Diverifikasi BKPSDM") != "":
			step = "Diverifikasi BKPSDM"
		case buttonOf(card, "➡️ Ditinjau Baperjakat") != "":
			step = "Ditinjau Baperjakat"
		case buttonOf(card, "➡️ Ditolak") != "" && strings.Contains(card.Text, "Rudi Hartono"):
			step, reason = "Ditolak", "Formasi tujuan belum tersedia tahun ini."
		case buttonOf(card, "➡️ Disetujui") != "":
			step = "Disetujui"
		}
		if step == "" {
			break
		}
		mustSee(t, h.decide(adminID, step, reason), "Tercatat: <b>"+step)
		decided++
		card = h.lastCard(adminID)
		next := buttonOf(card, "Berikutnya (")
		if next == "" {
			continue // the last waiting form: its card offers its next step
		}
		h.tg.Press(t, adminID, card.ID, next)
	}
	if decided != 9 {
		t.Errorf("%d decisions, want 9 (three steps for each of three forms)", decided)
	}
	for user, want := range map[int64]karir.Step{a: karir.StepTargetActive, b: karir.StepDeclined, c: karir.StepTargetActive} {
		if s := h.submission(nips[user]); s.Stage != want {
			t.Errorf("%s: stage %s, want %s", names[user], s.Stage, want)
		}
	}
	mustSee(t, h.say(adminID, "/antrean"), "Tidak ada formulir yang menunggu tinjauan")
	h.waitNotice(b, "Formasi tujuan belum tersedia tahun ini.")
}

func TestDigest(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	const dinkesAdmin, asnA, asnB = 931, 932, 933
	h.bindByCode(dinkesAdmin, nipRudi, codeRudi)
	h.grant(dinkesAdmin, "admin_opd", "DINKES")
	digest := flows.NewDigest(h.deps, flows.DefaultReminderPlan(), time.Hour)
	tick := func(want int) {
		t.Helper()
		if n, err := digest.Tick(ctx); err != nil || n != want {
			t.Fatalf("at %s: digest = %d, %v; want %d", h.clock().Format("15:04"), n, err, want)
		}
	}
	tick(0) // nothing waits
	h.advance(time.Minute)
	fileStayAs(h, asnA, nipCode, codeText) // BKPSDM, 09:01
	tick(1)                                // to the super admin; DINKES has nothing
	h.waitNotice(adminID, "<b>1</b> formulir baru")
	tick(0) // at most one per period

	h.advance(19 * time.Minute)
	fileStayAs(h, asnB, nipAgus, codeAgus) // DINKES, 09:20
	tick(1)                                // the DINKES admin's first
	h.waitNotice(dinkesAdmin, "(OPD DINKES)")
	mustSee(t, []telegramtest.Message{h.tg.LastMessage(dinkesAdmin)}, "<b>1</b> formulir baru", "Seluruh antrean Anda: <b>1</b>")

	h.advance(40 * time.Minute) // 10:00, a new period
	tick(1)
	h.waitNotice(adminID, "Masuk sejak 24 November 2026 pukul 09.01 WIB: <b>1</b> formulir baru dan <b>0</b> perbaikan")
	mustSee(t, []telegramtest.Message{h.tg.LastMessage(adminID)}, "Seluruh antrean Anda: <b>2</b>")

	// Returned and corrected: a "perbaikan" in the next period's digest.
	h.say(adminID, "/tinjau "+nipCode)
	h.decide(adminID, "Dikembalikan", "Sebutkan pasar yang dimaksud.")
	h.advance(30 * time.Minute)
	h.say(asnA, "/isi")
	h.press(asnA, "✏️ Target")
	h.say(asnA, "Pasar Panorama 100% bersih dalam 6 bulan")
	h.press(asnA, "✅ Kirim")
	tick(0) // 10:30: the super admin had this period's
	h.advance(30 * time.Minute)
	tick(1)
	h.waitNotice(adminID, "<b>0</b> formulir baru dan <b>1</b> perbaikan")

	// A restarted process in the same period sends nothing again.
	h.advance(time.Minute)
	fileStayAs(h, 934, "198802192010101008", "VNXXRM") // DINKES
	again := flows.NewDigest(h.deps, flows.DefaultReminderPlan(), time.Hour)
	if n, err := again.Tick(ctx); err != nil || n != 1 {
		t.Fatalf("restarted digest = %d, %v; want 1 (the DINKES admin's, a new period for them)", n, err)
	}
	if n, err := flows.NewDigest(h.deps, flows.DefaultReminderPlan(), time.Hour).Tick(ctx); err != nil || n != 0 {
		t.Fatalf("a third process = %d, %v; want 0", n, err)
	}

	// Not at night, and not at all when turned off.
	h.advance(11 * time.Hour) // 22:01
	fileStayAs(h, 935, "198110262006021005", "65MWLS")
	tick(0)
	h.advance(10 * time.Hour) // 08:01 the next day
	if n, err := flows.NewDigest(h.deps, flows.DefaultReminderPlan(), 0).Tick(ctx); err != nil || n != 0 {
		t.Fatalf("digest turned off = %d, %v", n, err)
	}
	tick(2)

	// The digest's button opens the admin's own queue.
	note := h.tg.LastMessage(dinkesAdmin)
	list := h.tg.Press(t, dinkesAdmin, note.ID, buttonOf(note, "Buka antrean"))
	mustSee(t, list, "(OPD DINKES)", "Jumlah menunggu: <b>3</b>")
	mustNotSee(t, list, "Nadia")
}
