package roster

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// sheetReader turns a sheet's rows into CSV, line N being row N. A row's
// cells are gathered as slices of one buffer, and written as CSV fields
// straight from it: no string a cell (1.7 million in a 100,000-row SIASN
// export).
type sheetReader struct {
	s    *xmlScanner
	part string
	strs []string
	out  bytes.Buffer

	rowNum   int // of the row being read
	lines    int // lines written, blank ones included
	dataRows int
	col      int      // of the last cell read
	buf      []byte   // the row's cell values, one after another
	cells    []span   // each cell's value in buf, by when it came
	fields   [][]byte // the row by column, gaps empty
}

type span struct{ col, start, end int }

// sheetCSV streams the sheet's rows into CSV.
func (wb *workbook) sheetCSV(name string) ([]byte, error) {
	rc, err := wb.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	sr := &sheetReader{s: newXMLScanner(rc), part: name, strs: wb.strings}
	if err := sr.read(); err != nil {
		return nil, err
	}
	return sr.out.Bytes(), nil
}

func (sr *sheetReader) read() error {
	s := sr.s
	inSheetData := false
	for {
		err := s.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return readErr(sr.part, err)
		}
		switch s.kind {
		case tokStart:
			switch string(s.name) {
			case "sheetData":
				inSheetData = true
			case "row":
				if inSheetData {
					if err := sr.startRow(); err != nil {
						return err
					}
				}
			case "c":
				if inSheetData {
					if err := sr.readCell(); err != nil {
						return err
					}
				}
			}
		case tokEnd:
			switch string(s.name) {
			case "sheetData":
				inSheetData = false
			case "row":
				if inSheetData {
					if err := sr.endRow(); err != nil {
						return err
					}
				}
			}
		}
	}
}

// excelMaxRows is the most rows a sheet has (Excel's limit).
const excelMaxRows = 1 << 20

func (sr *sheetReader) startRow() error {
	n := sr.rowNum + 1
	if r := sr.s.attr("r"); r != nil {
		var err error
		if n, err = strconv.Atoi(string(r)); err != nil || n <= sr.rowNum || n > excelMaxRows {
			return fmt.Errorf("berkas Excel rusak: nomor baris %q tidak urut: simpan ulang sebagai .xlsx", r)
		}
	}
	sr.rowNum, sr.col, sr.buf, sr.cells = n, 0, sr.buf[:0], sr.cells[:0]
	return nil
}

// The types of cell (the t attribute) read apart from text.
const (
	cellText = iota // inlineStr, str (a formula's text), e (an error), d (an ISO date)
	cellNumber
	cellShared
	cellBool
)

func cellTypeOf(t []byte) int {
	switch string(t) {
	case "", "n":
		return cellNumber
	case "s":
		return cellShared
	case "b":
		return cellBool
	}
	return cellText
}

// readCell reads a <c> element to its end, keeping its value in the row.
// Cells come raw: text as written, a number as stored (a date as its
// serial; the roster has none).
func (sr *sheetReader) readCell() error {
	s := sr.s
	col := 0
	if ref := s.attr("r"); ref != nil {
		if col = columnOf(string(ref)); col <= 0 {
			return readErr(sr.part, fmt.Errorf("alamat sel %q tidak sah", ref))
		}
	}
	typ := cellTypeOf(s.attr("t"))
	start := len(sr.buf)
	inV := false
	for done := false; !done; {
		if err := s.next(); err != nil {
			return readErr(sr.part, err)
		}
		switch s.kind {
		case tokStart:
			switch string(s.name) {
			case "v":
				inV = true
			case "is":
				var err error
				if sr.buf, err = richText(s, sr.buf); err != nil {
					return readErr(sr.part, err)
				}
			default:
				if err := s.skip(); err != nil { // a formula and the like
					return readErr(sr.part, err)
				}
			}
		case tokEnd:
			if string(s.name) == "v" {
				inV = false
				continue
			}
			done = true // the end of the cell
		case tokText:
			if inV && len(sr.buf)-start < cellCap {
				sr.buf = append(sr.buf, s.text[:min(len(s.text), cellCap-(len(sr.buf)-start))]...)
			}
		}
	}
	if col == 0 {
		col = sr.col + 1
	}
	sr.col = col
	v := sr.buf[start:]
	switch typ {
	case cellShared:
		v = bytes.TrimSpace(v)
		if len(v) == 0 {
			sr.buf = sr.buf[:start]
			return nil // no index: an empty cell
		}
		i, err := strconv.Atoi(string(v))
		if err != nil || i < 0 || i >= len(sr.strs) {
			return readErr(sr.part, fmt.Errorf("sel merujuk teks bersama %q yang tidak ada", v))
		}
		sr.buf = append(sr.buf[:start], sr.strs[i]...)
	case cellBool:
		b := map[string]string{"1": "TRUE", "0": "FALSE"}[string(bytes.TrimSpace(v))]
		sr.buf = append(sr.buf[:start], b...)
	case cellNumber:
		sr.buf = append(sr.buf[:start], bytes.TrimSpace(v)...)
	}
	if len(sr.buf) == start {
		return nil
	}
	if col > maxUploadColumns {
		return fmt.Errorf("sel %s: berkas lebih dari %d kolom; hapus kolom yang tidak diperlukan", cellRef(col, sr.rowNum), maxUploadColumns)
	}
	if v := sr.buf[start:]; typ == cellNumber && !(isDigits(v) && len(v) <= excelDigits) { // else as written
		n, err := numberCell(string(v))
		if err != nil {
			return fmt.Errorf("sel %s: %w", cellRef(col, sr.rowNum), err)
		}
		sr.buf = append(sr.buf[:start], n...)
	}
	sr.cells = append(sr.cells, span{col, start, len(sr.buf)})
	return nil
}

// endRow writes the row read, held to the upload limits.
func (sr *sheetReader) endRow() error {
	if len(sr.cells) == 0 {
		return nil
	}
	sr.fields = sr.fields[:0]
	for _, c := range sr.cells {
		for len(sr.fields) < c.col {
			sr.fields = append(sr.fields, nil)
		}
		sr.fields[c.col-1] = sr.buf[c.start:c.end]
	}
	if err := checkRecord(sr.fields, &sr.dataRows, func(col int) string { return "sel " + cellRef(col+1, sr.rowNum) }); err != nil {
		return err
	}
	for ; sr.lines < sr.rowNum-1; sr.lines++ {
		sr.out.WriteByte('\n')
	}
	for i, f := range sr.fields {
		if i > 0 {
			sr.out.WriteByte(',')
		}
		writeCSVField(&sr.out, f)
	}
	sr.out.WriteByte('\n')
	sr.lines++
	return nil
}

// writeCSVField writes a field as encoding/csv's Writer does (separated
// by commas, lines ending in "\n"), which the table reads back.
func writeCSVField(w *bytes.Buffer, f []byte) {
	if !csvNeedsQuotes(f) {
		w.Write(f)
		return
	}
	w.WriteByte('"')
	for {
		i := bytes.IndexByte(f, '"')
		if i < 0 {
			break
		}
		w.Write(f[:i+1])
		w.WriteByte('"')
		f = f[i+1:]
	}
	w.Write(f)
	w.WriteByte('"')
}

// csvNeedsQuotes is encoding/csv's rule for a comma-separated field, and
// a field holding ';' too: the table guesses the separator from what
// stands outside quotes, and a title cell "Dinas A; Bidang B; ..." must
// not make it read the workbook's CSV as semicolon-separated.
func csvNeedsQuotes(f []byte) bool {
	if len(f) == 0 {
		return false
	}
	if string(f) == `\.` || bytes.ContainsAny(f, "\n\r\",;") {
		return true
	}
	r, _ := utf8.DecodeRune(f)
	return unicode.IsSpace(r)
}

// columnOf is the column of a cell reference ("B7" is 2); 0 if it has none.
func columnOf(ref string) int {
	col := 0
	for i := 0; i < len(ref); i++ {
		ch := ref[i] | 0x20 // lower case
		if ch < 'a' || ch > 'z' {
			if i == 0 {
				return 0
			}
			break
		}
		if col = col*26 + int(ch-'a'+1); col > 16384 {
			return -1
		}
	}
	return col
}

// cellRef names a cell as Excel does: column letters and row number.
func cellRef(col, row int) string {
	var letters []byte
	for ; col > 0; col = (col - 1) / 26 {
		letters = append([]byte{byte('A' + (col-1)%26)}, letters...)
	}
	return string(letters) + strconv.Itoa(row)
}

// excelDigits is how many significant digits Excel keeps of a number.
const excelDigits = 15

// numberCell is a number cell as text: an integer in full (a phone number
// stored as a number is still read), a fraction as Go writes it. A number
// of more than 15 digits has lost its last ones in Excel (197007211992021006
// is kept as 1.97007211992021E+17, i.e. ...021000): it is refused, as a
// phantom employee would come in under the rounded NIP, unless the file
// holds it exactly (all its digits written out, as some tools do).
func numberCell(raw string) (string, error) {
	if raw == "" {
		return "", nil
	}
	if digits := strings.TrimLeft(raw, "0"); isDigits(raw) {
		if len(digits) <= excelDigits || len(strings.TrimRight(digits, "0")) > excelDigits {
			return raw, nil // exact: short, or every digit written out
		}
		return "", errNumericNIP(raw)
	}
	r, ok := new(big.Rat).SetString(raw)
	if !ok {
		return raw, nil // not a number after all: as written
	}
	if r.IsInt() {
		n := r.Num()
		if len(strings.TrimLeft(n.String(), "-")) > excelDigits {
			return "", errNumericNIP(raw)
		}
		return n.String(), nil
	}
	f, _ := r.Float64()
	return strconv.FormatFloat(f, 'f', -1, 64), nil
}

func isDigits[S ~string | ~[]byte](s S) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}

func errNumericNIP(raw string) error {
	return fmt.Errorf("angka %s tersimpan sebagai bilangan, dan Excel hanya menyimpan 15 digit sebuah bilangan, sehingga digit terakhir NIP hilang (197007211992021006 menjadi 197007211992021000). "+
		"simpan kolom NIP sebagai teks (pilih kolomnya, Format Cells → Text, lalu ketik ulang NIP-nya atau awali dengan tanda ') dan kirim ulang", raw)
}
