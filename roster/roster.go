// Package roster reads the employee roster that BKPSDM exports from its
// spreadsheets and loads it into the store.
package roster

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"openkarir/karir"
)

// Sample is a realistic roster of 40 ASN over 5 OPDs of Pemkot Bengkulu, for
// demos and tests.
//
//go:embed contoh_roster.csv
var Sample []byte

// columns of the roster a file must have, in the header's words. The
// proof columns (no_hp, kode_aktivasi) may be left out, as in a /ekspor
// file sent back: an absent column keeps what is stored. optional.go reads
// the other optional ones (golongan, nip_atasan).
var columns = []string{"nip", "nama", "kode_opd", "nama_opd", "jabatan", "eselon"}

// The columns that prove an ASN's NIP.
const (
	colPhone = "no_hp"
	colCode  = "kode_aktivasi"
)

// Parsed is a roster read from a file: the good rows, and why each bad one
// was refused.
type Parsed struct {
	Employees []Row
	OPDs      []karir.OPD
	Rejected  []Rejected
	Rows      int // data rows read
}

// Row is one good row of the roster.
type Row struct {
	karir.Employee
	Line int
	// Code is what the row does to the activation code. BKPSDM's personnel
	// system exports no codes, so an empty cell keeps the code issued
	// before; "-" clears it. A file without the column keeps it too.
	Code CodeCell
	// KeepPhone is set when the file has no no_hp column: the stored
	// phone number stays (an empty cell clears it).
	KeepPhone bool
}

// CodeCell is what a kode_aktivasi cell says.
type CodeCell int

const (
	KeepCode  CodeCell = iota // empty: keep the stored code (none for a new row)
	SetCode                   // a code: Employee.ActivationHash is its hash
	ClearCode                 // "-": no code any more
)

// clearCode is the cell that removes an issued activation code.
const clearCode = "-"

// Rejected is a refused row: its line in the file and the reason, in
// Indonesian for the admin who must fix it.
type Rejected struct {
	Line   int
	NIP    string
	Reason string
}

// Parse reads a roster CSV: comma or semicolon separated, UTF-8 with or
// without BOM. A bad row is listed in Rejected and never stops the good
// ones; an error means the file as a whole cannot be read.
func Parse(r io.Reader, now time.Time) (*Parsed, error) {
	data, err := readUpload(r)
	if err != nil {
		return nil, fmt.Errorf("read roster: %w", err)
	}
	tab, err := openTable(data, columns)
	if err != nil {
		return nil, err
	}

	imp := &Parsed{}
	seen := map[string]int{}           // NIP -> line
	opds := map[string]*karir.OPD{}    // code -> OPD
	positions := map[string][]string{} // code -> positions
	var opdOrder []string
	for {
		rw, err := tab.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read roster: %w", err)
		}
		imp.Rows++
		if rw.Unreadable != "" {
			imp.Rejected = append(imp.Rejected, Rejected{Line: rw.Line, Reason: rw.Unreadable})
			continue
		}
		line := rw.Line
		row, reason := parseRow(rw.Field, tab.has(colPhone), now)
		e := row.Employee
		if reason == "" {
			if first, dup := seen[e.NIP]; dup {
				reason = fmt.Sprintf("NIP ganda dalam berkas (sama dengan baris %d)", first)
			}
		}
		if reason != "" {
			imp.Rejected = append(imp.Rejected, Rejected{Line: line, NIP: e.NIP, Reason: reason})
			continue
		}
		seen[e.NIP] = line
		row.Line, row.UpdatedAt = line, now
		imp.Employees = append(imp.Employees, row)
		if _, ok := opds[e.OPDCode]; !ok {
			opds[e.OPDCode] = &karir.OPD{Code: e.OPDCode}
			opdOrder = append(opdOrder, e.OPDCode)
		}
		if o := opds[e.OPDCode]; o.Name == "" {
			o.Name = e.OPDName
		}
		positions[e.OPDCode] = append(positions[e.OPDCode], e.Position)
	}
	for _, code := range opdOrder {
		o := opds[code]
		if o.Name == "" {
			o.Name = code
		}
		ps := positions[code]
		slices.Sort(ps)
		o.Positions = slices.Compact(ps)
		imp.OPDs = append(imp.OPDs, *o)
	}
	return imp, nil
}

// parseRow checks one row of a file with or without the no_hp column; a
// non-empty reason refuses it. Whether a row without a phone has a code is
// known only beside the stored roster (see plan).
func parseRow(cell func(string) string, hasPhone bool, now time.Time) (Row, string) {
	field := func(col string) string { return cleanCell(cell(col)) }
	var row Row
	e := &row.Employee
	*e = karir.Employee{
		NIP:      karir.NormalizeNIP(field("nip")),
		Name:     field("nama"),
		OPDCode:  strings.ToUpper(field("kode_opd")),
		OPDName:  field("nama_opd"),
		Position: field("jabatan"),
		Eselon:   karir.NormalizeEselon(field("eselon")),
	}
	e.JabatanType, _ = karir.ClassifyJabatan(field("jenis_jabatan"), field("eselon"), e.Position)
	e.Kind = karir.KindOfNumber(e.NIP)
	if err := karir.ValidateNIP(e.NIP, now); err != nil {
		if raw := field("nip"); strings.ContainsAny(raw, "Ee") && strings.Contains(raw, "+") {
			// "1,97007E+17": a CSV saved from a sheet that held NIPs as numbers.
			return row, fmt.Sprintf("NIP tersimpan sebagai angka (%s) dan digit terakhirnya hilang: simpan kolom NIP sebagai teks di Excel, ketik ulang NIP-nya, lalu simpan ulang", raw)
		}
		return row, "NIP tidak valid: " + nipReason(err)
	}
	switch {
	case e.Name == "":
		return row, "nama kosong"
	case e.OPDCode == "":
		return row, "kode OPD kosong"
	case e.Position == "":
		return row, "jabatan kosong"
	}
	if reason := tooLong(e); reason != "" {
		return row, reason
	}
	row.KeepPhone = !hasPhone
	if p := field(colPhone); p != "" {
		if e.Phone = karir.NormalizePhone(p); e.Phone == "" {
			return row, fmt.Sprintf("nomor HP tidak valid (%s)", p)
		}
	}
	switch code := field(colCode); code {
	case "":
		row.Code = KeepCode
	case clearCode:
		row.Code = ClearCode
	default:
		row.Code, e.ActivationHash = SetCode, karir.HashActivationCode(e.NIP, code)
	}
	if e.Phone == "" && !row.KeepPhone && row.Code == ClearCode {
		return row, txtNoProof
	}
	return row, optionalColumns(e, field, now)
}

// The longest roster texts a row may carry, in characters. The longest
// real ones are about 120 (a post with its unit: "Kepala Sub Bagian ...");
// a 5,000-character name broke its ASN's binding reply and /belum's page.
// An OPD code also goes into button data, which Telegram limits to 64 bytes.
const (
	maxNameChars    = 200
	maxOPDCodeChars = 30
)

// tooLong refuses a row whose name, post or OPD is longer than a person
// could have typed on purpose.
func tooLong(e *karir.Employee) string {
	for _, f := range []struct {
		what  string
		value string
		limit int
	}{
		{"nama", e.Name, maxNameChars}, {"jabatan", e.Position, maxNameChars},
		{"nama OPD", e.OPDName, maxNameChars}, {"kode OPD", e.OPDCode, maxOPDCodeChars},
	} {
		if n := utf8.RuneCountInString(f.value); n > f.limit {
			return fmt.Sprintf("%s terlalu panjang (%d karakter, paling banyak %d)", f.what, n, f.limit)
		}
	}
	return ""
}

// cleanCell is a cell as the roster keeps it: cleaned by karir.CleanText
// (no invisible or bidi characters; lengths count what shows), on one
// line, trimmed, without the quote our CSVs put before a formula.
func cleanCell(s string) string {
	s = karir.CleanText(s)
	if strings.ContainsAny(s, "\n\t") {
		s = strings.Map(func(r rune) rune {
			if r == '\n' || r == '\t' {
				return ' '
			}
			return r
		}, s)
	}
	s = strings.TrimSpace(s)
	// The quote report.SafeCSVCell put before a cell that would start a
	// formula: an exported CSV comes back as it went out.
	if len(s) > 1 && s[0] == '\'' && strings.IndexByte("=+-@", s[1]) >= 0 {
		s = s[1:]
	}
	return s
}

// txtNoProof refuses a row that leaves an ASN no way to prove their NIP.
const txtNoProof = "nomor HP dan kode aktivasi kosong: salah satu diperlukan untuk verifikasi"

func nipReason(err error) string {
	switch {
	case errors.Is(err, karir.ErrNIPBirthDate):
		return "tanggal lahir tidak benar"
	case errors.Is(err, karir.ErrNIPTMT):
		return "TMT tidak masuk akal"
	case errors.Is(err, karir.ErrNIPGender):
		return "kode jenis kelamin harus 1 atau 2"
	}
	return "harus 18 angka"
}

// String is one line for an admin: "baris 7 (NIP ...): reason". What it
// echoes of the file is clipped, so a row of 4,000-character cells is
// still one short line.
func (r Rejected) String() string {
	reason := karir.ClipText(r.Reason, maxReasonChars)
	if r.NIP != "" {
		return fmt.Sprintf("baris %d (NIP %s): %s", r.Line, karir.ClipText(r.NIP, 30), reason)
	}
	return fmt.Sprintf("baris %d: %s", r.Line, reason)
}

// maxReasonChars bounds a rejected row's reason (it quotes cells).
const maxReasonChars = 300
