package flows

import (
	"fmt"
	"strings"
	"time"

	"openkarir/karir"
)

// stageView is what a stage means to the ASN: a headline, one or two
// lines on what it means and what happens next, and the button that
// takes them there.
type stageView struct {
	Headline string
	Next     string
	Buttons  [][]karir.Button
}

// stageFor explains the submission's stage to the ASN at now.
func stageFor(sub *karir.Submission, round karir.Round, now time.Time, loc *time.Location) stageView {
	v := stageView{Headline: stageHeadline(sub)}
	switch sub.Stage {
	case karir.StepSubmitted:
		switch {
		case sub.WasReturned():
			v.Next = txtStageResubmitted
		case round.IsOpen(now):
			v.Next = fmt.Sprintf(txtStageSubmittedOpen, karir.FormatDate(round.LastDay(), loc))
		default:
			v.Next = txtStageSubmittedClosed
		}
	case karir.StepReturned:
		v.Next = fmt.Sprintf(txtStageReturned, esc(noteOf(sub, karir.StepReturned)))
		v.Buttons = [][]karir.Button{{{Text: txtBtnFill, Data: btnMenuFill}}}
	case karir.StepVerified:
		v.Next = txtStageVerified
	case karir.StepBaperjakat:
		v.Next = txtStageBaperjakat
	case karir.StepApproved, karir.StepTargetActive, karir.StepCheckIn:
		start, _ := sub.Reached(karir.StepTargetActive)
		v.Next = fmt.Sprintf(txtStageApproved, newPost(sub), karir.FormatDate(start, loc),
			karir.FormatDate(sub.TargetDeadline, loc), karir.Countdown(now, sub.TargetDeadline, loc))
		v.Buttons = [][]karir.Button{{{Text: txtBtnReport, Data: ButtonData("lapor", "start")}}}
	case karir.StepDeclined:
		// Every ASN files each round: a declined request is no bar to the next.
		v.Next = fmt.Sprintf(txtStageDeclined, esc(noteOf(sub, karir.StepDeclined)), escName(sub.Position), escName(sub.OPDName))
	case karir.StepMet:
		v.Next = txtStageMet
	case karir.StepMissed:
		at, _ := sub.Reached(karir.StepMissed)
		if m := sub.StepDown(); m != nil {
			at = m.At
		}
		v.Next = fmt.Sprintf(txtStageMissed, esc(noteOf(sub, karir.StepMissed)), karir.FormatDate(at, loc))
	}
	return v
}

// stageHeadline names the stage as the ASN reads it.
func stageHeadline(sub *karir.Submission) string {
	switch {
	case sub.Stage == karir.StepSubmitted && sub.WasReturned():
		return txtHeadResubmitted
	case sub.Stage == karir.StepSubmitted:
		return txtHeadSubmitted
	case sub.Stage == karir.StepReturned:
		return txtHeadReturned
	case sub.Stage == karir.StepVerified:
		return txtHeadVerified
	case sub.Stage == karir.StepBaperjakat:
		return txtHeadBaperjakat
	case sub.TargetRunning(), sub.Stage == karir.StepApproved:
		return txtHeadApproved
	case sub.Stage == karir.StepDeclined:
		return txtHeadDeclined
	case sub.Stage == karir.StepMet:
		return txtHeadMet
	case sub.Stage == karir.StepMissed:
		return txtHeadMissed
	}
	return karir.StepLabel(sub.Stage)
}

// newPost is the post the approval leads to: the target post of a move,
// or the current one for a stay.
func newPost(sub *karir.Submission) string {
	a := sub.Answers
	if a.Choice == karir.ChoiceMove {
		return fmt.Sprintf(txtPostMove, escName(a.TargetPosition), escName(a.TargetOPDName))
	}
	return fmt.Sprintf(txtPostStay, escName(sub.Position), escName(sub.OPDName))
}

// noteOf is the note of the latest milestone of step.
func noteOf(sub *karir.Submission, step karir.Step) string {
	for i := len(sub.Milestones) - 1; i >= 0; i-- {
		if sub.Milestones[i].Step == step {
			return sub.Milestones[i].Note
		}
	}
	return ""
}

// writeStage writes the headline and what comes next.
func writeStage(b *strings.Builder, v stageView) {
	fmt.Fprintf(b, "%s\n%s\n", v.Headline, v.Next)
}
