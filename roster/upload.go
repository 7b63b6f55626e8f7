package roster

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"openkarir/karir"
)

// The limits of an uploaded file, checked before any of its rows is read,
// so a crafted file is refused in well under a second instead of holding
// the bot (a 311 KB zip bomb took 51 s and 1.1 GB; a CSV with one 2 MB
// field stalled every chat for 9 s). A city's roster is far inside them:
// 10,000 ASN in eight columns is about 1 MB of text.
const (
	maxUploadBytes   = 50 << 20 // of text, after unzipping a workbook, sent in chat
	maxUploadRows    = 200_000  // rows with data
	maxUploadColumns = 100
	maxCellChars     = 4000
)

// Limits bound the text an import reads of a file. A file sent in chat is
// held to ChatLimits; a terminal's import-roster, whose file an admin
// chose on the server, may allow more (a 100,000-row SIASN workbook
// unzips to 96 MB). The other limits (rows, columns, a cell) hold for all.
type Limits struct {
	// MaxText is the most text a file may hold, a workbook unzipped.
	MaxText int64
	// Raise, when set, says in a refusal how to allow more.
	Raise string
}

// ChatLimits are the limits of a file sent in chat.
func ChatLimits() Limits { return Limits{MaxText: maxUploadBytes} }

func (l Limits) orChat() Limits {
	if l.MaxText <= 0 {
		return ChatLimits()
	}
	return l
}

// decodeUpload turns an uploaded file (a CSV or text export in any of the
// encodings spreadsheets save, or an Excel workbook) into UTF-8 CSV text
// separated by commas or semicolons, within the limits. Its errors say in
// Indonesian what is wrong with the file and how to save it right.
func decodeUpload(data []byte, lim Limits) ([]byte, error) {
	lim = lim.orChat()
	if int64(len(data)) > lim.MaxText {
		return nil, lim.tooLarge()
	}
	switch {
	case isXLSX(data):
		return xlsxToCSV(data, lim)
	case bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		// The OLE container of Excel 97-2003 and of password-locked workbooks.
		return nil, errors.New("ini berkas Excel lama (.xls) atau berkas Excel yang dikunci kata sandi: buka di Excel, lepaskan kata sandinya bila ada, lalu simpan sebagai .xlsx atau CSV UTF-8")
	case bytes.HasPrefix(data, []byte("%PDF")):
		return nil, errors.New("ini berkas PDF, bukan tabel: kirim data pegawai sebagai .xlsx atau CSV")
	}
	text, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	return checkCSV(text)
}

// Upload is a file read once: its text as every import reads it (a
// workbook's first sheet as CSV, any encoding as UTF-8, the limits
// checked) and the columns its first row names, which tell its kind.
// /impor reads a file with ReadUpload and hands the Upload, an io.Reader,
// to the import of its kind, which reads its text without decoding the
// file again (a 10,000-row workbook was unzipped five times).
type Upload struct {
	*bytes.Reader
	text []byte
	kind karir.ImportKind
}

// ReadUpload reads a file within lim (ChatLimits when zero) and tells its
// kind by its header: paper forms (jangka_bulan, opd_tujuan), a peta
// jabatan (kebutuhan), talent data (tahun, predikat_kinerja, potensial,
// kotak, kuadran), else a roster or a unit map.
func ReadUpload(data []byte, lim Limits) (*Upload, error) {
	text, err := decodeUpload(data, lim)
	if err != nil {
		return nil, err
	}
	return newUpload(text), nil
}

func newUpload(text []byte) *Upload {
	u := &Upload{Reader: bytes.NewReader(text), text: text, kind: karir.ImportRoster}
	switch {
	case headerHasAny(text, formsMarkers):
		u.kind = karir.ImportForms
	case headerHasAny(text, []string{colSeats}):
		u.kind = karir.ImportPosts
	case headerHasAny(text, talentMarkers()):
		u.kind = karir.ImportTalent
	}
	return u
}

// Kind is what the file is, by its header.
func (u *Upload) Kind() karir.ImportKind { return u.kind }

// Uploads reads files sent with /impor (flows.UploadReader).
type Uploads struct{}

// ReadUpload implements flows.UploadReader, within ChatLimits.
func (Uploads) ReadUpload(data []byte) (io.Reader, karir.ImportKind, error) {
	u, err := ReadUpload(data, ChatLimits())
	if err != nil {
		return nil, "", err
	}
	return u, u.kind, nil
}

// textOf is the text of a file an import reads: an Upload's own, or r
// read whole (never more than one byte past the limit: a terminal import
// may be given any file) and decoded.
func textOf(r io.Reader, lim Limits) ([]byte, error) {
	if u, ok := r.(*Upload); ok {
		return u.text, nil
	}
	lim = lim.orChat()
	data, err := io.ReadAll(io.LimitReader(r, lim.MaxText+1))
	if err != nil {
		return nil, err
	}
	return decodeUpload(data, lim)
}

func (l Limits) tooLarge() error {
	return fmt.Errorf("isi berkas lebih dari %d MB: bagi berkasnya (misalnya per OPD) lalu kirim per bagian%s", l.MaxText>>20, l.raise())
}

func (l Limits) raise() string {
	if l.Raise == "" {
		return ""
	}
	return ", atau " + l.Raise
}

// decodeText returns a text file as UTF-8 without BOM. Excel saves CSV in
// the Windows code page (Windows-1252 in Indonesia: an apostrophe is the
// byte 0x92), "Unicode text" as UTF-16 LE with BOM, "CSV UTF-8" with a
// BOM; all are read. Text that is none of them is refused by name, so
// nothing but valid UTF-8 is ever stored.
func decodeText(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
		if line, ok := firstInvalidUTF8(data); !ok {
			return nil, fmt.Errorf("berkas bertanda UTF-8 tetapi baris %d berisi huruf yang bukan UTF-8: simpan ulang sebagai CSV UTF-8", line)
		}
		return data, nil
	case bytes.HasPrefix(data, []byte("\xff\xfe\x00\x00")), bytes.HasPrefix(data, []byte("\x00\x00\xfe\xff")):
		return nil, errors.New("berkas ini berpengodean UTF-32, yang tidak dapat dibaca: simpan sebagai CSV UTF-8")
	case bytes.HasPrefix(data, []byte("\xff\xfe")):
		return fromUTF16(data[2:], false), nil
	case bytes.HasPrefix(data, []byte("\xfe\xff")):
		return fromUTF16(data[2:], true), nil
	}
	if bigEndian, ok := looksUTF16(data); ok {
		return fromUTF16(data, bigEndian), nil
	}
	line, ok := firstInvalidUTF8(data)
	if ok {
		return data, nil
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, errors.New("berkas ini bukan teks (CSV) maupun Excel (.xlsx): kirim data pegawai sebagai .xlsx atau CSV UTF-8")
	}
	if hasUTF8Runes(data) {
		// A UTF-8 file with a stray byte: read as Windows-1252 its names
		// would change ("é" becoming "Ã©"), so it is refused where it breaks.
		return nil, fmt.Errorf("baris %d berisi huruf yang bukan UTF-8, di tengah berkas UTF-8: perbaiki baris itu atau simpan ulang sebagai CSV UTF-8", line)
	}
	for _, b := range data {
		// Undefined in Windows-1252: some other code page.
		if b == 0x81 || b == 0x8d || b == 0x8f || b == 0x90 || b == 0x9d {
			return nil, fmt.Errorf("pengodean berkas tidak dikenal (bukan UTF-8, UTF-16, maupun Windows-1252; baris %d): simpan sebagai CSV UTF-8", line)
		}
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return nil, fmt.Errorf("berkas Windows-1252 tidak terbaca (%v): simpan sebagai CSV UTF-8", err)
	}
	return out, nil
}

// firstInvalidUTF8 reports whether data is valid UTF-8 and, when it is
// not, the line of its first invalid byte.
func firstInvalidUTF8(data []byte) (line int, ok bool) {
	if utf8.Valid(data) {
		return 0, true
	}
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return bytes.Count(data[:i], []byte("\n")) + 1, false
		}
		i += size
	}
	return 0, true
}

// hasUTF8Runes reports whether data holds a valid multi-byte UTF-8
// sequence (a letter beyond ASCII written as UTF-8).
func hasUTF8Runes(data []byte) bool {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if size > 1 && r != utf8.RuneError {
			return true
		}
		i += size
	}
	return false
}

// looksUTF16 recognises UTF-16 saved without a BOM: in a table of Latin
// text every other byte is zero.
func looksUTF16(data []byte) (bigEndian, ok bool) {
	n := min(len(data), 4096) &^ 1
	if n < 4 {
		return false, false
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	half := n / 2
	switch {
	case odd*10 >= half*9 && even*10 < half:
		return false, true
	case even*10 >= half*9 && odd*10 < half:
		return true, true
	}
	return false, false
}

// fromUTF16 converts UTF-16 to UTF-8; a lone surrogate becomes U+FFFD.
func fromUTF16(data []byte, bigEndian bool) []byte {
	units := make([]uint16, len(data)/2)
	for i := range units {
		lo, hi := data[2*i], data[2*i+1]
		if bigEndian {
			lo, hi = hi, lo
		}
		units[i] = uint16(lo) | uint16(hi)<<8
	}
	runes := utf16.Decode(units)
	out := make([]byte, 0, len(runes))
	for _, r := range runes {
		out = utf8.AppendRune(out, r)
	}
	return out
}

// separator is the field separator of a header line: whichever of comma,
// semicolon and tab it has most of (Excel's "Unicode text" and "Text"
// exports are tab separated), comma on a tie.
func separator(header []byte) rune {
	commas, semis, tabs := bytes.Count(header, []byte(",")), bytes.Count(header, []byte(";")), bytes.Count(header, []byte("\t"))
	switch {
	case tabs > commas && tabs > semis:
		return '\t'
	case semis > commas:
		return ';'
	}
	return ','
}

// checkCSV reads the text once as the table will, refusing it at the first
// row, column or cell over the limits. A tab-separated text comes back as
// CSV separated by semicolons, as the table reads it.
func checkCSV(text []byte) ([]byte, error) {
	firstLine, _, _ := bytes.Cut(text, []byte("\n"))
	comma := separator(firstLine)
	cr := csv.NewReader(bytes.NewReader(text))
	cr.Comma, cr.FieldsPerRecord, cr.TrimLeadingSpace, cr.ReuseRecord = comma, -1, true, true
	var out *csv.Writer
	var buf bytes.Buffer
	if comma == '\t' {
		// Converted, a row the reader cannot split would be lost: read
		// quotes leniently, as Excel writes a tab-separated text.
		cr.LazyQuotes = true
		out = csv.NewWriter(&buf)
		out.Comma = ';'
	}
	rows, written := 0, 0 // rows with data; lines written
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if _, ok := errors.AsType[*csv.ParseError](err); ok {
			continue // the table names the row
		}
		if err != nil {
			return nil, fmt.Errorf("read CSV: %w", err)
		}
		line, _ := cr.FieldPos(0)
		if err := checkRecord(rec, &rows, func(col int) string {
			l, _ := cr.FieldPos(col)
			return fmt.Sprintf("baris %d kolom %d", l, col+1)
		}); err != nil {
			return nil, err
		}
		if out != nil {
			// Keep the line numbers: blank lines the reader skipped come back.
			for ; written < line-1; written++ {
				buf.WriteByte('\n')
			}
			start := buf.Len()
			if err := out.Write(rec); err != nil {
				return nil, fmt.Errorf("write CSV: %w", err)
			}
			out.Flush()
			written += bytes.Count(buf.Bytes()[start:], []byte("\n"))
		}
	}
	if out != nil {
		return buf.Bytes(), out.Error()
	}
	return text, nil
}

// checkRecord applies the limits to one row; rows counts the rows with
// data so far, and where names a cell for the message.
func checkRecord[S ~string | ~[]byte](rec []S, rows *int, where func(col int) string) error {
	last := -1 // the last cell with data: empty cells after it do not count
	for i, c := range rec {
		if len(c) == 0 {
			continue
		}
		last = i
		if len(c) > maxCellChars && utf8.RuneCountInString(string(c)) > maxCellChars {
			return fmt.Errorf("%s berisi lebih dari 4.000 karakter: periksa isi sel itu (nama, jabatan dan kolom lain jauh lebih pendek)", where(i))
		}
	}
	if last < 0 {
		return nil
	}
	if last >= maxUploadColumns {
		return fmt.Errorf("%s: berkas lebih dari %d kolom; hapus kolom yang tidak diperlukan", where(last), maxUploadColumns)
	}
	if *rows++; *rows > maxUploadRows {
		return errors.New("berkas lebih dari 200.000 baris data: bagi berkasnya (misalnya per OPD) lalu kirim per bagian")
	}
	return nil
}
