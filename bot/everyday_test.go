package bot_test

import (
	"strings"
	"testing"
)

// The welcome names the agency of the settings (AGENCY_NAME), as the
// contract does.
func TestWelcomeNamesTheCity(t *testing.T) {
	h := newHarness(t)
	mustSee(t, h.say(501, "/start"), "Selamat datang di <b>Open Karir</b> Pemerintah Kota Bengkulu.")
}

// The example targets fit the ASN's work: health for the health office,
// staff work for BKPSDM; the one about markets is for the trade office.
func TestTargetExamplesFitTheWork(t *testing.T) {
	h := newHarness(t)
	const nurse, staff = 511, 512
	h.bindByCode(nurse, "197007211992021006", "5F47VU") // Dinas Kesehatan
	h.press(nurse, "Tetap")
	got := h.say(nurse, reasonText)
	mustSee(t, got, "Target kinerja", "imunisasi")
	mustNotSee(t, got, "pasar")

	h.bindByCode(staff, nipCode, codeText) // BKPSDM
	h.press(staff, "Tetap")
	mustSee(t, h.say(staff, reasonText), "kenaikan pangkat")
}

// /belum sorts by name without the titles in front and without regard to
// case: "dr. Rina Marlina" among the R.
func TestNotFiledSortsWithoutTitles(t *testing.T) {
	h := newHarness(t)
	got := h.say(adminID, "/belum DINKES")
	text := got[0].Text
	rina, rudi, agus := strings.Index(text, "dr. Rina Marlina"), strings.Index(text, "Rudi Hartono"), strings.Index(text, "Agus Santoso")
	if rina < 0 || rudi < 0 || agus < 0 || !(agus < rina && rina < rudi) {
		t.Errorf("dr. Rina Marlina does not sort between Agus and Rudi:\n%s", text)
	}
}
