package bot_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"openkarir/karir"
	"openkarir/telegramtest"
)

// Accounts of the sample roster given roles in these tests.
const (
	dinkesAdmin = 911 // Rudi Hartono, DINKES: admin OPD DINKES
	verifier    = 912 // Fauzan Kurniawan, DISDIK: verifikator BKPSDM
	baperjakat  = 913 // Joko Susilo, DISDIK: Baperjakat
	recorder    = 914 // Eko Prasetyo, DPUPR: pencatat keputusan
	dinkesASN   = 920 // Agus Santoso, DINKES: files a form
	otherASN    = 921 // Nadia, BKPSDM: files a form (nipCode)

	baperNote = "Layak dipertimbangkan; kinerja baik."
)

var roleAccounts = []struct {
	user       int64
	nip, code  string
	role, opd  string
	roleLabel  string
	mayCommand string
}{
	{dinkesAdmin, nipRudi, codeRudi, "admin_opd", "DINKES", "admin OPD DINKES", "cakupan"},
	{verifier, "199005052017042007", "7CWTKA", "verifikator", "", "verifikator BKPSDM", "belum"},
	{baperjakat, "197303051991111001", "DJL2BU", "baperjakat", "", "Baperjakat", "talenta"},
	{recorder, "197109011994092003", "3M7JRC", "pencatat", "", "pencatat keputusan", "antrean"},
}

// grant gives user a role through /admin, confirmed by the super admin.
func (h *harness) grant(user int64, role, opd string) {
	h.t.Helper()
	got := h.say(adminID, strings.TrimSpace("/admin tambah "+strconv.FormatInt(user, 10)+" "+role+" "+opd))
	mustSee(h.t, got, "Beri ")
	mustSee(h.t, h.press(adminID, "Ya, beri peran"), "Tersimpan")
}

// buttonData is the data of the latest button of user's chat with label.
func (h *harness) buttonData(user int64, label string) (msgID int, data string) {
	h.t.Helper()
	msgs := h.tg.Messages(user)
	for i := len(msgs) - 1; i >= 0; i-- {
		for _, row := range msgs[i].Buttons {
			for _, b := range row {
				if strings.Contains(b.Text, label) {
					return msgs[i].ID, b.Data
				}
			}
		}
	}
	h.t.Fatalf("user %d: no button %q", user, label)
	return 0, ""
}

// replay presses, as user, button data taken from another chat (forged or
// replayed callback data), on user's latest message.
func (h *harness) replay(user int64, data string) []telegramtest.Message {
	h.t.Helper()
	return h.tg.Press(h.t, user, h.tg.LastMessage(user).ID, data)
}

func setUpRoles(t *testing.T) *harness {
	h := newHarness(t)
	for _, a := range roleAccounts {
		h.bindByCode(a.user, a.nip, a.code)
		h.grant(a.user, a.role, a.opd)
	}
	fileStayAs(h, dinkesASN, nipAgus, codeAgus)
	fileStayAs(h, otherASN, nipCode, codeText)
	return h
}

func hasCommand(cmds []telegramtest.BotCommand, name string) bool {
	return slices.ContainsFunc(cmds, func(c telegramtest.BotCommand) bool { return c.Command == name })
}

func TestRolesSeparationOfDuties(t *testing.T) {
	h := setUpRoles(t)

	// Each role's menu, in its own chat; the default stays the ASN's.
	if hasCommand(h.tg.Commands(), "tinjau") || !hasCommand(h.tg.Commands(), "isi") {
		t.Errorf("default menu: %+v", h.tg.Commands())
	}
	for _, a := range roleAccounts {
		menu := h.tg.ChatCommands(a.user)
		if !hasCommand(menu, a.mayCommand) || !hasCommand(menu, "isi") || hasCommand(menu, "admin") || hasCommand(menu, "tenggat") {
			t.Errorf("%s: menu %+v", a.roleLabel, menu)
		}
	}
	if menu := h.tg.ChatCommands(dinkesAdmin); hasCommand(menu, "tenggat") || hasCommand(menu, "audit") {
		t.Errorf("admin OPD has a super admin's command in the menu: %+v", menu)
	}
	if menu := h.tg.ChatCommands(adminID); !hasCommand(menu, "admin") || !hasCommand(menu, "tenggat") {
		t.Errorf("super admin's menu: %+v", menu)
	}

	// The Dinkes admin reads their ASN's card, with no step on it, and may
	// not take one with data from the verifier's card.
	got := h.say(dinkesAdmin, "/tinjau "+nipAgus)
	mustSee(t, got, "NIP "+nipAgus)
	for _, m := range got {
		for _, row := range m.Buttons {
			for _, b := range row {
				if strings.Contains(b.Text, "➡️") {
					t.Errorf("admin OPD sees a step: %q", b.Text)
				}
			}
		}
	}
	mustSee(t, h.say(dinkesAdmin, "/tinjau "+nipCode), "Tidak ada formulir")
	h.say(verifier, "/tinjau "+nipAgus)
	_, verify := h.buttonData(verifier, "➡️ Diverifikasi BKPSDM")
	got = h.replay(dinkesAdmin, verify)
	mustSee(t, got, "khusus verifikator BKPSDM", "Peran Anda: admin OPD DINKES")
	mustNotSee(t, got, "khusus admin.")
	if s := h.submission(nipAgus); s.Stage != karir.StepSubmitted {
		t.Fatalf("admin OPD moved the form to %s", s.Stage)
	}

	// The OPD's recommendation, on their own ASN only.
	mustSee(t, h.press(dinkesAdmin, "Rekomendasi OPD: setuju"), "Tulis alasannya")
	mustSee(t, h.say(dinkesAdmin, "Kinerjanya baik, OPD mendukung."), "Catat rekomendasi")
	mustSee(t, h.press(dinkesAdmin, "Ya, catat rekomendasi"), "Tercatat: rekomendasi kepala OPD asal <b>setuju</b>")
	if rec := h.submission(nipAgus).Recommendation; rec == nil || !rec.Agree || rec.ActorID != dinkesAdmin || rec.OPD != "DINKES" {
		t.Fatalf("recommendation stored: %+v", rec)
	}
	_, rec := h.buttonData(dinkesAdmin, "Rekomendasi OPD: tidak setuju")
	mustSee(t, h.replay(dinkesAdmin, strings.Replace(rec, nipAgus, nipCode, 1)), "Tidak ada formulir")
	mustSee(t, h.replay(verifier, rec), "khusus admin OPD")
	if h.submission(nipCode).Recommendation != nil {
		t.Fatal("a recommendation was stored on another OPD's form")
	}

	// Verified by the verifier, who then has no Baperjakat step.
	h.say(verifier, "/tinjau "+nipAgus)
	got = h.decide(verifier, "Diverifikasi BKPSDM", "")
	mustSee(t, got, "Tercatat")
	for _, m := range got {
		for _, row := range m.Buttons {
			for _, b := range row {
				if strings.Contains(b.Text, "Ditinjau Baperjakat") {
					t.Errorf("the verifier sees the Baperjakat step")
				}
			}
		}
	}

	// Baperjakat reads the recommendation and records its review, with a
	// note; the recorder and the Dinkes admin may not.
	got = h.say(baperjakat, "/tinjau "+nipAgus)
	mustSee(t, got, "Rekomendasi kepala OPD asal", "setuju", "OPD mendukung")
	_, review := h.buttonData(baperjakat, "➡️ Ditinjau Baperjakat")
	mustSee(t, h.replay(recorder, review), "khusus Baperjakat")
	mustSee(t, h.replay(dinkesAdmin, review), "khusus Baperjakat")
	mustSee(t, h.decide(baperjakat, "Ditinjau Baperjakat", baperNote), "Tercatat")

	// The decision is the recorder's alone.
	h.say(recorder, "/tinjau "+nipAgus)
	_, approve := h.buttonData(recorder, "➡️ Disetujui")
	for _, who := range []int64{dinkesAdmin, verifier, baperjakat} {
		mustSee(t, h.replay(who, approve), "khusus pencatat keputusan")
	}
	if s := h.submission(nipAgus); s.Stage != karir.StepBaperjakat {
		t.Fatalf("stage %s before the decision", s.Stage)
	}
	h.say(recorder, "/tinjau "+nipAgus)
	mustSee(t, h.decide(recorder, "Disetujui", ""), "Tercatat")
	s := h.submission(nipAgus)
	if s.Stage != karir.StepTargetActive && s.Stage != karir.StepApproved {
		t.Fatalf("stage after approval: %s", s.Stage)
	}
	actors := map[karir.Step]int64{}
	for _, m := range s.Milestones {
		actors[m.Step] = m.ActorID
	}
	if actors[karir.StepVerified] != verifier || actors[karir.StepBaperjakat] != baperjakat || actors[karir.StepApproved] != recorder {
		t.Errorf("actors: %v", actors)
	}

	// Commands name the role they need, and the user's own.
	mustSee(t, h.say(dinkesAdmin, "/periode"), "khusus super admin", "Peran Anda: admin OPD DINKES")
	mustSee(t, h.say(baperjakat, "/cakupan"), "khusus verifikator BKPSDM atau admin OPD")
	mustSee(t, h.say(recorder, "/talenta"), "khusus verifikator BKPSDM, Baperjakat atau admin OPD")
	mustSee(t, h.say(dinkesASN, "/tinjau "+nipAgus), "khusus verifikator BKPSDM, Baperjakat, pencatat keputusan, admin OPD atau Wali Kota")
	mustSee(t, h.say(dinkesAdmin, "/cakupan"), "DINKES")

	// A role revoked while its holder has a card open: the next press is
	// refused, and the menu goes back to the default.
	h.say(verifier, "/tinjau "+nipCode)
	mustSee(t, h.say(adminID, "/admin hapus "+strconv.Itoa(verifier)+" verifikator"), "Cabut")
	mustSee(t, h.press(adminID, "Ya, cabut"), "tanpa peran")
	mustSee(t, h.press(verifier, "➡️ Diverifikasi BKPSDM"), "khusus verifikator BKPSDM")
	if s := h.submission(nipCode); s.Stage != karir.StepSubmitted {
		t.Fatalf("a revoked verifier moved the form to %s", s.Stage)
	}
	if menu := h.tg.ChatCommands(verifier); menu != nil {
		t.Errorf("menu after the revoke: %+v", menu)
	}
	calls := h.tg.ScopedCalls()
	if last := calls[len(calls)-1]; last.Scope.Type != "chat" || last.Scope.ChatID != verifier {
		t.Errorf("last scoped menu call: %+v", last)
	}

	audit, err := h.store.RecentAudit(context.Background(), 50)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range audit {
		actions = append(actions, e.Action+" "+e.Detail)
	}
	joined := strings.Join(actions, "\n")
	for _, want := range []string{"peran-hapus", "verifikator BKPSDM dicabut (dikonfirmasi)", "peran-tambah", "rekomendasi-opd"} {
		if !strings.Contains(joined, want) {
			t.Errorf("audit lacks %q:\n%s", want, joined)
		}
	}
}

func TestRoleGrantBadInput(t *testing.T) {
	h := newHarness(t)
	h.bindByCode(dinkesAdmin, nipRudi, codeRudi)
	id := strconv.Itoa(dinkesAdmin)
	for cmd, want := range map[string]string{
		"/admin tambah " + id + " bupati":                         "tidak dikenal",
		"/admin tambah " + id + " admin_opd XYZ":                  "XYZ",
		"/admin tambah " + id + " admin_opd":                      "perlu kode OPD",
		"/admin tambah " + id + " baperjakat DINKES":              "tanpa kode OPD",
		"/admin tambah " + strconv.Itoa(adminID) + " verifikator": "sendiri",
		"/admin hapus " + id:                                      "tidak memegang peran",
	} {
		got := h.say(adminID, cmd)
		mustSee(t, got, want)
		mustNotSee(t, got, "Tersimpan")
	}
	// Asked, then cancelled: nothing granted.
	mustSee(t, h.say(adminID, "/admin tambah "+id+" verifikator"), "Beri ")
	mustSee(t, h.press(adminID, "Batal"), "tidak diubah")
	gs, err := h.store.ListAdmins(context.Background())
	if err != nil || len(gs) != 0 {
		t.Fatalf("grants after bad input: %+v, %v", gs, err)
	}
	// A role held is not granted twice; the user may not use /admin.
	h.grant(dinkesAdmin, "admin_opd", "DINKES")
	mustSee(t, h.say(adminID, "/admin tambah "+id+" admin_opd DISDIK"), "sudah admin OPD DINKES")
	mustSee(t, h.say(dinkesAdmin, "/admin tambah "+strconv.Itoa(adminID)+" verifikator"), "khusus super admin")
	mustSee(t, h.say(adminID, "/admin daftar"), "admin OPD DINKES")
}

func TestAdminHomeAndHelp(t *testing.T) {
	h := newHarness(t)
	got := h.say(adminID, "/start")
	mustSee(t, got, "Beranda admin", "Antrean tinjauan", "Cakupan")
	mustNotSee(t, got, "Pelindungan data pribadi")
	mustSeeButton(t, got, "Formulir saya")
	mustSee(t, h.press(adminID, "📊 Cakupan"), "Cakupan")
	// Their own form, as an ASN: the privacy notice first.
	mustSee(t, h.press(adminID, "Formulir saya"), "Pelindungan data pribadi")

	help := h.say(adminID, "/bantuan")
	mustSee(t, help, "<b>Verifikator BKPSDM</b>", "/tinjau", "<b>Super admin</b>", "/tenggat")
	h.bindByCode(dinkesAdmin, nipRudi, codeRudi)
	h.grant(dinkesAdmin, "admin_opd", "DINKES")
	help = h.say(dinkesAdmin, "/bantuan")
	mustSee(t, help, "<b>Admin OPD DINKES</b>", "/cakupan")
	mustNotSee(t, help, "/tenggat")
	mustNotSee(t, help, "<b>Baperjakat</b>")
	got = h.say(dinkesAdmin, "/start")
	mustSee(t, got, "Beranda admin", "OPD DINKES")
}
