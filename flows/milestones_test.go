package flows_test

import (
	"errors"
	"testing"
	"time"

	"openkarir/flows"
)

func TestMilestoneRules(t *testing.T) {
	all := []flows.Step{"", flows.StepSubmitted, flows.StepReturned, flows.StepVerified, flows.StepBaperjakat,
		flows.StepApproved, flows.StepDeclined, flows.StepTargetActive, flows.StepCheckIn, flows.StepMet, flows.StepMissed}
	allowed := map[[2]flows.Step]bool{
		{"", flows.StepSubmitted}:                    true,
		{flows.StepSubmitted, flows.StepVerified}:    true,
		{flows.StepSubmitted, flows.StepReturned}:    true,
		{flows.StepReturned, flows.StepSubmitted}:    true,
		{flows.StepVerified, flows.StepBaperjakat}:   true,
		{flows.StepBaperjakat, flows.StepApproved}:   true,
		{flows.StepBaperjakat, flows.StepDeclined}:   true,
		{flows.StepApproved, flows.StepTargetActive}: true,
		{flows.StepTargetActive, flows.StepCheckIn}:  true,
		{flows.StepTargetActive, flows.StepMet}:      true,
		{flows.StepTargetActive, flows.StepMissed}:   true,
		{flows.StepCheckIn, flows.StepCheckIn}:       true,
		{flows.StepCheckIn, flows.StepMet}:           true,
		{flows.StepCheckIn, flows.StepMissed}:        true,
	}
	for _, from := range all {
		for _, to := range all[1:] {
			want := allowed[[2]flows.Step{from, to}]
			if got := flows.CanFollow(from, to); got != want {
				t.Errorf("CanFollow(%q, %q) = %v, want %v", from, to, got, want)
			}
			s := &flows.Submission{Stage: from, Answers: flows.Answers{TermMonths: 6}}
			err := s.Record(flows.Milestone{Step: to, At: time.Now()})
			var notAllowed flows.ErrStepNotAllowed
			if want != (err == nil) || (!want && !errors.As(err, &notAllowed)) {
				t.Errorf("Record %q after %q: %v", to, from, err)
			}
		}
	}
	for _, s := range []flows.Step{flows.StepReturned, flows.StepDeclined, flows.StepMissed} {
		if !flows.NeedsNote(s) {
			t.Errorf("%s needs a note", s)
		}
	}
	if flows.NeedsNote(flows.StepVerified) {
		t.Error("verification needs no note")
	}
}

func TestApprovalStartsTheTarget(t *testing.T) {
	decided := time.Date(2026, 12, 10, 10, 0, 0, 0, time.UTC)
	s := &flows.Submission{Stage: flows.StepBaperjakat, Answers: flows.Answers{TermMonths: 6}}
	if err := s.Record(flows.Milestone{Step: flows.StepApproved, At: decided, ActorName: "Kepala BKPSDM"}); err != nil {
		t.Fatal(err)
	}
	if s.Stage != flows.StepTargetActive || !s.TargetDeadline.Equal(time.Date(2027, 6, 10, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("after approval: stage %s, deadline %v", s.Stage, s.TargetDeadline)
	}
	if last := s.Milestones[len(s.Milestones)-1]; last.ActorName != flows.ActorSystem {
		t.Errorf("target start recorded by %q", last.ActorName)
	}
}
