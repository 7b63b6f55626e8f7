package karir_test

import (
	"errors"
	"testing"
	"time"

	"openkarir/karir"
)

func TestMilestoneRules(t *testing.T) {
	all := []karir.Step{"", karir.StepSubmitted, karir.StepReturned, karir.StepVerified, karir.StepBaperjakat,
		karir.StepApproved, karir.StepDeclined, karir.StepTargetActive, karir.StepCheckIn, karir.StepMet, karir.StepMissed}
	allowed := map[[2]karir.Step]bool{
		{"", karir.StepSubmitted}:                    true,
		{karir.StepSubmitted, karir.StepVerified}:    true,
		{karir.StepSubmitted, karir.StepReturned}:    true,
		{karir.StepReturned, karir.StepSubmitted}:    true,
		{karir.StepVerified, karir.StepBaperjakat}:   true,
		{karir.StepBaperjakat, karir.StepApproved}:   true,
		{karir.StepBaperjakat, karir.StepDeclined}:   true,
		{karir.StepApproved, karir.StepTargetActive}: true,
		{karir.StepTargetActive, karir.StepCheckIn}:  true,
		{karir.StepTargetActive, karir.StepMet}:      true,
		{karir.StepTargetActive, karir.StepMissed}:   true,
		{karir.StepCheckIn, karir.StepCheckIn}:       true,
		{karir.StepCheckIn, karir.StepMet}:           true,
		{karir.StepCheckIn, karir.StepMissed}:        true,
	}
	for _, from := range all {
		for _, to := range all[1:] {
			want := allowed[[2]karir.Step{from, to}]
			if got := karir.CanFollow(from, to); got != want {
				t.Errorf("CanFollow(%q, %q) = %v, want %v", from, to, got, want)
			}
			s := &karir.Submission{Stage: from, Answers: karir.Answers{TermMonths: 6}}
			err := s.Record(karir.Milestone{Step: to, At: time.Now()}, time.UTC)
			var notAllowed karir.ErrStepNotAllowed
			if want != (err == nil) || (!want && !errors.As(err, &notAllowed)) {
				t.Errorf("Record %q after %q: %v", to, from, err)
			}
		}
	}
	for _, s := range []karir.Step{karir.StepReturned, karir.StepDeclined, karir.StepMissed} {
		if !karir.NeedsNote(s) {
			t.Errorf("%s needs a note", s)
		}
	}
	if karir.NeedsNote(karir.StepVerified) {
		t.Error("verification needs no note")
	}
}

func TestApprovalStartsTheTarget(t *testing.T) {
	decided := time.Date(2026, 12, 10, 10, 0, 0, 0, time.UTC)
	s := &karir.Submission{Stage: karir.StepBaperjakat, Answers: karir.Answers{TermMonths: 6}}
	if err := s.Record(karir.Milestone{Step: karir.StepApproved, At: decided, ActorName: "Kepala BKPSDM"}, time.UTC); err != nil {
		t.Fatal(err)
	}
	if s.Stage != karir.StepTargetActive || !s.TargetDeadline.Equal(time.Date(2027, 6, 10, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("after approval: stage %s, deadline %v", s.Stage, s.TargetDeadline)
	}
	if last := s.Milestones[len(s.Milestones)-1]; last.ActorName != karir.ActorSystem {
		t.Errorf("target start recorded by %q", last.ActorName)
	}
}

// TestTargetDeadlineInTheBotsZone: the months are counted on the bot's
// calendar, whatever zone the approval's time is in (the database gives
// times back in UTC). Approved on 1 February 05:00 WIB, which is still
// 31 January in UTC, a 3-month target ends on 1 May, not 2 May.
func TestTargetDeadlineInTheBotsZone(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	decided := time.Date(2027, 2, 1, 5, 0, 0, 0, wib).UTC()
	s := &karir.Submission{Stage: karir.StepBaperjakat, Answers: karir.Answers{TermMonths: 3}}
	if err := s.Record(karir.Milestone{Step: karir.StepApproved, At: decided}, wib); err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2027, 5, 1, 5, 0, 0, 0, wib); !s.TargetDeadline.Equal(want) {
		t.Errorf("deadline %v, want %v", s.TargetDeadline.In(wib), want)
	}
}
