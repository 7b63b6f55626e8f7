package roster

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math/big"
	"path"
	"strconv"
	"strings"
)

// isXLSX tells an Excel workbook (a zip archive) from a CSV.
func isXLSX(data []byte) bool { return bytes.HasPrefix(data, []byte("PK\x03\x04")) }

// xlsxToCSV turns the first sheet of a workbook into CSV, so a roster kept
// in Excel is read as the same table, line N of the CSV being row N of the
// sheet. It reads the workbook's XML itself, as a stream, and only the
// parts it needs: every byte it unzips counts against the limit as it
// is read (the sizes a zip's headers claim are not trusted), and rows,
// columns and cells are held to the upload limits as they come. excelize
// read the whole archive first and padded rows and columns out to the
// references a crafted sheet gives (a 311 KB bomb: 51 s, 1.1 GB), and
// shows numbers as floats, so an NIP stored as a number lost its last
// digits and came in as a new, phantom employee. Cells come raw: text as
// written, a number as stored (a date as its serial; the roster has none).
func xlsxToCSV(data []byte, lim Limits) ([]byte, error) {
	out, err := unzipSheet(data, lim.MaxText)
	if errors.Is(err, errUnzippedTooLarge) {
		return nil, fmt.Errorf("isi berkas Excel lebih dari %d MB setelah dibuka (berkas .xlsx adalah arsip zip): bagi berkasnya (misalnya per OPD) lalu kirim per bagian%s",
			lim.MaxText>>20, lim.raise())
	}
	return out, err
}

func unzipSheet(data []byte, budget int64) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("berkas Excel tidak terbaca (%v): simpan ulang sebagai .xlsx", err)
	}
	wb := &workbook{parts: map[string]*zip.File{}, budget: budget}
	for _, f := range zr.File {
		name := strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(f.Name, `\`, "/"), "/"))
		if _, dup := wb.parts[name]; !dup {
			wb.parts[name] = f
		}
	}
	sheet, strs, err := wb.locate()
	if err != nil {
		return nil, err
	}
	if strs != "" {
		if wb.strings, err = wb.sharedStrings(strs); err != nil {
			return nil, err
		}
	}
	return wb.sheetCSV(sheet)
}

// workbook is an open archive and what is left of the unzip budget.
type workbook struct {
	parts   map[string]*zip.File // by lower-case path
	budget  int64
	strings []string
}

// open unzips a part as a stream charged to the budget.
func (wb *workbook) open(name string) (io.ReadCloser, error) {
	f, ok := wb.parts[strings.ToLower(name)]
	if !ok {
		return nil, fmt.Errorf("berkas Excel tanpa bagian %s: simpan ulang sebagai .xlsx", name)
	}
	// A part whose header already says it is too large is refused unread;
	// one whose header lies low is cut by archive/zip at the size it gave
	// (ErrFormat), and by the budget as it is read.
	if f.UncompressedSize64 > uint64(max(wb.budget, 0)) {
		return nil, errUnzippedTooLarge
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("berkas Excel tidak terbaca (%s: %v): simpan ulang sebagai .xlsx", name, err)
	}
	return &budgetReader{ReadCloser: rc, left: &wb.budget}, nil
}

type budgetReader struct {
	io.ReadCloser
	left *int64
}

func (r *budgetReader) Read(p []byte) (int, error) {
	n, err := r.ReadCloser.Read(p)
	if *r.left -= int64(n); *r.left < 0 {
		return n, errUnzippedTooLarge
	}
	return n, err
}

// errUnzippedTooLarge is a workbook over the budget; xlsxToCSV says it
// with the limit.
var errUnzippedTooLarge = errors.New("workbook unzips past the limit")

// readErr is a failed read of a part: over the budget, or not XML.
func readErr(part string, err error) error {
	if errors.Is(err, errUnzippedTooLarge) {
		return errUnzippedTooLarge
	}
	return fmt.Errorf("berkas Excel tidak terbaca (%s: %v): simpan ulang sebagai .xlsx", part, err)
}

// decodeXML unmarshals a small part (the workbook, its relationships).
func (wb *workbook) decodeXML(name string, v any) error {
	rc, err := wb.open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	if err := xml.NewDecoder(rc).Decode(v); err != nil {
		return readErr(name, err)
	}
	return nil
}

type relationships struct {
	Rel []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

// target resolves a relationship's target against the part it is from.
func target(from, t string) string {
	if strings.HasPrefix(t, "/") {
		return strings.TrimPrefix(t, "/")
	}
	return path.Join(path.Dir(from), t)
}

// locate finds the first sheet's part and the shared strings' ("" when the
// workbook has none), through the package's relationships.
func (wb *workbook) locate() (sheet, sharedStrings string, err error) {
	book := "xl/workbook.xml"
	var root relationships
	if _, ok := wb.parts["_rels/.rels"]; ok {
		if err := wb.decodeXML("_rels/.rels", &root); err != nil {
			return "", "", err
		}
		for _, r := range root.Rel {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				book = target("", r.Target)
			}
		}
	}
	var wbXML struct {
		Sheets []struct {
			RID string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := wb.decodeXML(book, &wbXML); err != nil {
		return "", "", err
	}
	if len(wbXML.Sheets) == 0 {
		return "", "", errors.New("berkas Excel tanpa lembar kerja")
	}
	var rels relationships
	relsPath := path.Join(path.Dir(book), "_rels", path.Base(book)+".rels")
	if err := wb.decodeXML(relsPath, &rels); err != nil {
		return "", "", err
	}
	for _, r := range rels.Rel {
		switch {
		case r.ID == wbXML.Sheets[0].RID:
			sheet = target(book, r.Target)
		case strings.HasSuffix(r.Type, "/sharedStrings"):
			sharedStrings = target(book, r.Target)
		}
	}
	if sheet == "" {
		return "", "", errors.New("lembar pertama berkas Excel tidak ditemukan: simpan ulang sebagai .xlsx")
	}
	return sheet, sharedStrings, nil
}

// sharedStrings reads the workbook's table of strings. A string longer
// than any cell may be is kept cut (a cell using it is refused anyway), so
// the table never holds more than maxCellChars runes a string.
func (wb *workbook) sharedStrings(name string) ([]string, error) {
	rc, err := wb.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	var out []string
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, readErr(name, err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "si" {
			s, err := richText(d, se)
			if err != nil {
				return nil, readErr(name, err)
			}
			out = append(out, s)
		}
	}
}

// cellCap is how many bytes of a string are kept: enough to tell that it
// has more than maxCellChars runes.
const cellCap = 4*maxCellChars + 4

// richText reads the text of an <si> or <is> element: its <t>, or the <t>
// of its runs, leaving out phonetic guides (<rPh>).
func richText(d *xml.Decoder, start xml.StartElement) (string, error) {
	var b strings.Builder
	depth, inText, inPhonetic := 0, false, 0
	for {
		tok, err := d.RawToken()
		if err != nil {
			return "", err
		}
		switch el := tok.(type) {
		case xml.StartElement:
			depth++
			switch el.Name.Local {
			case "t":
				inText = true
			case "rPh":
				inPhonetic++
			}
		case xml.EndElement:
			if depth == 0 {
				return b.String(), nil // the end of start
			}
			depth--
			switch el.Name.Local {
			case "t":
				inText = false
			case "rPh":
				inPhonetic--
			}
		case xml.CharData:
			if inText && inPhonetic == 0 && b.Len() < cellCap {
				b.Write(el[:min(len(el), cellCap-b.Len())])
			}
		}
	}
}

// sheetCSV streams the sheet's rows into CSV.
func (wb *workbook) sheetCSV(name string) ([]byte, error) {
	rc, err := wb.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	var (
		rec         []string
		rowNum      int // of the row being read
		lines       int // rows written, blank ones included
		dataRows    int
		col         int // of the last cell read
		inSheetData bool
	)
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, readErr(name, err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "sheetData":
				inSheetData = true
			case "row":
				if !inSheetData {
					continue
				}
				n := rowNum + 1
				if r := attr(el, "r"); r != "" {
					if n, err = strconv.Atoi(r); err != nil || n <= rowNum || n > excelMaxRows {
						return nil, fmt.Errorf("berkas Excel rusak: nomor baris %q tidak urut: simpan ulang sebagai .xlsx", r)
					}
				}
				rowNum, rec, col = n, rec[:0], 0
			case "c":
				if !inSheetData {
					continue
				}
				c, err := readCell(d, el, wb.strings)
				if err != nil {
					return nil, readErr(name, err)
				}
				if c.col == 0 {
					c.col = col + 1
				}
				col = c.col
				if c.value == "" {
					continue
				}
				ref := cellRef(c.col, rowNum)
				if c.col > maxUploadColumns {
					return nil, fmt.Errorf("sel %s: berkas lebih dari %d kolom; hapus kolom yang tidak diperlukan", ref, maxUploadColumns)
				}
				if c.number {
					v, err := numberCell(c.value)
					if err != nil {
						return nil, fmt.Errorf("sel %s: %w", ref, err)
					}
					c.value = v
				}
				for len(rec) < c.col {
					rec = append(rec, "")
				}
				rec[c.col-1] = c.value
			}
		case xml.EndElement:
			switch el.Name.Local {
			case "sheetData":
				inSheetData = false
			case "row":
				if !inSheetData || len(rec) == 0 {
					continue
				}
				if err := checkRecord(rec, &dataRows, func(col int) string { return "sel " + cellRef(col+1, rowNum) }); err != nil {
					return nil, err
				}
				for ; lines < rowNum-1; lines++ {
					buf.WriteByte('\n')
				}
				if err := w.Write(rec); err != nil {
					return nil, fmt.Errorf("write CSV: %w", err)
				}
				w.Flush()
				lines++
			}
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// excelMaxRows is the most rows a sheet has (Excel's limit).
const excelMaxRows = 1 << 20

func attr(el xml.StartElement, local string) string {
	for _, a := range el.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// cell is one <c> of a sheet: its column (1-based; 0 when it gave no
// reference), its text, and whether Excel stored it as a number.
type cell struct {
	col    int
	value  string
	number bool
}

// readCell reads a <c> element to its end.
func readCell(d *xml.Decoder, start xml.StartElement, strs []string) (cell, error) {
	var c cell
	if ref := attr(start, "r"); ref != "" {
		c.col = columnOf(ref)
		if c.col <= 0 {
			return c, fmt.Errorf("alamat sel %q tidak sah", ref)
		}
	}
	typ := attr(start, "t")
	var v strings.Builder
	inV := false
	for {
		tok, err := d.RawToken()
		if err != nil {
			return c, err
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "v":
				inV = true
			case "is":
				s, err := richText(d, el)
				if err != nil {
					return c, err
				}
				v.WriteString(s)
			default:
				if err := skip(d); err != nil { // a formula and the like
					return c, err
				}
			}
		case xml.EndElement:
			if el.Name.Local == "v" {
				inV = false
				continue
			}
			// The end of the cell.
			s := v.String()
			switch typ {
			case "s":
				if strings.TrimSpace(s) == "" {
					return c, nil // no index: an empty cell
				}
				i, err := strconv.Atoi(strings.TrimSpace(s))
				if err != nil || i < 0 || i >= len(strs) {
					return c, fmt.Errorf("sel merujuk teks bersama %q yang tidak ada", s)
				}
				c.value = strs[i]
			case "b":
				c.value = map[string]string{"1": "TRUE", "0": "FALSE"}[strings.TrimSpace(s)]
			case "", "n":
				c.value, c.number = strings.TrimSpace(s), true
			default: // inlineStr, str (a formula's text), e (an error), d (an ISO date)
				c.value = s
			}
			return c, nil
		case xml.CharData:
			if inV && v.Len() < cellCap {
				v.Write(el[:min(len(el), cellCap-v.Len())])
			}
		}
	}
}

// skip reads to the end of the element just started.
func skip(d *xml.Decoder) error {
	for depth := 1; depth > 0; {
		tok, err := d.RawToken()
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
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

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func errNumericNIP(raw string) error {
	return fmt.Errorf("angka %s tersimpan sebagai bilangan, dan Excel hanya menyimpan 15 digit sebuah bilangan, sehingga digit terakhir NIP hilang (197007211992021006 menjadi 197007211992021000). "+
		"simpan kolom NIP sebagai teks (pilih kolomnya, Format Cells → Text, lalu ketik ulang NIP-nya atau awali dengan tanda ') dan kirim ulang", raw)
}
