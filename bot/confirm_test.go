package bot_test

import (
	"context"
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"openkarir/karir"
	"openkarir/store/storetest"
)

// /siaran shows a preview and how many it reaches, and sends nothing until
// "Kirim": a cancelled one never arrives, though a later one does.
func TestBroadcastWaitsForConfirmation(t *testing.T) {
	h := newHarness(t)
	const asn = 931
	h.bindByCode(asn, nipCode, codeText)
	got := h.say(adminID, "/siaran Rapat dibatalkan")
	mustSee(t, got, "Pratinjau", "Rapat dibatalkan", "Diterima: <b>1</b> ASN", "Tidak dapat dihubungi lewat bot: <b>")
	mustSeeButton(t, got, "Kirim")
	mustSee(t, h.say(adminID, "teks lain"), "tekan <b>Kirim</b> atau <b>Batal</b>")
	msgID, send := h.buttonData(adminID, "Kirim")
	mustSee(t, h.press(adminID, "Batal"), "tidak dikirim")
	// The cancelled preview's button does nothing any more.
	mustSee(t, h.tg.Press(t, adminID, msgID, send), "tidak menunggu lagi")

	h.say(adminID, "/siaran Rapat pukul 09.00")
	mustSee(t, h.press(adminID, "📨 Kirim"), "antrean untuk <b>1</b> ASN")
	h.waitNotice(asn, "Rapat pukul 09.00")
	for _, m := range h.tg.Messages(asn) {
		if strings.Contains(m.Text, "Rapat dibatalkan") {
			t.Fatalf("a cancelled broadcast was sent: %q", m.Text)
		}
	}
	audit, err := h.store.RecentAudit(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(audit) == 0 || audit[0].Action != "siaran" || audit[0].ActorID != adminID || !strings.Contains(audit[0].Detail, "dikonfirmasi") {
		t.Fatalf("audit: %+v", audit)
	}
}

// /tenggat shows the old and new last day and who has not filed, and
// moves nothing until confirmed; dates are read as people type them.
func TestDeadlineWaitsForConfirmation(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	lastDay := func() string {
		r, err := h.deps.Rounds.CurrentRound(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return karir.FormatDate(r.LastDay(), h.loc)
	}
	for _, typed := range []string{"15 Desember 2026", "15/12/2026", "15-12-2026", "2026-12-15"} {
		got := h.say(adminID, "/tenggat "+typed)
		mustSee(t, got, "Hari terakhir sekarang: 30 November 2026", "Hari terakhir baru: <b>15 Desember 2026</b>", "Belum mengisi: <b>")
	}
	if d := lastDay(); d != "30 November 2026" {
		t.Fatalf("deadline moved before confirmation: %s", d)
	}
	mustSee(t, h.say(adminID, "/tenggat 31 November 2026"), "tidak dikenali atau tidak ada", karir.DateForms)
	mustSee(t, h.say(adminID, "/tenggat 20 Desember 2026"), "20 Desember 2026")
	mustSee(t, h.press(adminID, "Batal"), "tidak diubah")
	if d := lastDay(); d != "30 November 2026" {
		t.Fatalf("deadline moved after Batal: %s", d)
	}
	h.say(adminID, "/tenggat 15 Desember 2026")
	mustSee(t, h.press(adminID, "Ya, ubah batas"), "15 Desember 2026")
	if d := lastDay(); d != "15 Desember 2026" {
		t.Fatalf("deadline after confirmation: %s", d)
	}
	audit, err := h.store.RecentAudit(ctx, 5)
	if err != nil || len(audit) == 0 || audit[0].Action != "tenggat" || !strings.Contains(audit[0].Detail, "sebelumnya 2026-11-30, dikonfirmasi") {
		t.Fatalf("audit: %+v, %v", audit, err)
	}
	// /periode baru and /teladan read the same forms.
	mustSee(t, h.say(adminID, "/periode baru 10 Januari 2027"), "10 Januari 2027")
	mustSee(t, h.say(adminID, "/periode baru 30/02/2027"), "tidak dikenali atau tidak ada")
	mustSee(t, h.say(adminID, "/teladan Januari 2027"), "Januari 2027")
	mustSee(t, h.say(adminID, "/teladan Jx 2027"), karir.MonthForms)
	// The confirmation of a round that is no longer current changes nothing.
}

// Grants stored before roles existed keep their meaning: all OPDs becomes
// verifikator BKPSDM, one OPD admin OPD; migrated once, at start.
func TestExistingGrantsMigrated(t *testing.T) {
	uri, db := storetest.Server(t)
	client, err := mongo.Connect(options.Client().ApplyURI(uri))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	defer func() { _ = client.Disconnect(ctx) }()
	old := client.Database(db).Collection("admins")
	if _, err := old.InsertMany(ctx, []any{
		bson.D{{Key: "_id", Value: karir.ConversationID(verifier)}, {Key: "telegram_id", Value: int64(verifier)}, {Key: "name", Value: "Fauzan"}},
		bson.D{{Key: "_id", Value: karir.ConversationID(dinkesAdmin)}, {Key: "telegram_id", Value: int64(dinkesAdmin)}, {Key: "name", Value: "Rudi"}, {Key: "opd", Value: "DINKES"}},
	}); err != nil {
		t.Fatal(err)
	}
	st := storetest.OpenOn(t, uri, db)
	for id, want := range map[int64]karir.Role{verifier: karir.RoleVerifier, dinkesAdmin: karir.RoleOPDAdmin} {
		g, err := st.AdminGrant(ctx, id)
		if err != nil || len(g.Roles) != 1 || g.Roles[0] != want {
			t.Fatalf("grant of %d after migration: %+v, %v", id, g, err)
		}
	}
	h := newHarnessOn(t, st)
	fileStayAs(h, dinkesASN, nipAgus, codeAgus)
	h.bindHolder(verifier, "199005052017042007", "7CWTKA")
	h.bindHolder(dinkesAdmin, nipRudi, codeRudi)
	mustSeeButton(t, h.say(verifier, "/tinjau "+nipAgus), "➡️ Diverifikasi BKPSDM")
	got := h.say(dinkesAdmin, "/tinjau "+nipAgus)
	mustSeeButton(t, got, "Rekomendasi OPD")
	mustNotSee(t, got, "khusus")
	if !hasCommand(h.tg.ChatCommands(verifier), "tinjau") || hasCommand(h.tg.ChatCommands(dinkesAdmin), "tenggat") {
		t.Errorf("menus after migration: %+v / %+v", h.tg.ChatCommands(verifier), h.tg.ChatCommands(dinkesAdmin))
	}
}

// bindHolder binds a user who holds a role: their /start is the admin
// home, and their own form is a button away.
func (h *harness) bindHolder(user int64, nip, code string) {
	h.t.Helper()
	mustSee(h.t, h.say(user, "/start"), "Beranda admin")
	mustSee(h.t, h.press(user, "Formulir saya"), "Pelindungan data pribadi")
	mustSee(h.t, h.press(user, "Setuju"), "ketik <b>NIP/NI PPPK</b>")
	h.say(user, nip)
	mustSee(h.t, h.say(user, code), "sudah terhubung")
}
