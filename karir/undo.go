package karir

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// UndoWindow is how long an admin may take back a step they recorded.
const UndoWindow = 10 * time.Minute

// Why a step cannot be undone, so the admin is told precisely.
var (
	// ErrUndoNothing: the latest step is not an admin's (the ASN filed or
	// reported since, or nothing was decided yet).
	ErrUndoNothing = errors.New("no admin step to undo")
)

// ErrUndoTooLate means the step is older than UndoWindow.
type ErrUndoTooLate struct{ Step Milestone }

func (e ErrUndoTooLate) Error() string {
	return fmt.Sprintf("step %s of %s is past the undo window", e.Step.Step, e.Step.At)
}

// ErrUndoOtherActor means another admin recorded the latest step.
type ErrUndoOtherActor struct{ Step Milestone }

func (e ErrUndoOtherActor) Error() string {
	return fmt.Sprintf("step %s was recorded by %s", e.Step.Step, e.Step.ActorName)
}

// Undone is a step an admin took back, kept in the submission's history.
type Undone struct {
	Milestone Milestone `bson:"milestone"`
	At        time.Time `bson:"at"`
	// ContractCode is the code of the contract an undone approval withdrew:
	// the ASN may hold its PDF, and /cek says it was withdrawn, and when.
	ContractCode string `bson:"contract_code,omitempty"`
}

// LastAdminStep returns the latest milestone an admin recorded, if it is
// still the latest step (the system's "target active" after an approval
// does not count); nil otherwise.
func (s *Submission) LastAdminStep() *Milestone {
	for i := len(s.Milestones) - 1; i >= 0; i-- {
		m := &s.Milestones[i]
		if m.ActorName == ActorSystem && m.ActorID == 0 {
			continue
		}
		if slices.Contains(adminSteps, m.Step) {
			return m
		}
		return nil
	}
	return nil
}

// CanUndo reports whether the admin actor may undo the latest step at now.
func (s *Submission) CanUndo(actor int64, now time.Time) error {
	m := s.LastAdminStep()
	switch {
	case m == nil:
		return ErrUndoNothing
	case m.ActorID != actor:
		return ErrUndoOtherActor{Step: *m}
	case now.Sub(m.At) > UndoWindow:
		return ErrUndoTooLate{Step: *m}
	}
	return nil
}

// Undo takes back the latest admin step (with the system's steps that
// followed it), if CanUndo allows, and returns it. The stage goes back to
// the step before; an undone approval stops the target's clock.
func (s *Submission) Undo(actor int64, now time.Time) (Milestone, error) {
	if err := s.CanUndo(actor, now); err != nil {
		return Milestone{}, err
	}
	m := *s.LastAdminStep()
	s.dropStep(m)
	undone := Undone{Milestone: m, At: now}
	if m.Step == StepApproved {
		// The contract goes with the approval; its code no longer checks.
		if s.Contract != nil {
			undone.ContractCode = s.Contract.Code
		}
		s.TargetDeadline, s.Contract = time.Time{}, nil
	}
	s.Undone = append(s.Undone, undone)
	return m, nil
}

// Withdrawn returns when the contract with code was withdrawn (its
// approval undone); ok is false for a code this form never withdrew.
func (s *Submission) Withdrawn(code string) (at time.Time, ok bool) {
	for _, u := range s.Undone {
		if code != "" && u.ContractCode == code {
			return u.At, true
		}
	}
	return time.Time{}, false
}

// PlaceBefore is where s waited before its latest admin step: the queue
// position an admin just decided from.
func PlaceBefore(s *Submission, now time.Time, loc *time.Location) (Waiting, bool) {
	m := s.LastAdminStep()
	if m == nil {
		return Waiting{}, false
	}
	prev := *s
	prev.dropStep(*m)
	w, ok := PlaceInQueue(&prev, now, loc)
	if ok {
		w.Sub = s
	}
	return w, ok
}

// dropStep cuts the history at milestone m and sets the stage to the step
// before it.
func (s *Submission) dropStep(m Milestone) {
	for i := len(s.Milestones) - 1; i >= 0; i-- {
		if s.Milestones[i].Step == m.Step && s.Milestones[i].At.Equal(m.At) {
			s.Milestones = s.Milestones[:i:i]
			break
		}
	}
	s.Stage = ""
	if n := len(s.Milestones); n > 0 {
		s.Stage = s.Milestones[n-1].Step
	}
}
