package bot_test

import (
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
