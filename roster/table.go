package roster

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
)

// table is a CSV file as BKPSDM's spreadsheets export it: comma or
// semicolon separated (whichever the header has more of), UTF-8 with or
// without BOM, header names in any case and spacing ("Kode OPD" is
// kode_opd). The roster and the talent file are both read through it.
type table struct {
	r   *csv.Reader
	col map[string]int
}

// row is one data row: its line in the file and its fields by column.
type row struct {
	Line int
	rec  []string
	col  map[string]int
	// Unreadable is why the row could not be read (a quote left open...);
	// the rows after it still can be.
	Unreadable string
}

// openTable reads the header of a decoded file (textOf: a CSV, or an
// Excel workbook's first sheet) and checks it has every required column;
// an error means the file as a whole cannot be read, in Indonesian.
func openTable(data []byte, required []string) (*table, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	firstLine, _, _ := bytes.Cut(data, []byte("\n"))
	if len(bytes.TrimSpace(firstLine)) == 0 {
		return nil, errors.New("berkas kosong atau baris pertama bukan judul kolom")
	}
	cr := csv.NewReader(bufio.NewReader(bytes.NewReader(data)))
	cr.Comma = guessComma(data)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	t, missing, err := findHeader(cr, required)
	if err != nil {
		return nil, err
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("kolom tidak ada: %s (judul yang diperlukan: %s)",
			strings.Join(missing, ", "), strings.Join(required, ","))
	}
	return t, nil
}

// openFile reads an import's file (what names it in errors) and opens its
// table: the header must name every required column and one of each
// group of oneOf (a missing group is named "a atau b", beside expected,
// the header to show).
func openFile(r io.Reader, what string, required []string, oneOf [][]string, expected string) (*table, error) {
	data, err := textOf(r, ChatLimits())
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", what, err)
	}
	tab, err := openTable(data, required)
	if err != nil {
		return nil, err
	}
	var missing []string
	for _, group := range oneOf {
		if !slices.ContainsFunc(group, tab.has) {
			missing = append(missing, strings.Join(group, " atau "))
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("kolom tidak ada: %s (judul yang diperlukan: %s)", strings.Join(missing, ", "), expected)
	}
	return tab, nil
}

// guessComma is the separator the file's first lines have more of,
// outside quoted fields: a title "Daftar; Pegawai" in quotes, or a
// workbook's cell holding ';' (quoted when converted), does not count.
func guessComma(data []byte) rune {
	semicolons, commas, quoted := 0, 0, false
scan:
	for i, lines := 0, 0; i < len(data); i++ {
		switch data[i] {
		case '"':
			quoted = !quoted
		case ';':
			if !quoted {
				semicolons++
			}
		case ',':
			if !quoted {
				commas++
			}
		case '\n':
			if lines++; lines > maxTitleRows {
				break scan
			}
		}
	}
	if semicolons > commas {
		return ';'
	}
	return ','
}

// findHeader reads rows until one has every required column (by name or
// alias): the header, with the title rows of an export above it skipped.
// Without required columns the first row is the header. When no row of
// the first maxTitleRows does, missing names what the best one lacked.
func findHeader(cr *csv.Reader, required []string) (*table, []string, error) {
	var best *table
	var bestMissing []string
	for range maxTitleRows + 1 {
		header, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("baris judul tidak terbaca: %w", err)
		}
		if strings.Join(header, "") == "" {
			continue
		}
		t := &table{r: cr, col: map[string]int{}}
		for i, h := range header {
			if name := columnName(h); name != "" {
				if _, dup := t.col[name]; !dup {
					t.col[name] = i
				}
			}
		}
		resolveAliases(t.col)
		var missing []string
		for _, c := range required {
			if !t.has(c) {
				missing = append(missing, c)
			}
		}
		if len(missing) == 0 {
			return t, nil, nil
		}
		if best == nil || len(missing) < len(bestMissing) {
			best, bestMissing = t, missing
		}
	}
	if best == nil {
		return nil, nil, errors.New("berkas kosong atau baris pertama bukan judul kolom")
	}
	return best, bestMissing, nil
}

// columnName is a header cell as a column name: lower case, words joined
// by "_", so "Kode OPD" and " NIP_Atasan " name kode_opd and nip_atasan.
func columnName(h string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(h), func(r rune) bool {
		return unicode.IsSpace(r) || r == '_' || r == '-'
	}), "_")
}

// headerHasAny reports whether a decoded file's first row names any of
// columns, without reading further.
func headerHasAny(data []byte, columns []string) bool {
	t, err := openTable(data, nil)
	if err != nil {
		return false
	}
	for _, c := range columns {
		if t.has(c) {
			return true
		}
	}
	return false
}

// has reports whether the header names the column.
func (t *table) has(name string) bool {
	_, ok := t.col[name]
	return ok
}

// next returns the next row that is not blank (spreadsheets leave blank
// lines at the end); io.EOF after the last.
func (t *table) next() (row, error) {
	for {
		rec, err := t.r.Read()
		if errors.Is(err, io.EOF) {
			return row{}, io.EOF
		}
		if err != nil {
			var perr *csv.ParseError
			if errors.As(err, &perr) {
				return row{Line: perr.Line, Unreadable: "baris tidak terbaca: " + perr.Err.Error()}, nil
			}
			return row{}, fmt.Errorf("read CSV: %w", err)
		}
		if strings.Join(rec, "") == "" {
			continue
		}
		line, _ := t.r.FieldPos(0)
		return row{Line: line, rec: rec, col: t.col}, nil
	}
}

// Field is the trimmed value of a column, "" when the row is short or the
// file has no such column.
func (r row) Field(name string) string {
	if i, ok := r.col[name]; ok && i < len(r.rec) {
		return strings.TrimSpace(r.rec[i])
	}
	return ""
}
