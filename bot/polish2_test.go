package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"openkarir/flows"
	"openkarir/karir"
	"openkarir/telegramtest"
)

// TestSuccessionRetiredHolderIsVacant: a holder the roster still has in a
// post after their retirement date (Dedi, born 16-04-1969, 58 as JF ahli
// muda in April 2027; the clock in June 2027) frees the seat now: /suksesi
// lists the post as vacant, with the retirement said beside it, not as
// "akan kosong" within 12 months. The "rencana suksesi" spreadsheet says
// the same: "pensiun 04-2027" before the date, "sudah pensiun sejak
// 04-2027" after it, and its intro names such seats among those to fill.
func TestSuccessionRetiredHolderIsVacant(t *testing.T) {
	h := newHarness(t)
	var intro string // the sheet's second line, what it lists
	sheetState := func() string {
		t.Helper()
		x, rows := dpuprSuccessionSheet(t, h)
		var err error
		if intro, err = x.GetCellValue("Rencana suksesi", "A2"); err != nil {
			t.Fatal(err)
		}
		for _, r := range rows[6:] {
			if len(r) > 4 && r[1] == "Penata Ruang Ahli Muda" {
				return r[4]
			}
		}
		t.Fatalf("no Penata Ruang Ahli Muda row: %q", rows)
		return ""
	}
	mustSee(t, h.say(adminID, "/suksesi DPUPR"), "0 kosong sekarang (termasuk kursi yang pemegangnya sudah melewati batas usia pensiun), 1 akan kosong", "Dedi Hartono, S.Pd. pensiun 16 April 2027")
	if got, want := sheetState(), "Dedi Hartono, S.Pd. pensiun 04-2027"; got != want {
		t.Errorf("before the date, the sheet's Keadaan = %q, want %q", got, want)
	}

	h.advance(time.Date(2027, 6, 1, 9, 0, 0, 0, h.loc).Sub(h.clock()))
	plan := h.say(adminID, "/suksesi DPUPR")
	mustSee(t, plan, "1 kosong sekarang (termasuk kursi yang pemegangnya sudah melewati batas usia pensiun), 0 akan kosong",
		"<b>Penata Ruang Ahli Muda</b> (DPUPR) · JF ahli muda (setara pengawas) · kosong 1 dari 1 kursi (Dedi Hartono, S.Pd. sudah pensiun sejak 16 April 2027)")
	mustNotSee(t, plan, "Dedi Hartono, S.Pd. pensiun 16 April 2027")
	if got, want := sheetState(), "kosong 1 dari 1 kursi (Dedi Hartono, S.Pd. sudah pensiun sejak 04-2027)"; got != want {
		t.Errorf("after the date, the sheet's Keadaan = %q, want %q", got, want)
	}
	// Its intro says what that line means among the posts it lists.
	if want := "kosong sekarang (termasuk kursi yang pemegangnya sudah melewati batas usia pensiun, tertulis \"sudah pensiun sejak\" di kolom Keadaan), " +
		"atau pemegangnya pensiun dalam 12 bulan."; !strings.Contains(intro, want) {
		t.Errorf("the sheet's intro = %q, want it to say %q", intro, want)
	}
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
// refused); said once under the heading, and in the lines whose BKPSDM
// wording would promise more ("per OPD", recording the stages, "untuk
// Baperjakat"): /tinjau is to read their ASN's forms and give the OPD's
// recommendation. Their Telegram menu says the same. A BKPSDM verifier
// still sees the city-wide forms.
func TestHelpOfOPDAdmin(t *testing.T) {
	h := newHarness(t)
	h.bindByCode(dinkesAdmin, nipRudi, codeRudi)
	h.grant(dinkesAdmin, "admin_opd", "DINKES")
	help := h.say(dinkesAdmin, "/bantuan")
	mustSee(t, help, "<b>Admin OPD DINKES</b>", "/siaran — kirim pengumuman ke ASN OPD DINKES: /siaran teks",
		"/ingatkan — kirim pengingat sekarang ke ASN OPD DINKES yang belum mengisi: /ingatkan\n",
		"<b>Admin OPD DINKES</b>\n<i>Berlaku untuk ASN dan jabatan OPD DINKES saja; verifikasi dan tahap formulir dicatat oleh BKPSDM.</i>\n",
		"/tinjau — lihat formulir ASN OPD DINKES dan beri rekomendasi OPD: /tinjau NIP atau nomor referensi",
		"/cakupan — cakupan pengisian OPD DINKES per eselon, dengan grafik: /cakupan [PERIODE]\n",
		"/antrean — formulir ASN OPD DINKES yang sedang diproses: /antrean\n",
		"/belum — daftar ASN OPD DINKES yang belum mengisi: /belum\n",
		"/ekspor — unduh formulir ASN OPD DINKES (.xlsx dan .csv)",
		"/kandidat — kandidat per jabatan tujuan di OPD DINKES: /kandidat [kata]",
		"/peminat — peta minat: jabatan di OPD DINKES yang diminati dan peminatnya",
		"/suksesi — rencana suksesi OPD DINKES:", "/talenta — peta talenta 9-box ASN OPD DINKES: /talenta",
		"/teladan — ASN teladan OPD DINKES menurut nilai laporan bulanan")
	for _, bkpsdm := range []string{"KODE_OPD", "semua ASN", "per OPD", "catat tahapannya", "untuk Baperjakat"} {
		mustNotSee(t, help, bkpsdm)
	}
	menu := map[string]string{}
	for _, c := range h.tg.ChatCommands(dinkesAdmin) {
		menu[c.Command] = c.Description
	}
	if got, want := menu["tinjau"], "Lihat formulir ASN OPD DINKES dan beri rekomendasi OPD"; got != want {
		t.Errorf("the admin OPD's menu says /tinjau %q, want %q", got, want)
	}

	mustSee(t, h.say(adminID, "/bantuan"), "/siaran — kirim pengumuman ke semua ASN: /siaran [KODE_OPD] teks",
		"/ingatkan — kirim pengingat sekarang ke ASN yang belum mengisi: /ingatkan [KODE_OPD]\n")
	h.bindByCode(verifier, "199005052017042007", "7CWTKA")
	h.grant(verifier, "verifikator", "")
	bkpsdm := h.say(verifier, "/bantuan")
	mustSee(t, bkpsdm, "<b>Verifikator BKPSDM</b>\n/antrean — formulir yang menunggu tinjauan: /antrean [KODE_OPD]",
		"/tinjau — tinjau formulir dan catat tahapannya: /tinjau NIP atau nomor referensi",
		"/cakupan — cakupan pengisian per OPD dan eselon, dengan grafik: /cakupan [PERIODE] [KODE_OPD]",
		"/siaran — kirim pengumuman ke semua ASN: /siaran [KODE_OPD] teks")
	mustNotSee(t, bkpsdm, "Berlaku untuk ASN")
}

// TestApprovalSeatOfRetiredHolder: approving a move to a post whose only
// holder is past the retirement age (Dedi, June 2027) asks no
// confirmation for a full post: the seat is free, as /suksesi says.
func TestApprovalSeatOfRetiredHolder(t *testing.T) {
	h := newHarness(t)
	rahmatAsksPenataRuang(t, h)
	h.advance(time.Date(2027, 6, 1, 9, 0, 0, 0, h.loc).Sub(h.clock()))
	if confirm := h.toApproval(nipRahmat); strings.Contains(confirm, "sudah terisi semua") || strings.Contains(confirm, "Dedi") {
		t.Errorf("a retired holder takes the seat:\n%s", confirm)
	}
}
