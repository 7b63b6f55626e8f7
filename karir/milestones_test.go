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
			err := s.Record(karir.Milestone{Step: to, At: time.Now()})
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
	if err := s.Record(karir.Milestone{Step: karir.StepApproved, At: decided, ActorName: "Kepala BKPSDM"}); err != nil {
		t.Fatal(err)
	}
	if s.Stage != karir.StepTargetActive || !s.TargetDeadline.Equal(time.Date(2027, 6, 10, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("after approval: stage %s, deadline %v", s.Stage, s.TargetDeadline)
	}
	if last := s.Milestones[len(s.Milestones)-1]; last.ActorName != karir.ActorSystem {
		t.Errorf("target start recorded by %q", last.ActorName)
	}
}
