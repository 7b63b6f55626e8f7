package bot_test

import (
	"strings"
	"testing"

	"openkarir/flows"
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
