package flows

import (
	"slices"
	"strings"
	"testing"
)

func TestMatchPost(t *testing.T) {
	dinkes := []string{"Apoteker Ahli Pertama", "Bidan Terampil", "Dokter Ahli Muda", "Epidemiolog Kesehatan Ahli Pertama",
		"Kepala Bidang Pelayanan Kesehatan", "Kepala Seksi Kesehatan Keluarga dan Gizi", "Kepala Seksi Surveilans dan Imunisasi"}
	const own = "Kepala Seksi Surveilans dan Imunisasi"
	for _, c := range []struct {
		name, typed, own string
		want             postMatch
	}{
		{"ExactAnyCase", " kepala  SEKSI kesehatan keluarga dan gizi.", own, postMatch{Exact: "Kepala Seksi Kesehatan Keluarga dan Gizi"}},
		{"ExactOwn", "Kepala Seksi Surveilans dan Imunisasi", own, postMatch{Exact: own, Own: true}},
		{"TypoOfOwn", "kepala seksi surveilan dan imunisasi", own, postMatch{Own: true, Closest: []string{own}}},
		{"WordsSwappedOwn", "Kepala Seksi Imunisasi dan Surveilans", own, postMatch{Own: true, Closest: []string{own}}},
		{"TypoOfOwnElsewhere", "kepala seksi surveilan dan imunisasi", "", postMatch{Closest: []string{own}}},
		{"TypoOfAnother", "Epidemiolog Kesehatan Ahli Pertma", own, postMatch{Closest: []string{"Epidemiolog Kesehatan Ahli Pertama"}}},
		{"AnotherGrade", "Dokter Ahli Madya", own, postMatch{Closest: []string{"Dokter Ahli Muda"}}},
		{"LikeNone", "Analis Kebijakan Kesehatan Masyarakat", own, postMatch{}},
		{"SameTitleOnly", "Kepala Seksi Gizi", own, postMatch{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := matchPost(c.typed, dinkes, c.own)
			if got.Exact != c.want.Exact || got.Own != c.want.Own || !slices.Equal(got.Closest, c.want.Closest) {
				t.Errorf("matchPost(%q) = %+v, want %+v", c.typed, got, c.want)
			}
		})
	}
}

func TestShorten(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"Fits", "Sudah pas.", "Sudah pas."},
		{"LastSentence", "Satu dua. Tiga lima. Enam tujuh", "Satu dua. Tiga lima."},
		{"NotAnAbbreviatedNumber", "Dana Rp 1.500.000 habis dalam", "Dana Rp 1.500.000"},
		{"LastWord", "satu dua tiga empat lima enam", "satu dua tiga empat"},
		{"NoDanglingComma", "satu dua tiga empat, lima enam", "satu dua tiga empat"},
		{"Paragraph", "Paragraf pertama\nkedua yang panjang sekali", "Paragraf pertama"},
		{"OneLongWord", strings.Repeat("x", 30), strings.Repeat("x", 20)},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := shorten(c.in, 20); got != c.want {
				t.Errorf("shorten(%q, 20) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}
