package bot_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"openkarir/roster"
	"openkarir/telegramtest"
)

// bigRoster is a valid roster CSV of at least size bytes (the sample, its
// rows padded with spaces Telegram would carry as they are).
func bigRoster(size int) []byte {
	var b bytes.Buffer
	lines := strings.Split(strings.TrimSpace(string(roster.Sample)), "\n")
	b.WriteString(lines[0] + "\n")
	pad := strings.Repeat(" ", 1000)
	for b.Len() < size {
		b.WriteString(pad + "\n")
	}
	for _, l := range lines[1:] {
		b.WriteString(l + "\n")
	}
	return b.Bytes()
}

// A roster over Telegram's 20 MB download limit for bots is refused once,
// politely, from the size the update gives: the bot does not try to
// download it (Telegram would refuse), and does not retry.
func TestImportOver20MBRefusedWithoutDownload(t *testing.T) {
	h := newHarness(t)
	data := bigRoster(21 << 20)
	got := h.tg.Upload(t, adminID, "pegawai.csv", data, "/impor")
	mustSee(t, got, "Berkas terlalu besar (21,0 MB)", "20 MB", "tidak ada data yang diubah")
	mustNotSee(t, got, "gangguan")
	if len(got) != 1 {
		t.Errorf("want one answer, got %d:\n%s", len(got), dump(got))
	}
	if n := h.tg.Calls("getFile"); n != 0 {
		t.Errorf("getFile called %d times for a file the update said is over 20 MB", n)
	}
	// Nothing more comes later (no retry answering again).
	mark := h.tg.Seq()
	h.say(adminID, "/status")
	for _, m := range h.tg.Since(adminID, mark) {
		if strings.Contains(m.Text, "terlalu besar") {
			t.Errorf("the refusal came again: %s", m.Text)
		}
	}
}

// When the update does not say the size, Telegram's own refusal ("file is
// too big") gets the same answer, once.
func TestImportTooBigForGetFileRefusedOnce(t *testing.T) {
	h := newHarness(t)
	id := h.tg.AddFile(make([]byte, telegramtest.MaxDownload+1))
	mark := h.tg.Seq()
	update := h.tg.Queue(map[string]any{"message": map[string]any{
		"message_id": 1, "date": time.Now().Unix(),
		"chat":     map[string]any{"id": int64(adminID), "type": "private"},
		"from":     map[string]any{"id": int64(adminID), "is_bot": false, "first_name": "Admin"},
		"document": map[string]any{"file_id": id, "file_unique_id": id, "file_name": "pegawai.csv"},
		"caption":  "/impor", "caption_entities": []map[string]any{{"type": "bot_command", "offset": 0, "length": 6}},
	}})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := h.tg.WaitHandled(ctx, update); err != nil {
		t.Fatal(err)
	}
	got := h.tg.Since(adminID, mark)
	mustSee(t, got, "Berkas terlalu besar (lebih dari 20 MB)")
	mustNotSee(t, got, "gangguan")
	if n := h.tg.Calls("getFile"); n != 1 {
		t.Errorf("getFile called %d times, want once", n)
	}
}
