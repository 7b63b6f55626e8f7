package karir_test

import (
	"testing"
	"time"

	"openkarir/karir"
)

func TestNeedsMinisterApproval(t *testing.T) {
	wib, _ := time.LoadLocation("Asia/Jakarta")
	inaug := time.Date(2026, 8, 20, 0, 0, 0, 0, wib)
	for _, c := range []struct {
		at   time.Time
		want bool
	}{
		{inaug, true},
		{time.Date(2027, 2, 19, 23, 59, 0, 0, wib), true},
		{time.Date(2027, 2, 20, 0, 0, 0, 0, wib), false},  // six months on: no approval needed
		{time.Date(2026, 8, 19, 12, 0, 0, 0, wib), false}, // before the inauguration
	} {
		if got := karir.NeedsMinisterApproval(inaug, c.at, wib); got != c.want {
			t.Errorf("at %s: %v, want %v", c.at, got, c.want)
		}
	}
	if karir.NeedsMinisterApproval(time.Time{}, inaug, wib) {
		t.Error("no inauguration set, yet a guard")
	}
}

func TestPangkatGolongan(t *testing.T) {
	for in, want := range map[string]string{"III/d": "Penata Tingkat I, III/d", "IV/e": "Pembina Utama, IV/e", "I/a": "Juru Muda, I/a", "IX": "IX", "": "-"} {
		if got := karir.PangkatGolongan(in); got != want {
			t.Errorf("PangkatGolongan(%q) = %q, want %q", in, got, want)
		}
	}
}

// Pasal 71 ayat 2's window opens six months before the penetapan
// pasangan calon and does not close by itself (to the end of the term).
func TestInPilkadaBan(t *testing.T) {
	wib, _ := time.LoadLocation("Asia/Jakarta")
	penetapan := time.Date(2027, 5, 20, 0, 0, 0, 0, wib)
	for _, c := range []struct {
		at   time.Time
		want bool
	}{
		{time.Date(2026, 11, 19, 23, 59, 0, 0, wib), false}, // the day before the window
		{time.Date(2026, 11, 20, 0, 0, 0, 0, wib), true},
		{penetapan, true},
		{time.Date(2028, 1, 1, 0, 0, 0, 0, wib), true}, // after the penetapan, to the end of the term
	} {
		if got := karir.InPilkadaBan(penetapan, c.at, wib); got != c.want {
			t.Errorf("at %s: %v, want %v", c.at, got, c.want)
		}
	}
	if karir.InPilkadaBan(time.Time{}, penetapan, wib) {
		t.Error("no penetapan set, yet a guard")
	}
}
