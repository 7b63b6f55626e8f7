package bot_test

import (
	"context"
	"testing"
	"time"

	"openkarir/flows"
	"openkarir/telegramtest"
)

// /antrean and the digest show each role what waits for it: the verifier
// the forms to verify, Baperjakat the verified ones, the pencatat those
// waiting a decision, an OPD admin every stage of their OPD only, the
// super admin all.
func TestQueueAndDigestPerRole(t *testing.T) {
	h := newHarness(t)
	// The accounts of roles_test: admin OPD DINKES, verifikator,
	// Baperjakat, pencatat; bound, then granted.
	for _, a := range roleAccounts {
		h.bindByCode(a.user, a.nip, a.code)
		h.grant(a.user, a.role, a.opd)
	}
	const verifierID, boardID, recorderID, opdID = verifier, baperjakat, recorder, dinkesAdmin

	const nipHendra = "198802192010101008"
	fileStayAs(h, 961, nipCode, codeText)   // Nadia, BKPSDM: waits verification
	fileStayAs(h, 962, nipHendra, "VNXXRM") // Hendra, DINKES: verified, waits Baperjakat
	fileStayAs(h, 963, nipAgus, codeAgus)   // Agus, DINKES: reviewed, waits a decision
	h.say(adminID, "/tinjau "+nipHendra)
	h.decide(adminID, "Diverifikasi BKPSDM", "")
	h.say(adminID, "/tinjau "+nipAgus)
	h.decide(adminID, "Diverifikasi BKPSDM", "")
	h.decide(adminID, "Ditinjau Baperjakat", "")

	const nadia, hendra, agus = "Nadia Putri Maharani", "Hendra Gunawan", "Agus Santoso"
	cases := []struct {
		user       int64
		see        []string
		notSee     []string
		digestSees string
	}{
		{verifierID, []string{"peran Anda (verifikator BKPSDM)", "🆕 Baru, menunggu verifikasi: <b>1</b>", "Jumlah menunggu: <b>1</b>", nadia},
			[]string{hendra, agus, "menunggu diteruskan ke Baperjakat", "menunggu keputusan"}, "<b>1</b> formulir baru dan <b>0</b> perbaikan"},
		{boardID, []string{"peran Anda (Baperjakat)", "Terverifikasi, menunggu diteruskan ke Baperjakat: <b>1</b>", "Jumlah menunggu: <b>1</b>", hendra},
			[]string{nadia, agus, "menunggu verifikasi", "menunggu keputusan"}, "Terverifikasi, menunggu diteruskan ke Baperjakat: <b>1</b> baru masuk"},
		{recorderID, []string{"peran Anda (pencatat keputusan)", "Di Baperjakat, menunggu keputusan: <b>1</b>", "Jumlah menunggu: <b>1</b>", agus},
			[]string{nadia, hendra, "menunggu verifikasi", "menunggu diteruskan"}, "Di Baperjakat, menunggu keputusan: <b>1</b> baru masuk"},
		{opdID, []string{"(OPD DINKES)", "Jumlah menunggu: <b>2</b>", hendra, agus},
			[]string{nadia, "peran Anda"}, "Seluruh antrean Anda: <b>2</b>"},
		{adminID, []string{"Jumlah menunggu: <b>3</b>", nadia, hendra, agus},
			[]string{"peran Anda"}, "Seluruh antrean Anda: <b>3</b>"},
	}
	for _, c := range cases {
		got := h.say(c.user, "/antrean")
		mustSee(t, got, c.see...)
		for _, text := range c.notSee {
			mustNotSee(t, got, text)
		}
	}

	h.advance(time.Minute)
	digest := flows.NewDigest(h.deps, flows.DefaultReminderPlan(), time.Hour)
	if n, err := digest.Tick(context.Background()); err != nil || n != len(cases) {
		t.Fatalf("digest = %d, %v; want one for each of %d roles", n, err, len(cases))
	}
	for _, c := range cases {
		h.waitNotice(c.user, "Antrean tinjauan Open Karir")
		note := h.tg.LastMessage(c.user)
		mustSee(t, []telegramtest.Message{note}, c.digestSees)
		if c.user == boardID || c.user == recorderID {
			mustNotSee(t, []telegramtest.Message{note}, "formulir baru dan")
		}
		// Its button opens the same queue.
		mustSee(t, h.tg.Press(t, c.user, note.ID, buttonOf(note, "Buka antrean")), c.see...)
	}
}
