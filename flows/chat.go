package flows

import (
	"crypto/rand"
	"fmt"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"openkarir/karir"
)

// esc escapes user-supplied text for Telegram HTML. It shows text as it
// reads: without the invisible and bidi control characters CleanText drops
// (roster text, or text stored before input was cleaned).
func esc(s string) string { return html.EscapeString(karir.CleanText(s)) }

// maxShownName caps a name, post or agency as a message shows it: the
// roster import caps them too, but one 5,000-character cell must not take a
// binding reply or a /belum page past Telegram's limit.
const maxShownName = 150

// escName is esc for a name, post or agency, cut to maxShownName.
func escName(s string) string { return esc(karir.ClipText(karir.CleanText(s), maxShownName)) }

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
