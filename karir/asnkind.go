package karir

import (
	"errors"
	"fmt"
	"strings"
)

// ASNKind says whether an ASN is a PNS or a PPPK: UU 20/2023 Pasal 6
// (Pegawai ASN terdiri atas PNS dan PPPK). A CPNS counts as PNS, a PPPK
// paruh waktu as PPPK.
type ASNKind string

const (
	PNS  ASNKind = "PNS"
	PPPK ASNKind = "PPPK"
)

// ErrASNKind means a jenis pegawai that is neither PNS nor PPPK.
var ErrASNKind = errors.New("jenis pegawai unknown")

// ParseASNKind reads a JENIS_PEGAWAI / STATUS_PEGAWAI cell: "PNS", "CPNS",
// "PPPK", "P3K", "PPPK Paruh Waktu", in any case.
func ParseASNKind(s string) (ASNKind, error) {
	w := strings.ToUpper(strings.Join(strings.Fields(kindSeparators.Replace(s)), " "))
	switch {
	case w == "PNS" || w == "CPNS" || w == "PEGAWAI NEGERI SIPIL" || w == "CALON PNS" || w == "CPNS/PNS":
		return PNS, nil
	case w == "PPPK" || w == "P3K" || strings.HasPrefix(w, "PPPK ") || strings.HasPrefix(w, "PEGAWAI PEMERINTAH DENGAN PERJANJIAN KERJA"):
		return PPPK, nil
	}
	return "", fmt.Errorf("%w: %q", ErrASNKind, s)
}

// pppkCode is what a NI PPPK has where a NIP has the month of appointment
// (digits 13-14): 199203152023211004 is born 1992-03-15, appointed 2023,
// PPPK, male, number 004.
const pppkCode = "21"

// KindOfNumber tells a NI PPPK from a NIP by the code in the month's
// place; it does not validate the number (see ValidateNIP).
func KindOfNumber(nip string) ASNKind {
	if len(nip) == 18 && nip[12:14] == pppkCode {
		return PPPK
	}
	return PNS
}

// Kind is the employee's kind: as the roster says, else from the number.
func (e Employee) ASN() ASNKind {
	if e.Kind != "" {
		return e.Kind
	}
	return KindOfNumber(e.NIP)
}

// kindSeparators are read as spaces in a jenis pegawai (built once: a
// Replacer per call was a quarter of a 100,000-row import's parse).
var kindSeparators = strings.NewReplacer("_", " ", "-", " ", ".", " ")
