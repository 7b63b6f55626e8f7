package bot

import (
	"strings"
	"testing"
	"unicode/utf8"

	"openkarir/flows"
	"openkarir/karir"
	"openkarir/telegramtest"
)

// fit is the last word before Telegram: every part it makes must be one
// Telegram takes (checked with the strict fake's own parser and counts).
func TestFit(t *testing.T) {
	buttons := [][]karir.Button{{{Text: "OK", Data: "x:ok"}}}
	takes := func(t *testing.T, r karir.Reply, limit int) {
		t.Helper()
		if !utf8.ValidString(r.Text) {
			t.Errorf("not UTF-8: %q", r.Text)
		}
		plain, err := telegramtest.ParseHTML(r.Text)
		if err != nil {
			t.Errorf("does not parse: %v", err)
		}
		if n := telegramtest.UTF16Length(strings.TrimSpace(plain)); n > limit {
			t.Errorf("%d characters, limit %d", n, limit)
		}
	}
	t.Run("LongTextSplitButtonsLast", func(t *testing.T) {
		r := karir.Reply{Text: strings.Repeat("<b>baris</b> &amp; 😀\n", 600), Buttons: buttons, EditMessageID: 7}
		parts := fit(r)
		if len(parts) < 2 {
			t.Fatalf("%d parts", len(parts))
		}
		for i, p := range parts {
			takes(t, p, flows.MaxMessage)
			if p.EditMessageID != 0 {
				t.Errorf("part %d edits a message", i)
			}
			if (len(p.Buttons) > 0) != (i == len(parts)-1) {
				t.Errorf("part %d has %d button rows", i, len(p.Buttons))
			}
		}
	})
	t.Run("LongCaptionGoesAhead", func(t *testing.T) {
		r := karir.Reply{Text: strings.Repeat("Rekap OPD\n", 200), Document: &karir.File{Name: "a.csv", Data: []byte("x")}}
		parts := fit(r)
		last := parts[len(parts)-1]
		if len(parts) < 2 || last.Document == nil || last.Text != "" {
			t.Fatalf("%d parts, last %+v", len(parts), last)
		}
		for _, p := range parts[:len(parts)-1] {
			takes(t, p, flows.MaxMessage)
		}
	})
	t.Run("NotUTF8", func(t *testing.T) {
		r := fit(karir.Reply{Text: "Ma\x92ruf", Buttons: [][]karir.Button{{{Text: "O\x92B", Data: "x"}}}})
		if len(r) != 1 || r[0].Text != "Ma\uFFFDruf" || r[0].Buttons[0][0].Text != "O\uFFFDB" {
			t.Errorf("%+v", r)
		}
	})
	t.Run("ButtonsOfTheCaller", func(t *testing.T) {
		clean := [][]karir.Button{{{Text: "Ya", Data: "y"}}, {{Text: "Tidak", Data: "n"}}}
		if got := fit(karir.Reply{Text: "x", Buttons: clean}); &got[0].Buttons[0][0] != &clean[0][0] {
			t.Errorf("copied clean labels")
		}
		dirty := [][]karir.Button{{{Text: "Ya", Data: "y"}}, {{Text: "O\x92B", Data: "o"}, {Text: "Ok", Data: "k"}}}
		got := fit(karir.Reply{Text: "x", Buttons: dirty})
		if dirty[1][0].Text != "O\x92B" || got[0].Buttons[1][0].Text != "O\uFFFDB" || got[0].Buttons[1][1] != dirty[1][1] || got[0].Buttons[0][0] != dirty[0][0] {
			t.Errorf("caller's %+v, sent %+v", dirty, got[0].Buttons)
		}
	})
	t.Run("FitsAlready", func(t *testing.T) {
		r := karir.Reply{Text: "<b>" + strings.Repeat("a", 4096) + "</b>", EditMessageID: 3}
		if got := fit(r); len(got) != 1 || got[0].Text != r.Text || got[0].EditMessageID != 3 {
			t.Errorf("changed a reply that fits")
		}
	})
}
