// Package roster reads the employee roster that BKPSDM exports from its
// spreadsheets and loads it into the store.
package roster

import (
	"bytes"
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

// SampleSIASN is the same city as SIASN exports it: title rows above an
// upper-case header, gelar in their own columns, OPDs by their names
// only, golongan as "Penata (III/c)", and beside Sample's 40 PNS five PPPK
// (one paruh waktu) and three who left service (pensiun, meninggal,
// CLTN), who are skipped.
//
//go:embed contoh_siasn.csv
var SampleSIASN []byte

// columns of the roster a file must have, in the header's words (or an
// alias of columnAliases: NIP_BARU, JABATAN_NAMA...). The OPD comes from
// kode_opd, nama_opd or a unit column (see opdColumns). The proof columns
// (no_hp, kode_aktivasi) may be left out, as in a /ekspor file sent back:
// an absent column keeps what is stored. optional.go reads the others.
var columns = []string{"nip", "nama", "jabatan"}

// opdColumns are the columns that name a row's OPD; a roster has one.
var opdColumns = []string{"kode_opd", "nama_opd", "unit"}

// txtExpected is what a roster's header must name, for the admin whose
// file is not one.
const txtExpected = "judul yang diharapkan: nip (atau NIP_BARU), nama, jabatan (atau JABATAN_NAMA), " +
	"dan kode_opd/nama_opd (atau UNOR_INDUK_NAMA, SATUAN_KERJA_NAMA, UNOR_NAMA); " +
	"boleh juga eselon, jenis_jabatan, golongan, no_hp, kode_aktivasi, nip_atasan, jenis_pegawai, kedudukan_hukum, " +
	"tmt_jabatan, tanggal_lahir, pendidikan, gelar_depan, gelar_belakang"

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
	// Warnings are rows taken with a guess (a post whose type nothing
	// says is taken for pelaksana); Inactive counts the rows skipped
	// because the ASN is not in service (pensiun, meninggal, CLTN...).
	Warnings []Rejected
	Inactive int
	// Left are the rows of ASN not in service, by NIP (the plan marks the
	// ones stored as inactive); Personnel is set when the file says who is
	// in service (a kedudukan hukum column: a personnel system's export,
	// which lists every ASN of the OPDs it covers).
	Left      []Left
	Personnel bool
	// NewOPDs are the OPDs whose code this import made from their name.
	NewOPDs []karir.OPD
	Rows    int // data rows read
}

// Left is a row of an ASN no longer in service.
type Left struct {
	Line   int
	NIP    string
	Status string // the kedudukan hukum, "Pensiun"
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
	// Unit is the row's smallest unit (UNOR_NAMA), which a mapping file
	// may assign to an OPD.
	Unit string
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

// Parse reads a roster file (CSV, comma or semicolon separated, UTF-8
// with or without BOM, or xlsx; our header or a personnel export's, title
// rows above it) with no OPDs stored: codes are made for OPDs named only.
func Parse(r io.Reader, now time.Time) (*Parsed, error) { return ParseWith(r, now, nil, nil) }

// ParseWith reads a roster beside the stored OPDs (their codes are kept,
// a mapping file's units found). A bad row is listed in Rejected and never
// stops the good ones; an error means the file as a whole cannot be read.
// progress, when set, is told the rows read every progressEvery rows.
func ParseWith(r io.Reader, now time.Time, stored []karir.OPD, progress func(rows int)) (*Parsed, error) {
	data, err := textOf(r, ChatLimits())
	if err != nil {
		return nil, fmt.Errorf("read roster: %w", err)
	}
	tab, err := openTable(data, columns)
	if err != nil {
		return nil, notARoster(err)
	}
	if !slices.ContainsFunc(opdColumns, tab.has) {
		return nil, fmt.Errorf("kolom tidak ada: kode_opd atau nama_opd (%s)", txtExpected)
	}
	// As many rows as lines, at most: grown by appends, the rows of a
	// 100,000-row export were copied some 20 times over.
	imp := &Parsed{Personnel: tab.has("kedudukan"), Employees: make([]Row, 0, bytes.Count(data, []byte("\n"))+1)}
	seen := map[string]int{} // NIP -> line
	for {
		rw, err := tab.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read roster: %w", err)
		}
		imp.Rows++
		if progress != nil && imp.Rows%progressEvery == 0 {
			progress(imp.Rows)
		}
		if rw.Unreadable != "" {
			imp.Rejected = append(imp.Rejected, Rejected{Line: rw.Line, Reason: rw.Unreadable})
			continue
		}
		line := rw.Line
		row, res := parseRow(rw.Field, tab.has, now)
		if res.inactive != "" {
			imp.Inactive++
			if karir.ValidateNIP(row.NIP, now) == nil {
				imp.Left = append(imp.Left, Left{Line: line, NIP: row.NIP, Status: res.inactive})
			}
			continue
		}
		e := row.Employee
		reason := res.reason
		if reason == "" {
			if first, dup := seen[e.NIP]; dup {
				reason = fmt.Sprintf("NIP ganda dalam berkas (sama dengan baris %d)", first)
			}
		}
		if reason != "" {
			imp.Rejected = append(imp.Rejected, Rejected{Line: line, NIP: e.NIP, Reason: reason})
			continue
		}
		for _, w := range res.warnings {
			imp.Warnings = append(imp.Warnings, Rejected{Line: line, NIP: e.NIP, Reason: w})
		}
		seen[e.NIP] = line
		row.Line, row.UpdatedAt = line, now
		imp.Employees = append(imp.Employees, row)
	}
	imp.assignOPDs(stored)
	return imp, nil
}

// progressEvery is how often a long import says how far it is.
const progressEvery = 10_000

// notARoster adds to a header error what a roster's header names.
func notARoster(err error) error {
	if strings.HasPrefix(err.Error(), "kolom tidak ada") {
		return fmt.Errorf("%w. Berkas ini bukan daftar pegawai: %s", err, txtExpected)
	}
	return err
}

// assignOPDs gives every row its OPD code and lists the OPDs with their
// positions: a kode_opd cell wins, then a mapping file's unit, then a code
// stored for the OPD's name, then one made from the name.
func (imp *Parsed) assignOPDs(stored []karir.OPD) {
	res := newOPDResolver(stored)
	var unknown []string
	for i := range imp.Employees {
		e := &imp.Employees[i].Employee
		if e.OPDCode != "" {
			res.reserve(e.OPDCode, e.OPDName)
		}
	}
	for i := range imp.Employees {
		row := &imp.Employees[i]
		if row.OPDCode != "" {
			continue
		}
		if o, ok := res.known(row.Unit); ok && row.Unit != "" {
			row.OPDCode, row.OPDName = o.Code, o.Name
		} else if o, ok := res.known(row.OPDName); ok {
			row.OPDCode, row.OPDName = o.Code, o.Name
		} else {
			unknown = append(unknown, row.OPDName)
		}
	}
	res.make(unknown)
	for i := range imp.Employees {
		if row := &imp.Employees[i]; row.OPDCode == "" {
			row.OPDCode = res.made[res.key(row.OPDName)]
		}
	}
	imp.NewOPDs = res.newOPDs
	opds := map[string]*karir.OPD{}
	var order []string
	for _, row := range imp.Employees {
		o, ok := opds[row.OPDCode]
		if !ok {
			o = &karir.OPD{Code: row.OPDCode}
			opds[row.OPDCode] = o
			order = append(order, row.OPDCode)
		}
		if o.Name == "" {
			o.Name = row.OPDName
		}
		o.Positions = append(o.Positions, row.Position)
	}
	for _, code := range order {
		o := opds[code]
		if o.Name == "" {
			o.Name = code
		}
		slices.Sort(o.Positions)
		o.Positions = slices.Compact(o.Positions)
		imp.OPDs = append(imp.OPDs, *o)
	}
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

// rejectedTexts is each refused row as the chat lists it, for the strict
// importers that write nothing when a row is refused.
func rejectedTexts(rs []Rejected) []string {
	texts := make([]string, len(rs))
	for i, rj := range rs {
		texts[i] = rj.String()
	}
	return texts
}

// strictly is a strict import sent in chat (talent, peta jabatan, paper
// forms): the file is read and checked whole first; a refused row writes
// nothing and the rows are listed; else it is written, and its summary is
// the answer.
func strictly[P any, S interface{ Text() string }](plan P, rejected []Rejected, err error, write func(P) (S, error)) (string, []string, error) {
	if err != nil {
		return "", nil, err
	}
	if len(rejected) > 0 {
		return "", rejectedTexts(rejected), nil
	}
	sum, err := write(plan)
	if err != nil {
		return "", nil, err
	}
	return sum.Text(), nil, nil
}
