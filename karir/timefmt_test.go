package karir_test

import (
	"testing"
	"time"

	"openkarir/karir"
)

func TestDaysUntil(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	at := func(y int, m time.Month, d, h, min int, loc *time.Location) time.Time {
		return time.Date(y, m, d, h, min, 0, 0, loc)
	}
	for _, tc := range []struct {
		name     string
		now, day time.Time
		want     int
	}{
		{"SameDay", at(2026, 11, 24, 9, 0, wib), at(2026, 11, 24, 23, 59, wib), 0},
		{"Tomorrow", at(2026, 11, 24, 23, 59, wib), at(2026, 11, 25, 0, 1, wib), 1},
		{"Yesterday", at(2026, 11, 24, 0, 1, wib), at(2026, 11, 23, 23, 59, wib), -1},
		{"AcrossMonths", at(2026, 11, 24, 9, 0, wib), at(2026, 12, 31, 9, 0, wib), 37},
		{"AcrossYears", at(2026, 12, 31, 9, 0, wib), at(2027, 1, 1, 9, 0, wib), 1},
		// 20:00 UTC on the 24th is already the 25th in WIB: days count in the
		// bot's zone, not in the zone a time was stored in.
		{"StoredInUTC", at(2026, 11, 24, 20, 0, time.UTC), at(2026, 11, 25, 9, 0, wib), 0},
		{"DeadlineInUTC", at(2026, 11, 25, 6, 0, wib), at(2026, 11, 24, 18, 0, time.UTC), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := karir.DaysUntil(tc.now, tc.day, wib); got != tc.want {
				t.Errorf("DaysUntil(%v, %v) = %d, want %d", tc.now, tc.day, got, tc.want)
			}
		})
	}
}

func TestCountdownAndFormat(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, wib)
	for days, want := range map[int]string{12: "sisa 12 hari", 0: "hari ini hari terakhir", -3: "lewat 3 hari"} {
		if got := karir.Countdown(now, now.AddDate(0, 0, days), wib); got != want {
			t.Errorf("Countdown(%+d days) = %q, want %q", days, got, want)
		}
	}
	if got := karir.FormatDate(time.Date(2026, 11, 30, 20, 0, 0, 0, time.UTC), wib); got != "1 Desember 2026" {
		t.Errorf("FormatDate = %q, want the date in the bot's zone", got)
	}
}
