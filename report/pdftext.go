package report

import "strings"

// pdfLatin writes the typographic characters above U+00FF that the
// documents and their users' own text carry (an ellipsis, dashes, curly
// quotes from a phone's keyboard, an arrow, ≥ and ≤, a bullet) with
// their Latin-1 or ASCII look-alikes, for the PDFs only.
//
// Why: fpdf embeds each UTF-8 font with a ToUnicode CMap of a single
// range, <0000> <FFFF> <0000>. ISO 32000-1 9.10.3 lets a bfrange vary
// only its last byte, so a reader that follows it (github.com/ledongthuc/pdf,
// our tests' reader, among others) maps U+2026 "…" back to "&" and "–" to
// a control character: the page looks right, but copied or searched text
// is wrong. Everything up to U+00FF (é, ·, «») reads back right in every
// reader, poppler's pdftotext included.
func pdfLatin(s string) string { return latinReplacer.Replace(s) }

var latinReplacer = strings.NewReplacer(
	"…", "...",
	"–", "-", "—", "-", "‒", "-", "−", "-",
	"‘", "'", "’", "'", "‚", "'", "“", `"`, "”", `"`, "„", `"`,
	"→", "->", "←", "<-", "≥", ">=", "≤", "<=", "≠", "!=",
	"•", "·",
	"\u2009", " ", "\u202f", "\u00a0", "\u200b", "",
)
