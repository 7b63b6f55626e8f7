package flows

import (
	"strconv"
	"strings"
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
