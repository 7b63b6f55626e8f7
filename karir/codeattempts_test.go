package karir_test

import (
	"strings"
	"testing"
	"time"

	"openkarir/karir"
)

func TestMayBeActivationCode(t *testing.T) {
	for s, want := range map[string]bool{
		"K7P2XQ": true, "k7p2xq": true, "12": true, "kode saya K7P2XQ": true, "x": true,
		"👍": false, "🙏🙏": false, "?": false, "...": false, "": false,
		strings.Repeat("A", 65): false, // longer than any code
	} {
		if got := karir.MayBeActivationCode(s); got != want {
			t.Errorf("MayBeActivationCode(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestCodeAttemptsWindow(t *testing.T) {
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	var a karir.CodeAttempts
	for i := range karir.MaxNIPCodeFailures {
		if !a.ClosedUntil(now).IsZero() {
			t.Fatalf("closed after %d wrong codes", i)
		}
		a.Fail(now.Add(time.Duration(i) * time.Minute))
	}
	if until := a.ClosedUntil(now.Add(time.Hour)); !until.Equal(now.Add(karir.NIPCodeWindow)) {
		t.Errorf("closed until %v, want the window's end", until)
	}
	if !a.ClosedUntil(now.Add(karir.NIPCodeWindow)).IsZero() {
		t.Error("still closed when the window is over")
	}
	a.Fail(now.Add(karir.NIPCodeWindow))
	if a.Failures != 1 {
		t.Errorf("a new window starts with %d failures", a.Failures)
	}
}
