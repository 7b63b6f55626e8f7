package bot_test

import (
	"context"
	"errors"
	"testing"

	"openkarir/flows"
	"openkarir/karir"
)

// TestCodeGuessesLockTheGuesser: five wrong codes lock the account that
// typed them, for every NIP, and typing another NIP in between does not
// reset the count; the NIP's owner, on their own account, is not locked.
func TestCodeGuessesLockTheGuesser(t *testing.T) {
	h := newHarness(t)
	const guesser, owner = 511, 512
	h.begin(guesser)
	h.say(guesser, nipCode)
	for range 3 {
		mustSee(t, h.say(guesser, "SALAH1"), "Kode aktivasi salah")
	}
	// Another NIP and back: the count goes on.
	h.say(guesser, flows.LabelChangeNIP)
	h.say(guesser, nipPhone)
	h.say(guesser, flows.LabelChangeNIP)
	h.say(guesser, nipCode)
	mustSee(t, h.say(guesser, "SALAH1"), "Sisa percobaan: 1")
	mustSee(t, h.say(guesser, "SALAH1"), "dikunci sementara")
	// Locked for codes, whatever the NIP, even the right code.
	mustSee(t, h.say(guesser, codeText), "dikunci sementara")
	if _, err := h.store.Binding(context.Background(), nipCode); !errors.Is(err, karir.ErrNotFound) {
		t.Fatalf("bound while locked: %v", err)
	}
	// The owner gets in with the code.
	h.bindByCode(owner, nipCode, codeText)
}

// TestManyAccountsCannotGuessOneNIP: wrong codes for one NIP from many
// accounts close the NIP's code for a day; its owner still gets in with
// the contact button.
func TestManyAccountsCannotGuessOneNIP(t *testing.T) {
	h := newHarness(t)
	for acct := int64(521); acct < 525; acct++ {
		h.begin(acct)
		h.say(acct, nipCode)
		for range 5 {
			h.say(acct, "SALAH1")
		}
	}
	const owner = 530
	h.begin(owner)
	h.say(owner, nipCode)
	got := h.say(owner, codeText)
	mustSee(t, got, "terlalu sering salah", "Bagikan nomor HP")
	mustNotSee(t, got, "sudah terhubung")
	if last := h.tg.LastMessage(owner); len(last.Keyboard) == 0 || !last.Keyboard[0][0].RequestContact {
		t.Errorf("no contact button with the refusal: %+v", last)
	}
	mustSee(t, h.tg.Share(t, owner, "081230106149", owner), "sudah terhubung")
	if b, err := h.store.Binding(context.Background(), nipCode); err != nil || b.TelegramID != owner {
		t.Errorf("binding = %+v, %v", b, err)
	}
}

// TestTextThatCannotBeACodeCostsNothing: an emoji at the code step is
// answered, and no try is used.
func TestTextThatCannotBeACodeCostsNothing(t *testing.T) {
	h := newHarness(t)
	const user = 541
	h.begin(user)
	h.say(user, nipCode)
	for range 6 {
		got := h.say(user, "👍")
		mustSee(t, got, "bukan kode aktivasi")
		mustNotSee(t, got, "dikunci")
	}
	mustSee(t, h.say(user, "SALAH1"), "Sisa percobaan: 4")
}
