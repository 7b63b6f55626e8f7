package karir_test

import (
	"errors"
	"math"
	"testing"
	"time"

	"openkarir/karir"
)

func approved(t *testing.T, at time.Time) *karir.Submission {
	t.Helper()
	s := &karir.Submission{Ref: "OK-TEST01", Answers: karir.Answers{TermMonths: 6}}
	for _, step := range []karir.Step{karir.StepSubmitted, karir.StepVerified, karir.StepBaperjakat, karir.StepApproved} {
		if err := s.Record(karir.Milestone{Step: step, At: at}, at.Location()); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func TestRateCheckIn(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	start := time.Date(2026, 12, 1, 9, 0, 0, 0, wib)
	s := approved(t, start)
	if err := s.Record(karir.Milestone{Step: karir.StepCheckIn, At: start.AddDate(0, 1, 0), Percent: 30}, wib); err != nil {
		t.Fatal(err)
	}
	i := s.CheckInIndexes()[0]
	good := karir.Rating{Productivity: 5, Service: 4, Innovation: 3}
	for _, tc := range []struct {
		name  string
		index int
		r     karir.Rating
		want  error
	}{
		{"ErrNotACheckIn", 0, good, karir.ErrNotACheckIn},
		{"ErrNotACheckInOutOfRange", 99, good, karir.ErrNotACheckIn},
		{"ErrInvalidRatingZero", i, karir.Rating{Productivity: 0, Service: 4, Innovation: 3}, karir.ErrInvalidRating},
		{"ErrInvalidRatingSix", i, karir.Rating{Productivity: 5, Service: 6, Innovation: 3}, karir.ErrInvalidRating},
		{"OK", i, good, nil},
		{"ErrAlreadyRated", i, good, karir.ErrAlreadyRated},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := s.Rate(tc.index, tc.r); !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
				t.Errorf("Rate = %v, want %v", err, tc.want)
			}
		})
	}
	if got := s.Ratings("", wib); got.Count != 1 || math.Abs(got.Average()-4) > 1e-9 {
		t.Errorf("Ratings = %+v, want one rating averaging 4", got)
	}
	if got := s.Ratings("2027-01", wib); got.Count != 1 {
		t.Errorf("Ratings(2027-01) = %+v, want the January check-in", got)
	}
	if got := s.Ratings("2026-12", wib); got.Count != 0 {
		t.Errorf("Ratings(2026-12) = %+v, want none", got)
	}
	if len(s.Unrated()) != 0 {
		t.Errorf("Unrated = %v after rating", s.Unrated())
	}
}

func TestOverdueAndDueForEvaluation(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	start := time.Date(2026, 12, 1, 9, 0, 0, 0, wib)
	s := approved(t, start)
	if s.CheckInOverdue(start.Add(karir.OverdueAfter - time.Minute)) {
		t.Error("overdue a minute before 35 days")
	}
	if !s.CheckInOverdue(start.Add(karir.OverdueAfter)) {
		t.Error("not overdue 35 days after the start with no check-in")
	}
	_ = s.Record(karir.Milestone{Step: karir.StepCheckIn, At: start.AddDate(0, 0, 30), Percent: 10}, wib)
	if s.CheckInOverdue(start.AddDate(0, 0, 40)) {
		t.Error("overdue 10 days after a check-in")
	}
	// The deadline is 1 June 2027; evaluation is due from the next day, in WIB.
	if s.DueForEvaluation(time.Date(2027, 6, 1, 23, 0, 0, 0, wib), wib) {
		t.Error("due for evaluation on the deadline day itself")
	}
	if !s.DueForEvaluation(time.Date(2027, 6, 1, 17, 30, 0, 0, time.UTC), wib) {
		t.Error("00:30 WIB on 2 June (17:30 UTC on 1 June) is past the deadline day")
	}
	if s.CheckInOverdue(time.Date(2027, 6, 5, 9, 0, 0, 0, wib)) {
		t.Error("a target past its deadline is due for evaluation, not overdue")
	}
}
