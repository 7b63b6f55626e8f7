package roster

import (
	"bytes"
	"unicode/utf8"
)

// readTag reads a start or an end tag, s.buf[s.pos] being its '<'.
func (s *xmlScanner) readTag() error {
	i, quote := s.pos+1, byte(0)
	for {
		for ; i < s.end; i++ {
			switch c := s.buf[i]; {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '>':
				return s.parseTag(s.pos, i)
			}
		}
		off := i - s.pos
		if !s.fill() {
			return s.readFailure("a tag")
		}
		i = s.pos + off
	}
}

// parseTag reads the tag s.buf[at:gt+1] and moves past it.
func (s *xmlScanner) parseTag(at, gt int) error {
	tag := s.buf[at+1 : gt]
	s.pos = gt + 1
	if len(tag) > 0 && tag[0] == '/' {
		qname := bytes.TrimRight(tag[1:], " \t\r\n")
		if !isName(qname) {
			return s.syntaxError(at, "invalid end tag %.40q", tag)
		}
		if len(s.openAt) == 0 {
			return s.syntaxError(at, "unexpected end element </%s>", qname)
		}
		top := s.openAt[len(s.openAt)-1]
		if !bytes.Equal(s.open[top:], qname) {
			return s.syntaxError(at, "element <%s> closed by </%s>", s.open[top:], qname)
		}
		s.open, s.openAt = s.open[:top], s.openAt[:len(s.openAt)-1]
		s.kind, s.name = tokEnd, localName(qname)
		return nil
	}
	n := nameLen(tag)
	if n == 0 {
		return s.syntaxError(at, "invalid tag %.40q", tag)
	}
	qname := tag[:n]
	s.kind, s.name, s.attrs = tokStart, localName(qname), s.attrs[:0]
	for p := n; ; {
		for p < len(tag) && isSpace(tag[p]) {
			p++
		}
		if p == len(tag) {
			break
		}
		if tag[p] == '/' && p == len(tag)-1 {
			s.pendingEnd = true
			break
		}
		an := nameLen(tag[p:])
		if an == 0 || p == n {
			return s.syntaxError(at+1+p, "invalid attribute in <%s>", qname)
		}
		name := tag[p : p+an]
		for p += an; p < len(tag) && isSpace(tag[p]); p++ {
		}
		if p == len(tag) || tag[p] != '=' {
			return s.syntaxError(at+1+p, "attribute %s of <%s> has no value", name, qname)
		}
		for p++; p < len(tag) && isSpace(tag[p]); p++ {
		}
		if p == len(tag) || tag[p] != '"' && tag[p] != '\'' {
			return s.syntaxError(at+1+p, "unquoted value of attribute %s in <%s>", name, qname)
		}
		end := bytes.IndexByte(tag[p+1:], tag[p])
		value := tag[p+1 : p+1+end] // the quote scan in readTag found its end
		if bytes.IndexByte(value, '<') >= 0 {
			return s.syntaxError(at+1+p, "unescaped < in attribute %s of <%s>", name, qname)
		}
		if bytes.IndexByte(value, '&') >= 0 {
			if _, err := s.unescape(s.attrBuf[:0], value, at+2+p); err != nil {
				return err
			}
		}
		s.attrs = append(s.attrs, xmlAttr{name: localName(name), value: value})
		p += end + 2
	}
	if !s.pendingEnd {
		s.openAt = append(s.openAt, len(s.open))
		s.open = append(s.open, qname...)
	}
	return nil
}

// attr is the value of the start tag's attribute of that local name.
func (s *xmlScanner) attr(local string) []byte {
	for _, a := range s.attrs {
		if string(a.name) == local {
			if bytes.IndexByte(a.value, '&') < 0 && bytes.IndexByte(a.value, '\r') < 0 {
				return a.value
			}
			s.attrBuf, _ = s.unescape(s.attrBuf[:0], a.value, 0) // checked by parseTag
			return s.attrBuf
		}
	}
	return nil
}

// skip reads to the end of the element just started.
func (s *xmlScanner) skip() error {
	for depth := 1; depth > 0; {
		if err := s.next(); err != nil {
			return err
		}
		switch s.kind {
		case tokStart:
			depth++
		case tokEnd:
			depth--
		}
	}
	return nil
}

func localName(qname []byte) []byte {
	if i := bytes.LastIndexByte(qname, ':'); i >= 0 {
		return qname[i+1:]
	}
	return qname
}

// nameLen is the length of the XML name b begins with (0: none).
func nameLen(b []byte) int {
	for i, c := range b {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_', c == ':', c >= utf8.RuneSelf:
		case i > 0 && (c >= '0' && c <= '9' || c == '-' || c == '.'):
		default:
			return i
		}
	}
	return len(b)
}

func isName(b []byte) bool { return len(b) > 0 && nameLen(b) == len(b) }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
