package roster

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// xmlScanner reads an XML part as a stream of start tags, end tags and
// text, the way encoding/xml's RawToken does but without an allocation a
// token: names, attributes and text are slices of its buffer, valid until
// the next call. encoding/xml cost 2.8 s of a 100,000-row workbook's 4.3 s
// re-import (issue 21). It holds a workbook's XML to what a spreadsheet
// writes: tags nest and match, attributes are quoted, entities are XML's
// five and character references, and the part ends with its root closed;
// anything else is a syntax error, with its byte offset. Comments,
// processing instructions and CDATA are read; a DOCTYPE is refused (a
// workbook has none, and its entities are a bomb of their own).
//
// A run of text longer than textChunk comes in several text tokens, so a
// crafted 50 MB cell is read in 32 KB steps rather than held; a tag, a
// comment's end or a CDATA section must fit in maxMarkup.
type xmlScanner struct {
	r        io.Reader
	buf      []byte
	pos, end int   // buf[pos:end] is read and not yet scanned
	consumed int64 // bytes dropped before buf[0], for errors
	rerr     error // what ended the reader (io.EOF at the end)

	kind  tokKind
	name  []byte    // a tag's local name
	attrs []xmlAttr // a start tag's attributes, raw
	text  []byte    // text, entities decoded
	// pendingEnd is set after a self-closing tag (<c/>): the next token
	// is its end, as RawToken gives it.
	pendingEnd bool

	scratch []byte // decoded text
	attrBuf []byte // a decoded attribute
	open    []byte // the qualified names of the open elements, one after another
	openAt  []int  // where each begins in open
}

type tokKind uint8

const (
	tokStart tokKind = iota + 1
	tokEnd
	tokText
)

type xmlAttr struct{ name, value []byte }

const (
	scanBuffer = 64 << 10
	textChunk  = scanBuffer / 2
	maxMarkup  = 1 << 20
)

func newXMLScanner(r io.Reader) *xmlScanner {
	return &xmlScanner{r: r, buf: make([]byte, scanBuffer)}
}

// syntaxError is malformed XML, at the offset where it was found.
func (s *xmlScanner) syntaxError(at int, format string, args ...any) error {
	return fmt.Errorf("XML syntax error at byte %d: %s", s.consumed+int64(at), fmt.Sprintf(format, args...))
}

// fill reads more of the part after buf[pos:end], moving that to the
// front first, growing the buffer only when it is full and below
// maxMarkup. It reports whether anything was read.
func (s *xmlScanner) fill() bool {
	if s.rerr != nil {
		return false
	}
	if s.pos > 0 {
		n := copy(s.buf, s.buf[s.pos:s.end])
		s.consumed += int64(s.pos)
		s.pos, s.end = 0, n
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= maxMarkup {
			return false
		}
		s.buf = append(s.buf, make([]byte, len(s.buf))...)
	}
	for {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			s.rerr = err
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
}

// readFailure is why the part could not be read further: the reader's
// error, or markup cut off (at the end, or longer than maxMarkup).
func (s *xmlScanner) readFailure(what string) error {
	if s.rerr != nil && !errors.Is(s.rerr, io.EOF) {
		return s.rerr
	}
	if s.rerr == nil {
		return s.syntaxError(s.pos, "%s longer than %d KB", what, maxMarkup>>10)
	}
	return s.syntaxError(s.pos, "unexpected EOF in %s", what)
}

// next reads the next token; io.EOF after the root element's end.
func (s *xmlScanner) next() error {
	if s.pendingEnd {
		s.pendingEnd, s.kind = false, tokEnd // of the name just read
		return nil
	}
	for {
		if s.pos == s.end && !s.fill() {
			if s.rerr != nil && !errors.Is(s.rerr, io.EOF) {
				return s.rerr
			}
			if len(s.openAt) > 0 {
				return s.syntaxError(s.pos, "unexpected EOF: <%s> not closed", s.open[s.openAt[len(s.openAt)-1]:])
			}
			return io.EOF
		}
		if s.buf[s.pos] != '<' {
			return s.readText()
		}
		if s.end-s.pos < 2 && !s.fill() {
			return s.readFailure("a tag")
		}
		switch s.buf[s.pos+1] {
		case '?':
			if err := s.skipPast("?>", "a processing instruction"); err != nil {
				return err
			}
		case '!':
			done, err := s.readBang()
			if done || err != nil {
				return err
			}
		default:
			return s.readTag()
		}
	}
}

// skipPast drops everything up to and including delim, which may be far.
func (s *xmlScanner) skipPast(delim, what string) error {
	for from := s.pos; ; {
		if i := bytes.Index(s.buf[from:s.end], []byte(delim)); i >= 0 {
			s.pos = from + i + len(delim)
			return nil
		}
		// Keep what could be the start of delim; drop the rest.
		s.pos = max(s.pos, s.end-len(delim)+1)
		if !s.fill() {
			return s.readFailure(what)
		}
		from = s.pos
	}
}

// readBang reads what starts with "<!": a comment (skipped), a CDATA
// section (text: done), or a DOCTYPE (refused).
func (s *xmlScanner) readBang() (done bool, err error) {
	for s.end-s.pos < 9 {
		if !s.fill() {
			break
		}
	}
	rest := s.buf[s.pos:s.end]
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		s.pos += 4
		return false, s.skipPast("-->", "a comment")
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		s.pos += 9
		for {
			if i := bytes.Index(s.buf[s.pos:s.end], []byte("]]>")); i >= 0 {
				s.kind, s.text = tokText, s.buf[s.pos:s.pos+i]
				s.pos += i + 3
				if !validXMLText(s.text) {
					return false, s.syntaxError(s.pos-i-3, "invalid UTF-8 or a character XML does not allow")
				}
				if bytes.IndexByte(s.text, '\r') >= 0 { // line ends, as in text
					s.scratch = append(s.scratch[:0], bytes.ReplaceAll(s.text, []byte("\r\n"), []byte("\n"))...)
					s.scratch = bytes.ReplaceAll(s.scratch, []byte("\r"), []byte("\n"))
					s.text = s.scratch
				}
				return true, nil
			}
			if !s.fill() {
				return false, s.readFailure("a CDATA section")
			}
		}
	}
	return false, s.syntaxError(s.pos, "a DOCTYPE or declaration is not allowed in a workbook")
}

// readText reads text up to the next tag, or a chunk of it.
func (s *xmlScanner) readText() error {
	for {
		if i := bytes.IndexByte(s.buf[s.pos:s.end], '<'); i >= 0 {
			return s.setText(s.pos, s.pos+i)
		}
		if s.end-s.pos >= textChunk || !s.fill() {
			break
		}
	}
	// No tag within a chunk (or the end of the part): give what is here,
	// less a reference or a CR whose end is still to come.
	cut := s.end
	if s.rerr == nil {
		if amp := bytes.LastIndexByte(s.buf[s.pos:s.end], '&'); amp >= 0 && s.end-(s.pos+amp) <= 12 &&
			bytes.IndexByte(s.buf[s.pos+amp:s.end], ';') < 0 {
			cut = s.pos + amp
		}
		if cut > s.pos && s.buf[cut-1] == '\r' {
			cut--
		}
		for k := cut - 1; k >= max(s.pos, cut-utf8.UTFMax); k-- {
			if utf8.RuneStart(s.buf[k]) {
				if !utf8.FullRune(s.buf[k:cut]) {
					cut = k // a letter cut in two
				}
				break
			}
		}
		if cut == s.pos {
			cut = s.end // a chunk of nothing but the cut part cannot be
		}
	}
	return s.setText(s.pos, cut)
}

// setText makes buf[from:to] the text token and moves past it.
func (s *xmlScanner) setText(from, to int) error {
	raw := s.buf[from:to]
	s.pos, s.kind = to, tokText
	if !validXMLText(raw) {
		return s.syntaxError(from, "invalid UTF-8 or a character XML does not allow")
	}
	if bytes.IndexByte(raw, '&') < 0 && bytes.IndexByte(raw, '\r') < 0 {
		s.text = raw
		return nil
	}
	out, err := s.unescape(s.scratch[:0], raw, from)
	if err != nil {
		return err
	}
	s.scratch, s.text = out, out
	return nil
}

// unescape appends raw to out with its references replaced and its line
// ends made "\n", as XML reads them; at is raw's offset in buf.
func (s *xmlScanner) unescape(out, raw []byte, at int) ([]byte, error) {
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; c {
		case '\r':
			out = append(out, '\n')
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
		case '&':
			semi := bytes.IndexByte(raw[i:], ';')
			if semi < 0 {
				return nil, s.syntaxError(at+i, "invalid character entity %.12q (no semicolon)", raw[i:])
			}
			ref := raw[i+1 : i+semi]
			switch string(ref) {
			case "amp":
				out = append(out, '&')
			case "lt":
				out = append(out, '<')
			case "gt":
				out = append(out, '>')
			case "apos":
				out = append(out, '\'')
			case "quot":
				out = append(out, '"')
			default:
				r, ok := charRef(ref)
				if !ok {
					return nil, s.syntaxError(at+i, "invalid character entity &%s;", ref)
				}
				out = utf8.AppendRune(out, r)
			}
			i += semi
		default:
			out = append(out, c)
		}
	}
	return out, nil
}

// charRef reads a character reference's body ("#233", "#xE9").
func charRef(ref []byte) (rune, bool) {
	if len(ref) < 2 || ref[0] != '#' {
		return 0, false
	}
	base, digits := 10, ref[1:]
	if digits[0] == 'x' {
		base, digits = 16, digits[1:]
	}
	n, err := strconv.ParseUint(string(digits), base, 32)
	if err != nil || len(digits) == 0 || digits[0] == '+' || !isXMLChar(rune(n)) {
		return 0, false
	}
	return rune(n), true
}

// isXMLChar is XML's Char production.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// validXMLText reports whether text is UTF-8 of XML characters only.
func validXMLText(b []byte) bool {
	for i := 0; i < len(b); {
		if c := b[i]; c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 || !isXMLChar(r) {
			return false
		}
		i += size
	}
	return true
}
