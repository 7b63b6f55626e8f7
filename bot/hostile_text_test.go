package bot_test

import (
	"context"
	"strings"
	"testing"

	"openkarir/karir"
)

// Issue 24: text from users and from the roster, and replies that outgrow
// Telegram. The harness fails any test whose reply Telegram (the strict
// fake) refused, so each of these would have failed on a refusal alone.

// TestEchoesAreEscaped sends every command with arguments that are HTML to
// Telegram: whatever the bot echoes must reach the user.
func TestEchoesAreEscaped(t *testing.T) {
	h := newHarness(t)
	const asn = 2401
	fileStay(h, asn)
	const hostile = "<b> & <i>x</i> </pre>"
	got := h.say(adminID, "/lepas <b>")
	mustSee(t, got, "NIP")
	mustNotSee(t, got, "<b>\n")
	for _, cmd := range []string{"admin", "antrean", "audit", "belum", "bukti", "cakupan", "cek", "dataku", "ekspor",
		"hapusdata", "id", "ingatkan", "kandidat", "kode", "kontrak", "lapor", "lepas", "peminat", "periode", "siaran",
		"talenta", "teladan", "tenggat", "tinjau", "nilai", "status", "batal", "help", "start"} {
		got := h.say(adminID, "/"+cmd+" "+hostile)
		if len(got) == 0 {
			t.Errorf("/%s %s: no answer", cmd, hostile)
		}
		h.say(adminID, "/batal")
	}
	for _, cmd := range []string{"status", "lapor", "kontrak", "dataku", "cek", "bukti"} {
		h.say(asn, "/"+cmd+" "+hostile)
		h.say(asn, "/batal")
	}
}

// TestInvisibleTextIsNotText: zero-width characters do not count toward the
// 20-character rule, and a right-to-left override never reaches an admin.
func TestInvisibleTextIsNotText(t *testing.T) {
	h := newHarness(t)
	const asn = 2402
	h.bindByCode(asn, nipCode, codeText)
	h.press(asn, "Tetap")
	mustSee(t, h.say(asn, strings.Repeat("\u200b", 30)), "Terlalu singkat (0 karakter)")
	mustSee(t, h.say(asn, "ok\u200b\u200c\u200d\u2060\ufeff"+strings.Repeat("\u200b", 25)), "Terlalu singkat (2 karakter)")
	if c := h.conversation(asn); c.State != karir.StateReason {
		t.Fatalf("state = %s, want reason", c.State)
	}
	mustSee(t, h.say(asn, "Alasan saya \u202etxt.exe\u202c untuk melayani pasar rakyat."), "Target kinerja")
	h.say(asn, targetText+"\u2067")
	h.press(asn, "6 bulan")
	h.press(asn, "✅ Kirim")
	sub := h.submission(nipCode)
	if strings.ContainsAny(sub.Answers.Reason+sub.Answers.Target, "\u202e\u202c\u2067") {
		t.Errorf("stored with bidi controls: %q / %q", sub.Answers.Reason, sub.Answers.Target)
	}
	card := h.say(adminID, "/tinjau "+nipCode)
	mustSee(t, card, "Alasan saya txt.exe untuk melayani")
	for _, m := range card {
		if strings.ContainsAny(m.Text, "\u202e\u202c\u2067\u200b") {
			t.Errorf("card shows invisible controls: %q", m.Text)
		}
	}
}

// TestRosterTextShownClean: a name with a Windows-1252 byte, a
// right-to-left override and 5,000 characters still gets the binding reply,
// and the admin's /belum page still arrives.
func TestRosterTextShownClean(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	emp, err := h.store.Employee(ctx, nipCode)
	if err != nil {
		t.Fatal(err)
	}
	emp.Name = "Ma\x92ruf \u202eAmin " + strings.Repeat("Panjang ", 625)
	emp.Position = "Staf \x93Umum\x94 " + strings.Repeat("jabatan ", 625)
	if _, _, err := h.store.UpsertEmployees(ctx, []karir.Employee{*emp}); err != nil {
		t.Fatal(err)
	}
	const asn = 2403
	h.begin(asn)
	h.say(asn, nipCode)
	got := h.say(asn, codeText)
	mustSee(t, got, "sudah terhubung", "Ma")
	for _, m := range got {
		if strings.Contains(m.Text, "\u202e") || len(m.Text) > 3000 {
			t.Errorf("binding reply shows the raw name (%d bytes): %.200q", len(m.Text), m.Text)
		}
	}
	page := h.say(adminID, "/belum")
	mustSee(t, page, "ASN belum mengisi")
	h.say(asn, "/status")
}

// TestReviewCardFitsWithTwelveReports: long answers and twelve long monthly
// reports; the card with its rating and verdict buttons still arrives, older
// reports one line each, and a button shows them all.
func TestReviewCardFitsWithTwelveReports(t *testing.T) {
	h := newHarness(t)
	const asn = 2404
	h.bindByCode(asn, nipCode, codeText)
	h.press(asn, "Tetap")
	long := func(prefix string, n int) string {
		s := prefix
		for len([]rune(s)) < n-20 {
			s += " pasar & kios <rapi> bersih"
		}
		return s
	}
	reason := long("Alasan 1:", 1000)
	h.say(asn, reason)
	h.say(asn, long("Target 100%:", 1000))
	h.press(asn, "12 bulan")
	h.press(asn, "✅ Kirim")
	h.approve(nipCode)
	for month := 1; month <= 12; month++ {
		h.say(asn, "/lapor")
		h.press(asn, "60%")
		h.say(asn, long("Bulan ke-"+string(rune('0'+month%10))+":", 500))
		mustSee(t, h.press(asn, "Lewati"), "tercatat")
	}
	card := h.say(adminID, "/tinjau "+nipCode)
	if len(card) != 1 {
		t.Fatalf("the card came as %d messages:\n%s", len(card), dump(card))
	}
	mustSee(t, card, "Tahapan", "Bulan ke-2:")
	mustSeeButton(t, card, "Nilai laporan")
	mustSeeButton(t, card, "Target tercapai")
	mustSeeButton(t, card, "Lihat semua laporan")
	all := h.press(adminID, "Lihat semua laporan")
	mustSee(t, all, "Bulan ke-1:", "Bulan ke-2:")
}

// TestRefusedReplyIsNotLost: when Telegram refuses a reply anyway, the
// user gets a short apology instead of silence, and the log names the
// reply (not its text).
func TestRefusedReplyIsNotLost(t *testing.T) {
	h := newHarness(t)
	const asn = 2405
	h.bindByCode(asn, nipCode, codeText)
	h.tg.FailNext("sendMessage", 1, 400, 0)
	got := h.say(asn, "/status")
	mustSee(t, got, "tidak dapat ditampilkan oleh Telegram")
	if logs := h.logs.String(); !strings.Contains(logs, `msg="reply refused by Telegram"`) || !strings.Contains(logs, `reply="/status reply 1"`) {
		t.Errorf("log does not name the reply:\n%s", logs)
	}
}
