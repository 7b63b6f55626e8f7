package roster

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

const sheetPart = "xl/worksheets/sheet1.xml"

// readSheet reads a sheet's XML as the import does, its reader handing
// over one byte at a time when slow is set (every token then crosses the
// scanner's buffer end).
func readSheet(xmlText string, strs []string, slow bool) (string, error) {
	var r io.Reader = strings.NewReader(xmlText)
	if slow {
		r = iotest.OneByteReader(r)
	}
	sr := &sheetReader{s: newXMLScanner(r), part: sheetPart, strs: strs}
	err := sr.read()
	return sr.out.String(), err
}

// sheetOf is a worksheet as Excel writes it around its rows.
func sheetOf(rows string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<dimension ref="A1:C3"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>` +
		`<sheetData>` + rows + `</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`
}

// The sheet's XML as the spreadsheets that write it do: each case is read
// whole and one byte at a time, to the same CSV.
func TestSheetScanner(t *testing.T) {
	// 3,993 characters in a row of its own, 12 times over: 65 KB, past
	// the scanner's buffer.
	long := strings.Repeat("Bidang é &amp; ", 363)
	var longRows, longCSV strings.Builder
	for i := 1; i <= 12; i++ {
		fmt.Fprintf(&longRows, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c></row>`, i, i, long)
		longCSV.WriteString(strings.ReplaceAll(long, "&amp;", "&") + "\n")
	}
	for _, tc := range []struct {
		name, rows string
		strs       []string
		want       string
	}{
		{"Entities", `<row r="1"><c r="A1" t="inlineStr"><is><t>A &amp; B &lt;C&gt; &quot;q&quot; &apos;s&apos; &#233;&#xE9;&#x1F600;</t></is></c></row>`,
			nil, "\"A & B <C> \"\"q\"\" 's' éé\U0001F600\"\n"},
		{"EntityInAttribute", `<row r="1"><c r="A1" t="inlineStr" x="&lt;&amp;"><is><t>x</t></is></c></row>`, nil, "x\n"},
		{"CellKinds", `<row r="1" spans="1:6"><c r="A1" t="s"><v>1</v></c><c r="B1" t="inlineStr"><is><t>inline</t></is></c>` +
			`<c r="C1" t="str"><f>A1&amp;"!"</f><v>Dua!</v></c><c r="D1" s="2"><v>81288220482</v></c><c r="E1" t="n"><v>8.1288220482E10</v></c>` +
			`<c r="F1" t="b"><v>1</v></c><c r="G1" t="b"><v>0</v></c><c r="H1" t="e"><v>#N/A</v></c><c r="I1"><v>0.5</v></c></row>`,
			[]string{"satu", "dua"}, "dua,inline,Dua!,81288220482,81288220482,TRUE,FALSE,#N/A,0.5\n"},
		{"MissingCellsAndRows", `<row r="2"><c r="C2"><v>3</v></c><c r="E2" t="inlineStr"><is><t>e</t></is></c></row><row r="5"><c r="B5"><v>7</v></c></row>`,
			nil, "\n,,3,,e\n\n\n,7\n"},
		{"NoReferences", `<row><c t="inlineStr"><is><t>a</t></is></c><c/><c><v>2</v></c></row><row><c><v>1</v></c></row>`, nil, "a,,2\n1\n"},
		{"SelfClosing", `<row r="1"><c r="A1"/><c r="B1" t="s"/><c r="C1" t="inlineStr"><is><t/></is></c><c r="D1"><v>4</v></c></row><row r="2"/><row r="3"><c r="A3" s="1"/></row>`,
			nil, ",,,4\n"},
		{"RichTextRuns", `<row r="1"><c r="A1" t="inlineStr"><is><r><t>Ahmad </t></r><r><rPr><b/><sz val="11"/></rPr><t>Saputra</t></r><rPh sb="0" eb="1"><t>アハマド</t></rPh></is></c></row>`,
			nil, "Ahmad Saputra\n"},
		{"WhitespacePreserved", `<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve">  dua spasi </t></is></c><c r="B1" t="inlineStr"><is><t>a&#10;b</t></is></c></row>`,
			nil, "\"  dua spasi \",\"a\nb\"\n"},
		{"LineEnds", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a\r\nb\rc</t></is></c></row>", nil, "\"a\nb\nc\"\n"},
		{"CommentsAndCDATA", `<!-- by hand --><row r="1"><?mso x?><c r="A1" t="str"><v><![CDATA[a<b & c]]></v></c><!-- <c r="B1"> --></row>`, nil, "a<b & c\n"},
		{"Prefixed", `<x:row r="1"><x:c r="B1" t="inlineStr"><x:is><x:t>p</x:t></x:is></x:c></x:row>`, nil, ",p\n"},
		{"LongStrings", longRows.String(), nil, longCSV.String()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, slow := range []bool{false, true} {
				x := sheetOf(tc.rows)
				if tc.name == "Prefixed" {
					x = strings.NewReplacer("<sheetData>", "<x:sheetData>", "</sheetData>", "</x:sheetData>").Replace(x)
				}
				got, err := readSheet(x, tc.strs, slow)
				if err != nil || got != tc.want {
					t.Fatalf("slow %v: got %.200q, %v; want %.200q", slow, got, err, tc.want)
				}
			}
		})
	}
}

// A cell over 4,000 characters, however long, is refused by its address.
func TestSheetScannerLongCellRefused(t *testing.T) {
	x := sheetOf(`<row r="3"><c r="B3" t="inlineStr"><is><t>` + strings.Repeat("ab&amp;", 200_000) + `</t></is></c></row>`)
	sr := &sheetReader{s: newXMLScanner(strings.NewReader(x)), part: sheetPart}
	if err := sr.read(); err == nil || !strings.Contains(err.Error(), "sel B3 berisi lebih dari 4.000 karakter") {
		t.Fatalf("got %v", err)
	}
}

// Malformed XML is refused, saying what is wrong and where.
func TestSheetScannerRefusesMalformed(t *testing.T) {
	for _, tc := range []struct{ name, xml, want string }{
		{"Truncated", `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v>`, "unexpected EOF: <c> not closed"},
		{"CutInTag", `<worksheet><sheetData><row r="1"><c r="A1`, "unexpected EOF in a tag"},
		{"Mismatched", sheetOf(`<row r="1"><c r="A1"><v>1</c></v></row>`), "element <v> closed by </c>"},
		{"StrayEnd", `<worksheet></worksheet></row>`, "unexpected end element </row>"},
		{"UnknownEntity", sheetOf(`<row r="1"><c t="inlineStr"><is><t>&nbsp;</t></is></c></row>`), "invalid character entity &nbsp;"},
		{"NoSemicolon", sheetOf(`<row r="1"><c t="inlineStr"><is><t>a & b</t></is></c></row>`), "no semicolon"},
		{"BadCharRef", sheetOf(`<row r="1"><c t="inlineStr"><is><t>&#1;</t></is></c></row>`), "invalid character entity &#1;"},
		{"UnquotedAttribute", sheetOf(`<row r=1></row>`), "unquoted value of attribute r in <row>"},
		{"AttributeWithoutValue", sheetOf(`<row hidden></row>`), "attribute hidden of <row> has no value"},
		{"LessThanInAttribute", sheetOf(`<row r="<1"></row>`), "unescaped < in attribute r"},
		{"BadEntityInAttribute", sheetOf(`<row r="&x;"></row>`), "invalid character entity &x;"},
		{"InvalidUTF8", sheetOf("<row r=\"1\"><c t=\"inlineStr\"><is><t>a\xffb</t></is></c></row>"), "invalid UTF-8"},
		{"ControlCharacter", sheetOf("<row r=\"1\"><c t=\"inlineStr\"><is><t>a\x01b</t></is></c></row>"), "a character XML does not allow"},
		{"Doctype", `<!DOCTYPE lol [<!ENTITY lol "lol">]><worksheet/>`, "DOCTYPE"},
		{"BadName", `<worksheet><1row/></worksheet>`, "invalid tag"},
		{"UnclosedComment", `<worksheet><!-- never`, "unexpected EOF in a comment"},
		{"HugeTag", `<worksheet><row r="` + strings.Repeat("1", 2<<20) + `"/></worksheet>`, "a tag longer than 1024 KB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readSheet(tc.xml, nil, false)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "berkas Excel tidak terbaca ("+sheetPart+": XML syntax error at byte ") {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
}

// Long text comes in chunks; put together they are the text, whatever
// the reads: references, CRs and letters cut at a chunk's end included.
func TestScannerTextChunks(t *testing.T) {
	unit := "Sekretariat Daerah &amp; Dinas é\r\nü &#x1F600; "
	raw := strings.Repeat(unit, 5000)
	want := strings.Repeat("Sekretariat Daerah & Dinas é\nü \U0001F600 ", 5000)
	for _, slow := range []bool{false, true} {
		var r io.Reader = strings.NewReader("<t>" + raw + "</t>")
		if slow {
			r = iotest.OneByteReader(r)
		}
		s := newXMLScanner(r)
		var got []byte
		chunks := 0
		for {
			err := s.next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if s.kind == tokText {
				got, chunks = append(got, s.text...), chunks+1
			}
		}
		if string(got) != want || chunks < 2 {
			t.Fatalf("slow %v: %d chunks, %d bytes of %d, equal %v", slow, chunks, len(got), len(want), string(got) == want)
		}
	}
}

// refSheet is a sheet as encoding/xml reads it, the scanner's reference.
type refSheet struct {
	Rows []struct {
		R     int `xml:"r,attr"`
		Cells []struct {
			R  string `xml:"r,attr"`
			T  string `xml:"t,attr"`
			V  string `xml:"v"`
			Is struct {
				T    string `xml:"t"`
				Runs []struct {
					T string `xml:"t"`
				} `xml:"r"`
			} `xml:"is"`
		} `xml:"c"`
	} `xml:"sheetData>row"`
}

// refCSV is the CSV of a generated sheet read by encoding/xml.
func refCSV(sheet string) (string, error) {
	var ref refSheet
	if err := xml.Unmarshal([]byte(sheet), &ref); err != nil {
		return "", err
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	lines := 0
	for _, row := range ref.Rows {
		var rec []string
		for _, c := range row.Cells {
			v := c.V
			if c.T == "inlineStr" {
				v = c.Is.T
				for _, r := range c.Is.Runs {
					v += r.T
				}
			}
			col := columnOf(c.R)
			for len(rec) < col {
				rec = append(rec, "")
			}
			rec[col-1] = v
		}
		for len(rec) > 0 && rec[len(rec)-1] == "" {
			rec = rec[:len(rec)-1]
		}
		if len(rec) == 0 {
			continue
		}
		for ; lines < row.R-1; lines++ {
			buf.WriteByte('\n')
		}
		w.Write(rec)
		w.Flush()
		lines++
	}
	return buf.String(), w.Error()
}

// genSheet writes a sheet from fuzz input: rows and cells with gaps, text
// of awkward characters written literally, as entities, as character
// references or in CDATA, as inline strings, runs, formulas' text or
// numbers.
func genSheet(in []byte) string {
	next := func() byte {
		if len(in) == 0 {
			return 0
		}
		b := in[0]
		in = in[1:]
		return b
	}
	alphabet := []string{"a", "Z", "0", " ", ",", ";", "\"", "'", "&", "<", ">", "é", "\n", "\t", "\r\n", "\U0001F600", "\\.", "ü"}
	text := func() string {
		var b strings.Builder
		for n := int(next() % 12); n > 0; n-- {
			ch, how := alphabet[int(next())%len(alphabet)], next()%4
			switch {
			case ch == "&" && how < 2:
				b.WriteString("&amp;")
			case ch == "&":
				b.WriteString("&#38;")
			case ch == "<" && how < 2:
				b.WriteString("&lt;")
			case ch == "<":
				b.WriteString("&#x3C;")
			case how == 3 && ch != "\r\n":
				fmt.Fprintf(&b, "&#%d;", []rune(ch)[0])
			case how == 2 && ch == ">":
				b.WriteString("&gt;")
			default:
				b.WriteString(ch)
			}
		}
		return b.String()
	}
	var b strings.Builder
	row := 0
	for nRows := int(next() % 8); nRows > 0; nRows-- {
		row += 1 + int(next()%3)
		fmt.Fprintf(&b, `<row r="%d">`, row)
		col := 0
		for nCells := int(next() % 6); nCells > 0; nCells-- {
			col += 1 + int(next()%3)
			ref := cellRef(col, row)
			switch next() % 5 {
			case 0:
				fmt.Fprintf(&b, `<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>`, ref, text())
			case 1:
				fmt.Fprintf(&b, `<c r="%s" t="inlineStr"><is><r><t>%s</t></r><r><rPr><b/></rPr><t>%s</t></r></is></c>`, ref, text(), text())
			case 2:
				fmt.Fprintf(&b, `<c r="%s" t="str"><f>A1</f><v>%s</v></c>`, ref, text())
			case 3:
				if s := text(); !strings.Contains(s, "]]>") {
					fmt.Fprintf(&b, `<c r="%s" t="str"><v><![CDATA[%s]]></v></c>`, ref, strings.NewReplacer("&amp;", "&", "&lt;", "<").Replace(s))
				}
			case 4:
				fmt.Fprintf(&b, `<c r="%s" s="1"><v>%d</v></c><!-- n -->`, ref, int(next())*int(next()))
			}
		}
		b.WriteString("</row>")
	}
	return sheetOf(b.String())
}

// FuzzSheetScanner: the scanner reads generated sheets as encoding/xml
// does.
func FuzzSheetScanner(f *testing.F) {
	f.Add([]byte("\x03\x01\x02\x05\x00\x07\x0a\x01\x02\x0b\x03\x01\x04\x02\x09\x09"))
	f.Add([]byte("\x07\x02\x05\x01\x03\x04\x0c\x02\x01\x01\x01\x03\x0e\x00\x05\x02\x06\x01\x0b\x03\x02\x04\x05\x06\x07\x08\x09"))
	f.Add(bytes.Repeat([]byte{7, 2, 5, 11, 3, 2, 1, 13, 0, 12, 4, 5, 1, 8, 2, 9, 3}, 20))
	f.Fuzz(func(t *testing.T, in []byte) {
		sheet := genSheet(in)
		want, err := refCSV(sheet)
		if err != nil {
			t.Fatalf("encoding/xml: %v\n%s", err, sheet)
		}
		for _, slow := range []bool{false, true} {
			got, err := readSheet(sheet, nil, slow)
			if err != nil || got != want {
				t.Fatalf("slow %v: got %q, %v\nwant %q\n%s", slow, got, err, want, sheet)
			}
		}
	})
}
