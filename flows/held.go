package flows

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"openkarir/karir"
)

// Values of a held answer's buttons (karir.HeldAnswer): what to do with a
// text that is too long, or with a typed post that is not on the list as
// typed.
const (
	heldCut     = "cut"   // show the text cut to the limit
	heldUseCut  = "use"   // take the cut text
	heldRewrite = "again" // type it again
	heldTyped   = "typed" // take the post as typed
	heldStay    = "stay"  // the post is the own one: stay
	heldList    = "list"  // back to the list of posts
	heldPost    = "p"     // + the index of a known post
)

// The held answer's buttons that carry no changing value.
var (
	btnHeldCut     = formButton{fbHeld, heldCut}.data()
	btnHeldUseCut  = formButton{fbHeld, heldUseCut}.data()
	btnHeldRewrite = formButton{fbHeld, heldRewrite}.data()
	btnHeldTyped   = formButton{fbHeld, heldTyped}.data()
	btnHeldStay    = formButton{fbHeld, heldStay}.data()
	btnHeldList    = formButton{fbHeld, heldList}.data()
)

// held is the answer held for the current step, if any.
func held(c *karir.Conversation) (karir.HeldAnswer, bool) {
	return c.Held, !c.Held.IsZero() && c.Held.State == c.State
}

// answerText takes a typed reason or target. A text over the limit is
// kept, and the user chooses to cut it or write it again.
func (f *Form) answerText(t *Turn, text string) error {
	c := t.Conv
	if utf8.RuneCountInString(text) > maxText {
		c.Held = karir.HeldAnswer{State: c.State, Text: text}
		return f.prompt(t)
	}
	if msg := checkLength(text, minText, maxText); msg != "" {
		t.Sayf(msg)
		return nil
	}
	if c.State == karir.StateTarget && !hasDigit(text) {
		t.Sayf(txtTargetNumber)
		return nil
	}
	c.Held = karir.HeldAnswer{}
	if c.State == karir.StateTarget {
		c.Draft.Target = text
		return f.advance(t, evGiveTarget)
	}
	c.Draft.Reason = text
	return f.advance(t, evGiveReason)
}

// heldQuestion asks what to do with the held answer; step is the first
// line of the step's own question.
func (f *Form) heldQuestion(t *Turn, h karir.HeldAnswer, step string) (karir.Reply, error) {
	if t.Conv.State == karir.StateTargetPosition {
		return f.heldPost(t, h, step)
	}
	rewrite := karir.Button{Text: txtBtnRewrite, Data: btnHeldRewrite}
	if !h.CutShown {
		return karir.Reply{
			Text:    fmt.Sprintf(txtLongHeld, step, utf8.RuneCountInString(h.Text), maxText),
			Buttons: [][]karir.Button{{{Text: txtBtnCut, Data: btnHeldCut}, rewrite}},
		}, nil
	}
	cut := shorten(h.Text, maxText)
	n := utf8.RuneCountInString(cut)
	return karir.Reply{
		Text:    fmt.Sprintf(txtLongCut, step, n, utf8.RuneCountInString(h.Text)-n, esc(cut)),
		Buttons: [][]karir.Button{{{Text: txtBtnUseCut, Data: btnHeldUseCut}, rewrite}},
	}, nil
}

// heldPost offers the known posts like the typed one, or, when it is the
// ASN's own post, to stay after all.
func (f *Form) heldPost(t *Turn, h karir.HeldAnswer, step string) (karir.Reply, error) {
	m, o, names, err := f.matchTyped(t, h.Text)
	if err != nil {
		return karir.Reply{}, err
	}
	list := []karir.Button{{Text: txtBtnFromList, Data: btnHeldList}}
	if m.Own {
		emp, err := f.employee(t)
		if err != nil {
			return karir.Reply{}, err
		}
		if m.Exact != "" {
			return karir.Reply{
				Text: fmt.Sprintf(txtSamePost, step, escName(emp.Position)),
				Buttons: [][]karir.Button{{{Text: txtBtnStay, Data: btnHeldStay}},
					{{Text: txtBtnOtherPost, Data: btnHeldList}}},
			}, nil
		}
		return karir.Reply{
			Text: fmt.Sprintf(txtSamePostTypo, step, esc(h.Text), escName(emp.Position)),
			Buttons: [][]karir.Button{{{Text: txtBtnStay, Data: btnHeldStay}},
				{{Text: txtBtnOtherPost, Data: btnHeldList}},
				{{Text: txtBtnNotMyPost, Data: btnHeldTyped}}},
		}, nil
	}
	var rows [][]karir.Button
	for _, p := range m.Closest {
		// The index is the post's place in the OPD's list; the own post
		// is not on the list only when nobody else holds it.
		rows = append(rows, []karir.Button{{Text: clipLabel("", p, ""), Data: formButton{fbHeld, heldPost + strconv.Itoa(slices.Index(names, p))}.data()}})
	}
	rows = append(rows, []karir.Button{{Text: txtBtnKeepTyped, Data: btnHeldTyped}}, list)
	format := txtPostSuggest
	if len(m.Closest) == 0 {
		format = txtPostConfirm
	}
	return karir.Reply{Text: fmt.Sprintf(format, step, esc(h.Text), escName(o.Name)), Buttons: rows}, nil
}

// matchTyped compares a typed post with the target OPD's posts (its peta
// jabatan's, or those its staff hold) and the ASN's own, when it is their
// OPD; names are the OPD's posts, in the pick list's order.
func (f *Form) matchTyped(t *Turn, typed string) (postMatch, *karir.OPD, []string, error) {
	emp, err := f.employee(t)
	if err != nil {
		return postMatch{}, nil, nil, err
	}
	o, err := f.store.OPD(t.Ctx, t.Conv.Draft.TargetOPDCode)
	if err != nil {
		return postMatch{}, nil, nil, fmt.Errorf("load target OPD: %w", err)
	}
	choices, err := f.postChoices(t, o)
	if err != nil {
		return postMatch{}, nil, nil, err
	}
	names := postNames(choices)
	own := ""
	if o.Code == emp.OPDCode {
		own = emp.Position
	}
	return matchPost(typed, names, own), o, names, nil
}

// answerTypedPost takes a typed target post: a known one in its listed
// spelling; one like a known post, or the ASN's own, is held while they
// choose; one like none is taken as typed.
func (f *Form) answerTypedPost(t *Turn, text string) error {
	m, _, names, err := f.matchTyped(t, text)
	if err != nil {
		return err
	}
	switch {
	case m.Exact != "" && !m.Own:
		return f.answerPosition(t, m.Exact)
	case m.Own || len(m.Closest) > 0 || len(names) > 0:
		// Like none on the list: confirmed before it is taken, since a
		// post typed two ways splits the counts admins read.
		t.Conv.Held = karir.HeldAnswer{State: t.Conv.State, Text: text}
		return f.prompt(t)
	}
	return f.takePosition(t, text)
}

// heldButton handles the buttons of a held answer; label is the pressed
// button's text.
func (f *Form) heldButton(t *Turn, value, label string) error {
	c := t.Conv
	h, _ := held(c)
	switch {
	case value == heldCut:
		c.Held.CutShown = true
		return f.prompt(t)
	case value == heldUseCut:
		return f.answerText(t, shorten(h.Text, maxText))
	case value == heldRewrite:
		c.Held = karir.HeldAnswer{}
		q, err := f.question(t)
		if err != nil {
			return err
		}
		step, _, _ := strings.Cut(q.Text, "\n")
		t.Sayf(txtLongRewrite, step, maxText)
		return nil
	case value == heldList:
		c.Held, c.OPDPage = karir.HeldAnswer{}, 0
		return f.prompt(t)
	case value == heldTyped:
		return f.takePosition(t, h.Text)
	case value == heldStay:
		return f.stayInstead(t)
	case strings.HasPrefix(value, heldPost):
		// The label is the post's name (f.pickedPost): the button was checked.
		return f.answerPosition(t, label)
	}
	return fmt.Errorf("held button %q has no handler", value)
}

// stayInstead turns a move to the own post into staying.
func (f *Form) stayInstead(t *Turn) error {
	d := &t.Conv.Draft
	d.Choice = karir.ChoiceStay
	d.TargetOPDCode, d.TargetOPDName, d.TargetPosition = "", "", ""
	return f.advance(t, evStayInstead)
}

// shorten cuts a text to at most limit characters: after the last
// sentence that ends within the limit, when that keeps at least half of
// it; else after the last whole word; a text without spaces at the limit.
func shorten(s string, limit int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) <= limit {
		return string(r)
	}
	for i := limit - 1; i >= limit/2; i-- {
		if strings.ContainsRune(".!?", r[i]) && unicode.IsSpace(r[i+1]) {
			return string(r[:i+1])
		}
		if r[i] == '\n' {
			return strings.TrimSpace(string(r[:i]))
		}
	}
	for i := limit; i > 0; i-- {
		if unicode.IsSpace(r[i]) {
			return strings.TrimRightFunc(string(r[:i]), func(c rune) bool {
				return unicode.IsSpace(c) || strings.ContainsRune(",;:-(", c)
			})
		}
	}
	return string(r[:limit])
}
