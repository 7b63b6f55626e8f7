package karir_test

import (
	"errors"
	"testing"
	"time"

	"openkarir/karir"
)

func TestParseDay(t *testing.T) {
	loc := time.FixedZone("WIB", 7*3600)
	want := time.Date(2027, 1, 20, 0, 0, 0, 0, loc)
	for _, in := range []string{
		"2027-01-20", "20-01-2027", "20/01/2027", "20.01.2027", "20 Januari 2027",
		"20 januari 2027", "20 Jan 2027", "20 January 2027", " 20  JANUARI  2027 ", "2027-1-20", "20-1-2027",
	} {
		got, err := karir.ParseDay(in, loc)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseDay(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for in, w := range map[string]time.Time{
		"29 Februari 2028": time.Date(2028, 2, 29, 0, 0, 0, 0, loc),
		"1 Agt 2027":       time.Date(2027, 8, 1, 0, 0, 0, 0, loc),
		"31 Des 2027":      time.Date(2027, 12, 31, 0, 0, 0, 0, loc),
		"5 Mei 2027":       time.Date(2027, 5, 5, 0, 0, 0, 0, loc),
		"5 Okt 2027":       time.Date(2027, 10, 5, 0, 0, 0, 0, loc),
	} {
		got, err := karir.ParseDay(in, loc)
		if err != nil || !got.Equal(w) {
			t.Errorf("ParseDay(%q) = %v, %v; want %v", in, got, err, w)
		}
	}
	for _, in := range []string{
		"", "besok", "2027-02-30", "31 April 2027", "29-02-2027", "2027-13-01", "00-01-2027",
		"20-01-27", "20 Jx 2027", "2027-01", "Januari 2027", "20 Januari", "2027/01/20/1", "120-01-2027",
	} {
		if got, err := karir.ParseDay(in, loc); !errors.Is(err, karir.ErrDateForm) {
			t.Errorf("ParseDay(%q) = %v, %v; want ErrDateForm", in, got, err)
		}
	}
}

func TestParseMonth(t *testing.T) {
	loc := time.FixedZone("WIB", 7*3600)
	want := time.Date(2027, 1, 1, 0, 0, 0, 0, loc)
	for _, in := range []string{"2027-01", "01-2027", "01/2027", "1/2027", "Januari 2027", "jan 2027", "2027 Januari"} {
		got, err := karir.ParseMonth(in, loc)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseMonth(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "2027-13", "13-2027", "Januari", "2027-01-20", "Jx 2027", "01-27"} {
		if got, err := karir.ParseMonth(in, loc); !errors.Is(err, karir.ErrDateForm) {
			t.Errorf("ParseMonth(%q) = %v, %v; want ErrDateForm", in, got, err)
		}
	}
}
