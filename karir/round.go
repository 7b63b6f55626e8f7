package karir

import (
	"context"
	"time"
)

// Round is the programme's current period: its id and the last day to file.
type Round struct {
	ID string
	// Closes is the first instant after the form deadline (the deadline day's
	// midnight in the bot's time zone); filing is allowed before it.
	Closes time.Time
}

// LastDay is an instant on the last day to file.
func (r Round) LastDay() time.Time { return r.Closes.Add(-time.Nanosecond) }

// IsOpen reports whether forms may still be filed at now.
func (r Round) IsOpen(now time.Time) bool { return now.Before(r.Closes) }

// RoundRecord is a round as stored: the programme's period.
type RoundRecord struct {
	ID string `bson:"_id"`
	// Opens records when the round was opened; Closes is the first instant
	// after the last day to file (midnight in the bot's zone).
	Opens     time.Time `bson:"opens"`
	Closes    time.Time `bson:"closes"`
	UpdatedAt time.Time `bson:"updated_at"`
}

// RoundStore keeps the rounds.
type RoundStore interface {
	// Round returns ErrNotFound for an unknown id.
	Round(ctx context.Context, id string) (*RoundRecord, error)
	// SaveRound stores the round (insert or replace).
	SaveRound(ctx context.Context, r RoundRecord) error
	// CreateRound stores the round only if there is none with its id yet.
	CreateRound(ctx context.Context, r RoundRecord) error
}
