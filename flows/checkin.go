package flows

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"openkarir/karir"
)

// CheckIns is /lapor: the ASN reports progress on an active target, with a
// percentage, a note and, if they like, evidence.
type CheckIns struct{ Deps }

// NewCheckIns builds /lapor.
func NewCheckIns(d Deps) *CheckIns { return &CheckIns{d} }

// Commands returns the commands to register.
func (c *CheckIns) Commands() []Command {
	return []Command{
		{Name: "lapor", Description: "laporkan kemajuan target kinerja", Access: BoundASN,
			Run: c.startReport, Button: c.reportButton, Continue: c.reportInput, Leave: c.leaveReport},
	}
}

// startReport opens a check-in: the percentage first.
func (c *CheckIns) startReport(t *Turn) error {
	sub, err := c.running(t)
	if err != nil || sub == nil {
		return err
	}
	t.Await("lapor", map[string]string{})
	t.Say(karir.Reply{Text: c.percentQuestion(sub), Buttons: percentButtons()})
	return nil
}

// percentQuestion asks for the progress of sub's target.
func (c *CheckIns) percentQuestion(sub *karir.Submission) string {
	return fmt.Sprintf(txtReportPercent, esc(sub.Answers.Target), karir.FormatDate(sub.TargetDeadline, c.Location),
		karir.Countdown(c.Now(), sub.TargetDeadline, c.Location))
}

// percentButtons offer 0% to 100% in steps of ten.
func percentButtons() [][]karir.Button {
	var rows [][]karir.Button
	var row []karir.Button
	for p := 0; p <= 100; p += 10 {
		row = append(row, karir.Button{Text: strconv.Itoa(p) + "%", Data: ButtonData("lapor", "p", strconv.Itoa(p))})
		if len(row) == 4 {
			rows, row = append(rows, row), nil
		}
	}
	return append(rows, row)
}

// parsePercent reads a typed percentage: "60", "60%", "60 %", "60 persen".
func parsePercent(text string) (int, bool) {
	text = strings.ToLower(strings.TrimSpace(text))
	for _, unit := range []string{"persen", "%"} {
		text = strings.TrimSpace(strings.TrimSuffix(text, unit))
	}
	p, err := strconv.Atoi(text)
	return p, err == nil && p >= 0 && p <= 100
}

// running returns the ASN's submission whose target is active, or says why
// there is none. A target outlives its round: a round opened since does
// not end it.
func (c *CheckIns) running(t *Turn) (*karir.Submission, error) {
	sub, err := c.Rounds.Latest(t.Ctx, func(round string) (*karir.Submission, error) {
		return c.Store.Submission(t.Ctx, round, t.Conv.NIP)
	}, (*karir.Submission).TargetRunning)
	if errors.Is(err, karir.ErrNotFound) {
		t.Done()
		t.Sayf(txtNoTarget)
		return nil, nil
	}
	return sub, err
}

func (c *CheckIns) reportButton(t *Turn, f Fields) error {
	if f.Kind() == "start" {
		t.Done()
		return c.startReport(t)
	}
	if t.Conv.Pending != "lapor" {
		t.Toast(txtStaleButton)
		return nil
	}
	switch {
	case f.Kind() == "p":
		if t.Conv.PendingArgs["percent"] != "" {
			t.Toast(txtStaleButton)
			return nil
		}
		p, ok := f.Int(1)
		if !ok || p < 0 || p > 100 {
			t.Toast(txtStaleButton)
			return nil
		}
		sub, err := c.running(t)
		if err != nil || sub == nil {
			return err
		}
		// As the form does: the question stays with the answer under it,
		// and its buttons go.
		t.Say(karir.Reply{Text: c.percentQuestion(sub) + "\n\n" + chosen(strconv.Itoa(p)+"%"), EditMessageID: t.In.Callback.MessageID})
		return c.setPercent(t, p)
	case f.Kind() == "skip" && t.Conv.PendingArgs["note"] != "":
		return c.saveReport(t, nil)
	}
	t.Toast(txtStaleButton)
	return nil
}

func (c *CheckIns) setPercent(t *Turn, p int) error {
	t.Await("lapor", map[string]string{"percent": strconv.Itoa(p)})
	t.Sayf(txtReportNote, p)
	return nil
}

// reportInput takes the typed percentage, then the note, then the evidence.
func (c *CheckIns) reportInput(t *Turn) error {
	args := t.Conv.PendingArgs
	text := strings.TrimSpace(t.In.Text)
	switch {
	case args["percent"] == "":
		p, ok := parsePercent(text)
		if !ok || t.In.File != nil {
			t.Say(karir.Reply{Text: txtReportPercentWrong, Buttons: percentButtons()})
			return nil
		}
		return c.setPercent(t, p)
	case args["note"] == "":
		if n := utf8.RuneCountInString(text); n < 5 || n > 500 || t.In.File != nil {
			t.Sayf(txtReportNoteLength)
			return nil
		}
		t.Await("lapor", map[string]string{"percent": args["percent"], "note": text})
		t.Say(karir.Reply{Text: txtReportEvidence, Buttons: [][]karir.Button{{{Text: txtBtnSkip, Data: ButtonData("lapor", "skip")}}}})
		return nil
	case t.In.File != nil:
		return c.saveReport(t, t.In.File)
	}
	t.Say(karir.Reply{Text: txtReportEvidenceWrong, Buttons: [][]karir.Button{{{Text: txtBtnSkip, Data: ButtonData("lapor", "skip")}}}})
	return nil
}

// leaveReport keeps a report whose note is typed when another command
// ends the wait at the evidence step: saved without evidence, as
// "Lewati" does (the ASN wrote it; /batal alone drops it).
func (c *CheckIns) leaveReport(t *Turn) error {
	if t.Conv.PendingArgs["note"] == "" {
		return nil
	}
	return c.saveReport(t, nil)
}

func (c *CheckIns) saveReport(t *Turn, f *FileRef) error {
	sub, err := c.running(t)
	if err != nil || sub == nil {
		return err
	}
	args := t.Conv.PendingArgs
	p, _ := strconv.Atoi(args["percent"])
	m := karir.Milestone{Step: karir.StepCheckIn, At: c.Now(), ActorID: t.In.UserID, ActorName: sub.Name, Note: args["note"], Percent: p}
	if f != nil {
		m.FileID, m.FileKind = f.ID, f.Kind
	}
	if err := sub.Record(m, c.Location); err != nil {
		return err
	}
	sub.UpdatedAt = m.At
	if err := c.Store.SaveSubmission(t.Ctx, sub); err != nil {
		return fmt.Errorf("save check-in: %w", err)
	}
	t.Done()
	sent, err := NewAppraisals(c.Deps).sendForRating(t, sub, len(sub.Milestones)-1)
	if err != nil {
		return err
	}
	rater := txtReportToBKPSDM
	if sent {
		rater = txtReportToSupervisor
	}
	t.Sayf(txtReportSaved+rater, p, karir.FormatDate(sub.TargetDeadline, c.Location), karir.Countdown(c.Now(), sub.TargetDeadline, c.Location))
	return nil
}
