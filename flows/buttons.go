package flows

import (
	"strconv"
	"strings"

	"openkarir/karir"
)

// Button data, one format for every command group: "x:", the command the
// button belongs to, then the button's fields, all joined by ":". A group
// writes its buttons with ButtonData and reads them back as Fields; the
// router checks the whole on the way back (our prefix, a known command,
// Telegram's 64 bytes), so no group parses raw callback data.
const (
	buttonPrefix = "x:"
	buttonSep    = ":"
	// maxCallbackData is Telegram's limit on callback data, in bytes.
	maxCallbackData = 64
)

// ButtonData is the callback data of a button of command: its fields in
// order. Only the last field may contain ":" (it is read with Fields.Rest);
// the whole must stay within Telegram's 64 bytes, which the tests check of
// every button they see.
func ButtonData(command string, fields ...string) string {
	return buttonPrefix + command + buttonSep + strings.Join(fields, buttonSep)
}

// Fields are the fields of a pressed button, as ButtonData wrote them.
type Fields []string

// parseButton reads callback data back: the command and the fields. ok is
// false for data that is not in our format or passes Telegram's limit (it
// was not written by ButtonData).
func parseButton(data string) (command string, f Fields, ok bool) {
	rest, found := strings.CutPrefix(data, buttonPrefix)
	if !found || len(data) > maxCallbackData {
		return "", nil, false
	}
	command, rest, _ = strings.Cut(rest, buttonSep)
	if command == "" {
		return "", nil, false
	}
	return command, strings.Split(rest, buttonSep), true
}

// Kind is the first field, which most groups use to say what the button does.
func (f Fields) Kind() string { return f.At(0) }

// At is the i-th field, or "" when there are fewer.
func (f Fields) At(i int) string {
	if i < 0 || i >= len(f) {
		return ""
	}
	return f[i]
}

// Int is the i-th field as a number; ok is false when it is missing or not one.
func (f Fields) Int(i int) (n int, ok bool) {
	n, err := strconv.Atoi(f.At(i))
	return n, err == nil
}

// Rest is the fields from the i-th on, joined back: free text such as a
// search, which may contain ":".
func (f Fields) Rest(i int) string {
	if i >= len(f) {
		return ""
	}
	return strings.Join(f[i:], buttonSep)
}

// Len is the number of fields.
func (f Fields) Len() int { return len(f) }

// phoneButtonWidth is how many characters a full-width inline button
// shows on a phone (about 360 dp wide) before Telegram cuts the label
// with "…" (the issue's screenshots cut at 37: "Badan Kepegawaian dan
// Pengembangan Su…"); a row of n buttons shares it. An emoji takes two.
const phoneButtonWidth = 38

// FitsButton reports whether a label shows whole on a phone, in a row of
// perRow buttons. Longer details belong in the message, not the button.
func FitsButton(label string, perRow int) bool {
	return labelWidth(label) <= phoneButtonWidth/max(1, perRow)
}

// labelWidth counts a label's width in characters, an emoji as two.
func labelWidth(label string) int {
	w := 0
	for _, r := range label {
		switch {
		case r == '\ufe0f' || r == '\u200d': // variation selector, joiner: no width
		case r >= 0x2190: // arrows, symbols, emoji
			w += 2
		default:
			w++
		}
	}
	return w
}

// fitRows lays a keyboard out for a phone: a row whose labels do not all
// fit side by side becomes one row per button.
func fitRows(rows [][]karir.Button) [][]karir.Button {
	var out [][]karir.Button
	for _, row := range rows {
		fits := true
		for _, b := range row {
			fits = fits && FitsButton(b.Text, len(row))
		}
		if fits || len(row) == 1 {
			out = append(out, row)
			continue
		}
		for _, b := range row {
			out = append(out, []karir.Button{b})
		}
	}
	return out
}

// clipLabel cuts the name in a label of prefix + name + suffix at a word,
// with "…", so the label shows whole on a full-width button; the message
// carries the whole name.
func clipLabel(prefix, name, suffix string) string {
	room := phoneButtonWidth - labelWidth(prefix) - labelWidth(suffix)
	if labelWidth(name) <= room {
		return prefix + name + suffix
	}
	words := strings.Fields(name)
	cut := ""
	for _, w := range words {
		next := strings.TrimSpace(cut + " " + w)
		if labelWidth(next)+1 > room {
			break
		}
		cut = next
	}
	if cut == "" {
		cut = string([]rune(name)[:max(1, room-1)])
	}
	return prefix + strings.TrimRight(cut, ",;:-(") + "…" + suffix
}
