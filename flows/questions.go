package flows

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"openkarir/karir"
)

// Buttons per page of the pick lists.
const (
	opdPageSize  = 8
	positionPage = 8
)

// prompt asks the question of the current step again.
func (f *Form) prompt(t *Turn) error {
	if t.Conv.State == karir.StateStart {
		// Whatever came first (a photo, a stale button): the welcome and
		// the privacy notice, as for /start, so the next message answers
		// the question that was asked.
		t.Sayf(txtWelcome, esc(f.agency()))
		return f.begin(t)
	}
	r, err := f.question(t)
	if err != nil {
		return err
	}
	t.Say(r)
	return nil
}

// question builds the message that asks the current step's question, or
// what to do with the answer held at this step.
func (f *Form) question(t *Turn) (karir.Reply, error) {
	q, err := f.stepQuestion(t)
	if err != nil {
		return q, err
	}
	if h, ok := held(t.Conv); ok {
		step, _, _ := strings.Cut(q.Text, "\n")
		return f.heldQuestion(t, h, step)
	}
	return q, nil
}

// stepQuestion is the current step's own question.
func (f *Form) stepQuestion(t *Turn) (karir.Reply, error) {
	c := t.Conv
	switch c.State {
	case karir.StateStart:
		return karir.Reply{Text: fmt.Sprintf(txtWelcome, esc(f.agency()))}, nil
	case karir.StateConsent:
		return karir.Reply{Text: txtPrivacy, Buttons: [][]karir.Button{{
			{Text: txtBtnAgree, Data: btnConsentYes}, {Text: txtBtnDisagree, Data: btnConsentNo},
		}}}, nil
	case karir.StateAskNIP:
		return karir.Reply{Text: txtAskNIP}, nil
	case karir.StateAskProof:
		return karir.Reply{Text: txtAskProof, AskContact: true}, nil
	case karir.StateIdle:
		return f.idleMenu(t)
	case karir.StateChoice:
		emp, err := f.employee(t)
		if err != nil {
			return karir.Reply{}, err
		}
		return karir.Reply{
			Text: fmt.Sprintf(txtChoice, escName(emp.Position), escName(emp.OPDName)),
			Buttons: [][]karir.Button{
				{{Text: txtBtnStay, Data: btnChoiceStay}},
				{{Text: txtBtnMove, Data: btnChoiceMove}},
			},
		}, nil
	case karir.StateTargetOPD:
		return f.opdPage(t)
	case karir.StateTargetPosition:
		return f.positionPage(t)
	case karir.StateReason:
		format := txtReasonMove
		if c.Draft.Choice == karir.ChoiceStay {
			format = txtReasonStay
		}
		return karir.Reply{Text: stepText(format, c.Draft.Choice, 2) + oldAnswer(c, c.Draft.Reason)}, nil
	case karir.StateTarget:
		emp, err := f.employee(t)
		if err != nil {
			return karir.Reply{}, err
		}
		ex := examplesFor(emp, c.Draft)
		return karir.Reply{Text: stepText(txtTarget, c.Draft.Choice, 3, esc(ex[0]), esc(ex[1])) + oldAnswer(c, c.Draft.Target)}, nil
	case karir.StateTerm:
		row := make([]karir.Button, 0, len(karir.Terms))
		for _, m := range karir.Terms {
			label := fmt.Sprintf(txtTermButton, m)
			if m == karir.DefaultTerm {
				label = fmt.Sprintf(txtTermDefault, m)
			}
			row = append(row, karir.Button{Text: label, Data: formButton{fbTerm, strconv.Itoa(m)}.data()})
		}
		return karir.Reply{Text: stepText(txtTerm, c.Draft.Choice, 4), Buttons: [][]karir.Button{row}}, nil
	case karir.StateSummary:
		return f.summary(t)
	}
	return karir.Reply{}, fmt.Errorf("no question for state %q", c.State)
}

// oldAnswer offers the answer being changed from the summary to copy (a
// <code> block copies with one tap), so a small fix needs no retyping.
func oldAnswer(c *karir.Conversation, old string) string {
	if !c.Editing || old == "" {
		return ""
	}
	return fmt.Sprintf(txtOldAnswer, esc(old))
}

func (f *Form) employee(t *Turn) (*karir.Employee, error) {
	emp, err := f.store.Employee(t.Ctx, t.Conv.NIP)
	if err != nil {
		return nil, fmt.Errorf("load bound employee: %w", err)
	}
	return emp, nil
}

// opdPage lists the target agencies, one page of buttons at a time.
func (f *Form) opdPage(t *Turn) (karir.Reply, error) {
	opds, err := f.store.OPDs(t.Ctx)
	if err != nil {
		return karir.Reply{}, fmt.Errorf("list OPDs: %w", err)
	}
	pages := pageCount(len(opds), opdPageSize)
	page := clamp(t.Conv.OPDPage, 0, pages-1)
	var rows [][]karir.Button
	var names strings.Builder
	for _, o := range pageOf(opds, page, opdPageSize) {
		label := clipLabel("", o.Name, "")
		if label != o.Name {
			// Cut to fit a phone: the whole name is in the message.
			fmt.Fprintf(&names, txtCutName, esc(label), esc(o.Name))
		}
		rows = append(rows, []karir.Button{{Text: label, Data: formButton{fbOPD, o.Code}.data()}})
	}
	rows = appendNav(rows, page, pages, fbOPDPage)
	return karir.Reply{Text: fmt.Sprintf(txtTargetOPD, page+1, pages) + names.String(), Buttons: rows}, nil
}

// positionPage lists the positions of the chosen agency; a button carries the
// position's index, since names can pass the 64 bytes of callback data.
func (f *Form) positionPage(t *Turn) (karir.Reply, error) {
	o, err := f.store.OPD(t.Ctx, t.Conv.Draft.TargetOPDCode)
	if err != nil {
		return karir.Reply{}, fmt.Errorf("load target OPD: %w", err)
	}
	choices, err := f.postChoices(t, o)
	if err != nil {
		return karir.Reply{}, err
	}
	if len(choices) == 0 {
		return karir.Reply{Text: fmt.Sprintf(txtTargetPosNone, escName(o.Name))}, nil
	}
	pages := pageCount(len(choices), positionPage)
	page := clamp(t.Conv.OPDPage, 0, pages-1)
	var rows [][]karir.Button
	start := page * positionPage
	var names strings.Builder
	for i, p := range pageOf(choices, page, positionPage) {
		full := p.label()
		label := clipLabel("", full, "")
		if label != full {
			// Cut to fit a phone: the whole name is in the message.
			fmt.Fprintf(&names, txtCutName, esc(label), esc(full))
		}
		rows = append(rows, []karir.Button{{Text: label, Data: formButton{fbPosition, strconv.Itoa(start + i)}.data()}})
	}
	rows = appendNav(rows, page, pages, fbPositionPage)
	text := fmt.Sprintf(txtTargetPos, escName(o.Name), page+1, pages)
	if choices[0].Planned {
		text += txtTargetPosPlanned
	}
	return karir.Reply{Text: text + names.String(), Buttons: rows}, nil
}

func appendNav(rows [][]karir.Button, page, pages int, kind formKind) [][]karir.Button {
	var nav []karir.Button
	if page > 0 {
		nav = append(nav, karir.Button{Text: txtBtnPrev, Data: formButton{kind, strconv.Itoa(page - 1)}.data()})
	}
	if page < pages-1 {
		nav = append(nav, karir.Button{Text: txtBtnNext, Data: formButton{kind, strconv.Itoa(page + 1)}.data()})
	}
	if len(nav) > 0 {
		rows = append(rows, nav)
	}
	return rows
}

// stepText numbers a step of the form: staying has four steps (choice,
// reason, target, term), moving five, with the target post as its second.
// n is the step's number on the way of staying.
// The format's further verbs take args.
func stepText(format string, choice karir.Choice, n int, args ...any) string {
	total := 4
	if choice == karir.ChoiceMove {
		n, total = n+1, 5
	}
	return fmt.Sprintf(format, append([]any{n, total}, args...)...)
}

// idleMenu is what a bound ASN may do next: fill in the form while it can
// be filled or changed, else what their stage asks (report progress on a
// running target), and see the status. "Isi formulir" on an approved form
// only said it could no longer be changed.
func (f *Form) idleMenu(t *Turn) (karir.Reply, error) {
	status := karir.Button{Text: txtBtnStatus, Data: btnMenuStatus}
	fill := []karir.Button{{Text: txtBtnFill, Data: btnMenuFill}, status}
	if !t.Round.Opened() || t.Conv.NIP == "" {
		return karir.Reply{Text: txtMenu, Buttons: [][]karir.Button{fill}}, nil
	}
	sub, err := f.store.Submission(t.Ctx, t.Round.ID, t.Conv.NIP)
	if errors.Is(err, karir.ErrNotFound) || (err == nil && sub.Editable()) {
		return karir.Reply{Text: txtMenu, Buttons: [][]karir.Button{fill}}, nil
	}
	if err != nil {
		return karir.Reply{}, fmt.Errorf("load submission: %w", err)
	}
	var row []karir.Button
	for _, r := range stageFor(sub, t.Round, f.now(), f.loc).Buttons {
		row = append(row, r...)
	}
	return karir.Reply{Text: txtMenu, Buttons: [][]karir.Button{append(row, status)}}, nil
}
