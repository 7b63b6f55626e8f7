package karir

import (
	"fmt"
	"time"
)

// monthsID are the Indonesian month names; they and the zone names below
// (WIB, WITA, WIT) are the country's everyday usage, no rule of the Open
// Karir programme or its regulations.
var monthsID = [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
	"Agustus", "September", "Oktober", "November", "Desember"}

// FormatDate writes a date the Indonesian way: "24 November 2026".
func FormatDate(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	return fmt.Sprintf("%d %s %d", t.Day(), monthsID[t.Month()-1], t.Year())
}

// FormatDateTime writes "24 November 2026 pukul 14.05 WIB".
func FormatDateTime(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	return fmt.Sprintf("%s pukul %02d.%02d %s", FormatDate(t, loc), t.Hour(), t.Minute(), ZoneName(loc, t))
}

// ZoneName names Indonesia's three zones as people say them (WIB, WITA, WIT).
func ZoneName(loc *time.Location, t time.Time) string {
	switch loc.String() {
	case "Asia/Jakarta", "Asia/Pontianak":
		return "WIB"
	case "Asia/Makassar":
		return "WITA"
	case "Asia/Jayapura":
		return "WIT"
	}
	name, _ := t.In(loc).Zone()
	return name
}

// DaysUntil counts calendar days in loc from now's date to the date of t
// (negative when t's date has passed).
func DaysUntil(now, t time.Time, loc *time.Location) int {
	a := now.In(loc)
	b := t.In(loc)
	da := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	db := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Hours() / 24)
}

// Countdown says how far a deadline day is: "sisa 12 hari", "hari ini",
// "lewat 3 hari".
func Countdown(now, deadlineDay time.Time, loc *time.Location) string {
	switch d := DaysUntil(now, deadlineDay, loc); {
	case d > 0:
		return fmt.Sprintf("sisa %d hari", d)
	case d == 0:
		return "hari ini hari terakhir"
	default:
		return fmt.Sprintf("lewat %d hari", -d)
	}
}
