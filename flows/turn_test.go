package flows

import "testing"

// TestTidyPeriodsShortcut: skipping the regexp for texts without ".." or
// ".</" changes no text; the cases that need it are still tidied.
func TestTidyPeriodsShortcut(t *testing.T) {
	tidied := map[string]string{
		"Terima kasih, Budi, S.E..":          "Terima kasih, Budi, S.E.",
		"Atasan: <b>Ani, S.Kom.</b>. Lanjut": "Atasan: <b>Ani, S.Kom.</b> Lanjut",
		"<i><b>M.Si.</b></i>.\nBaris":        "<i><b>M.Si.</b></i>\nBaris",
	}
	for in, want := range tidied {
		if got := tidyPeriods(in); got != want {
			t.Errorf("tidyPeriods(%q) = %q, want %q", in, got, want)
		}
	}
	same := []string{"", "Pilih OPD tujuan Anda.", "S.E. sudah", "a..b", "Tunggu...", "<b>1.</b>", "x.</b>y", "Ani, S.E.</b> ."}
	for in := range tidied {
		same = append(same, in)
	}
	for _, in := range same {
		if got, want := tidyPeriods(in), titleThenPeriod.ReplaceAllString(in, "$1$2$3"); got != want {
			t.Errorf("tidyPeriods(%q) = %q, the regexp gives %q", in, got, want)
		}
	}
}
