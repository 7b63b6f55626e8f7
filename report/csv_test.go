package report_test

import (
	"testing"

	"openkarir/report"
)

func TestSafeCSVCell(t *testing.T) {
	for in, want := range map[string]string{
		"":                 "",
		"Budi":             "Budi",
		"=1+1":             "'=1+1",
		"+62812":           "'+62812",
		"-5":               "'-5",
		"@SUM(A1)":         "'@SUM(A1)",
		"\tx":              "'\tx",
		"\rx":              "'\rx",
		"a=b":              "a=b",
		"'=already quoted": "'=already quoted",
	} {
		if got := report.SafeCSVCell(in); got != want {
			t.Errorf("SafeCSVCell(%q) = %q, want %q", in, got, want)
		}
	}
}
