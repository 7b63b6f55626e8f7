package roster

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"openkarir/karir"
)

// The cells a personnel export (SIASN, SIMPEG) has and our own header
// does not: gelar, kedudukan hukum, jenis pegawai, dates, education.

// displayName joins GELAR_DEPAN, NAMA and GELAR_BELAKANG as a letter
// addresses the ASN ("dr. Rina Marlina, Sp.PD."); a name that already
// carries its gelar is left as it is.
func displayName(front, name, back string) string {
	if front != "" && !strings.HasPrefix(strings.ToLower(name), strings.ToLower(front)) {
		name = front + " " + name
	}
	if back != "" && !strings.HasSuffix(strings.ToLower(name), strings.ToLower(back)) {
		name = name + ", " + back
	}
	return name
}

// inactiveWords are the kedudukan hukum of an ASN who is no longer in
// service, or not now (BKN's reference table: pensiun, meninggal,
// diberhentikan, CLTN, pemberhentian sementara, masa persiapan pensiun...):
// such rows are skipped, never imported as someone who must file, and an
// ASN stored before is marked inactive (plan.deactivate).
var inactiveWords = []string{
	"pensiun", "meninggal", "wafat", "diberhentikan", "berhenti", "pemberhentian", "cltn",
	"cuti di luar tanggungan", "cuti diluar tanggungan", "mpp", "masa persiapan pensiun",
	"mengundurkan diri", "tidak aktif", "non aktif", "nonaktif", "hilang", "desersi", "mutasi keluar", "pindah keluar",
}

// activeWords are the kedudukan hukum of an ASN in service.
var activeWords = []string{"aktif", "tugas belajar", "diperbantukan", "dipekerjakan", "cpns", "pns", "pppk", "penugasan"}

// kedudukan reads a KEDUDUKAN_HUKUM cell: active, and whether the value
// was known (an unknown one is taken as active, with a warning).
func kedudukan(s string) (active, known bool) {
	w := strings.ToLower(strings.Join(strings.Fields(s), " "))
	if w == "" {
		return true, true
	}
	for _, x := range inactiveWords {
		if strings.Contains(w, x) {
			return false, true
		}
	}
	for _, x := range activeWords {
		if strings.HasPrefix(w, x) {
			return true, true
		}
	}
	return true, false
}

// dateLayouts are the ways exports write a date: SIASN dd-mm-yyyy, ISO,
// and the spreadsheets' dd/mm/yyyy.
var dateLayouts = []string{"02-01-2006", "2006-01-02", "02/01/2006", "2-1-2006", "2/1/2006", "02.01.2006", "2006/01/02", "2006-01-02 15:04:05", "02-01-2006 15:04:05"}

var monthsID = map[string]time.Month{
	"januari": 1, "februari": 2, "pebruari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
	"agustus": 8, "september": 9, "oktober": 10, "nopember": 11, "november": 11, "desember": 12,
}

// parseDate reads a date cell; ok is false for what is not a date.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	// "15 Maret 1992"
	if f := strings.Fields(strings.ToLower(s)); len(f) == 3 {
		d, err1 := strconv.Atoi(f[0])
		y, err2 := strconv.Atoi(f[2])
		if m, ok := monthsID[f[1]]; ok && err1 == nil && err2 == nil {
			t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
			if t.Day() == d {
				return t, true
			}
		}
	}
	// An Excel serial day (the cell was a date, read raw).
	if n, err := strconv.Atoi(s); err == nil && n > 1000 && n < 80000 {
		return time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n), true
	}
	return time.Time{}, false
}

// birthFromNIP is the birth date a NIP or NI PPPK begins with.
func birthFromNIP(nip string) time.Time {
	t, _ := time.Parse("20060102", nip[:8])
	return t
}

// golonganInText finds the ruang in a pangkat cell: "Penata (III/c)",
// "Penata Tk. I - III/d", "III.c".
var golonganInText = regexp.MustCompile(`(?i)\b(IV|III|II|I|[1-4])\s*[/.\- ]?\s*([a-e])\b`)

// pppkGolongan matches a PPPK's golongan (I to XVII, Perpres 98/2020).
var pppkGolongan = regexp.MustCompile(`^(XVII|XVI|XV|XIV|XIII|XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)$`)

// readGolongan reads a golongan cell: a PNS's ruang as ParseGolongan
// writes it, or a PPPK's golongan (I-XVII) as written.
func readGolongan(cell string, kind karir.ASNKind) (string, bool) {
	if g, err := karir.ParseGolongan(cell); err == nil {
		return g, true
	}
	inner := cell
	if open, close := strings.LastIndex(cell, "("), strings.LastIndex(cell, ")"); open >= 0 && close > open {
		inner = cell[open+1 : close]
	}
	if g, err := karir.ParseGolongan(inner); err == nil {
		return g, true
	}
	if m := golonganInText.FindStringSubmatch(cell); m != nil {
		if g, err := karir.ParseGolongan(m[1] + "/" + m[2]); err == nil {
			return g, true
		}
	}
	if kind == karir.PPPK {
		if v := strings.ToUpper(strings.TrimSpace(inner)); pppkGolongan.MatchString(v) {
			return v, true
		}
	}
	return "", false
}

// education writes an education level as karir.ParseEducation does ("S1",
// "D-III", "SMA"), what it does not know as written.
func education(s string) string {
	if e, ok := karir.ParseEducation(s); ok {
		return e
	}
	return strings.TrimSpace(s)
}
