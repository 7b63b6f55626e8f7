package karir_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"openkarir/karir"
)

func TestCleanText(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"Plain", "Tetap di Dinas PUPR.\nAlasan:\tkeluarga", "Tetap di Dinas PUPR.\nAlasan:\tkeluarga"},
		{"ZeroWidthOnly", strings.Repeat("\u200b", 30), ""},
		{"ZeroWidthMixed", "a\u200bb\u200cc\u2060d\ufeffe", "abcde"},
		{"RightToLeftOverride", "laporan\u202efdp.exe", "laporanfdp.exe"},
		{"BidiIsolatesAndMarks", "\u2066x\u2069\u200ey\u200f\u061c", "xy"},
		{"InvalidUTF8", "O\x92Brien \xff", "O\uFFFDBrien \uFFFD"},
		{"Windows1252Apostrophe", "Ma\x92ruf", "Ma\uFFFDruf"},
		{"ControlCharacters", "a\x00b\x07c\x1bd\x7fe\u0085f", "abcdef"},
		{"LineEnds", "a\r\nb\rc\u2028d", "a\nb\nc\nd"},
		{"HangulFiller", "\u3164\u3164", ""},
		{"TagCharacters", "hai\U000e0041\U000e007f", "hai"},
		{"EmojiJoinerKept", "👨\u200d💻 siap", "👨\u200d💻 siap"},
		{"LoneJoinerDropped", "a\u200db", "ab"},
		{"RealReplacementCharacterKept", "\uFFFD", "\uFFFD"},
		{"Indonesian", "Pemeliharaan jalan—95% mulus", "Pemeliharaan jalan—95% mulus"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := karir.CleanText(tc.in)
			if got != tc.want {
				t.Errorf("CleanText(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if !utf8.ValidString(got) {
				t.Errorf("CleanText(%q) is not UTF-8", tc.in)
			}
			if again := karir.CleanText(got); again != got {
				t.Errorf("not idempotent: %q then %q", got, again)
			}
		})
	}
}

func TestClipText(t *testing.T) {
	for _, tc := range []struct {
		in    string
		limit int
		want  string
	}{
		{"Budi", 10, "Budi"},
		{"Budi Santoso", 5, "Budi…"},
		{"Budi Santoso", 6, "Budi…"}, // no space before the ellipsis
		{"ÄÖÜäöü", 3, "ÄÖ…"},
		{"abc", 0, ""},
		{"abc", 3, "abc"},
	} {
		if got := karir.ClipText(tc.in, tc.limit); got != tc.want {
			t.Errorf("ClipText(%q, %d) = %q, want %q", tc.in, tc.limit, got, tc.want)
		}
		if n := utf8.RuneCountInString(karir.ClipText(tc.in, tc.limit)); n > tc.limit {
			t.Errorf("ClipText(%q, %d) has %d characters", tc.in, tc.limit, n)
		}
	}
}

func BenchmarkCleanText(b *testing.B) {
	plain := strings.Repeat("Target kinerja: semua pasar bersih dalam 6 bulan. ", 80)
	dirty := strings.Repeat("Target\u200b kinerja\u202e: \x92", 200)
	b.Run("Plain", func(b *testing.B) {
		for range b.N {
			karir.CleanText(plain)
		}
	})
	b.Run("Dirty", func(b *testing.B) {
		for range b.N {
			karir.CleanText(dirty)
		}
	})
}
