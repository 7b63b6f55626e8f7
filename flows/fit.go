package flows

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Telegram's limits on what one message shows, counted as Telegram counts
// them: after entities are parsed (tags take no room, "&amp;" is one
// character), in UTF-16 code units (core.telegram.org/bots/api#sendmessage:
// "1-4096 characters after entities parsing"; captions "0-1024").
const (
	MaxMessage = 4096
	MaxCaption = 1024
)

// TextLength is how long Telegram counts the HTML text s.
func TextLength(s string) int {
	n := 0
	for i := 0; i < len(s); {
		end, w, _, _ := nextUnit(s, i)
		n += w
		i = end
	}
	return n
}

// SplitText cuts a Telegram HTML text into messages of at most limit
// characters (TextLength), at line ends where it can (a single longer line
// is cut between characters). Tags open at a cut are closed at the end of
// one part and opened again at the start of the next, so each part parses
// on its own; a cut never falls inside a tag or an entity. It runs in time
// linear in len(s): each byte is read at most twice.
func SplitText(s string, limit int) []string {
	if TextLength(s) <= limit {
		return []string{s}
	}
	var out []string
	var open []openTag
	for i := 0; i < len(s); {
		part, next, still := fillPart(s, i, open, limit)
		if strings.TrimSpace(stripTags(part)) != "" {
			out = append(out, part)
		}
		i, open = next, still
	}
	if len(out) == 0 {
		return []string{s}
	}
	return out
}

type openTag struct{ name, start string }

// fillPart takes from s[i:] as much as fits in limit, with the tags in
// open opened first; it returns the part, where the next starts and the
// tags open there.
func fillPart(s string, i int, open []openTag, limit int) (part string, next int, still []openTag) {
	stack := append([]openTag(nil), open...)
	n, j := 0, i
	lineEnd, lineStack := -1, []openTag(nil)
	for j < len(s) {
		end, w, kind, name := nextUnit(s, j)
		if n+w > limit && n > 0 {
			break
		}
		switch kind {
		case unitStart:
			stack = append(stack, openTag{name, s[j:end]})
		case unitEnd:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
		n += w
		j = end
		if s[j-1] == '\n' {
			lineEnd, lineStack = j, append(lineStack[:0], stack...)
		}
	}
	if j < len(s) && lineEnd > i {
		j, stack = lineEnd, lineStack
	}
	var b strings.Builder
	for _, t := range open {
		b.WriteString(t.start)
	}
	b.WriteString(s[i:j])
	for k := len(stack) - 1; k >= 0; k-- {
		b.WriteString("</" + stack[k].name + ">")
	}
	return b.String(), j, stack
}

const (
	unitText = iota
	unitStart
	unitEnd
)

// nextUnit reads what starts at s[i]: a tag (no width), an entity (one
// character) or a character, and returns where it ends and its width.
func nextUnit(s string, i int) (end, width, kind int, name string) {
	switch s[i] {
	case '<':
		close := strings.IndexByte(s[i:], '>')
		if close < 0 {
			return i + 1, 1, unitText, ""
		}
		tag := s[i+1 : i+close]
		if rest, ok := strings.CutPrefix(tag, "/"); ok {
			return i + close + 1, 0, unitEnd, strings.ToLower(strings.TrimSpace(rest))
		}
		name, _, _ = strings.Cut(tag, " ")
		return i + close + 1, 0, unitStart, strings.ToLower(name)
	case '&':
		if semi := strings.IndexByte(s[i:min(len(s), i+10)], ';'); semi > 1 {
			return i + semi + 1, 1, unitText, ""
		}
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError {
		return i + size, 1, unitText, ""
	}
	return i + size, utf16.RuneLen(r), unitText, ""
}

// stripTags is s without its tags (entities left as they are).
func stripTags(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		end, _, kind, _ := nextUnit(s, i)
		if kind == unitText {
			b.WriteString(s[i:end])
		}
		i = end
	}
	return b.String()
}
