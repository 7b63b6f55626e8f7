package bot_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"openkarir/flows"
	"openkarir/karir"
	"openkarir/telegramtest"
)

func mustNotSeeButton(t *testing.T, msgs []telegramtest.Message, label string) {
	t.Helper()
	for _, m := range msgs {
		for _, row := range m.Buttons {
			for _, b := range row {
				if strings.Contains(b.Text, label) {
					t.Errorf("a button %q in:\n%s", label, dump(msgs))
				}
			}
		}
	}
}

// lastToast is the latest answer shown on a pressed button.
func (h *harness) lastToast() string {
	a := h.tg.CallbackAnswers()
	if len(a) == 0 {
		return ""
	}
	return a[len(a)-1].Text
}

// reminded counts the reminders to file a chat received.
func (h *harness) reminded(user int64) int {
	n := 0
	for _, m := range h.tg.Messages(user) {
		if strings.Contains(m.Text, "Pengingat Open Karir") {
			n++
		}
	}
	return n
}

// remindAudits counts the audited /ingatkan runs.
func (h *harness) remindAudits() []string {
	h.t.Helper()
	audit, err := h.store.RecentAudit(context.Background(), 50)
	if err != nil {
		h.t.Fatal(err)
	}
	var out []string
	for _, e := range audit {
		if e.Action == "ingatkan" {
			out = append(out, e.Detail)
		}
	}
	return out
}

// /ingatkan without a code offers a city's OPDs as buttons, a page at a
// time, and "Semua OPD"; the chosen OPD's preview says how many will be
// reminded, and nothing goes out before "Kirim": not on "Batal", not twice.
func TestRemindPicksOPDByButton(t *testing.T) {
	h := newHarness(t)
	h.bindByCode(972, nipRudi, codeRudi) // DINKES, bound
	h.begin(974)
	h.say(974, nipPhone) // DPUPR, bound by phone
	h.tg.Share(t, 974, phoneOwner, 974)
	// A city's ~50 OPDs: the sample's 5 and 50 kecamatan.
	var kec []karir.OPD
	for i := 1; i <= 50; i++ {
		kec = append(kec, karir.OPD{Code: fmt.Sprintf("KEC%02d", i), Name: fmt.Sprintf("Kecamatan %02d", i)})
	}
	if _, err := h.store.UpsertOPDs(t.Context(), kec); err != nil {
		t.Fatal(err)
	}

	got := h.say(adminID, "/ingatkan")
	mustSee(t, got, "pilih satu OPD (55 OPD), atau semua OPD (halaman 1 dari 7)")
	mustSeeButton(t, got, "Semua OPD")
	mustSeeButton(t, got, "DPUPR")
	mustNotSeeButton(t, got, "KEC09")
	got = h.press(adminID, "Berikutnya")
	mustSee(t, got, "halaman 2 dari 7")
	mustSeeButton(t, got, "KEC09")
	mustSeeButton(t, got, "Semua OPD")
	mustSee(t, h.press(adminID, "Sebelumnya"), "halaman 1 dari 7")

	got = h.press(adminID, "DPUPR")
	mustSee(t, got, "Kirim pengingat sekarang ke <b>1</b> ASN OPD DPUPR yang terhubung dengan bot tetapi belum mengisi?", "Sudah mengisi: <b>0</b> dari")
	preview := got[len(got)-1]
	send := buttonOf(preview, "Kirim ke 1 ASN")
	if conv, err := h.store.LoadConversation(t.Context(), adminID); err != nil || conv.Pending != "ingatkan" || conv.PendingArgs["opd"] != "DPUPR" {
		t.Fatalf("the preview does not wait: %+v, %v", conv, err)
	}
	mustSee(t, h.press(adminID, "Batal"), "Dibatalkan; pengingat tidak dikirim.")
	mustSee(t, h.tg.Press(t, adminID, preview.ID, send), "tidak menunggu lagi")
	if len(h.remindAudits()) != 0 {
		t.Fatalf("a cancelled reminder was audited: %q", h.remindAudits())
	}

	// Sent: the one DPUPR ASN in the bot gets it, the DINKES one does not;
	// the same button pressed again sends nothing more.
	mustSee(t, h.say(adminID, "/ingatkan DPUPR"), "ke <b>1</b> ASN")
	preview = h.tg.LastMessage(adminID)
	send = buttonOf(preview, "Kirim ke 1 ASN")
	mustSee(t, h.tg.Press(t, adminID, preview.ID, send), "Pengingat masuk antrean untuk <b>1</b> ASN OPD DPUPR yang")
	mustSee(t, h.tg.Press(t, adminID, preview.ID, send), "tidak menunggu lagi")
	h.waitNotice(974, "Pengingat Open Karir")
	if audits := h.remindAudits(); len(audits) != 1 || audits[0] != "1 ASN, OPD DPUPR (dikonfirmasi)" {
		t.Errorf("audit: %q", audits)
	}
	if n := h.reminded(972); n != 0 {
		t.Errorf("the DINKES ASN got %d reminders of a DPUPR run", n)
	}
	if n := h.reminded(974); n != 1 {
		t.Errorf("the DPUPR ASN got %d reminders, want 1", n)
	}
}

// An OPD admin's /ingatkan is their OPD's preview, with no picker, and a
// button of another scope (an old message, a forged one) does nothing.
func TestRemindOPDAdminSeesOwnOPD(t *testing.T) {
	h := consoleHarness(t)
	h.bindByCode(972, nipRudi, codeRudi) // DINKES
	h.grant(asnDPU, "admin_opd", "DPUPR")

	got := h.say(asnDPU, "/ingatkan")
	mustSee(t, got, "Kirim pengingat sekarang ke <b>1</b> ASN OPD DPUPR yang terhubung dengan bot tetapi belum mengisi?")
	mustNotSeeButton(t, got, "Semua OPD")
	preview := got[len(got)-1]
	for _, data := range []string{flows.ButtonData("ingatkan", "semua"), flows.ButtonData("ingatkan", "op", "1")} {
		mustNotSee(t, h.tg.Press(t, asnDPU, preview.ID, data), "OPD")
		if toast := h.lastToast(); toast != "Tombol ini sudah tidak berlaku." {
			t.Errorf("%s: toast %q", data, toast)
		}
	}
	mustSee(t, h.tg.Press(t, asnDPU, preview.ID, flows.ButtonData("ingatkan", "o", "DINKES")), "hanya dapat bertindak untuk OPD DPUPR")

	mustSee(t, h.say(asnDPU, "/ingatkan"), "ke <b>1</b> ASN OPD DPUPR yang")
	mustSee(t, h.press(asnDPU, "Kirim ke 1 ASN"), "Pengingat masuk antrean untuk <b>1</b> ASN OPD DPUPR yang terhubung dengan bot tetapi belum mengisi.")
	h.waitNotice(asnDPU, "Pengingat Open Karir")
	if n := h.reminded(972); n != 0 {
		t.Errorf("the OPD admin's run reminded a DINKES ASN %d times", n)
	}
}
