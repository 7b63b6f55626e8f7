package bot_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"openkarir/flows"
	"openkarir/karir"
)

// busyAccount is the store with one user's conversation always changed by
// someone else just before it is saved.
type busyAccount struct {
	flows.Storage
	user int64
}

func (b busyAccount) SaveConversation(ctx context.Context, c *karir.Conversation) error {
	if c.UserID == b.user {
		return karir.ErrConflict
	}
	return b.Storage.SaveConversation(ctx, c)
}

// TestUnbindWhileTheAccountIsBusy: when the account's conversation cannot
// be reset (every save loses a race), /lepas says so and changes nothing.
func TestUnbindWhileTheAccountIsBusy(t *testing.T) {
	h := consoleHarness(t)
	h.stopBot()
	h.storage = busyAccount{Storage: h.store, user: asnStay}
	h.start()
	got := h.say(adminID, "/lepas "+nipCode)
	mustNotSee(t, got, "dilepas dari akun Telegram")
	mustSee(t, got, "belum dilepas", "coba lagi")
	if b, err := h.store.Binding(context.Background(), nipCode); err != nil || b.TelegramID != asnStay {
		t.Errorf("binding after a failed /lepas: %+v, %v", b, err)
	}
	if c := h.conversation(asnStay); c.NIP != nipCode {
		t.Errorf("conversation after a failed /lepas: NIP %q", c.NIP)
	}

	h.stopBot()
	h.storage = nil
	h.start()
	mustSee(t, h.say(adminID, "/lepas "+nipCode), "dilepas dari akun Telegram")
	if c := h.conversation(asnStay); c.NIP != "" {
		t.Errorf("conversation after /lepas: NIP %q", c.NIP)
	}
}

// flakyBindings is the store with its next binding lookups failing, as
// when the database is briefly unreachable.
type flakyBindings struct {
	flows.Storage
	failures *atomic.Int32
}

func (f flakyBindings) Binding(ctx context.Context, nip string) (*karir.Binding, error) {
	if f.failures.Add(-1) >= 0 {
		return nil, errors.New("connection reset")
	}
	return f.Storage.Binding(ctx, nip)
}

// TestMyDataIsWholeOrNotAtAll: /dataku never leaves out what it could not
// read: the user is told of the trouble and gets the whole document once
// the database answers.
func TestMyDataIsWholeOrNotAtAll(t *testing.T) {
	h := newHarness(t)
	const user = 811
	h.bindByCode(user, nipCode, codeText)
	h.stopBot()
	failures := &atomic.Int32{}
	failures.Store(1)
	h.storage = flakyBindings{Storage: h.store, failures: failures}
	h.start()
	got := h.say(user, "/dataku")
	mustSee(t, got, "gangguan")
	doc := documents(got)["data-saya.json"]
	if !strings.Contains(string(doc), "pengikatan_akun") {
		t.Errorf("/dataku sent a document without the binding:\n%s", doc)
	}
}
