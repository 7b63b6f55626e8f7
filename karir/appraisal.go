package karir

import (
	"errors"
	"fmt"
	"time"
)

// Appraisal: each check-in on a contract's target is rated by the ASN's
// direct supervisor (or by BKPSDM where the supervisor is not in the bot)
// on the three aspects Bengkulu's performance-based posts rest on.

// Aspect is one rated aspect of a check-in.
type Aspect string

const (
	AspectProductivity Aspect = "produktivitas"
	AspectService      Aspect = "kualitas layanan"
	AspectInnovation   Aspect = "inovasi"
)

// Aspects are rated in this order. The aspects and the 1-5 scale are a
// programme rule set by the Open Karir programme, not a regulation: they
// are not the SKP's predikat (Predikat, talent.go).
var Aspects = []Aspect{AspectProductivity, AspectService, AspectInnovation}

// Scores run from MinScore to MaxScore.
const (
	MinScore = 1
	MaxScore = 5
)

// Rating is the appraisal of one check-in.
type Rating struct {
	Productivity int       `bson:"produktivitas"`
	Service      int       `bson:"kualitas_layanan"`
	Innovation   int       `bson:"inovasi"`
	RaterID      int64     `bson:"rater_id"`
	RaterName    string    `bson:"rater_name"`
	ByAdmin      bool      `bson:"by_admin,omitempty"` // BKPSDM rated, not the supervisor
	At           time.Time `bson:"at"`
}

// Average is the mean of the three scores.
func (r Rating) Average() float64 {
	return float64(r.Productivity+r.Service+r.Innovation) / 3
}

// Valid reports whether every score is within 1 to 5.
func (r Rating) Valid() bool {
	for _, s := range []int{r.Productivity, r.Service, r.Innovation} {
		if s < MinScore || s > MaxScore {
			return false
		}
	}
	return true
}

// Errors of rating a check-in that users see differently.
var (
	ErrNotACheckIn   = errors.New("not a check-in")
	ErrAlreadyRated  = errors.New("check-in already rated")
	ErrInvalidRating = errors.New("scores must be 1 to 5")
)

// Rate records the rating of the check-in at index i of the milestones.
func (s *Submission) Rate(i int, r Rating) error {
	if i < 0 || i >= len(s.Milestones) || s.Milestones[i].Step != StepCheckIn {
		return fmt.Errorf("rate milestone %d of %s: %w", i, s.Ref, ErrNotACheckIn)
	}
	if s.Milestones[i].Rating != nil {
		return fmt.Errorf("rate milestone %d of %s: %w", i, s.Ref, ErrAlreadyRated)
	}
	if !r.Valid() {
		return fmt.Errorf("rate milestone %d of %s: %w", i, s.Ref, ErrInvalidRating)
	}
	s.Milestones[i].Rating = &r
	return nil
}

// CheckInIndexes are the indexes of the check-ins among the milestones.
func (s *Submission) CheckInIndexes() []int {
	var out []int
	for i, m := range s.Milestones {
		if m.Step == StepCheckIn {
			out = append(out, i)
		}
	}
	return out
}

// Unrated are the indexes of the check-ins not rated yet.
func (s *Submission) Unrated() []int {
	var out []int
	for _, i := range s.CheckInIndexes() {
		if s.Milestones[i].Rating == nil {
			out = append(out, i)
		}
	}
	return out
}

// RatingSummary sums a set of rated check-ins. It keeps whole points, so
// two equal averages compare equal (a sum of float thirds would not).
type RatingSummary struct {
	Points int // every score of every rated check-in
	Count  int // rated check-ins
}

// Add counts one rating.
func (r *RatingSummary) Add(x Rating) {
	r.Points += x.Productivity + x.Service + x.Innovation
	r.Count++
}

// Average is the mean score over the check-ins and aspects, 0 for none.
func (r RatingSummary) Average() float64 {
	if r.Count == 0 {
		return 0
	}
	return float64(r.Points) / float64(r.Count*len(Aspects))
}

// Ratings sums the rated check-ins of the submission; with month set
// ("2026-12") only the check-ins reported in that month in loc.
func (s *Submission) Ratings(month string, loc *time.Location) RatingSummary {
	var sum RatingSummary
	for _, m := range s.Milestones {
		if m.Step != StepCheckIn || m.Rating == nil {
			continue
		}
		if month != "" && m.At.In(loc).Format("2006-01") != month {
			continue
		}
		sum.Add(*m.Rating)
	}
	return sum
}

// OverdueAfter is how long a running target may go without a check-in
// before the ASN is reminded and the admins' queue lists it: a programme
// rule set by the Open Karir programme (a monthly report, with a few days'
// grace), not a regulation.
const OverdueAfter = 35 * 24 * time.Hour

// LastReport is when the target was last reported on: the latest
// check-in, or the target's start when there is none.
func (s *Submission) LastReport() time.Time {
	if m := s.LastCheckIn(); m != nil {
		return m.At
	}
	at, _ := s.Reached(StepTargetActive)
	return at
}

// CheckInOverdue reports whether a running target has gone OverdueAfter
// without a check-in.
func (s *Submission) CheckInOverdue(now time.Time) bool {
	return s.TargetRunning() && !s.TargetDeadline.IsZero() && now.Sub(s.LastReport()) >= OverdueAfter &&
		now.Before(s.TargetDeadline)
}

// DueForEvaluation reports whether a running target's deadline day has
// passed in loc: BKPSDM evaluates it.
func (s *Submission) DueForEvaluation(now time.Time, loc *time.Location) bool {
	return s.TargetRunning() && !s.TargetDeadline.IsZero() && DaysUntil(now, s.TargetDeadline, loc) < 0
}
