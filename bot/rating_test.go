package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"openkarir/flows"
	"openkarir/telegramtest"
)

// A check-in BKPSDM rates (the ASN's supervisor is not in the bot) is
// counted in /antrean and the digest, /nilai lists it under its heading,
// and its evidence follows the card that says it does.
func TestBKPSDMSeesReportsToRate(t *testing.T) {
	h := newHarness(t)
	const asn = 1841
	fileStay(h, asn)
	h.approve(nipCode)
	mustNotSee(t, h.say(adminID, "/antrean"), "Laporan kemajuan menunggu nilai")
	h.say(asn, "/lapor")
	h.press(asn, "30%")
	h.say(asn, "Rapat koordinasi dengan pengelola pasar.")
	waitHandled(t, h, h.tg.SendPhoto(asn, []byte("jpeg"), ""))
	mustSee(t, []telegramtest.Message{h.tg.LastMessage(asn)}, "dinilai oleh BKPSDM")

	mustSee(t, h.say(adminID, "/antrean"), "Laporan kemajuan menunggu nilai BKPSDM: <b>1</b>")
	digest := flows.NewDigest(h.deps, flows.DefaultReminderPlan(), time.Hour)
	if n, err := digest.Tick(context.Background()); err != nil || n != 1 {
		t.Fatalf("digest = %d, %v; want 1", n, err)
	}
	h.waitNotice(adminID, "Laporan kemajuan menunggu nilai BKPSDM: <b>1</b>, 1 di antaranya baru")

	list := h.say(adminID, "/nilai")
	if len(list) == 0 || !strings.HasPrefix(list[0].Text, "<b>Laporan tanpa atasan") {
		t.Fatalf("/nilai does not start with its heading:\n%s", dump(list))
	}
	got := h.press(adminID, "⭐ Nadia")
	mustSee(t, got, "Bukti terlampir", "Penilaian 1 dari 3", "Bukti laporan kemajuan Nadia Putri Maharani")
	if last := got[len(got)-1]; last.Photo == nil {
		t.Fatalf("no evidence after the card:\n%s", dump(got))
	}

	for _, score := range []string{"5", "4", "4"} {
		msg := h.lastWithButton(adminID, score)
		h.tg.Press(t, adminID, msg.ID, buttonOf(msg, score))
	}

	// The ASN's /dataku shows the rating, by whom and as what, in Indonesian.
	mine := h.say(asn, "/dataku")
	mustSee(t, mine, "dengan bukti (foto)", "(BKPSDM): produktivitas 5 · kualitas layanan 4 · inovasi 4")
	doc := string(documents(mine)["data-saya.json"])
	for _, want := range []string{`"bukti": "foto"`, `"sebagai": "BKPSDM"`, `"produktivitas": 5`} {
		if !strings.Contains(doc, want) {
			t.Errorf("data-saya.json lacks %s:\n%s", want, doc)
		}
	}
}

// lastWithButton is the latest message to user with a button labelled label.
func (h *harness) lastWithButton(user int64, label string) telegramtest.Message {
	h.t.Helper()
	msgs := h.tg.Messages(user)
	for i := len(msgs) - 1; i >= 0; i-- {
		if buttonOf(msgs[i], label) != "" {
			return msgs[i]
		}
	}
	h.t.Fatalf("no message with a button %q", label)
	return telegramtest.Message{}
}
