// Package roster reads the employee roster that BKPSDM exports from its
// spreadsheets and loads it into the store.
package roster

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"openkarir/karir"
)

// Sample is a realistic roster of 40 ASN over 5 OPDs of Pemkot Bengkulu, for
// demos and tests.
//
//go:embed contoh_roster.csv
var Sample []byte

// columns of the roster, in the header's words; optional.go reads the
// optional ones (golongan, nip_atasan).
var columns = []string{"nip", "nama", "kode_opd", "nama_opd", "jabatan", "eselon", "no_hp", "kode_aktivasi"}

// Parsed is a roster read from a file: the good rows, and why each bad one
// was refused.
type Parsed struct {
	Employees []karir.Employee
	OPDs      []karir.OPD
	Rejected  []Rejected
	Rows      int // data rows read
}

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
	data, err := io.ReadAll(r)
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
		e, reason := parseRow(rw.Field, now)
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
		e.UpdatedAt = now
		imp.Employees = append(imp.Employees, e)
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

// parseRow checks one row; a non-empty reason refuses it.
func parseRow(field func(string) string, now time.Time) (karir.Employee, string) {
	e := karir.Employee{
		NIP:      karir.NormalizeNIP(field("nip")),
		Name:     field("nama"),
		OPDCode:  strings.ToUpper(field("kode_opd")),
		OPDName:  field("nama_opd"),
		Position: field("jabatan"),
		Eselon:   NormalizeEselon(field("eselon")),
	}
	if err := karir.ValidateNIP(e.NIP, now); err != nil {
		return e, "NIP tidak valid: " + nipReason(err)
	}
	switch {
	case e.Name == "":
		return e, "nama kosong"
	case e.OPDCode == "":
		return e, "kode OPD kosong"
	case e.Position == "":
		return e, "jabatan kosong"
	}
	if p := field("no_hp"); p != "" {
		if e.Phone = karir.NormalizePhone(p); e.Phone == "" {
			return e, fmt.Sprintf("nomor HP tidak valid (%s)", p)
		}
	}
	if code := field("kode_aktivasi"); code != "" {
		e.ActivationHash = karir.HashActivationCode(e.NIP, code)
	}
	if e.Phone == "" && e.ActivationHash == "" {
		return e, "nomor HP dan kode aktivasi kosong: salah satu diperlukan untuk verifikasi"
	}
	return e, optionalColumns(&e, field, now)
}

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

// NormalizeEselon writes an eselon as "II", "III", "IV" or "Staf", from the
// many ways spreadsheets say it ("2", "II.a", "IIIb", "non eselon", "pelaksana").
func NormalizeEselon(s string) string {
	v := strings.ToUpper(strings.ReplaceAll(strings.ReplaceAll(strings.TrimSpace(s), ".", ""), " ", ""))
	v = strings.TrimSuffix(strings.TrimSuffix(v, "A"), "B")
	switch v {
	case "I", "1", "II", "2":
		return "II"
	case "III", "3":
		return "III"
	case "IV", "4", "V", "5":
		return "IV"
	}
	return "Staf"
}

// Writer is what an import writes to; the store implements it.
type Writer interface {
	UpsertEmployees(ctx context.Context, emps []karir.Employee) (added, updated int, err error)
	UpsertOPDs(ctx context.Context, opds []karir.OPD) error
}

// Summary is what an import did.
type Summary struct {
	Rows           int
	Added, Updated int
	Rejected       []Rejected
}

// Import parses the roster and writes its good rows: agencies first, so
// every employee's OPD exists.
func Import(ctx context.Context, w Writer, r io.Reader, now time.Time) (*Summary, error) {
	imp, err := Parse(r, now)
	if err != nil {
		return nil, err
	}
	if err := w.UpsertOPDs(ctx, imp.OPDs); err != nil {
		return nil, fmt.Errorf("write OPDs: %w", err)
	}
	added, updated, err := w.UpsertEmployees(ctx, imp.Employees)
	if err != nil {
		return nil, fmt.Errorf("write employees: %w", err)
	}
	return &Summary{Rows: imp.Rows, Added: added, Updated: updated, Rejected: imp.Rejected}, nil
}

// Text is the summary for a terminal or a chat.
func (s *Summary) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Baris dibaca: %d\nDitambahkan: %d\nDiperbarui: %d\nDitolak: %d", s.Rows, s.Added, s.Updated, len(s.Rejected))
	for _, r := range s.Rejected {
		b.WriteString("\n- " + r.String())
	}
	return b.String()
}

// Strict imports a roster sent in chat: the whole file is checked before
// any write, and a file with a bad row changes nothing.
type Strict struct{ W Writer }

// ImportAll loads a roster sent in chat with /impor (flows.RosterImporter).
func (s Strict) ImportAll(ctx context.Context, r io.Reader, now time.Time) (string, []string, error) {
	imp, err := Parse(r, now)
	if err != nil {
		return "", nil, err
	}
	if len(imp.Rejected) > 0 {
		problems := make([]string, len(imp.Rejected))
		for i, rj := range imp.Rejected {
			problems[i] = rj.String()
		}
		return "", problems, nil
	}
	if err := s.W.UpsertOPDs(ctx, imp.OPDs); err != nil {
		return "", nil, fmt.Errorf("write OPDs: %w", err)
	}
	added, updated, err := s.W.UpsertEmployees(ctx, imp.Employees)
	if err != nil {
		return "", nil, fmt.Errorf("write employees: %w", err)
	}
	sum := Summary{Rows: imp.Rows, Added: added, Updated: updated}
	return sum.Text(), nil, nil
}

// String is one line for an admin: "baris 7 (NIP ...): reason".
func (r Rejected) String() string {
	if r.NIP != "" {
		return fmt.Sprintf("baris %d (NIP %s): %s", r.Line, r.NIP, r.Reason)
	}
	return fmt.Sprintf("baris %d: %s", r.Line, r.Reason)
}
