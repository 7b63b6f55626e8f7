package bot_test

import (
	"context"
	"testing"
)

// bindHolderByPhone binds a user who holds a role, from the admin home's
// button to their own form, by sharing the roster's phone number.
func (h *harness) bindHolderByPhone(user int64, nip string) {
	h.t.Helper()
	e, err := h.store.Employee(context.Background(), nip)
	if err != nil {
		h.t.Fatal(err)
	}
	mustSee(h.t, h.say(user, "/start"), "Beranda admin")
	mustSee(h.t, h.press(user, "Formulir saya"), "Pelindungan data pribadi")
	mustSee(h.t, h.press(user, "Setuju"), "ketik <b>NIP/NI PPPK</b>")
	h.say(user, nip)
	mustSee(h.t, h.tg.Share(h.t, user, "+"+e.Phone, user), "sudah terhubung")
	h.say(user, "/batal")
}

// Any command ends what another command waits for, the form's own
// commands too: an admin asked for a /tinjau note who opens their own form
// with /isi has their next answer taken by the form, not as the note.
func TestFormCommandEndsAWait(t *testing.T) {
	h := newHarness(t)
	const asn = 901
	fileStay(h, asn)
	h.bindHolderByPhone(adminID, nipPhone)

	h.say(adminID, "/tinjau "+nipCode)
	mustSee(t, h.press(adminID, "Dikembalikan"), "Tulis catatan")
	mustSee(t, h.say(adminID, "/isi"), "Langkah 1")
	if c := h.conversation(adminID); c.Pending != "" {
		t.Fatalf("the note is still awaited after /isi: pending %q", c.Pending)
	}
	mustSee(t, h.press(adminID, "Tetap"), "Alasan")
	mustSee(t, h.say(adminID, reasonText), "Target kinerja")
	if c := h.conversation(adminID); c.Draft.Reason != reasonText {
		t.Fatalf("the form's answer went elsewhere: draft %+v", c.Draft)
	}
	if sub := h.submission(nipCode); len(sub.Milestones) != 1 {
		t.Fatalf("the form's answer was taken as a review note: %+v", sub.Milestones)
	}
}

// A button of another group ends a wait too; /batal ends it without
// touching the form.
func TestButtonOfAnotherGroupEndsAWait(t *testing.T) {
	h := newHarness(t)
	const asn = 901
	fileStay(h, asn)
	h.bindHolderByPhone(adminID, nipPhone)

	h.say(adminID, "/isi")
	h.say(adminID, "/tinjau "+nipCode)
	mustSee(t, h.press(adminID, "Dikembalikan"), "Tulis catatan")
	mustSee(t, h.press(adminID, "Tetap"), "Alasan")
	if c := h.conversation(adminID); c.Pending != "" {
		t.Fatalf("the note is still awaited after a form button: pending %q", c.Pending)
	}
	h.say(adminID, "/tinjau "+nipCode)
	mustSee(t, h.press(adminID, "Dikembalikan"), "Tulis catatan")
	mustSee(t, h.say(adminID, "/batal"), "Dibatalkan")
	c := h.conversation(adminID)
	if c.Pending != "" || c.State == "idle" {
		t.Fatalf("after /batal of the wait: pending %q, state %s", c.Pending, c.State)
	}
}
