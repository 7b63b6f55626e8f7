package bot_test

import (
	"strings"
	"testing"

	"openkarir/flows"
	"openkarir/karir"
)

// /bantuan names every command of the ASN's command menu: an ASN with an
// approved target finds /lapor and /kontrak there, and /dataku, which the
// privacy notice promises.
func TestHelpListsTheMenusCommands(t *testing.T) {
	h := newHarness(t)
	fileStay(h, 1901)
	got := h.say(1901, "/bantuan")
	mustSee(t, got, "Bantuan Open Karir", "/lapor — laporkan kemajuan target kinerja", "/kontrak — unduh kontrak kinerja Anda (PDF)",
		"/dataku — lihat data Anda yang tersimpan", "Hubungi BKPSDM.")
	for _, m := range flows.Menu() {
		if !strings.Contains(got[0].Text, "/"+m.Name+" — ") {
			t.Errorf("/bantuan does not list /%s of the menu:\n%s", m.Name, got[0].Text)
		}
	}
}

// The OPD picker under /belum, /cakupan and /ingatkan lists the codes in
// order, not in the roster's: an admin finds DPUPR after DISPERINDAG.
func TestOPDPickerInCodeOrder(t *testing.T) {
	h := newHarness(t)
	want := "BKPSDM DINKES DISDIK DISPERINDAG DPUPR"
	for _, cmd := range []string{"/belum", "/cakupan", "/ingatkan"} {
		got := h.say(adminID, cmd)
		picker := got[len(got)-1]
		var codes []string
		for _, row := range picker.Buttons {
			for _, b := range row {
				if b.Text == strings.ToUpper(b.Text) && !strings.Contains(b.Text, " ") {
					codes = append(codes, b.Text)
				}
			}
		}
		if strings.Join(codes, " ") != want {
			t.Errorf("%s: the picker reads %q, want %q", cmd, codes, want)
		}
	}
}

// The ASN's menu offers what their stage allows: "Isi formulir" while the
// form can be changed, "Lapor kemajuan" once the target runs (where "Isi
// formulir" only said it could not be changed any more).
func TestMenuFollowsTheStage(t *testing.T) {
	h := newHarness(t)
	const asn = 1911
	fileStay(h, asn)
	got := h.say(asn, "/start")
	mustSeeButton(t, got, "Isi formulir")
	mustSeeButton(t, got, "Lihat status")
	h.approve(nipCode)
	got = h.say(asn, "/start")
	mustSee(t, got, "Apa yang ingin Anda lakukan?")
	mustSeeButton(t, got, "Lapor kemajuan")
	mustSeeButton(t, got, "Lihat status")
	mustNotSeeButton(t, got, "Isi formulir")
	mustSee(t, h.press(asn, "Lapor kemajuan"), "Berapa persen yang sudah tercapai?")
	if sub := h.submission(nipCode); sub.Stage != karir.StepTargetActive {
		t.Errorf("stage %s, want %s", sub.Stage, karir.StepTargetActive)
	}
}

// At the evidence step another command keeps the report, saved without
// evidence as "Lewati" does: an ASN who typed their note and then /status
// lost it. /batal alone drops it.
func TestReportKeptWhenAnotherCommandEndsEvidenceWait(t *testing.T) {
	h := newHarness(t)
	const asn = 1921
	fileStay(h, asn)
	h.approve(nipCode)
	h.say(asn, "/lapor")
	h.press(asn, "50%")
	mustSee(t, h.say(asn, "Separuh pasar sudah bersih, 12 dari 24 pasar."), "Lewati</b>. Perintah lain menyimpan laporan tanpa bukti; /batal membatalkannya.")
	got := h.say(asn, "/status")
	mustSee(t, got, "Laporan kemajuan <b>50%</b> tercatat")
	if m := h.submission(nipCode).LastCheckIn(); m == nil || m.Percent != 50 || m.Note != "Separuh pasar sudah bersih, 12 dari 24 pasar." || m.FileID != "" {
		t.Fatalf("the report after another command: %+v", m)
	}
	if last := got[len(got)-1].Text; strings.Contains(last, "tercatat") {
		t.Errorf("/status did not answer after the report was kept: %q", last)
	}

	h.say(asn, "/lapor")
	h.press(asn, "70%")
	h.say(asn, "Dua pertiga pasar sudah bersih.")
	mustSee(t, h.say(asn, "/batal"), "Dibatalkan.")
	if m := h.submission(nipCode).LastCheckIn(); m == nil || m.Percent != 50 {
		t.Fatalf("/batal stored the report: %+v", m)
	}
}
