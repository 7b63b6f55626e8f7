package karir

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"strings"
	"time"
)

// Why a NIP is not valid, so the chat can say precisely what to fix.
var (
	ErrNIPFormat    = errors.New("NIP must be 18 digits")
	ErrNIPBirthDate = errors.New("NIP birth date is not a real date")
	ErrNIPTMT       = errors.New("NIP appointment (TMT) year and month are not plausible")
	ErrNIPGender    = errors.New("NIP gender digit must be 1 or 2")
)

// NormalizeNIP drops the spaces, dots and dashes people type inside a NIP.
func NormalizeNIP(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '.', '-', '\t':
			return -1
		}
		return r
	}, strings.TrimSpace(s))
}

// ValidateNIP checks a civil servant's NIP or a PPPK's NI PPPK: YYYYMMDD of
// birth (born 1940 or later and at least 17 years ago), YYYYMM of
// appointment (TMT: at 17 or later, not in the future; a NI PPPK has its
// year and "21" for the month, see KindOfNumber), a gender digit 1 or 2,
// and a 3-digit sequence.
func ValidateNIP(nip string, now time.Time) error {
	if len(nip) != 18 || strings.IndexFunc(nip, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
		return ErrNIPFormat
	}
	birth, err := time.Parse("20060102", nip[:8])
	if err != nil || birth.Year() < 1940 || birth.After(now.AddDate(-17, 0, 0)) {
		return ErrNIPBirthDate
	}
	tmtDigits := nip[8:14]
	if KindOfNumber(nip) == PPPK {
		tmtDigits = nip[8:12] + "01"
	}
	tmt, err := time.Parse("200601", tmtDigits)
	if err != nil || tmt.Year() < birth.Year()+17 || tmt.After(now) {
		return ErrNIPTMT
	}
	if nip[14] != '1' && nip[14] != '2' {
		return ErrNIPGender
	}
	return nil
}

// NormalizePhone writes an Indonesian mobile number as 628...: it accepts
// 08..., +628..., 628... and 8..., with spaces, dashes, dots or brackets.
// It returns "" for what cannot be such a number.
func NormalizePhone(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && b.Len() == 0, r == ' ', r == '-', r == '.', r == '(', r == ')':
		default:
			return ""
		}
	}
	d := b.String()
	switch {
	case strings.HasPrefix(d, "62"):
	case strings.HasPrefix(d, "0"):
		d = "62" + d[1:]
	case strings.HasPrefix(d, "8"):
		d = "62" + d
	default:
		return ""
	}
	if !strings.HasPrefix(d, "628") || len(d) < 10 || len(d) > 15 {
		return ""
	}
	return d
}

// HashActivationCode is what the roster keeps of an activation code: the NIP
// salts it, so one leaked hash says nothing of another NIP's code.
func HashActivationCode(nip, code string) string {
	sum := sha256.Sum256([]byte("openkarir/kode-aktivasi/v1\x00" + nip + "\x00" + strings.ToUpper(strings.TrimSpace(code))))
	return hex.EncodeToString(sum[:])
}

// CheckActivationCode compares a typed code with the stored hash in
// constant time.
func CheckActivationCode(hash, nip, code string) bool {
	want := HashActivationCode(nip, code)
	return subtle.ConstantTimeCompare([]byte(hash), []byte(want)) == 1
}
