package karir

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Round is one period of the programme: its id and the last day to file.
// Admins own it: they open a round, set and move its deadline; the zero
// Round means none was opened yet.
type Round struct {
	ID string
	// Closes is the first instant after the form deadline (the deadline day's
	// midnight in the bot's time zone); filing is allowed before it.
	Closes time.Time
}

// Opened reports whether there is a round at all (the zero Round: filing
// has not opened yet).
func (r Round) Opened() bool { return r.ID != "" }

// LastDay is an instant on the last day to file.
func (r Round) LastDay() time.Time { return r.Closes.Add(-time.Nanosecond) }

// IsOpen reports whether forms may still be filed at now.
func (r Round) IsOpen(now time.Time) bool { return r.Opened() && now.Before(r.Closes) }

// RoundRecord is a round as stored: the programme's period.
type RoundRecord struct {
	ID string `bson:"_id"`
	// Opens records when the round was opened; Closes is the first instant
	// after the last day to file (midnight in the bot's zone).
	Opens     time.Time `bson:"opens"`
	Closes    time.Time `bson:"closes"`
	UpdatedAt time.Time `bson:"updated_at"`
}

// Round is the record as the flows use it.
func (r RoundRecord) Round() Round { return Round{ID: r.ID, Closes: r.Closes} }

// ClosesAfter is the Closes of a round whose last day to file is lastDay
// (a date in loc): the next midnight there.
func ClosesAfter(lastDay time.Time, loc *time.Location) time.Time {
	d := lastDay.In(loc)
	return time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, loc)
}

// CurrentRound is the round opened last among rounds, or false when there
// is none. Earlier rounds stay readable; only the current one takes forms.
func CurrentRound(rounds []RoundRecord) (RoundRecord, bool) {
	if len(rounds) == 0 {
		return RoundRecord{}, false
	}
	return slices.MaxFunc(rounds, func(a, b RoundRecord) int {
		if c := a.Opens.Compare(b.Opens); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	}), true
}

// NextRoundID names a new round closing on lastDay: "<year>-<n>", n one
// more than the rounds already named for that year.
func NextRoundID(rounds []RoundRecord, lastDay time.Time) string {
	year := lastDay.Year()
	for n := 1; ; n++ {
		id := fmt.Sprintf("%d-%d", year, n)
		if !slices.ContainsFunc(rounds, func(r RoundRecord) bool { return r.ID == id }) {
			return id
		}
	}
}

// RoundStore keeps the rounds.
type RoundStore interface {
	// Round returns ErrNotFound for an unknown id.
	Round(ctx context.Context, id string) (*RoundRecord, error)
	// ListRounds returns every round, in the order they were opened.
	ListRounds(ctx context.Context) ([]RoundRecord, error)
	// SaveRound stores the round (insert or replace).
	SaveRound(ctx context.Context, r RoundRecord) error
	// CreateRound stores the round only if there is none with its id yet,
	// and reports whether it did (of two at once, exactly one does).
	CreateRound(ctx context.Context, r RoundRecord) (bool, error)
}
