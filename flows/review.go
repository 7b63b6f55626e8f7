package flows

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"openkarir/karir"
)

// Review is /tinjau: admins walk a form through its milestones.
type Review struct {
	Deps
	audit *Auditor
}

// NewReview builds /tinjau.
func NewReview(d Deps, audit *Auditor) *Review { return &Review{Deps: d, audit: audit} }

// Commands returns the commands to register.
func (r *Review) Commands() []Command {
	return []Command{
		{Name: "tinjau", Description: "tinjau formulir dan catat tahapannya: /tinjau NIP", Access: AdminOnly,
			Run: r.show, Button: r.pressStep, Continue: r.note},
	}
}

// load reads the submission of a NIP in the current round; for an OPD
// admin only their OPD's. It says why when there is none to show.
func (r *Review) load(t *Turn, nip string) (*karir.Submission, error) {
	round, err := r.Rounds.CurrentRound(t.Ctx)
	if err != nil {
		return nil, err
	}
	sub, err := r.Store.Submission(t.Ctx, round.ID, nip)
	if errors.Is(err, karir.ErrNotFound) || (err == nil && t.Role.OPD != "" && sub.OPDCode != t.Role.OPD) {
		t.Sayf(txtReviewNone, esc(nip))
		return nil, nil
	}
	return sub, err
}

func (r *Review) show(t *Turn) error {
	nip := karir.NormalizeNIP(t.In.Args)
	if nip == "" {
		t.Sayf(txtReviewUsage)
		return nil
	}
	sub, err := r.load(t, nip)
	if err != nil || sub == nil {
		return err
	}
	t.Say(r.view(sub))
	return nil
}

// view is the whole submission with a button per step that may follow.
func (r *Review) view(sub *karir.Submission) karir.Reply {
	var b strings.Builder
	fmt.Fprintf(&b, txtReviewHead, esc(sub.Name), sub.NIP, esc(sub.Position), esc(sub.OPDName), esc(sub.Eselon), esc(sub.Ref))
	writeAnswers(&b, sub.Answers, false)
	if len(sub.Revisions) > 0 {
		fmt.Fprintf(&b, txtReviewRevisions, len(sub.Revisions))
		for _, rv := range sub.Revisions {
			fmt.Fprintf(&b, "• %s: %s\n", karir.FormatDateTime(rv.At, r.Location), esc(changedFields(rv.Old, rv.New)))
		}
	}
	b.WriteString(txtReviewMilestones)
	for _, m := range sub.Milestones {
		fmt.Fprintf(&b, "• %s — %s, %s", karir.StepLabel(m.Step), karir.FormatDateTime(m.At, r.Location), esc(m.ActorName))
		if m.Step == karir.StepCheckIn {
			fmt.Fprintf(&b, " (%d%%)", m.Percent)
		}
		if m.Note != "" {
			fmt.Fprintf(&b, ": <i>%s</i>", esc(m.Note))
		}
		b.WriteString("\n")
	}
	if !sub.TargetDeadline.IsZero() {
		fmt.Fprintf(&b, txtTargetDeadline, karir.FormatDate(sub.TargetDeadline, r.Location), karir.Countdown(r.Now(), sub.TargetDeadline, r.Location))
		if sub.TargetRunning() && karir.DaysUntil(r.Now(), sub.TargetDeadline, r.Location) < 0 {
			b.WriteString(txtOverdue)
		}
	}
	var rows [][]karir.Button
	for _, s := range karir.AdminNextSteps(sub.Stage) {
		rows = append(rows, []karir.Button{{Text: "➡️ " + karir.StepLabel(s), Data: ButtonData("tinjau", string(s)+":"+sub.NIP)}})
	}
	if len(rows) == 0 {
		b.WriteString(txtReviewFinal)
	}
	return karir.Reply{Text: b.String(), Buttons: rows}
}

func changedFields(a, b karir.Answers) string {
	var out []string
	add := func(label string, changed bool) {
		if changed {
			out = append(out, label)
		}
	}
	add(txtLabelChoice, a.Choice != b.Choice)
	add(txtLabelOPD, a.TargetOPDCode != b.TargetOPDCode)
	add(txtLabelPosition, a.TargetPosition != b.TargetPosition)
	add(txtLabelReason, a.Reason != b.Reason)
	add(txtLabelTarget, a.Target != b.Target)
	add(txtLabelTerm, a.TermMonths != b.TermMonths)
	return "diubah: " + strings.ToLower(strings.Join(out, ", "))
}

func (r *Review) pressStep(t *Turn, data string) error {
	step, nip, _ := strings.Cut(data, ":")
	sub, err := r.load(t, nip)
	if err != nil || sub == nil {
		return err
	}
	if !slices.Contains(karir.AdminNextSteps(sub.Stage), karir.Step(step)) {
		t.Toast(txtStaleButton)
		t.Sayf(txtStepRefused, karir.StepLabel(karir.Step(step)), karir.StepLabel(sub.Stage))
		t.Say(r.view(sub))
		return nil
	}
	if karir.NeedsNote(karir.Step(step)) {
		t.Await("tinjau", map[string]string{"nip": nip, "step": step})
		t.Sayf(txtAskNote, karir.StepLabel(karir.Step(step)))
		return nil
	}
	return r.record(t, sub, karir.Step(step), "")
}

func (r *Review) note(t *Turn) error {
	note := strings.TrimSpace(t.In.Text)
	if n := utf8.RuneCountInString(note); n < 3 || n > 500 {
		t.Sayf(txtNoteLength)
		return nil
	}
	args := t.Conv.PendingArgs
	t.Done()
	sub, err := r.load(t, args["nip"])
	if err != nil || sub == nil {
		return err
	}
	if !karir.CanFollow(sub.Stage, karir.Step(args["step"])) {
		t.Sayf(txtStepRefused, karir.StepLabel(karir.Step(args["step"])), karir.StepLabel(sub.Stage))
		t.Say(r.view(sub))
		return nil
	}
	return r.record(t, sub, karir.Step(args["step"]), note)
}

// record stores a step; if another admin stored one first, the save
// conflicts and the whole update runs again on fresh state.
func (r *Review) record(t *Turn, sub *karir.Submission, step karir.Step, note string) error {
	now := r.Now()
	if err := sub.Record(karir.Milestone{Step: step, At: now, ActorID: t.In.UserID, ActorName: displayName(t.Conv), Note: note}, r.Location); err != nil {
		return err
	}
	sub.UpdatedAt = now
	if err := r.Store.SaveSubmission(t.Ctx, sub); err != nil {
		return fmt.Errorf("record %s: %w", step, err)
	}
	t.Sayf(txtStepRecorded, karir.StepLabel(step))
	t.Say(r.view(sub))
	if err := r.announce(t, sub); err != nil {
		return err
	}
	return r.audit.Record(t, "tinjau", fmt.Sprintf("%s: %s %s", sub.NIP, karir.StepLabel(step), note))
}

// announce tells the ASN about the newest milestone, in chat.
func (r *Review) announce(t *Turn, sub *karir.Submission) error {
	b, err := r.Store.Binding(t.Ctx, sub.NIP)
	if errors.Is(err, karir.ErrNotFound) {
		return nil // not in the bot: BKPSDM tells them another way
	}
	if err != nil {
		return err
	}
	m := sub.Milestones[len(sub.Milestones)-1]
	var text strings.Builder
	fmt.Fprintf(&text, txtNoticeHead, esc(sub.Ref), karir.StepLabel(m.Step))
	if m.Step == karir.StepTargetActive {
		fmt.Fprintf(&text, txtNoticeTarget, esc(sub.Answers.Target), karir.FormatDate(sub.TargetDeadline, r.Location), sub.Answers.TermMonths)
	}
	if note := lastNote(sub); note != "" {
		fmt.Fprintf(&text, txtNoticeNote, esc(note))
	}
	reply := karir.Reply{Text: text.String()}
	if m.Step == karir.StepReturned {
		text.WriteString(txtNoticeFix)
		reply = karir.Reply{Text: text.String(), Buttons: [][]karir.Button{{{Text: txtBtnFill, Data: btnMenuFill}}}}
	}
	_, err = r.Sender.Notify(t.Ctx, karir.Notice{
		Key:    fmt.Sprintf("milestone:%s:%d", sub.ID, len(sub.Milestones)),
		ChatID: b.TelegramID,
		Reply:  reply,
	})
	return err
}

// lastNote is the note of the admin's step just recorded (approval is
// followed by the system's "target active").
func lastNote(sub *karir.Submission) string {
	for i := len(sub.Milestones) - 1; i >= 0; i-- {
		if m := sub.Milestones[i]; m.ActorName != karir.ActorSystem {
			return m.Note
		}
	}
	return ""
}
