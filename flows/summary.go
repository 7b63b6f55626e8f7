package flows

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"openkarir/karir"
)

// summary shows every answer with buttons to send, change one, or cancel.
func (f *Form) summary(t *Turn) (karir.Reply, error) {
	d := t.Conv.Draft
	var b strings.Builder
	b.WriteString(txtSummaryHead + "\n\n")
	note, err := f.returnNote(t)
	if err != nil {
		return karir.Reply{}, err
	}
	if note != "" {
		// What to fix stays in sight while fixing it.
		fmt.Fprintf(&b, txtSummaryReturned, esc(note))
	}
	writeAnswers(&b, d, false)
	b.WriteString("\n" + txtSummaryFoot)
	rows := [][]karir.Button{{{Text: txtBtnSend, Data: btnSend}}}
	edits := []karir.Button{{Text: txtBtnEditChoice, Data: formButton{fbEdit, "choice"}.data()}}
	if d.Choice == karir.ChoiceMove {
		edits = append(edits, karir.Button{Text: txtBtnEditOPD, Data: formButton{fbEdit, "opd"}.data()},
			karir.Button{Text: txtBtnEditPosition, Data: formButton{fbEdit, "position"}.data()})
	}
	edits = append(edits, karir.Button{Text: txtBtnEditReason, Data: formButton{fbEdit, "reason"}.data()},
		karir.Button{Text: txtBtnEditTarget, Data: formButton{fbEdit, "target"}.data()},
		karir.Button{Text: txtBtnEditTerm, Data: formButton{fbEdit, "term"}.data()})
	for i := 0; i < len(edits); i += 2 {
		rows = append(rows, edits[i:min(i+2, len(edits))])
	}
	rows = append(rows, []karir.Button{{Text: txtBtnCancel, Data: btnCancel}})
	return karir.Reply{Text: b.String(), Buttons: rows}, nil
}

// returnNote is BKPSDM's note when the filed form was returned for
// correction, else "".
func (f *Form) returnNote(t *Turn) (string, error) {
	sub, err := f.store.Submission(t.Ctx, t.Round.ID, t.Conv.NIP)
	if errors.Is(err, karir.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("load submission: %w", err)
	}
	if sub.Stage != karir.StepReturned {
		return "", nil
	}
	for i := len(sub.Milestones) - 1; i >= 0; i-- {
		if m := sub.Milestones[i]; m.Step == karir.StepReturned {
			return m.Note, nil
		}
	}
	return "", nil
}

// writeAnswers lists the answers; short cuts long texts for the status.
func writeAnswers(b *strings.Builder, d karir.Answers, short bool) {
	cut := func(s string) string {
		if short && utf8.RuneCountInString(s) > 120 {
			// At a word, saying it goes on and where to read all of it.
			return shorten(s, 110) + txtCutGoesOn
		}
		return s
	}
	line := func(label, value string) {
		text, more := strings.CutSuffix(value, txtCutGoesOn)
		value = esc(text)
		if more {
			value += txtCutGoesOn
		}
		fmt.Fprintf(b, "<b>%s:</b> %s\n", label, value)
	}
	if d.Choice == karir.ChoiceMove {
		line(txtLabelChoice, txtChoiceMove)
		line(txtLabelOPD, d.TargetOPDName)
		line(txtLabelPosition, d.TargetPosition)
	} else {
		line(txtLabelChoice, txtChoiceStay)
	}
	line(txtLabelReason, cut(d.Reason))
	line(txtLabelTarget, cut(d.Target))
	line(txtLabelTerm, fmt.Sprintf(txtTermButton, d.TermMonths))
}
