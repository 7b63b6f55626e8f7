package karir

import (
	"errors"
	"fmt"
	"strings"
)

// Golongan and a post's eselon from the roster; the requirements that
// use them are in requirements.go.

// ErrGolongan means a golongan that is not one of I/a to IV/e.
var ErrGolongan = errors.New("golongan unknown")

// golonganLetters are the ruang of each golongan, I/a to IV/e: the PNS
// pay scale's golongan ruang (PP 7/1977 on PNS salaries and its
// amendments; named without a Pasal, none was checked).
var golonganLetters = map[string]string{"I": "abcd", "II": "abcd", "III": "abcd", "IV": "abcde"}

// ParseGolongan reads a pangkat/golongan ruang as spreadsheets write it
// ("III/c", "III c", "IIIc", "3/c", "III-C") and writes it as "III/c".
func ParseGolongan(s string) (string, error) {
	v := strings.ToUpper(golonganSeparators.Replace(strings.TrimSpace(s)))
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
	level := 0
	switch roman {
	case "I":
		level = 1
	case "II":
		level = 2
	case "III":
		level = 3
	case "IV":
		level = 4
	default:
		return 0
	}
	return level*10 + int(letter[0]-'a') + 1
}

// PostFacts is what the roster says of a post: its type and eselon ("" unknown),
// whether anyone holds it, and its rung on the ladder.
type PostFacts struct {
	Type   JabatanType
	Eselon string
	Held   bool
	Rung   Rung
}

// PostEselon is a post's eselon (the structural ranks of PP 100/2000 jo.
// PP 13/2002, named without a Pasal, none was checked) from its holders
// in the roster, as they write it: the most common among them, the higher on a tie; "" when
// none of them has one.
func PostEselon(holders []Employee) string {
	count := map[string]int{}
	best := ""
	for _, h := range holders {
		e := NormalizeEselon(h.Eselon)
		if e == "" {
			continue
		}
		count[e]++
		n, b := count[e], count[best]
		if best == "" || n > b || (n == b && e < best) { // "II.a" < "III" < "IV": higher first
			best = e
		}
	}
	return best
}

// PostType is a post's type from its holders in the roster: the most
// common among them, the higher on a tie; "" when nobody holds it.
func PostType(holders []Employee) JabatanType {
	count := map[JabatanType]int{}
	var best JabatanType
	for _, h := range holders {
		t := h.Type()
		if !t.Valid() {
			continue
		}
		count[t]++
		n, b := count[t], count[best]
		if best == "" || n > b || (n == b && rankOf(t) < rankOf(best)) {
			best = t
		}
	}
	return best
}

// rankOf is the type's place in jabatanTypes (0 highest).
func rankOf(t JabatanType) int {
	for i, x := range jabatanTypes {
		if x == t {
			return i
		}
	}
	return len(jabatanTypes)
}

// golonganSeparators are dropped from a golongan (built once).
var golonganSeparators = strings.NewReplacer("/", "", " ", "", "-", "", ".", "")
