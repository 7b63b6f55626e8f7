package bot_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"openkarir/karir"
)

func TestMyDataAndErase(t *testing.T) {
	h := newHarness(t)
	const user = 1301
	fileStay(h, user)

	got := h.say(user, "/dataku")
	doc := documents(got)["data-saya.json"]
	var data map[string]any
	if err := json.Unmarshal(doc, &data); err != nil {
		t.Fatalf("my data is not JSON: %v\n%s", err, doc)
	}
	for _, want := range []string{nipCode, reasonText, "Nadia Putri Maharani", "persetujuan_privasi"} {
		if !strings.Contains(string(doc), want) {
			t.Errorf("my data lacks %q", want)
		}
	}

	mustSee(t, h.say(user, "/hapusdata"), "Yang tetap disimpan")
	mustSee(t, h.press(user, "Batal"), "Tidak ada yang dihapus")
	if _, err := h.store.Binding(context.Background(), nipCode); err != nil {
		t.Fatalf("cancelled erase removed the binding: %v", err)
	}
	h.say(user, "/hapusdata")
	mustSee(t, h.press(user, "Ya, hapus"), "sudah dihapus")
	if _, err := h.store.Binding(context.Background(), nipCode); !errors.Is(err, karir.ErrNotFound) {
		t.Errorf("binding after erase: %v", err)
	}
	c := h.conversation(user)
	if c.NIP != "" || c.State != karir.StateStart || !c.ConsentAt.IsZero() || c.Username != "" || c.FirstName != "" {
		t.Errorf("conversation after erase: %+v", c)
	}
	h.submission(nipCode) // the filed form stays
	doc = documents(h.say(user, "/dataku"))["data-saya.json"]
	if strings.Contains(string(doc), nipCode) {
		t.Errorf("my data still shows the NIP after erase:\n%s", doc)
	}
	// Starting again asks for consent again.
	mustSee(t, h.say(user, "/start"), "Pelindungan data pribadi")
}
