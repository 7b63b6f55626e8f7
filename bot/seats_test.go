package bot_test

import (
	"strings"
	"testing"

	"openkarir/karir"
)

// toBaperjakat walks a filed form to Baperjakat and opens the approval's
// confirmation.
func (h *harness) toApproval(nip string) string {
	h.t.Helper()
	h.say(adminID, "/tinjau "+nip)
	h.decide(adminID, "Diverifikasi BKPSDM", "")
	h.decide(adminID, "Ditinjau Baperjakat", "")
	got := h.press(adminID, "➡️ Disetujui")
	mustSee(h.t, got, "Yang terjadi:")
	return got[len(got)-1].Text
}

// TestPostGivenOnce: the post has one seat (one holder in the roster, who
// filed to stay). Approving a mover there shows who holds it and needs a
// second, explicit confirmation, which the card and the audit record; the
// next mover sees the first approved beside the holder.
func TestPostGivenOnce(t *testing.T) {
	h := candidatesHarness(t)

	confirm := h.toApproval(nipRahmat)
	for _, want := range []string{"Kursi jabatan ini sudah terisi semua</b>: 1 kursi (menurut jumlah pemegang di data pegawai), terisi 1",
		"Dipegang oleh: Mega Permata, S.H., M.H."} {
		if !strings.Contains(confirm, want) {
			t.Errorf("confirmation lacks %q:\n%s", want, confirm)
		}
	}
	second := h.press(adminID, "✅ Ya")
	mustSee(t, second, "Konfirmasi kedua", "melebihi kursinya", "Dipegang oleh: Mega Permata")
	mustNotSee(t, second, "Tercatat")
	if s := h.submission(nipRahmat); s.Stage != karir.StepBaperjakat {
		t.Fatalf("recorded at the first yes: %s", s.Stage)
	}
	// Cancelled at the second confirmation: nothing recorded.
	mustSee(t, h.press(adminID, "Batal"), "tidak ada yang dicatat")
	if s := h.submission(nipRahmat); s.Stage != karir.StepBaperjakat {
		t.Fatalf("recorded after Batal: %s", s.Stage)
	}

	h.say(adminID, "/tinjau "+nipRahmat)
	h.press(adminID, "➡️ Disetujui")
	h.press(adminID, "✅ Ya")
	got := h.press(adminID, "⚠️ Ya, tetap setujui melebihi kursi")
	mustSee(t, got, "Tercatat", "disetujui melebihi kursi (1 kursi, sudah terisi 1) dengan konfirmasi kedua")
	s := h.submission(nipRahmat)
	if !s.Approved() || s.LastAdminStep().Note != "disetujui melebihi kursi (1 kursi, sudah terisi 1) dengan konfirmasi kedua" {
		t.Errorf("approval = %+v", s.LastAdminStep())
	}
	mustSee(t, h.say(adminID, "/audit"), "Disetujui; ", "Dipegang oleh: Mega Permata")

	// The next mover: the holder and the first approved take the seat.
	confirm = h.toApproval(nipTaufik)
	for _, want := range []string{"1 kursi (menurut jumlah pemegang di data pegawai), terisi 2", "Dipegang oleh: Mega Permata",
		"Sudah disetujui pindah ke sini: Rahmat Saputra, S.Kom."} {
		if !strings.Contains(confirm, want) {
			t.Errorf("confirmation lacks %q:\n%s", want, confirm)
		}
	}

	// The holder's own stay keeps her seat: one confirmation.
	h.say(adminID, "/tinjau "+nipMega)
	h.decide(adminID, "Diverifikasi BKPSDM", "")
	h.decide(adminID, "Ditinjau Baperjakat", "")
	got = h.press(adminID, "➡️ Disetujui")
	mustNotSee(t, got, "Kursi jabatan ini")
	mustSee(t, h.press(adminID, "✅ Ya"), "Tercatat")
}
