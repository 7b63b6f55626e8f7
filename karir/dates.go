package karir

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// ErrDateForm is a date typed in none of the forms ParseDay accepts, or a
// day that does not exist (31 April); DateForms lists what is accepted.
var ErrDateForm = errors.New("date not in an accepted form")

// DateForms says, for a user, how a day may be typed. The forms are the
// programme's choice of what people type, not a rule of any regulation.
const DateForms = "2027-01-20, 20-01-2027, 20/01/2027 atau 20 Januari 2027"

// MonthForms says, for a user, how a month may be typed.
const MonthForms = "2027-01, 01-2027, 01/2027 atau Januari 2027"

// ParseDay reads a day as people type it: 2027-01-20, 20-01-2027,
// 20/01/2027, 20.01.2027, "20 Januari 2027" (month names in Indonesian or
// English, full or the first three letters, any case). The day is
// midnight in loc. A day that does not exist is ErrDateForm, never rolled
// over into the next month.
func ParseDay(s string, loc *time.Location) (time.Time, error) {
	f := dateFields(s)
	var y, m, d int
	var ok bool
	switch {
	case len(f) == 3 && len(f[0]) == 4: // 2027-01-20
		y, ok = number(f[0])
		m, ok = monthOf(f[1], ok)
		d, ok = dayOf(f[2], ok)
	case len(f) == 3: // 20-01-2027, 20 Januari 2027
		d, ok = number(f[0])
		m, ok = monthOf(f[1], ok)
		y, ok = yearOf(f[2], ok)
	}
	if !ok {
		return time.Time{}, ErrDateForm
	}
	return validDate(y, m, d, loc)
}

// ParseMonth reads a month: 2027-01, 01-2027, 01/2027, "Januari 2027".
// The result is the first day of the month, midnight in loc.
func ParseMonth(s string, loc *time.Location) (time.Time, error) {
	f := dateFields(s)
	if len(f) != 2 {
		return time.Time{}, ErrDateForm
	}
	yi, mi := 1, 0
	if len(f[0]) == 4 {
		yi, mi = 0, 1
	}
	y, ok := yearOf(f[yi], true)
	m, ok := monthOf(f[mi], ok)
	if !ok {
		return time.Time{}, ErrDateForm
	}
	return validDate(y, m, 1, loc)
}

// dateFields splits on the separators people use between the parts.
func dateFields(s string) []string {
	return strings.FieldsFunc(strings.TrimSpace(s), func(r rune) bool {
		return r == '-' || r == '/' || r == '.' || r == ' ' || r == ','
	})
}

func number(s string) (int, bool) {
	if s == "" || len(s) > 4 {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 0
}

func dayOf(s string, ok bool) (int, bool) {
	d, ok2 := number(s)
	return d, ok && ok2 && len(s) <= 2
}

// yearOf takes four digits only: "27" could be 1927 or 2027.
func yearOf(s string, ok bool) (int, bool) {
	y, ok2 := number(s)
	return y, ok && ok2 && len(s) == 4
}

// monthOf reads 1, 01, "Januari", "jan", "January".
func monthOf(s string, ok bool) (int, bool) {
	if !ok {
		return 0, false
	}
	if m, isNum := number(s); isNum && len(s) <= 2 {
		return m, m >= 1 && m <= 12
	}
	name := strings.ToLower(s)
	if len(name) < 3 {
		return 0, false
	}
	for i, id := range monthsID {
		en := strings.ToLower(time.Month(i + 1).String())
		id = strings.ToLower(id)
		if strings.HasPrefix(id, name) || strings.HasPrefix(en, name) {
			return i + 1, true
		}
	}
	// "Agt", "Okt", "Des": the Indonesian short forms that differ.
	switch name {
	case "agt":
		return 8, true
	case "okt":
		return 10, true
	case "des":
		return 12, true
	}
	return 0, false
}

// validDate builds the date, refusing one time.Date would normalise
// (31 April becomes 1 May).
func validDate(y, m, d int, loc *time.Location) (time.Time, error) {
	if y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 {
		return time.Time{}, ErrDateForm
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, loc)
	if t.Day() != d || int(t.Month()) != m {
		return time.Time{}, ErrDateForm
	}
	return t, nil
}
