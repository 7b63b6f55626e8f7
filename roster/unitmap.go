package roster

import (
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"openkarir/karir"
)

// A unit map says which OPD a personnel system's unit belongs to, where
// the export's parent unit is not the OPD (a city-wide parent, or a
// school or puskesmas named alone) or the code made from the name is not
// the one the admins use: one row per unit, nama_unit;kode_opd;nama_opd.
// It is imported like a roster (import-roster, /impor) and recognised by
// its header; the units are kept on the OPD (karir.OPD.Units), so the next
// roster import finds them.

// unitMapColumns are a unit map's columns; nama_opd may be left empty for
// an OPD already stored.
var unitMapColumns = []string{"nama_unit", "kode_opd", "nama_opd"}

// isUnitMap reports whether a decoded file's header is a unit map's (it
// names nama_unit and no NIP).
func isUnitMap(data []byte) bool {
	return headerHasAny(data, unitMapColumns[:1]) && !headerHasAny(data, []string{"nip"})
}

// validOPDCode is what an OPD code may be: it goes into button data.
var validOPDCode = regexp.MustCompile(`^[A-Z0-9][A-Z0-9._-]*$`)

// parseUnitMap reads a unit map beside the stored OPDs: the OPDs with
// their units, and the refused rows.
func parseUnitMap(data []byte, stored []karir.OPD) ([]karir.OPD, int, []Rejected, error) {
	tab, err := openTable(data, unitMapColumns[:2])
	if err != nil {
		return nil, 0, nil, err
	}
	names := map[string]string{}
	for _, o := range stored {
		names[o.Code] = o.Name
	}
	byCode := map[string]*karir.OPD{}
	var order []string
	var rejected []Rejected
	rows := 0
	for {
		rw, err := tab.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, 0, nil, fmt.Errorf("read unit map: %w", err)
		}
		rows++
		if rw.Unreadable != "" {
			rejected = append(rejected, Rejected{Line: rw.Line, Reason: rw.Unreadable})
			continue
		}
		unit := cleanCell(rw.Field("nama_unit"))
		code := strings.ToUpper(cleanCell(rw.Field("kode_opd")))
		name := cleanCell(rw.Field("nama_opd"))
		if name == "" {
			name = names[code]
		}
		var reason string
		switch {
		case unit == "":
			reason = "nama_unit kosong"
		case code == "":
			reason = "kode_opd kosong"
		case len(code) > maxOPDCodeChars || !validOPDCode.MatchString(code):
			reason = fmt.Sprintf("kode_opd tidak valid (%s): huruf besar, angka, titik atau tanda hubung, paling banyak %d", code, maxOPDCodeChars)
		case name == "":
			reason = fmt.Sprintf("nama_opd kosong dan OPD %s belum ada", code)
		}
		if reason != "" {
			rejected = append(rejected, Rejected{Line: rw.Line, Reason: reason})
			continue
		}
		o, ok := byCode[code]
		if !ok {
			o = &karir.OPD{Code: code, Name: name}
			byCode[code] = o
			order = append(order, code)
		}
		o.Units = append(o.Units, unit)
	}
	out := make([]karir.OPD, 0, len(order))
	for _, c := range order {
		o := byCode[c]
		slices.Sort(o.Units)
		o.Units = slices.Compact(o.Units)
		out = append(out, *o)
	}
	return out, rows, rejected, nil
}

// importUnitMap writes a unit map's OPDs and their units; strict refuses
// the whole file when a row is bad (the chat's /impor).
func importUnitMap(ctx context.Context, w Writer, data []byte, strict bool) (*Summary, error) {
	stored, err := w.OPDs(ctx)
	if err != nil {
		return nil, &WriteError{Err: fmt.Errorf("read the stored OPDs: %w", err)}
	}
	opds, rows, rejected, err := parseUnitMap(data, stored)
	if err != nil {
		return nil, err
	}
	sum := &Summary{Rows: rows, Rejected: rejected, unitMap: true}
	if strict && len(rejected) > 0 {
		return sum, nil
	}
	n, err := w.UpsertOPDs(ctx, opds)
	if err != nil {
		return nil, &WriteError{Written: *sum, OPDs: n, Err: fmt.Errorf("write the unit map: %w", err)}
	}
	for _, o := range opds {
		sum.Units += len(o.Units)
	}
	sum.MappedOPDs = opds
	return sum, nil
}

// unitMapText is a unit map's summary.
func (s *Summary) unitMapText() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Peta unit ke OPD: %d baris dibaca, %d unit untuk %d OPD, ditolak %d", s.Rows, s.Units, len(s.MappedOPDs), len(s.Rejected))
	for _, o := range s.MappedOPDs {
		fmt.Fprintf(&b, "\n- %s = %s: %s", o.Code, o.Name, strings.Join(o.Units, ", "))
	}
	for _, r := range s.Rejected {
		b.WriteString("\n- " + r.String())
	}
	b.WriteString("\nImpor ulang daftar pegawai agar unit-unit ini masuk ke OPD-nya.")
	return b.String()
}

// readRoster reads an upload whole, for a look at its header first.
func readRoster(r io.Reader, lim Limits) ([]byte, error) {
	data, err := textOf(r, lim)
	if err != nil {
		return nil, fmt.Errorf("read roster: %w", err)
	}
	return data, nil
}
