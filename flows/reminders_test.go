package flows_test

import (
	"slices"
	"testing"
	"time"

	"openkarir/flows"
)

func TestParseReminderPlan(t *testing.T) {
	for _, tc := range []struct {
		name, days, hours  string
		wantDays           []int
		wantStart, wantEnd time.Duration
		wantErr            bool
	}{
		{name: "Defaults", wantDays: []int{7, 3, 1, 0}, wantStart: 7 * time.Hour, wantEnd: 20 * time.Hour},
		{name: "OK", days: "14, 7,0", hours: "08:30-16:45", wantDays: []int{14, 7, 0}, wantStart: 8*time.Hour + 30*time.Minute, wantEnd: 16*time.Hour + 45*time.Minute},
		{name: "UntilMidnight", hours: "06:00-24:00", wantDays: []int{7, 3, 1, 0}, wantStart: 6 * time.Hour, wantEnd: 24 * time.Hour},
		{name: "ErrDayNotANumber", days: "7,tiga", wantErr: true},
		{name: "ErrDayTrailingText", days: "7x", wantErr: true},
		{name: "ErrDayNegative", days: "-1", wantErr: true},
		{name: "ErrHoursNoDash", hours: "07:00", wantErr: true},
		{name: "ErrHoursBackwards", hours: "20:00-07:00", wantErr: true},
		{name: "ErrHoursEmptySpan", hours: "08:00-08:00", wantErr: true},
		{name: "ErrMinutes60", hours: "07:60-20:00", wantErr: true},
		{name: "ErrPast24", hours: "07:00-24:30", wantErr: true},
		{name: "ErrOneDigitMinute", hours: "7:0-20:00", wantErr: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := flows.ParseReminderPlan(tc.days, tc.hours)
			if tc.wantErr {
				if err == nil {
					t.Fatalf("ParseReminderPlan(%q, %q) = %+v, want an error", tc.days, tc.hours, p)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(p.DaysBefore, tc.wantDays) || p.WorkStart != tc.wantStart || p.WorkEnd != tc.wantEnd {
				t.Errorf("ParseReminderPlan(%q, %q) = %+v", tc.days, tc.hours, p)
			}
		})
	}
}

func TestInWorkHoursHonoursMinutes(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	p, err := flows.ParseReminderPlan("", "07:30-16:15")
	if err != nil {
		t.Fatal(err)
	}
	for clock, want := range map[string]bool{"07:29": false, "07:30": true, "12:00": true, "16:14": true, "16:15": false, "23:00": false} {
		at, _ := time.ParseInLocation("2006-01-02 15:04", "2026-11-24 "+clock, wib)
		if got := p.InWorkHours(at, wib); got != want {
			t.Errorf("InWorkHours(%s) = %v, want %v", clock, got, want)
		}
	}
	// The zone is the bot's: 01:00 UTC is 08:00 WIB.
	if !p.InWorkHours(time.Date(2026, 11, 24, 1, 0, 0, 0, time.UTC), wib) {
		t.Error("01:00 UTC (08:00 WIB) should be within 07:30-16:15 WIB")
	}
}
