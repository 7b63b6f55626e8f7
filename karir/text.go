package karir

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// CleanText makes text a person typed, or a roster cell, safe to count,
// store and show: bytes that are not UTF-8 become U+FFFD (Telegram refuses a
// message that is not UTF-8), CR LF and CR become LF, other control
// characters go, and so do the invisible characters that let text look
// other than it is: zero-width spaces and joiners, bidi marks, embeddings,
// overrides and isolates (a right-to-left override shows "fdp.exe" as
// "exe.pdf"), the byte-order mark, invisible operators, tag characters and
// the Hangul fillers used for blank names. A zero-width joiner between two
// emoji stays, so "👨‍💻" is not split. Length rules run on the result, so a
// reason made of zero-width spaces is empty, not 20 characters long.
//
// It is the one cleaning rule: chat input (flows), roster imports (roster)
// and what is shown back all use it. It runs in linear time and returns s
// itself when there is nothing to clean.
func CleanText(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	var prev rune
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\r':
			r = '\n'
			if i < len(s) && s[i] == '\n' {
				i++
			}
		case r == '\u2028' || r == '\u2029': // line and paragraph separators
			r = '\n'
		case r == zeroWidthJoiner:
			next, _ := utf8.DecodeRuneInString(s[i:])
			if !isEmojiPart(prev) || !isEmojiPart(next) {
				continue
			}
		case invisible(r):
			continue
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// ClipText shortens s to at most limit characters (runes), ending a cut
// text with "…", so one very long name or post cannot outgrow the message
// it is shown in.
func ClipText(s string, limit int) string {
	if limit <= 0 {
		return ""
	}
	if len(s) <= limit || utf8.RuneCountInString(s) <= limit {
		return s
	}
	n := 0
	for i := range s {
		if n == limit-1 {
			return strings.TrimRightFunc(s[:i], unicode.IsSpace) + "…"
		}
		n++
	}
	return s
}

const zeroWidthJoiner = '\u200d'

// isClean reports whether CleanText would leave s as it is; most text is
// plain, and this saves a copy.
func isClean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return cleanFrom(s, i)
		}
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}

func cleanFrom(s string, i int) bool {
	for _, r := range s[i:] {
		if r == utf8.RuneError || r == zeroWidthJoiner || invisible(r) {
			// U+FFFD may be a bad byte or a real replacement character;
			// CleanText keeps the latter, so saying "not clean" only costs
			// a copy.
			return false
		}
	}
	return true
}

// invisible reports the characters CleanText drops (besides LF and TAB, the
// control characters; and the format characters that change how text reads
// without being seen).
func invisible(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r >= 0x7f && r < 0xa0:
		return true // C0 and C1 controls, DEL
	case r == '\u00ad', r == '\u034f', r == '\u061c', r == '\u115f', r == '\u1160',
		r == '\u17b4', r == '\u17b5', r == '\u180e', r == '\u3164', r == '\uffa0', r == '\ufeff':
		return true // soft hyphen, grapheme joiner, Arabic letter mark, fillers, BOM
	case r >= '\u200b' && r <= '\u200f': // zero-width space, (non-)joiner, LRM, RLM
		return true
	case r >= '\u2028' && r <= '\u202e': // line/paragraph separators, bidi embeddings and overrides
		return true
	case r >= '\u2060' && r <= '\u206f': // word joiner, invisible operators, bidi isolates, deprecated format
		return true
	case r >= '\ufff9' && r <= '\ufffb': // interlinear annotation
		return true
	case r >= '\U000e0000' && r <= '\U000e007f': // tag characters
		return true
	}
	return false
}

// isEmojiPart reports runes a zero-width joiner may sit between in an emoji
// sequence: pictographs, the variation selector and skin-tone modifiers.
func isEmojiPart(r rune) bool {
	return r == '\ufe0f' || unicode.Is(unicode.So, r) || unicode.Is(unicode.Sk, r) && r >= 0x1f3fb
}
