package bot_test

import (
	"fmt"
	"testing"
	"time"

	"openkarir/telegramtest"
)

// TestNoRosterOracle: until the proof, the bot answers a NIP the same way
// whether it is in the roster, bound to another account, or neither (issue
// 24: a stranger could ask whether any NIP is in the roster and bound).
func TestNoRosterOracle(t *testing.T) {
	h := newHarness(t)
	h.bindByCode(2501, nipCode, codeText) // nipCode is now bound elsewhere
	const notInRoster = "197803152005011999"
	answers := map[string][]telegramtest.Message{}
	for i, nip := range []string{notInRoster, nipPhone, nipCode} {
		user := int64(2510 + i)
		h.begin(user)
		got := h.say(user, nip)
		wrongCode := h.say(user, "ABCDEF")
		wrongPhone := h.tg.Share(t, user, "081299999999", user)
		answers[nip] = append(append(got, wrongCode...), wrongPhone...)
	}
	want := dump(answers[notInRoster])
	for _, nip := range []string{nipPhone, nipCode} {
		if got := dump(answers[nip]); got != want {
			t.Errorf("NIP %s is answered otherwise than one not in the roster:\n%s\nnot in the roster:\n%s", nip, got, want)
		}
	}
	mustSee(t, answers[notInRoster], "Bagikan nomor HP", "Kode aktivasi salah", "tidak cocok")

	// The owner's proof still binds, and only then is "bound elsewhere" told.
	const owner = 2520
	h.begin(owner)
	h.say(owner, nipPhone)
	mustSee(t, h.tg.Share(t, owner, phoneOwner, owner), "sudah terhubung")
	const late = 2521
	h.begin(late)
	h.say(late, nipCode)
	mustSee(t, h.say(late, codeText), "sudah terhubung dengan akun Telegram lain")
}

// TestNIPLookupsLimited: an account may type karir.MaxNIPLookups different
// NIPs a day; typing the same one again does not count.
func TestNIPLookupsLimited(t *testing.T) {
	h := newHarness(t)
	const stranger = 2530
	h.begin(stranger)
	for i := range 10 {
		nip := fmt.Sprintf("1978031520050110%02d", 10+i)
		mustSee(t, h.say(stranger, nip), "memang milik Anda")
		mustSee(t, h.say(stranger, nip), "memang milik Anda") // the same again: free
		h.say(stranger, "Ganti NIP")
	}
	mustSee(t, h.say(stranger, "197803152005011090"), "terlalu banyak NIP")
	h.advance(25 * time.Hour)
	h.say(stranger, "Ganti NIP")
	mustSee(t, h.say(stranger, nipPhone), "memang milik Anda")
}
