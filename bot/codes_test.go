package bot_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"openkarir/karir"
	"openkarir/telegramtest"
)

// codeSheets reads the files of issued codes sent to the admin: NIP ->
// code, and the number of files.
func codeSheets(t *testing.T, msgs []telegramtest.Message) (map[string]string, int) {
	t.Helper()
	codes := map[string]string{}
	files := 0
	for name, data := range documents(msgs) {
		if !strings.HasPrefix(name, "kode-aktivasi-") {
			continue
		}
		files++
		x, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		rows, err := x.GetRows("Kode aktivasi")
		if err != nil || len(rows) < 2 || strings.Join(rows[0], "|") != "NIP|Nama|Jabatan|Kode aktivasi" {
			t.Fatalf("%s: %v %v", name, err, rows)
		}
		for _, r := range rows[1:] {
			if _, dup := codes[r[0]]; dup {
				t.Errorf("NIP %s in two files", r[0])
			}
			codes[r[0]] = r[3]
		}
	}
	return codes, files
}

// /kode issues a code to every ASN who has none and is not bound, once:
// the admin gets one spreadsheet per OPD, the codes bind, a second /kode
// prints none again; /kode ulang replaces one code (audited), and an ASN
// who is bound gets none. Non-admins are refused.
func TestActivationCodesIssuedOnce(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	const asn = 851
	// nipPhone has no code; bound by phone first, so /kode skips them.
	h.begin(asn)
	h.say(asn, nipPhone)
	mustSee(t, h.tg.Share(t, asn, phoneOwner, asn), "sudah terhubung")
	h.say(asn, "/batal")

	t.Run("NotAdmin", func(t *testing.T) {
		mustSee(t, h.say(asn, "/kode"), "Maaf, ini khusus ")
		mustSee(t, h.say(asn, "/kode ulang "+nipCode), "Maaf, ini khusus ")
	})

	emps, _ := h.store.ListEmployees(ctx)
	want := map[string]karir.Employee{}
	for _, e := range emps {
		if e.ActivationHash == "" && e.NIP != nipPhone {
			want[e.NIP] = e
		}
	}
	got := h.say(adminID, "/kode")
	codes, files := codeSheets(t, got)
	mustSee(t, got, "<b>19 kode aktivasi baru</b> untuk 5 OPD (semua OPD). 21 ASN dilewati", "hanya ditampilkan sekali")
	if len(codes) != len(want) || files != 5 {
		t.Fatalf("%d codes in %d files, want %d in 5", len(codes), files, len(want))
	}
	for nip, code := range codes {
		e, ok := want[nip]
		if !ok {
			t.Fatalf("code for %s, who needs none", nip)
		}
		stored, _ := h.store.Employee(ctx, nip)
		if !karir.CheckActivationCode(stored.ActivationHash, nip, code) || strings.Contains(stored.ActivationHash, code) {
			t.Errorf("%s (%s): the stored hash does not check the code %q", nip, e.Name, code)
		}
	}
	// A code from the file binds its ASN.
	var someNIP string
	for nip := range codes {
		someNIP = nip
		break
	}
	h.bindByCode(852, someNIP, strings.ToLower(codes[someNIP]))

	again := h.say(adminID, "/kode")
	mustSee(t, again, "Tidak ada kode baru")
	if len(documents(again)) != 0 {
		t.Errorf("codes printed again: %v", documents(again))
	}
	mustSee(t, h.say(adminID, "/kode DINKES"), "Semua ASN (OPD DINKES)")
	mustSee(t, h.say(adminID, "/kode XYZ"), "XYZ")

	t.Run("Reissue", func(t *testing.T) {
		mustSee(t, h.say(adminID, "/kode ulang "+someNIP), "sudah terhubung")
		mustSee(t, h.say(adminID, "/kode ulang 199001012015011999"), "tidak ada di data pegawai")
		// The sample's own code of nipCode is replaced.
		reply := h.say(adminID, "/kode ulang "+nipCode)
		mustSee(t, reply, "Kode aktivasi baru untuk NIP "+nipCode, "kode lama tidak berlaku lagi")
		code := between(reply[0].Text, "<code>", "</code>")
		if len(code) != karir.ActivationCodeLength {
			t.Fatalf("new code %q in %q", code, reply[0].Text)
		}
		h.begin(853)
		h.say(853, nipCode)
		mustSee(t, h.say(853, codeText), "salah")
		mustSee(t, h.say(853, code), "sudah terhubung")
		audit := h.say(adminID, "/audit")
		mustSee(t, audit, "kode aktivasi baru</b>", "kode aktivasi baru untuk NIP "+nipCode, "kode aktivasi diterbitkan: 19 ASN di 5 OPD")
	})
}

// between is the text between the first open and the close after it.
func between(s, open, close string) string {
	_, rest, _ := strings.Cut(s, open)
	v, _, _ := strings.Cut(rest, close)
	return v
}

// Codes for a city: 7,000 of 10,000 ASN need one (3,000 are bound), in 40
// files, each code checked against its stored hash.
func TestActivationCodesAt10000(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 ASN")
	}
	loc, _ := time.LoadLocation("Asia/Jakarta")
	st := seededStore(t, "2026-1", time.Date(2026, 11, 24, 9, 0, 0, 0, loc))
	h := newHarnessOn(t, st)
	start := time.Now()
	// 7,020 writes of one field take seconds (an update costs a query on
	// FerretDB), longer than the fake's usual wait.
	mark := h.tg.Seq()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := h.tg.WaitHandled(ctx, h.tg.SendText(adminID, "/kode")); err != nil {
		t.Fatal(err)
	}
	got := h.tg.Since(adminID, mark)
	t.Logf("/kode for 7,020 ASN: %v", time.Since(start).Round(time.Millisecond))
	codes, files := codeSheets(t, got)
	mustSee(t, got, "<b>7020 kode aktivasi baru</b> untuk 45 OPD")
	if len(codes) != 7020 || files != 45 {
		t.Fatalf("%d codes in %d files", len(codes), files)
	}
	emps, err := h.store.ListEmployees(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range emps {
		if code, ok := codes[e.NIP]; ok && !karir.CheckActivationCode(e.ActivationHash, e.NIP, code) {
			t.Fatalf("%s: hash does not check its code", e.NIP)
		}
	}
	mustSee(t, h.say(adminID, "/kode"), "Tidak ada kode baru")
}
