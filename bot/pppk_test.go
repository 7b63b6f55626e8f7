package bot_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"openkarir/karir"
	"openkarir/roster"
)

// A PPPK from the SIASN export (NI PPPK 199203152023211004, Guru Ahli
// Pertama at DISDIK) binds with the phone in the roster, files, and the
// admin lists tell PNS from PPPK.
func TestPPPKBindsAndFiles(t *testing.T) {
	h := newHarness(t)
	sum, err := roster.Import(context.Background(), h.store, bytes.NewReader(roster.SampleSIASN), h.clock())
	if err != nil || len(sum.Rejected) != 0 || sum.PPPK != 5 {
		t.Fatalf("SIASN sample: %+v, %v", sum, err)
	}
	const user, nipPPPK = 511, "199203152023211004"

	h.begin(user)
	// A number shaped like a NI PPPK but with an impossible year.
	mustSee(t, h.say(user, "199203152031211004"), "NIP/NI PPPK tidak valid", "tahun, lalu 21")
	mustSee(t, h.say(user, nipPPPK), "Bagikan nomor HP")
	mustSee(t, h.tg.Share(t, user, "081277001201", user), "sudah terhubung", "Guru Ahli Pertama", "Langkah 1 dari 4 atau 5: Pilihan")
	h.press(user, "Tetap")
	h.say(user, reasonText)
	h.say(user, targetText)
	h.press(user, "12 bulan")
	mustSee(t, h.press(user, "✅ Kirim"), "Formulir terkirim")
	sub := h.submission(nipPPPK)
	if sub.Answers.Choice != karir.ChoiceStay || sub.JabatanType != karir.JFAhliPertama || sub.OPDCode != "DISDIK" {
		t.Errorf("submission: %+v", sub)
	}
	mustSee(t, h.say(user, "/dataku"), "Fungsional Ahli Pertama", "PPPK")

	// Coverage: everyone, then PPPK alone.
	mustSee(t, h.say(adminID, "/cakupan"), "PNS dan PPPK", "PPPK: 1/5")
	got := h.say(adminID, "/cakupan PPPK")
	mustSee(t, got, "PPPK saja", "1 dari 5 ASN sudah mengisi, 20,0%")
	mustNotSee(t, got, "JPT Pratama")
	mustSee(t, h.say(adminID, "/cakupan DISDIK PNS"), "DISDIK, PNS saja", "0 dari 8 ASN sudah mengisi")

	// Who has not filed, PPPK only: four, none of them a PNS.
	got = h.say(adminID, "/belum PPPK")
	mustSee(t, got, "4 ASN belum mengisi", "PPPK saja", "Sri Wahyuningsih", "Yanti Susanti")
	mustNotSee(t, got, "Ahmad Saputra")

	// The export: the form's row says PPPK; /ekspor PNS leaves it out.
	docs := documents(h.say(adminID, "/ekspor PPPK"))
	var export []byte
	for name, d := range docs {
		if strings.HasSuffix(name, "-PPPK.csv") {
			export = d
		}
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(export, []byte("\ufeff"))))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil || len(rows) != 2 || rows[1][0] != nipPPPK || rows[1][len(rows[1])-1] != "PPPK" || rows[1][len(rows[1])-2] != "Fungsional Ahli Pertama" {
		t.Fatalf("export: %v %v (files %v)", rows, err, len(docs))
	}
	mustSee(t, h.say(adminID, "/ekspor PNS"), "Ekspor 0 formulir")
}
