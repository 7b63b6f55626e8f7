package karir_test

import (
	"errors"
	"testing"
	"time"

	"openkarir/karir"
)

func TestValidateNIP(t *testing.T) {
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		nip  string
		want error
	}{
		{"OK", "198507222010012005", nil},
		{"OKMale", "197803152005011003", nil},
		{"ErrNIPFormatShort", "19850722201001200", karir.ErrNIPFormat},
		{"ErrNIPFormatLong", "1985072220100120051", karir.ErrNIPFormat},
		{"ErrNIPFormatLetter", "19850722201001200X", karir.ErrNIPFormat},
		{"ErrNIPFormatSpaces", "19850722 2010012005", karir.ErrNIPFormat},
		{"ErrNIPBirthDateMonth13", "198513222010012005", karir.ErrNIPBirthDate},
		{"ErrNIPBirthDateFeb30", "198502302010012005", karir.ErrNIPBirthDate},
		{"ErrNIPBirthDateBefore1940", "193912312010012005", karir.ErrNIPBirthDate},
		{"ErrNIPBirthDateUnder17", "201001012026012005", karir.ErrNIPBirthDate},
		{"ErrNIPTMTBefore17", "198507222001012005", karir.ErrNIPTMT},
		{"ErrNIPTMTMonth13", "198507222010132005", karir.ErrNIPTMT},
		{"ErrNIPTMTFuture", "198507222027012005", karir.ErrNIPTMT},
		{"ErrNIPGender0", "198507222010010005", karir.ErrNIPGender},
		{"ErrNIPGender3", "198507222010013005", karir.ErrNIPGender},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := karir.ValidateNIP(tc.nip, now); !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
				t.Errorf("ValidateNIP(%s) = %v, want %v", tc.nip, err, tc.want)
			}
		})
	}
}

func TestNormalizeNIP(t *testing.T) {
	for in, want := range map[string]string{
		" 19850722 201001 2 005 ": "198507222010012005",
		"19850722.201001.2.005":   "198507222010012005",
		"19850722-201001-2-005":   "198507222010012005",
	} {
		if got := karir.NormalizeNIP(in); got != want {
			t.Errorf("NormalizeNIP(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormalizePhone(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"081273450003", "6281273450003"},
		{"+6281273450003", "6281273450003"},
		{"6281273450003", "6281273450003"},
		{"81273450003", "6281273450003"},
		{"0812-7345-0003", "6281273450003"},
		{"(0812) 7345 0003", "6281273450003"},
		{"0812.7345.0003", "6281273450003"},
		{"", ""},
		{"0736 21234", ""},          // a landline (Bengkulu): not a mobile number
		{"+1 555 0100", ""},         // not Indonesian
		{"0812a7345", ""},           // letters
		{"08123", ""},               // too short
		{"0812734500031234567", ""}, // too long
		{"62+81273450003", ""},      // "+" only in front
		{"+62 812 7345 0003", "6281273450003"},
	} {
		if got := karir.NormalizePhone(tc.in); got != tc.want {
			t.Errorf("NormalizePhone(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestActivationCode(t *testing.T) {
	const nip, other = "198507222010012005", "197803152005011003"
	hash := karir.HashActivationCode(nip, "K7P2XQ")
	for _, tc := range []struct {
		name, nip, code string
		want            bool
	}{
		{"OK", nip, "K7P2XQ", true},
		{"OKLowerCaseAndSpaces", nip, "  k7p2xq ", true},
		{"WrongCode", nip, "K7P2XR", false},
		{"OtherNIP", other, "K7P2XQ", false},
		{"Empty", nip, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := karir.CheckActivationCode(hash, tc.nip, tc.code); got != tc.want {
				t.Errorf("CheckActivationCode(%s, %q) = %v, want %v", tc.nip, tc.code, got, tc.want)
			}
		})
	}
	if karir.HashActivationCode(other, "K7P2XQ") == hash {
		t.Error("the same code hashes the same for two NIPs: the NIP must salt it")
	}
}
