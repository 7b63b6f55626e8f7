package flows

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"openkarir/karir"
)

// Lengths of the form's free-text answers, in characters.
const (
	minText         = 20
	maxText         = 1000
	minPositionText = 3
	maxPositionText = 100
)

// formButton is the data of a form button: what it answers (the step's
// kind) and the value. The current question's own buttons are the only ones
// accepted, so a button from an old message changes nothing.
type formButton struct {
	Kind  formKind
	Value string
}

// formKind says what a form button answers.
type formKind string

const (
	fbConsent      formKind = "k" // ya, tidak
	fbMenu         formKind = "m" // isi, status
	fbChoice       formKind = "c" // a karir.Choice
	fbOPD          formKind = "o" // an OPD code
	fbOPDPage      formKind = "op"
	fbPosition     formKind = "p" // the post's index in the OPD's list
	fbPositionPage formKind = "pp"
	fbTerm         formKind = "t" // months
	fbSummary      formKind = "s" // kirim, batal
	fbEdit         formKind = "e" // a field of the summary
	fbHeld         formKind = "h" // see held.go
)

// data is the button's callback data.
func (b formButton) data() string { return ButtonData(formCommand, string(b.Kind), b.Value) }

func parseFormButton(f Fields) formButton {
	return formButton{Kind: formKind(f.At(0)), Value: f.Rest(1)}
}

// The form's buttons that carry no changing value.
var (
	btnConsentYes = formButton{fbConsent, "ya"}.data()
	btnConsentNo  = formButton{fbConsent, "tidak"}.data()
	btnMenuFill   = formButton{fbMenu, "isi"}.data()
	btnMenuStatus = formButton{fbMenu, "status"}.data()
	btnChoiceStay = formButton{fbChoice, string(karir.ChoiceStay)}.data()
	btnChoiceMove = formButton{fbChoice, string(karir.ChoiceMove)}.data()
	btnSend       = formButton{fbSummary, "kirim"}.data()
	btnCancel     = formButton{fbSummary, "batal"}.data()
)

// legacyButton maps the data of the menu buttons sent before one format
// served every group: reminders with them stay in chats for weeks.
func legacyButton(data string) string {
	switch data {
	case "m:isi":
		return btnMenuFill
	case "m:status":
		return btnMenuStatus
	}
	return data
}

// button handles a pressed inline button of the form.
func (f *Form) button(t *Turn, fields Fields) error {
	b := parseFormButton(fields)
	data := b.data()
	switch data {
	case btnMenuFill:
		return f.openForm(t)
	case btnMenuStatus:
		return f.status(t)
	}
	q, err := f.question(t)
	if err != nil {
		return err
	}
	label, ok := findButton(q.Buttons, data)
	if !ok {
		t.res.Toast = txtStaleButton
		return f.prompt(t)
	}
	msgID := t.In.Callback.MessageID
	if b.Kind == fbOPDPage || b.Kind == fbPositionPage {
		return f.turnPage(t, b.Value, msgID)
	}
	if post, ok, err := f.pickedPost(t, b); err != nil {
		return err
	} else if ok {
		// A post's label may be cut to fit a phone: the answer is the
		// post its index names.
		label = post
	}
	// Keep the question in the chat with the answer under it, without buttons.
	t.Say(karir.Reply{Text: q.Text + "\n\n" + chosen(label), EditMessageID: msgID})

	switch b.Kind {
	case fbConsent:
		return f.consent(t, b.Value == "ya")
	case fbChoice:
		return f.answerChoice(t, karir.Choice(b.Value))
	case fbOPD:
		return f.answerOPD(t, b.Value)
	case fbPosition:
		return f.answerPosition(t, label)
	case fbTerm:
		m, _ := strconv.Atoi(b.Value)
		return f.answerTerm(t, m)
	case fbHeld:
		return f.heldButton(t, b.Value, label)
	case fbEdit:
		return f.edit(t, b.Value)
	case fbSummary:
		if data == btnSend {
			return f.submit(t)
		}
		return f.cancel(t)
	}
	return fmt.Errorf("button %q has no handler", data)
}

// pickedPost is the post a post button names by its index in the pick
// list (a list button, or a held answer's suggestion); ok is false for
// other buttons, and for the own post a suggestion names by its label.
func (f *Form) pickedPost(t *Turn, b formButton) (string, bool, error) {
	idx := b.Value
	switch {
	case b.Kind == fbPosition:
	case b.Kind == fbHeld && strings.HasPrefix(b.Value, heldPost):
		idx = strings.TrimPrefix(b.Value, heldPost)
		if idx == "-1" {
			return "", false, nil // the own post, on no list
		}
	default:
		return "", false, nil
	}
	post, err := f.chosenPost(t, idx)
	return post, err == nil, err
}

// chosen marks the label of the pressed button under its question: a tick,
// unless the label starts with a symbol of its own ("✅ Kirim", "❌ Batal").
func chosen(label string) string {
	if r, _ := utf8.DecodeRuneInString(label); unicode.IsLetter(r) || unicode.IsDigit(r) {
		label = "✅ " + label
	}
	return "<b>" + esc(label) + "</b>"
}

func findButton(rows [][]karir.Button, data string) (string, bool) {
	for _, row := range rows {
		for _, b := range row {
			if b.Data == data {
				return b.Text, true
			}
		}
	}
	return "", false
}

// turnPage shows another page of a pick list in the same message.
func (f *Form) turnPage(t *Turn, page string, msgID int) error {
	p, _ := strconv.Atoi(page)
	t.Conv.OPDPage = p
	q, err := f.question(t)
	if err != nil {
		return err
	}
	q.EditMessageID = msgID
	t.Say(q)
	return nil
}

// typed handles free text, according to the step.
func (f *Form) typed(t *Turn, text string) error {
	c := t.Conv
	switch c.State {
	case karir.StateStart:
		t.Sayf(txtWelcome, esc(f.agency()))
		return f.begin(t)
	case karir.StateConsent:
		switch strings.ToLower(text) {
		case "setuju", "ya", strings.ToLower(txtBtnAgree):
			return f.consent(t, true)
		}
		t.Sayf(txtUseButtons)
		return f.prompt(t)
	case karir.StateAskNIP:
		return f.answerNIP(t, text)
	case karir.StateAskProof:
		switch {
		case strings.EqualFold(text, LabelChangeNIP):
			c.PendingNIP = ""
			if err := fire(t.Ctx, c, evChangeNIP); err != nil {
				return err
			}
			return f.prompt(t)
		case len(karir.NormalizeNIP(text)) == 18 && digits(text) == 18:
			return f.answerNIP(t, text)
		}
		return f.answerCode(t, text)
	case karir.StateChoice:
		switch strings.ToLower(text) {
		case "tetap", strings.ToLower(txtBtnStay):
			return f.answerChoice(t, karir.ChoiceStay)
		case "pindah", strings.ToLower(txtBtnMove):
			return f.answerChoice(t, karir.ChoiceMove)
		}
	case karir.StateTargetOPD:
		opds, err := f.store.OPDs(t.Ctx)
		if err != nil {
			return fmt.Errorf("list OPDs: %w", err)
		}
		for _, o := range opds {
			if strings.EqualFold(text, o.Code) || strings.EqualFold(text, o.Name) {
				return f.answerOPD(t, o.Code)
			}
		}
	case karir.StateTargetPosition:
		if msg := checkLength(text, minPositionText, maxPositionText); msg != "" {
			t.Sayf(msg)
			return nil
		}
		return f.answerTypedPost(t, text)
	case karir.StateReason, karir.StateTarget:
		return f.answerText(t, text)
	case karir.StateTerm:
		m, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.ToLower(text), "bulan")))
		if err == nil && slices.Contains(karir.Terms, m) {
			return f.answerTerm(t, m)
		}
	case karir.StateIdle:
		return f.prompt(t)
	}
	t.Sayf(txtUseButtons)
	return f.prompt(t)
}

// advance moves to the next step, or back to the summary when the step was
// opened from it.
func (f *Form) advance(t *Turn, next event) error {
	ev := next
	if t.Conv.Editing {
		ev = evReview
	}
	if err := fire(t.Ctx, t.Conv, ev); err != nil {
		return err
	}
	if t.Conv.State == karir.StateSummary {
		t.Conv.Editing = false
	}
	return f.prompt(t)
}

func (f *Form) answerChoice(t *Turn, ch karir.Choice) error {
	d := &t.Conv.Draft
	d.Choice = ch
	if ch == karir.ChoiceStay {
		d.TargetOPDCode, d.TargetOPDName, d.TargetPosition = "", "", ""
		return f.advance(t, evChooseStay)
	}
	// A move always goes through the target OPD and position, even from
	// the summary; Editing stays set so the position returns there.
	t.Conv.OPDPage = 0
	if err := fire(t.Ctx, t.Conv, evChooseMove); err != nil {
		return err
	}
	return f.prompt(t)
}

func (f *Form) answerOPD(t *Turn, code string) error {
	o, err := f.store.OPD(t.Ctx, code)
	if err != nil {
		return fmt.Errorf("load OPD: %w", err)
	}
	d := &t.Conv.Draft
	d.TargetOPDCode, d.TargetOPDName, d.TargetPosition = o.Code, o.Name, ""
	t.Conv.OPDPage = 0
	if err := fire(t.Ctx, t.Conv, evPickOPD); err != nil {
		return err
	}
	return f.prompt(t)
}

// answerPosition takes a target post from the list; the ASN's own post is
// held, for them to choose to stay or to pick another.
func (f *Form) answerPosition(t *Turn, position string) error {
	emp, err := f.employee(t)
	if err != nil {
		return err
	}
	if t.Conv.Draft.TargetOPDCode == emp.OPDCode && normPost(position) == normPost(emp.Position) {
		t.Conv.Held = karir.HeldAnswer{State: t.Conv.State, Text: position}
		return f.prompt(t)
	}
	return f.takePosition(t, position)
}

// takePosition records the target post and goes on.
func (f *Form) takePosition(t *Turn, position string) error {
	t.Conv.Held = karir.HeldAnswer{}
	t.Conv.Draft.TargetPosition = position
	return f.advance(t, evPickPosition)
}

func (f *Form) answerTerm(t *Turn, months int) error {
	t.Conv.Draft.TermMonths = months
	if err := fire(t.Ctx, t.Conv, evPickTerm); err != nil {
		return err
	}
	t.Conv.Editing = false
	return f.prompt(t)
}

// edit opens one step from the summary.
func (f *Form) edit(t *Turn, field string) error {
	evs := map[string]event{
		"choice": evEditChoice, "opd": evEditOPD, "position": evEditPosition,
		"reason": evEditReason, "target": evEditTarget, "term": evEditTerm,
	}
	ev, ok := evs[field]
	if !ok {
		return fmt.Errorf("unknown field %q", field)
	}
	t.Conv.Editing = true
	t.Conv.OPDPage = 0
	if err := fire(t.Ctx, t.Conv, ev); err != nil {
		return err
	}
	return f.prompt(t)
}

// submit files the draft as the submission of this round.
func (f *Form) submit(t *Turn) error {
	c := t.Conv
	now := f.now()
	emp, err := f.employee(t)
	if err != nil {
		return err
	}
	sub, err := f.store.Submission(t.Ctx, t.Round.ID, c.NIP)
	if err != nil && !errors.Is(err, karir.ErrNotFound) {
		return fmt.Errorf("load submission: %w", err)
	}
	returned := sub != nil && sub.Stage == karir.StepReturned
	if refusal := editRefusal(sub, t.Round, now, f.loc); refusal != "" {
		if err := fire(t.Ctx, c, evCancel); err != nil {
			return err
		}
		c.Draft = karir.Answers{}
		t.Sayf(refusal)
		return nil
	}
	switch {
	case sub == nil:
		ref, err := newRef()
		if err != nil {
			return err
		}
		sub = &karir.Submission{ID: karir.SubmissionID(t.Round.ID, c.NIP), Round: t.Round.ID, NIP: c.NIP, Ref: ref, SubmittedAt: now}
	case sub.Answers != c.Draft:
		sub.Revisions = append(sub.Revisions, karir.Revision{At: now, Old: sub.Answers, New: c.Draft})
	}
	if sub.Stage == "" || returned {
		if err := sub.Record(karir.Milestone{Step: karir.StepSubmitted, At: now, ActorID: t.In.UserID, ActorName: emp.Name}, f.loc); err != nil {
			return err
		}
	}
	sub.Name, sub.OPDCode, sub.OPDName, sub.Position, sub.Eselon, sub.JabatanType = emp.Name, emp.OPDCode, emp.OPDName, emp.Position, emp.Eselon, emp.Type()
	sub.Answers = c.Draft
	sub.TelegramID = t.In.UserID
	sub.UpdatedAt = now
	if err := f.store.SaveSubmission(t.Ctx, sub); err != nil {
		return fmt.Errorf("save submission: %w", err)
	}
	if err := fire(t.Ctx, c, evSubmit); err != nil {
		return err
	}
	c.Draft = karir.Answers{}
	t.Sayf(txtSent, esc(sub.Ref), karir.FormatDate(t.Round.LastDay(), f.loc))
	return nil
}

// editRefusal says why the ASN may not file or change the form now, or "".
// A form returned for correction may be fixed even after the deadline.
func editRefusal(sub *karir.Submission, round karir.Round, now time.Time, loc *time.Location) string {
	switch {
	case sub != nil && !sub.Editable():
		return fmt.Sprintf(txtInProcess, karir.StepLabel(sub.Stage))
	case sub != nil && sub.Stage == karir.StepReturned:
		return ""
	case !round.Opened():
		return txtNotOpenedForm
	case !round.IsOpen(now):
		return fmt.Sprintf(txtClosed, karir.FormatDate(round.LastDay(), loc))
	}
	return ""
}
