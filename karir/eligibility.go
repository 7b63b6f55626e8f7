package karir

import (
	"errors"
	"fmt"
	"strings"
)

// Eligibility: warnings for Baperjakat, never blocks (Baperjakat decides).

// ErrGolongan means a golongan that is not one of I/a to IV/e.
var ErrGolongan = errors.New("golongan unknown")

// golonganLetters are the ruang of each golongan.
var golonganLetters = map[string]string{"I": "abcd", "II": "abcd", "III": "abcd", "IV": "abcde"}

// ParseGolongan reads a pangkat/golongan ruang as spreadsheets write it
// ("III/c", "III c", "IIIc", "3/c", "III-C") and writes it as "III/c".
func ParseGolongan(s string) (string, error) {
	v := strings.ToUpper(strings.NewReplacer("/", "", " ", "", "-", "", ".", "").Replace(strings.TrimSpace(s)))
	if len(v) < 2 {
		return "", fmt.Errorf("%w: %q", ErrGolongan, s)
	}
	roman, letter := v[:len(v)-1], strings.ToLower(v[len(v)-1:])
	switch roman {
	case "1":
		roman = "I"
	case "2":
		roman = "II"
	case "3":
		roman = "III"
	case "4":
		roman = "IV"
	}
	letters, ok := golonganLetters[roman]
	if !ok || !strings.Contains(letters, letter) {
		return "", fmt.Errorf("%w: %q", ErrGolongan, s)
	}
	return roman + "/" + letter, nil
}

// golonganRank orders golongan: I/a lowest, IV/e highest; 0 for unknown.
func golonganRank(g string) int {
	roman, letter, ok := strings.Cut(g, "/")
	if !ok || len(letter) != 1 {
		return 0
	}
	level := map[string]int{"I": 1, "II": 2, "III": 3, "IV": 4}[roman]
	if level == 0 {
		return 0
	}
	return level*10 + int(letter[0]-'a') + 1
}

// minGolongan is the lowest golongan for a post of each eselon, from the
// lampiran of PP 100/2000 jo. PP 13/2002 (eselon II.a IV/c, II.b IV/b; III.a
// IV/a, III.b III/d; IV.a III/b, IV.b III/a): the roster does not tell a
// from b, so the lower of each pair. Staff posts have none.
var minGolongan = map[string]string{
	"II":  "IV/b",
	"III": "III/d",
	"IV":  "III/a",
}

// MinGolongan is the lowest golongan for a post of the eselon ("" when none).
func MinGolongan(eselon string) string { return minGolongan[eselon] }

// eselonLevels are the steps of the career ladder, staff lowest.
var eselonLevels = map[string]int{"Staf": 0, "IV": 1, "III": 2, "II": 3}

// FlagKind is one kind of eligibility warning.
type FlagKind string

const (
	// FlagJump: the post is more than one step above the applicant's
	// (staff → IV → III → II; staff → III is a jump).
	FlagJump FlagKind = "lompat_jenjang"
	// FlagGolongan: the applicant's golongan is below the post's lowest.
	FlagGolongan FlagKind = "golongan_kurang"
	// FlagNoSuchPost: nobody in the roster holds the typed target post.
	FlagNoSuchPost FlagKind = "jabatan_tidak_ada"
)

// Flag is an eligibility warning with what it compares.
type Flag struct {
	Kind     FlagKind
	Has      string // the applicant's eselon or golongan
	Requires string // the post's eselon or lowest golongan
}

// Text is the warning as Baperjakat reads it.
func (f Flag) Text() string {
	switch f.Kind {
	case FlagJump:
		return fmt.Sprintf("naik lebih dari satu jenjang (%s → %s)", eselonName(f.Has), eselonName(f.Requires))
	case FlagGolongan:
		return fmt.Sprintf("golongan %s di bawah %s", f.Has, f.Requires)
	case FlagNoSuchPost:
		return "jabatan tidak ada di data"
	}
	return string(f.Kind)
}

func eselonName(e string) string {
	if e == "Staf" {
		return "staf"
	}
	return "eselon " + e
}

// PostFacts is what the roster says of a post: its eselon ("" unknown) and
// whether anyone holds it.
type PostFacts struct {
	Eselon string
	Held   bool
}

// Eligibility warns about a move to a post by an ASN of the given eselon
// and golongan (empty when the roster has none: that check is skipped).
func Eligibility(eselon, golongan string, post PostFacts) []Flag {
	var flags []Flag
	if !post.Held {
		flags = append(flags, Flag{Kind: FlagNoSuchPost})
	}
	from, okFrom := eselonLevels[eselon]
	to, okTo := eselonLevels[post.Eselon]
	if okFrom && okTo && to-from > 1 {
		flags = append(flags, Flag{Kind: FlagJump, Has: eselon, Requires: post.Eselon})
	}
	if least := minGolongan[post.Eselon]; least != "" && golongan != "" {
		if g := golonganRank(golongan); g != 0 && g < golonganRank(least) {
			flags = append(flags, Flag{Kind: FlagGolongan, Has: golongan, Requires: least})
		}
	}
	return flags
}

// PostEselon is a post's eselon from its holders in the roster: the most
// common among them, the higher on a tie; "" when nobody holds it.
func PostEselon(holders []Employee) string {
	count := map[string]int{}
	best := ""
	for _, h := range holders {
		if _, ok := eselonLevels[h.Eselon]; !ok {
			continue
		}
		count[h.Eselon]++
		n, b := count[h.Eselon], count[best]
		if best == "" || n > b || (n == b && eselonLevels[h.Eselon] > eselonLevels[best]) {
			best = h.Eselon
		}
	}
	return best
}
