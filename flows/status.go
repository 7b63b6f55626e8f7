package flows

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"openkarir/karir"
)

// status shows whether the form is filed, its answers and the deadline.
func (f *Form) status(t *Turn) error {
	c := t.Conv
	if c.NIP == "" {
		t.Sayf(txtBindFirst)
		return f.begin(t)
	}
	if !t.Round.Opened() {
		t.Sayf(txtStatusNoRound)
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, txtStatusHead+"\n", esc(t.Round.ID))
	now := f.now()
	sub, err := f.store.Submission(t.Ctx, t.Round.ID, c.NIP)
	var buttons [][]karir.Button
	switch {
	case errors.Is(err, karir.ErrNotFound):
		sub = nil
		b.WriteString(txtStatusNotFiled + "\n")
	case err != nil:
		return fmt.Errorf("load submission: %w", err)
	default:
		stage := stageFor(sub, t.Round, now, f.loc)
		buttons = stage.Buttons
		b.WriteString(txtStatusStageIs)
		writeStage(&b, stage)
		// When the ASN last sent it: UpdatedAt moves with the admins' steps too.
		sent, _ := sub.Reached(karir.StepSubmitted)
		if n := len(sub.Revisions); n > 0 && sub.Revisions[n-1].At.After(sent) {
			sent = sub.Revisions[n-1].At
		}
		fmt.Fprintf(&b, txtStatusRef+"\n\n", esc(sub.Ref), karir.FormatDateTime(sent, f.loc))
		if sub.ImportedFrom != "" && sub.TelegramID == 0 {
			b.WriteString(txtStatusImported + "\n\n")
		}
		writeAnswers(&b, sub.Answers, true)
		writeTimeline(&b, sub, now, f.loc)
	}
	if inForm(c.State) {
		b.WriteString("\n" + txtStatusDraft + "\n")
	}
	// The filing deadline matters only while the form can still change.
	switch {
	case sub != nil && (editRefusal(sub, t.Round, now, f.loc) != "" || !t.Round.IsOpen(now)):
	case t.Round.IsOpen(now):
		b.WriteString("\n")
		fmt.Fprintf(&b, txtStatusDeadline, karir.FormatDate(t.Round.LastDay(), f.loc), karir.Countdown(now, t.Round.LastDay(), f.loc))
	default:
		b.WriteString("\n")
		fmt.Fprintf(&b, txtStatusClosed, karir.FormatDate(t.Round.LastDay(), f.loc))
	}
	t.Say(karir.Reply{Text: b.String(), Buttons: buttons})
	return nil
}

// writeTimeline shows the milestones: done, the next one, those to come,
// the target deadline with its countdown, and the last check-in.
func writeTimeline(b *strings.Builder, sub *karir.Submission, now time.Time, loc *time.Location) {
	b.WriteString(txtTimelineHead)
	next := true
	for _, step := range karir.TimelineSteps {
		if at, ok := sub.Reached(step); ok {
			fmt.Fprintf(b, txtTimelineDone, karir.StepLabel(step), karir.FormatDate(at, loc))
			continue
		}
		// A step that ended the way (returned, declined, missed) stands
		// where the timeline stops.
		if stop, at := stoppedAt(sub, step); stop != "" {
			fmt.Fprintf(b, txtTimelineStop, karir.StepLabel(stop), karir.FormatDate(at, loc))
			if m := sub.StepDown(); m != nil && stop == karir.StepMissed {
				fmt.Fprintf(b, txtTimelineStepDown, karir.FormatDate(m.At, loc))
			}
			if stop != karir.StepReturned {
				writeRatings(b, sub, loc)
				return
			}
		}
		if next {
			fmt.Fprintf(b, txtTimelineNext, karir.StepLabel(step))
			next = false
			continue
		}
		fmt.Fprintf(b, txtTimelineLater, karir.StepLabel(step))
	}
	if sub.TargetDeadline.IsZero() {
		return
	}
	if m := sub.LastCheckIn(); m != nil {
		fmt.Fprintf(b, txtLastCheckIn, m.Percent, karir.FormatDate(m.At, loc))
	}
	writeRatings(b, sub, loc)
	fmt.Fprintf(b, txtTargetStatus, karir.FormatDate(sub.TargetDeadline, loc), karir.Countdown(now, sub.TargetDeadline, loc))
	if sub.TargetRunning() && karir.DaysUntil(now, sub.TargetDeadline, loc) < 0 {
		b.WriteString(txtTargetOverdueMe)
	}
}

// writeRatings shows the ASN the ratings of their own check-ins.
func writeRatings(b *strings.Builder, sub *karir.Submission, loc *time.Location) {
	sum := sub.Ratings("", loc)
	if sum.Count == 0 {
		return
	}
	fmt.Fprintf(b, txtMyRatings, decimalID(sum.Average()), sum.Count)
	for i := len(sub.Milestones) - 1; i >= 0; i-- {
		if m := sub.Milestones[i]; m.Rating != nil {
			fmt.Fprintf(b, txtMyLastRating, karir.FormatDate(m.At, loc), ratingLine(*m.Rating))
			return
		}
	}
}

// stoppedAt reports the step that took the place of want, if any: a return
// instead of the verification, a refusal instead of the approval, a missed
// target instead of a met one.
func stoppedAt(sub *karir.Submission, want karir.Step) (karir.Step, time.Time) {
	alt := map[karir.Step]karir.Step{karir.StepVerified: karir.StepReturned, karir.StepApproved: karir.StepDeclined, karir.StepMet: karir.StepMissed}[want]
	if alt == "" || sub.Stage != alt {
		return "", time.Time{}
	}
	at, _ := sub.Reached(alt)
	return alt, at
}
