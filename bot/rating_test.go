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
}
