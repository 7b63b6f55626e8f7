package flows

import (
	"crypto/rand"
	"fmt"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// esc escapes user-supplied text for Telegram HTML.
func esc(s string) string { return html.EscapeString(s) }

func pageCount(n, size int) int { return max(1, (n+size-1)/size) }

func pageOf[T any](items []T, page, size int) []T {
	start := min(page*size, len(items))
	return items[start:min(start+size, len(items))]
}

func clamp(v, lo, hi int) int { return max(lo, min(v, hi)) }

// newRef makes a short reference number users can read out on the phone:
// no 0/O or 1/I to confuse.
func newRef() (string, error) {
	const alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
	buf := make([]byte, 6)
	if _, err := randRead(buf); err != nil {
		return "", fmt.Errorf("make reference: %w", err)
	}
	for i := range buf {
		buf[i] = alphabet[int(buf[i])%len(alphabet)]
	}
	return "OK-" + string(buf), nil
}

// randRead fills b with random bytes.
func randRead(b []byte) (int, error) { return rand.Read(b) }

// checkLength validates a free-text answer's length in characters.
func checkLength(s string, lo, hi int) string {
	n := utf8.RuneCountInString(s)
	switch {
	case n < lo:
		return fmt.Sprintf(txtTooShort, n, lo)
	case n > hi:
		return fmt.Sprintf(txtTooLong, n, hi)
	}
	return ""
}

func hasDigit(s string) bool { return strings.IndexFunc(s, unicode.IsDigit) >= 0 }

func digits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// MaxMessage is Telegram's limit on a message's text.
const MaxMessage = 4096

// SplitText cuts a long text into messages within Telegram's limit, at line
// ends (a single over-long line is cut at the limit).
func SplitText(s string, limit int) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.SplitAfter(s, "\n") {
		for len([]rune(line)) > limit {
			r := []rune(line)
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
			out = append(out, string(r[:limit]))
			line = string(r[limit:])
		}
		if len([]rune(cur.String()))+len([]rune(line)) > limit {
			out = append(out, cur.String())
			cur.Reset()
		}
		cur.WriteString(line)
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}
