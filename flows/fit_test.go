package flows_test

import (
	"fmt"
	"strings"
	"testing"

	"openkarir/flows"
	"openkarir/telegramtest"
)

// Each part of a split must be a message Telegram takes: within the limit
// as Telegram counts it, and HTML that parses on its own.
func TestSplitTextPartsParseAndFit(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		limit      int
	}{
		{"Lines", strings.Repeat("• <b>BAPPEDA</b>: 12/40 &amp; bot 3\n", 400), flows.MaxMessage},
		{"TagAcrossLines", "<b>" + strings.Repeat("baris tebal\n", 600) + "</b>", flows.MaxMessage},
		{"OneLongLine", "<i>" + strings.Repeat("kata &lt;x&gt; ", 1500) + "</i>", flows.MaxMessage},
		{"Emoji", strings.Repeat("😀", 5000), flows.MaxMessage},
		{"Caption", strings.Repeat("Rekap <code>OPD</code>\n", 200), flows.MaxCaption},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parts := flows.SplitText(tc.text, tc.limit)
			if len(parts) < 2 {
				t.Fatalf("%d parts", len(parts))
			}
			var visible strings.Builder
			for i, p := range parts {
				plain, err := telegramtest.ParseHTML(p)
				if err != nil {
					t.Fatalf("part %d does not parse: %v\n%.200q", i, err, p)
				}
				if n := telegramtest.UTF16Length(plain); n > tc.limit || n == 0 {
					t.Errorf("part %d has %d characters", i, n)
				}
				if n := flows.TextLength(p); n != telegramtest.UTF16Length(plain) {
					t.Errorf("TextLength %d, Telegram counts %d", n, telegramtest.UTF16Length(plain))
				}
				visible.WriteString(plain)
			}
			whole, _ := telegramtest.ParseHTML(tc.text)
			if visible.String() != whole {
				t.Error("the parts do not add up to the text")
			}
		})
	}
}

func TestSplitTextShortIsWhole(t *testing.T) {
	s := "<b>" + strings.Repeat("a", 4096) + "</b>"
	if parts := flows.SplitText(s, flows.MaxMessage); len(parts) != 1 || parts[0] != s {
		t.Errorf("%d parts", len(parts))
	}
}

// BenchmarkSplitText: a 1 MB field (issue 24: 258 messages, quadratic) is
// now one pass; ns/op grows with the length, not its square.
func BenchmarkSplitText(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		s := strings.Repeat("x", n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for range b.N {
				flows.SplitText(s, flows.MaxMessage)
			}
		})
	}
}
