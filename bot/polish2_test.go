package bot_test

import (
	"context"
	"strings"

	"openkarir/flows"
	"openkarir/karir"
	"openkarir/telegramtest"

	"testing"
	"time"
)

// TestSuccessionRetiredHolderIsVacant: a holder the roster still has in a
// post after their retirement date (Dedi, born 16-04-1969, 58 as JF ahli
// muda in April 2027; the clock in June 2027) frees the seat now: /suksesi
// lists the post as vacant, with the retirement said beside it, not as
// "akan kosong" within 12 months.
func TestSuccessionRetiredHolderIsVacant(t *testing.T) {
	h := newHarness(t)
	h.advance(time.Date(2027, 6, 1, 9, 0, 0, 0, h.loc).Sub(h.clock()))
	plan := h.say(adminID, "/suksesi DPUPR")
	mustSee(t, plan, "1 kosong sekarang, 0 akan kosong",
		"<b>Penata Ruang Ahli Muda</b> (DPUPR) · JF ahli muda (setara pengawas) · kosong 1 dari 1 kursi (Dedi Hartono, S.Pd. sudah pensiun sejak 16 April 2027)")
	mustNotSee(t, plan, "Dedi Hartono, S.Pd. pensiun 16 April 2027")
}

// TestRemindReachesReturnedForm: an ASN whose form was returned for
// correction and not sent again is reminded by /ingatkan to fix it (a
// reminder that says so), not passed over as filed; coverage still counts
// the form as filed.
func TestRemindReachesReturnedForm(t *testing.T) {
	h := newHarness(t)
	h.begin(974)
	h.say(974, nipPhone) // DPUPR, bound by phone
	h.tg.Share(t, 974, phoneOwner, 974)
	h.file(nipPhone, false, 1)
	sub := h.submission(nipPhone)
	at := h.clock().Add(time.Hour)
	sub.Stage = karir.StepReturned
	sub.Milestones = append(sub.Milestones, karir.Milestone{Step: karir.StepReturned, At: at, Note: "Alasan belum jelas."})
	if err := h.store.SaveSubmission(context.Background(), sub); err != nil {
		t.Fatal(err)
	}
	got := h.say(adminID, "/ingatkan DPUPR")
	mustSee(t, got, "Kirim pengingat sekarang ke <b>1</b> ASN", "Sudah mengisi: <b>1</b> dari",
		"<b>1</b> dikembalikan untuk diperbaiki dan belum dikirim lagi")
	mustSee(t, h.press(adminID, "Kirim ke 1 ASN"), "Pengingat masuk antrean untuk <b>1</b> ASN")
	h.waitNotice(974, "dikembalikan untuk diperbaiki")
	mustSeeButton(t, []telegramtest.Message{h.tg.LastMessage(974)}, "Perbaiki formulir")
	mustSee(t, []telegramtest.Message{h.tg.LastMessage(974)}, "Catatan BKPSDM ada di /status")
	mustSee(t, h.press(974, "Perbaiki formulir"), "Langkah 1 dari")
	mustSee(t, h.say(974, "/status"), "Alasan belum jelas.")

	// The scheduled reminder (6 days before the last day) reaches them too.
	rem := flows.NewReminders(h.deps, flows.ReminderPlan{DaysBefore: []int{6}, WorkEnd: 24 * time.Hour})
	if n, err := rem.Tick(context.Background()); err != nil || n != 1 {
		t.Fatalf("scheduled reminders: %d queued, %v; want 1", n, err)
	}
	h.waitNotice(974, "dikembalikan untuk diperbaiki")
}

// TestHelpOfOPDAdmin: an admin OPD's /bantuan shows each command in the
// form they can use: their own OPD's ASN, no [KODE_OPD] (another OPD's is
// refused); a BKPSDM verifier still sees the city-wide forms.
func TestHelpOfOPDAdmin(t *testing.T) {
	h := newHarness(t)
	h.bindByCode(dinkesAdmin, nipRudi, codeRudi)
	h.grant(dinkesAdmin, "admin_opd", "DINKES")
	help := h.say(dinkesAdmin, "/bantuan")
	mustSee(t, help, "<b>Admin OPD DINKES</b>", "/siaran — kirim pengumuman ke ASN OPD DINKES: /siaran teks",
		"/ingatkan — kirim pengingat sekarang ke yang belum mengisi: /ingatkan\n")
	mustNotSee(t, help, "KODE_OPD")
	mustNotSee(t, help, "semua ASN")
	mustSee(t, h.say(adminID, "/bantuan"), "/siaran — kirim pengumuman ke semua ASN: /siaran [KODE_OPD] teks")
}

// TestApprovalSeatOfRetiredHolder: approving a move to a post whose only
// holder is past the retirement age (Dedi, June 2027) asks no
// confirmation for a full post: the seat is free, as /suksesi says.
func TestApprovalSeatOfRetiredHolder(t *testing.T) {
	h := newHarness(t)
	h.file(nipRahmat, true, 1)
	sub := h.submission(nipRahmat)
	sub.Answers.TargetOPDCode, sub.Answers.TargetOPDName, sub.Answers.TargetPosition = "DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "Penata Ruang Ahli Muda"
	if err := h.store.SaveSubmission(context.Background(), sub); err != nil {
		t.Fatal(err)
	}
	h.advance(time.Date(2027, 6, 1, 9, 0, 0, 0, h.loc).Sub(h.clock()))
	if confirm := h.toApproval(nipRahmat); strings.Contains(confirm, "sudah terisi semua") || strings.Contains(confirm, "Dedi") {
		t.Errorf("a retired holder takes the seat:\n%s", confirm)
	}
}
