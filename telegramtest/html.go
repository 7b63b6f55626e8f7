package telegramtest

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// htmlTags are the tags of parse_mode HTML (core.telegram.org/bots/api,
// "HTML style": "Only the tags mentioned above are currently supported").
var htmlTags = map[string]bool{
	"b": true, "strong": true, "i": true, "em": true, "u": true, "ins": true,
	"s": true, "strike": true, "del": true, "span": true, "tg-spoiler": true,
	"a": true, "code": true, "pre": true, "blockquote": true, "tg-emoji": true,
}

// ParseHTML parses Telegram HTML as the Bot API does and returns the text
// left once tags are taken out and entities decoded, or the error Telegram
// gives (after "Bad Request: can't parse entities: "). It follows the rules
// Telegram documents and the messages of its parser (tdlib's parse_html):
// a '<' always starts a tag, and the tag must be one of the supported ones,
// closed in order; "&lt;", "&gt;", "&amp;", "&quot;" and numeric entities
// are decoded, and any other '&' is kept as it is (Telegram accepts it).
func ParseHTML(s string) (string, error) {
	var out strings.Builder
	type open struct {
		name string
		at   int
	}
	var stack []open
	for i := 0; i < len(s); {
		c := s[i]
		if c == '&' {
			r, n := htmlEntity(s[i:])
			if n > 0 {
				if r >= 0xd800 && r <= 0xdfff {
					return "", errors.New("Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units")
				}
				out.WriteRune(r)
				i += n
				continue
			}
		}
		if c != '<' {
			out.WriteByte(c)
			i++
			continue
		}
		begin := i
		i++
		if i >= len(s) || s[i] != '/' {
			name, next, err := startTag(s, begin)
			if err != nil {
				return "", err
			}
			stack = append(stack, open{name, begin})
			i = next
			continue
		}
		if len(stack) == 0 {
			return "", fmt.Errorf("Unexpected end tag at byte offset %d", begin)
		}
		i++
		j := i
		for j < len(s) && !isHTMLSpace(s[j]) && s[j] != '>' {
			j++
		}
		name := strings.ToLower(s[i:j])
		for j < len(s) && isHTMLSpace(s[j]) {
			j++
		}
		if j >= len(s) || s[j] != '>' {
			return "", fmt.Errorf("Unclosed end tag at byte offset %d", begin)
		}
		top := stack[len(stack)-1]
		if name != "" && name != top.name {
			return "", fmt.Errorf("Unmatched end tag at byte offset %d, expected \"</%s>\", found \"</%s>\"", begin, top.name, name)
		}
		stack = stack[:len(stack)-1]
		i = j + 1
	}
	if len(stack) > 0 {
		return "", fmt.Errorf("Can't find end tag corresponding to start tag \"%s\"", stack[len(stack)-1].name)
	}
	return out.String(), nil
}

// startTag reads the start tag at s[begin] ('<') with its attributes and
// returns its name and the index after its '>'.
func startTag(s string, begin int) (name string, next int, err error) {
	i := begin + 1
	for i < len(s) && !isHTMLSpace(s[i]) && s[i] != '>' {
		i++
	}
	if i >= len(s) {
		return "", 0, fmt.Errorf("Unclosed start tag at byte offset %d", begin)
	}
	name = strings.ToLower(s[begin+1 : i])
	if !htmlTags[name] {
		return "", 0, fmt.Errorf("Unsupported start tag \"%s\" at byte offset %d", name, begin)
	}
	var spanClass, emojiID string
	for i < len(s) && s[i] != '>' {
		for i < len(s) && isHTMLSpace(s[i]) {
			i++
		}
		if i < len(s) && s[i] == '>' {
			break
		}
		attrBegin := i
		for i < len(s) && !isHTMLSpace(s[i]) && s[i] != '=' && s[i] != '>' {
			i++
		}
		attr := strings.ToLower(s[attrBegin:i])
		if attr == "" {
			return "", 0, fmt.Errorf("Empty attribute name in the tag \"%s\" at byte offset %d", name, begin)
		}
		for i < len(s) && isHTMLSpace(s[i]) {
			i++
		}
		if i >= len(s) || s[i] != '=' {
			if name == "blockquote" && attr == "expandable" {
				continue
			}
			if i >= len(s) {
				return "", 0, fmt.Errorf("Unclosed start tag \"%s\" at byte offset %d", name, begin)
			}
			return "", 0, fmt.Errorf("Expected equal sign in declaration of an attribute of the tag \"%s\" at byte offset %d", name, begin)
		}
		i++
		for i < len(s) && isHTMLSpace(s[i]) {
			i++
		}
		if i >= len(s) {
			return "", 0, fmt.Errorf("Unclosed start tag \"%s\" at byte offset %d", name, begin)
		}
		var value string
		if q := s[i]; q == '"' || q == '\'' {
			i++
			var v strings.Builder
			for i < len(s) && s[i] != q {
				if r, n := htmlEntity(s[i:]); n > 0 {
					v.WriteRune(r)
					i += n
					continue
				}
				v.WriteByte(s[i])
				i++
			}
			if i < len(s) {
				i++
			}
			value = v.String()
		} else {
			token := i
			for i < len(s) && isNameByte(s[i]) {
				i++
			}
			value = strings.ToLower(s[token:i])
			if i >= len(s) || !isHTMLSpace(s[i]) && s[i] != '>' {
				return "", 0, fmt.Errorf("Unexpected end of name token at byte offset %d", token)
			}
		}
		if i >= len(s) {
			return "", 0, fmt.Errorf("Unclosed start tag at byte offset %d", begin)
		}
		switch {
		case name == "span" && attr == "class":
			spanClass = value
		case name == "tg-emoji" && attr == "emoji-id":
			emojiID = value
		}
	}
	if i >= len(s) {
		return "", 0, fmt.Errorf("Unclosed start tag \"%s\" at byte offset %d", name, begin)
	}
	switch {
	case name == "span" && spanClass != "tg-spoiler":
		return "", 0, fmt.Errorf("Tag \"span\" must have class \"tg-spoiler\" at byte offset %d", begin)
	case name == "tg-emoji":
		if _, err := strconv.ParseInt(emojiID, 10, 64); err != nil {
			return "", 0, errors.New("Invalid custom emoji identifier specified")
		}
	}
	return name, i + 1, nil
}

// htmlEntity decodes the entity s starts with ("&lt;", "&#36;", "&#x24;",
// the ';' optional) and reports its length; n is 0 when s does not start
// with one Telegram knows, and the '&' is then plain text.
func htmlEntity(s string) (r rune, n int) {
	if len(s) < 2 || s[0] != '&' {
		return 0, 0
	}
	end := 1
	if s[1] == '#' {
		end = 2
		base := 10
		if end < len(s) && s[end] == 'x' {
			base, end = 16, end+1
		}
		start := end
		for end < len(s) && digitValue(s[end], base) >= 0 {
			r = r*rune(base) + rune(digitValue(s[end], base))
			end++
			if r >= 0x10ffff {
				return 0, 0
			}
		}
		if end == start || r == 0 || end > 10 {
			return 0, 0
		}
	} else {
		for end < len(s) && (s[end] >= 'a' && s[end] <= 'z' || s[end] >= 'A' && s[end] <= 'Z') {
			end++
		}
		switch s[1:end] {
		case "lt":
			r = '<'
		case "gt":
			r = '>'
		case "amp":
			r = '&'
		case "quot":
			r = '"'
		default:
			return 0, 0
		}
	}
	if end < len(s) && s[end] == ';' {
		end++
	}
	return r, end
}

func digitValue(c byte, base int) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case base == 16 && c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case base == 16 && c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

func isHTMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-'
}
