package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"openkarir/karir"
	"openkarir/telegramtest"
)

func (h *harness) rounds() []karir.RoundRecord {
	h.t.Helper()
	rs, err := h.store.ListRounds(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	return rs
}

// pressIn presses the button with the label on one given message.
func (h *harness) pressIn(user int64, m telegramtest.Message, label string) []telegramtest.Message {
	h.t.Helper()
	for _, row := range m.Buttons {
		for _, b := range row {
			if strings.Contains(b.Text, label) {
				return h.tg.Press(h.t, user, m.ID, b.Data)
			}
		}
	}
	h.t.Fatalf("no button %q on %q", label, m.Text)
	return nil
}

// TestOpenANewRound: a new round opens only when a super admin confirms
// it; the earlier round's forms stay, readable in /cakupan and /ekspor.
func TestOpenANewRound(t *testing.T) {
	h := consoleHarness(t)
	mustSee(t, h.say(asnDPU, "/periode baru 2027-06-30"), "Maaf, ini khusus ")
	mustSee(t, h.say(adminID, "/periode"), "2026-1", "30 November 2026", "sekarang", "/periode baru")
	mustSee(t, h.say(adminID, "/periode baru 2026-01-31"), "sudah lewat")

	ask := h.say(adminID, "/periode baru 2027-06-30")
	mustSee(t, ask, "periode baru <b>2027-1</b>", "30 Juni 2027", "<b>2026-1</b> (1 formulir)", "/cakupan 2026-1", "masih berjalan")
	mustSee(t, h.pressIn(adminID, ask[len(ask)-1], "Batal"), "Dibatalkan")
	if rs := h.rounds(); len(rs) != 1 {
		t.Fatalf("rounds after Batal: %+v", rs)
	}
	ask = h.say(adminID, "/periode baru 2027-06-30")
	mustSee(t, h.pressIn(adminID, ask[len(ask)-1], "Ya"), "Periode <b>2027-1</b> dibuka", "/ekspor 2026-1")
	// The same button again, or an older one, opens nothing more.
	mustSee(t, h.pressIn(adminID, ask[len(ask)-1], "Ya"), "sudah berganti")
	if rs := h.rounds(); len(rs) != 2 || rs[1].ID != "2027-1" {
		t.Fatalf("rounds: %+v", rs)
	}
	mustSee(t, h.say(adminID, "/audit"), "periode baru", "2027-1")

	mustSee(t, h.say(adminID, "/cakupan"), "periode 2027-1", "0 dari 40 ASN")
	mustSee(t, h.say(adminID, "/cakupan 2026-1"), "periode 2026-1", "1 dari 40 ASN")
	mustSee(t, h.say(adminID, "/cakupan 2026-1 BKPSDM"), "periode 2026-1", "1 dari 7 ASN")
	mustSee(t, h.say(adminID, "/cakupan 2019-1"), "tidak ada", "2026-1, 2027-1")
	got := h.say(adminID, "/ekspor 2026-1")
	mustSee(t, got, "Ekspor 1 formulir periode 2026-1")
	if docs := documents(got); docs["open-karir-2026-1.xlsx"] == nil {
		t.Errorf("export files: %v", keys(docs))
	}
	mustSee(t, h.say(adminID, "/ekspor"), "Ekspor 0 formulir periode 2027-1")

	// The ASN who filed in 2026-1 files anew in 2027-1; the old form stays,
	// and /dataku shows it.
	mustSee(t, h.say(asnStay, "/isi"), "Langkah 1")
	h.submission(nipCode)
	got = h.say(asnStay, "/dataku")
	mustSee(t, got, "2026-1")
	if doc := documents(got)["data-saya.json"]; !strings.Contains(string(doc), `"formulir_periode_lain"`) {
		t.Errorf("/dataku's file lacks the earlier round's form:\n%s", doc)
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestClosedFormSaysSoAtStart: after the deadline, /start says the form is
// closed before asking for the NIP.
func TestClosedFormSaysSoAtStart(t *testing.T) {
	h := newHarness(t)
	h.advance(8 * 24 * time.Hour) // 2 December
	got := h.say(531, "/start")
	closed, nip := -1, -1
	for i, m := range got {
		if strings.Contains(m.Text, "sudah ditutup") && closed < 0 {
			closed = i
		}
		if strings.Contains(m.Text, "Pelindungan data pribadi") && nip < 0 {
			nip = i
		}
	}
	if closed < 0 || nip < 0 || closed > nip {
		t.Fatalf("/start after the deadline:\n%s", dump(got))
	}
	mustSee(t, got[closed:closed+1], "30 November 2026")
}

// TestNoRoundYet: with no round, ASN bind but are told filing has not
// opened; admins are told to set the deadline, and /tenggat opens the
// first round.
func TestNoRoundYet(t *testing.T) {
	h := newHarnessWithoutRound(t)
	const user = 532
	mustSee(t, h.say(user, "/start"), "belum dibuka")
	h.press(user, "Setuju")
	h.say(user, nipCode)
	mustSee(t, h.say(user, codeText), "sudah terhubung")
	mustSee(t, h.say(user, "/isi"), "belum dibuka")
	mustNotSee(t, h.say(user, "/isi"), "Langkah 1")
	mustSee(t, h.say(user, "/status"), "belum dibuka")
	for _, cmd := range []string{"/cakupan", "/ekspor", "/belum", "/ingatkan", "/tenggat"} {
		mustSee(t, h.say(adminID, cmd), "Belum ada periode", "/tenggat YYYY-MM-DD")
	}
	mustSee(t, h.say(adminID, "/tenggat 2026-12-15"), "Buka periode pengisian pertama", "15 Desember 2026")
	mustSee(t, h.press(adminID, "Ya, ubah batas"), "Periode <b>2026-1</b> dibuka", "15 Desember 2026")
	mustSee(t, h.say(user, "/isi"), "Langkah 1")
}

// TestTargetOutlivesItsRound: a target approved in one round is still
// reported on with /lapor after the next round opened.
func TestTargetOutlivesItsRound(t *testing.T) {
	h := newHarness(t)
	const asn = 533
	fileStay(h, asn)
	ctx := context.Background()
	sub := h.submission(nipCode)
	for _, step := range []karir.Step{karir.StepVerified, karir.StepBaperjakat, karir.StepApproved} {
		if err := sub.Record(karir.Milestone{Step: step, At: h.clock(), ActorName: "BKPSDM"}, h.loc); err != nil {
			t.Fatal(err)
		}
	}
	if err := h.store.SaveSubmission(ctx, sub); err != nil {
		t.Fatal(err)
	}
	ask := h.say(adminID, "/periode baru 2027-06-30")
	h.pressIn(adminID, ask[len(ask)-1], "Ya")
	got := h.say(asn, "/lapor")
	mustNotSee(t, got, "Belum ada target")
	mustSee(t, got, "pasar") // the target, asked about
	// BKPSDM still finds the form, to evaluate the target in time.
	mustSee(t, h.say(adminID, "/tinjau "+nipCode), sub.Ref)
}
