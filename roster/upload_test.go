package roster_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"openkarir/roster"
)

const rosterHeader = "nip;nama;kode_opd;nama_opd;jabatan;eselon;no_hp;kode_aktivasi\n"

// craftedXLSX is a workbook written part by part, as a hostile or an odd
// tool could write it: sheet is the first sheet's XML (its rows), strs the
// shared strings' <si> elements ("" for none), the sheet given as a
// reader so a bomb need not sit in memory.
func craftedXLSX(t testing.TB, sheet io.Reader, strs string) []byte {
	t.Helper()
	return craftedXLSXClaiming(t, sheet, strs, 0)
}

// craftedXLSXClaiming is craftedXLSX with a sheet whose zip headers claim
// the given uncompressed size (0: its true size).
func craftedXLSXClaiming(t testing.TB, sheet io.Reader, strs string, claim uint64) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	z.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestCompression) })
	add := func(name string, r io.Reader) {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(w, r); err != nil {
			t.Fatal(err)
		}
	}
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	add("[Content_Types].xml", strings.NewReader(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`))
	add("_rels/.rels", strings.NewReader(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`))
	add("xl/workbook.xml", strings.NewReader(`<?xml version="1.0"?><workbook `+ns+`><sheets><sheet name="Pegawai" sheetId="1" r:id="rId1"/></sheets></workbook>`))
	add("xl/_rels/workbook.xml.rels", strings.NewReader(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`+
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`))
	add("xl/sharedStrings.xml", strings.NewReader(`<?xml version="1.0"?><sst `+ns+`>`+strs+`</sst>`))
	sheetXML := io.MultiReader(strings.NewReader(`<?xml version="1.0"?><worksheet `+ns+`><sheetData>`), sheet,
		strings.NewReader(`</sheetData></worksheet>`))
	if claim == 0 {
		add("xl/worksheets/sheet1.xml", sheetXML)
	} else {
		var deflated bytes.Buffer
		fw, _ := flate.NewWriter(&deflated, flate.BestCompression)
		if _, err := io.Copy(fw, sheetXML); err != nil {
			t.Fatal(err)
		}
		fw.Close()
		w, err := z.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate,
			CompressedSize64: uint64(deflated.Len()), UncompressedSize64: claim})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(deflated.Bytes()); err != nil {
			t.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// inlineRow is a sheet row of text cells.
func inlineRow(n int, cells ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<row r="%d">`, n)
	for _, c := range cells {
		fmt.Fprintf(&b, `<c t="inlineStr"><is><t>%s</t></is></c>`, c)
	}
	return b.String() + "</row>"
}

// repeated reads s over and over, n bytes in all.
type repeated struct {
	s    string
	left int
	off  int
}

func (r *repeated) Read(p []byte) (int, error) {
	if r.left <= 0 {
		return 0, io.EOF
	}
	n := 0
	for n < len(p) && r.left > 0 {
		c := copy(p[n:min(len(p), n+r.left)], r.s[r.off:])
		n, r.left, r.off = n+c, r.left-c, (r.off+c)%len(r.s)
	}
	return n, nil
}

func mustRefuse(t *testing.T, data []byte, want ...string) {
	t.Helper()
	start := time.Now()
	_, err := roster.Parse(bytes.NewReader(data), now)
	if err == nil {
		t.Fatal("the file was read")
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q lacks %q", err, w)
		}
	}
	if took := time.Since(start); took > 10*time.Second {
		// Not a timing test: a guard against the minutes it used to take.
		t.Errorf("refused after %v", took)
	}
}

// Crafted files from issue 24 are refused early, with a message that
// says what to do, and without the memory and time they used to take.
func TestCraftedUploadsRefused(t *testing.T) {
	t.Run("XLSXZipBomb", func(t *testing.T) {
		skipShort(t)
		// 300 MB of blanks between the rows of a valid sheet: about 300 KB zipped.
		bomb := craftedXLSX(t, io.MultiReader(strings.NewReader(inlineRow(1, "nip", "nama")),
			&repeated{s: strings.Repeat(" ", 64<<10), left: 300 << 20}, strings.NewReader(inlineRow(2, "1", "2"))), "")
		t.Logf("bomb: %d KB zipped", len(bomb)>>10)
		mustRefuse(t, bomb, "lebih dari 50 MB setelah dibuka")
	})
	t.Run("XLSXZipBombLyingHeader", func(t *testing.T) {
		skipShort(t)
		// The same bomb, its headers claiming 1 MB: archive/zip stops there.
		bomb := craftedXLSXClaiming(t, io.MultiReader(strings.NewReader(inlineRow(1, "nip", "nama")),
			&repeated{s: strings.Repeat(" ", 64<<10), left: 300 << 20}, strings.NewReader(inlineRow(2, "1", "2"))), "", 1<<20)
		mustRefuse(t, bomb, "berkas Excel tidak terbaca")
	})
	t.Run("XLSXOneHugeCell", func(t *testing.T) {
		cell := craftedXLSX(t, strings.NewReader(inlineRow(1, "nip", "nama")+`<row r="2"><c t="s"><v>0</v></c></row>`),
			"<si><t>"+strings.Repeat("A", 50<<20)+"</t></si>")
		t.Logf("one 50 MB cell: %d KB zipped", len(cell)>>10)
		mustRefuse(t, cell, "lebih dari 50 MB")
	})
	t.Run("XLSXLongCell", func(t *testing.T) {
		mustRefuse(t, craftedXLSX(t, strings.NewReader(inlineRow(1, "nip", "nama")+inlineRow(7, "x", strings.Repeat("é", 4001))), ""),
			"sel B7 berisi lebih dari 4.000 karakter")
	})
	t.Run("XLSXFarColumn", func(t *testing.T) {
		mustRefuse(t, craftedXLSX(t, strings.NewReader(inlineRow(1, "nip")+`<row r="2"><c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>`), ""),
			"sel XFD2", "lebih dari 100 kolom")
	})
	t.Run("XLSXTooManyRows", func(t *testing.T) {
		skipShort(t)
		var b strings.Builder
		for i := 1; i <= 200_001; i++ {
			fmt.Fprintf(&b, `<row r="%d"><c><v>%d</v></c></row>`, i, i)
		}
		mustRefuse(t, craftedXLSX(t, strings.NewReader(b.String()), ""), "lebih dari 200.000 baris")
	})
	t.Run("CSVOneLongField", func(t *testing.T) {
		mustRefuse(t, []byte(rosterHeader+"197007211992021006;"+strings.Repeat("A", 2<<20)+";DINKES;Dinas;Kepala;II;0812;\n"),
			"baris 2 kolom 2 berisi lebih dari 4.000 karakter")
	})
	t.Run("CSVTooManyRows", func(t *testing.T) {
		mustRefuse(t, []byte(rosterHeader+strings.Repeat("1;2\n", 200_001)), "lebih dari 200.000 baris")
	})
	t.Run("CSVTooManyColumns", func(t *testing.T) {
		mustRefuse(t, []byte(rosterHeader+strings.Repeat("x;", 101)+"\n"), "baris 2 kolom 101", "lebih dari 100 kolom")
	})
	t.Run("Over50MB", func(t *testing.T) {
		skipShort(t)
		mustRefuse(t, []byte(rosterHeader+strings.Repeat("1;2\n", 13<<20)), "isi berkas lebih dari 50 MB")
	})
	t.Run("OldExcel", func(t *testing.T) {
		mustRefuse(t, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest"), "Excel lama (.xls)")
	})
}

// Empty cells after the last one with data do not count as columns: Excel
// pads a CSV's rows with separators out to its widest row.
func TestTrailingEmptyColumnsAllowed(t *testing.T) {
	lines := strings.Split(strings.TrimSpace(string(roster.Sample)), "\n")
	for i := range lines {
		lines[i] += strings.Repeat(";", 150)
	}
	p, err := roster.Parse(strings.NewReader(strings.Join(lines, "\n")), now)
	if err != nil || len(p.Employees) != 40 {
		t.Fatalf("got %v, %v", p, err)
	}
}

// An NIP typed into Excel as a number keeps 15 digits (197007211992021006
// is stored as 1.97007211992021E+17): the file is refused with what to do,
// not read as a new, phantom employee ...021000. A number the file holds
// in full converts exactly and is read.
func TestXLSXNumericNIP(t *testing.T) {
	header := inlineRow(1, "nip", "nama", "kode_opd", "nama_opd", "jabatan", "eselon", "no_hp", "kode_aktivasi")
	rest := `<c t="inlineStr"><is><t>Ahmad</t></is></c><c t="inlineStr"><is><t>DINKES</t></is></c><c t="inlineStr"><is><t>Dinas Kesehatan</t></is></c>` +
		`<c t="inlineStr"><is><t>Kepala</t></is></c><c t="inlineStr"><is><t>II</t></is></c><c><v>81288220482</v></c>`
	for _, tc := range []struct {
		name, v string
		nip     string // "" when refused
	}{
		{"AsExcelWritesIt", "1.97007211992021E+17", ""},
		{"RoundedDigits", "197007211992021000", ""},
		{"Exact", "197007211992021006", "197007211992021006"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := craftedXLSX(t, strings.NewReader(header+`<row r="2"><c r="A2"><v>`+tc.v+`</v></c>`+rest+`</row>`), "")
			p, err := roster.Parse(bytes.NewReader(data), now)
			if tc.nip == "" {
				if err == nil || !strings.Contains(err.Error(), "simpan kolom NIP sebagai teks") || !strings.Contains(err.Error(), "sel A2") {
					t.Fatalf("want the NIP refused, got %v, %+v", err, p)
				}
				return
			}
			if err != nil || len(p.Employees) != 1 || p.Employees[0].NIP != tc.nip || p.Employees[0].Phone != "6281288220482" {
				t.Fatalf("got %v, %+v", err, p)
			}
		})
	}
	// The same through excelize, as other tools write numbers.
	f := excelize.NewFile()
	defer f.Close()
	for i, h := range []any{"nip", "nama", "kode_opd", "nama_opd", "jabatan", "eselon", "no_hp"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		_ = f.SetCellValue("Sheet1", cell, h)
	}
	_ = f.SetSheetRow("Sheet1", "A2", &[]any{197007211992021006.0, "Ahmad", "DINKES", "Dinas", "Kepala", "II", 81288220482})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if _, err := roster.Parse(bytes.NewReader(buf.Bytes()), now); err == nil || !strings.Contains(err.Error(), "simpan kolom NIP sebagai teks") {
		t.Errorf("a float NIP from excelize: %v", err)
	}
}

func utf16Bytes(s string, bigEndian, bom bool) []byte {
	var out []byte
	if bom {
		s = "\ufeff" + s
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

// What Excel and other tools save is read whatever the encoding, and
// stored as UTF-8; what cannot be read is refused by name.
func TestRosterEncodings(t *testing.T) {
	sample := string(roster.Sample)
	tsv := strings.ReplaceAll(sample, ";", "\t")
	// The sample's first name, with a typographic apostrophe.
	const name = "Ahmad Saputra, S.E., M.M."
	const withApostrophe = "Ahmad Sa’putra, S.E., M.M."
	cp1252 := []byte(strings.Replace(sample, name, "Ahmad Sa\x92putra, S.E., M.M.", 1))
	for _, tc := range []struct {
		name string
		data []byte
		want string // the first name read
	}{
		{"UTF8", []byte(sample), name},
		{"UTF8BOM", append([]byte("\xef\xbb\xbf"), sample...), name},
		{"UTF16LEBOMTabs", utf16Bytes(tsv, false, true), name}, // Excel's "Unicode text"
		{"UTF16BEBOM", utf16Bytes(sample, true, true), name},
		{"UTF16LEWithoutBOM", utf16Bytes(sample, false, false), name},
		{"Windows1252", cp1252, withApostrophe},
		{"TabsUTF8", []byte(tsv), name},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := roster.Parse(bytes.NewReader(tc.data), now)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Employees) != 40 || len(p.Rejected) != 0 {
				t.Fatalf("read %d rows, rejected %v", len(p.Employees), p.Rejected)
			}
			if got := p.Employees[0].Name; got != tc.want {
				t.Errorf("first name %q, want %q", got, tc.want)
			}
		})
	}
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"MixedUTF8AndLegacy", []byte(strings.Replace(sample, name, "Ahmad Séputra\x92", 1)), "baris 2 berisi huruf yang bukan UTF-8"},
		{"BOMButNotUTF8", append([]byte("\xef\xbb\xbf"), cp1252...), "bertanda UTF-8"},
		{"UnknownCodePage", []byte(strings.Replace(sample, name, "Ahmad \x81\x8d", 1)), "pengodean berkas tidak dikenal"},
		{"UTF32", append([]byte("\xff\xfe\x00\x00"), sample...), "UTF-32"},
		{"Binary", []byte("nip;nama\n\x00\x01\x02\x03\xff\xfe\xfd"), "bukan teks"},
	} {
		t.Run(tc.name, func(t *testing.T) { mustRefuse(t, tc.data, tc.want) })
	}
}

// skipShort skips a test that builds a large file under -short.
func skipShort(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large file")
	}
}

// Roster text is stored as it shows: invisible and bidi characters gone,
// on one line; a name or post longer than anyone's is a rejected row.
func TestRosterTextCleanedAndCapped(t *testing.T) {
	row := func(name, opd, post string) string {
		return rosterHeader + "197007211992021006;" + name + ";" + opd + ";Dinas;" + post + ";II;081288220482;\n"
	}
	p, err := roster.Parse(strings.NewReader(row("Ah\u200bmad \u202eSaputra", "DINKES", `"Kepala`+"\n"+`Dinas"`)), now)
	if err != nil || len(p.Employees) != 1 {
		t.Fatalf("%v, %+v", err, p)
	}
	if e := p.Employees[0]; e.Name != "Ahmad Saputra" || e.Position != "Kepala Dinas" {
		t.Errorf("stored %q, %q", e.Name, e.Position)
	}
	// A cell our CSVs quoted (report.SafeCSVCell) comes back as it was.
	if p, err := roster.Parse(strings.NewReader(row("'@Ahmad", "DINKES", "'-Kepala")), now); err != nil || len(p.Employees) != 1 ||
		p.Employees[0].Name != "@Ahmad" || p.Employees[0].Position != "-Kepala" {
		t.Errorf("quoted cells: %v, %+v", err, p)
	}
	for _, tc := range []struct{ name, opd, post, reason string }{
		{strings.Repeat("a", 201), "DINKES", "Kepala", "nama terlalu panjang (201 karakter, paling banyak 200)"},
		{"Ahmad", "DINKES", strings.Repeat("é", 201), "jabatan terlalu panjang"},
		{"Ahmad", strings.Repeat("X", 31), "Kepala", "kode OPD terlalu panjang"},
	} {
		p, err := roster.Parse(strings.NewReader(row(tc.name, tc.opd, tc.post)), now)
		if err != nil || len(p.Rejected) != 1 || !strings.Contains(p.Rejected[0].Reason, tc.reason) {
			t.Errorf("want %q, got %v, %+v", tc.reason, err, p.Rejected)
		}
	}
	// Exactly at the limit, and invisible characters do not count.
	at := strings.Repeat("a", 200) + "\u200b\u200b"
	if p, err := roster.Parse(strings.NewReader(row(at, "DINKES", "Kepala")), now); err != nil || len(p.Employees) != 1 {
		t.Errorf("a 200-character name: %v, %+v", err, p.Rejected)
	}
}

// A CSV saved from a sheet that held NIPs as numbers has them as Excel
// showed them ("1,97007E+17"): the row says what to do.
func TestCSVScientificNIP(t *testing.T) {
	p, err := roster.Parse(strings.NewReader(rosterHeader+"1,97007E+17;Ahmad;DINKES;Dinas;Kepala;II;081288220482;\n"), now)
	if err != nil || len(p.Rejected) != 1 || !strings.Contains(p.Rejected[0].Reason, "simpan kolom NIP sebagai teks") {
		t.Fatalf("%v, %+v", err, p)
	}
}

// The kinds of cell a workbook holds are read as Excel shows them: shared
// strings (in runs, without phonetic guides), inline strings, a formula's
// text, numbers, booleans, and cells with no value.
func TestXLSXCellKinds(t *testing.T) {
	strs := `<si><t>197007211992021006</t></si><si><r><t>Ahmad </t></r><r><rPr><b/></rPr><t>Saputra</t></r><rPh><t>x</t></rPh></si>`
	sheet := inlineRow(1, "nip", "nama", "kode_opd", "nama_opd", "jabatan", "eselon", "no_hp", "kode_aktivasi", "catatan", "lain") +
		`<row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>1</v></c><c r="C3" t="str"><f>UPPER("dinkes")</f><v>DINKES</v></c>` +
		`<c r="D3" t="inlineStr"><is><t>Dinas &amp; Kesehatan</t></is></c><c r="E3" t="inlineStr"><is><t>Kepala</t></is></c><c r="F3"><v>2</v></c>` +
		`<c r="G3"><v>8.1288220482E10</v></c><c r="H3" t="s"/><c r="I3" t="b"><v>1</v></c><c r="J3" t="e"><v>#N/A</v></c></row>`
	p, err := roster.Parse(bytes.NewReader(craftedXLSX(t, strings.NewReader(sheet), strs)), now)
	if err != nil || len(p.Employees) != 1 {
		t.Fatalf("%v, %+v", err, p)
	}
	e := p.Employees[0]
	if e.NIP != "197007211992021006" || e.Name != "Ahmad Saputra" || e.OPDCode != "DINKES" || e.OPDName != "Dinas & Kesehatan" ||
		e.Eselon != "II" || e.Phone != "6281288220482" || p.Employees[0].Line != 3 {
		t.Errorf("read %+v on line %d", e, p.Employees[0].Line)
	}
}

// A title cell full of semicolons ("Dinas A; Bidang B; ...") above a
// workbook's header, or quoted in a comma-separated file, does not make
// the table read the file as semicolon-separated: the separator is
// guessed from what stands outside quotes.
func TestTitleWithSemicolonsKeepsTheSeparator(t *testing.T) {
	title := "Daftar ASN; " + strings.Repeat("Dinas Kesehatan; Bidang Pelayanan; ", 10) + "Kota Bengkulu"
	header := []string{"nip", "nama", "kode_opd", "nama_opd", "jabatan", "eselon", "no_hp", "kode_aktivasi"}
	person := []string{"197007211992021006", "Ahmad", "DINKES", "Dinas Kesehatan", "Kepala Dinas", "II.a", "081288220482", ""}
	csvFile := `"` + title + `"` + "\n" + strings.Join(header, ",") + "\n" + strings.Join(person, ",") + "\n"
	workbook := craftedXLSX(t, strings.NewReader(inlineRow(1, title)+inlineRow(2, header...)+inlineRow(3, person...)), "")
	for name, data := range map[string][]byte{"CSV": []byte(csvFile), "XLSX": workbook} {
		t.Run(name, func(t *testing.T) {
			p, err := roster.Parse(bytes.NewReader(data), now)
			if err != nil || len(p.Employees) != 1 || p.Employees[0].NIP != person[0] || p.Employees[0].OPDCode != "DINKES" {
				t.Fatalf("got %v, %+v", err, p)
			}
		})
	}
}
