package roster

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
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
	s := newXMLScanner(rc)
	var out []string
	var b []byte
	for {
		err := s.next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, readErr(name, err)
		}
		if s.kind == tokStart && string(s.name) == "si" {
			if b, err = richText(s, b[:0]); err != nil {
				return nil, readErr(name, err)
			}
			out = append(out, string(b))
		}
	}
}

// cellCap is how many bytes of a string are kept: enough to tell that it
// has more than maxCellChars runes.
const cellCap = 4*maxCellChars + 4

// richText appends to b the text of the <si> or <is> element just started
// (its <t>, or the <t> of its runs, leaving out phonetic guides, <rPh>),
// at most cellCap bytes of it.
func richText(s *xmlScanner, b []byte) ([]byte, error) {
	start := len(b)
	depth, inText, inPhonetic := 0, false, 0
	for {
		if err := s.next(); err != nil {
			return nil, err
		}
		switch s.kind {
		case tokStart:
			depth++
			switch string(s.name) {
			case "t":
				inText = true
			case "rPh":
				inPhonetic++
			}
		case tokEnd:
			if depth == 0 {
				return b, nil // the end of the element
			}
			depth--
			switch string(s.name) {
			case "t":
				inText = false
			case "rPh":
				inPhonetic--
			}
		case tokText:
			if inText && inPhonetic == 0 && len(b)-start < cellCap {
				b = append(b, s.text[:min(len(s.text), cellCap-(len(b)-start))]...)
			}
		}
	}
}
