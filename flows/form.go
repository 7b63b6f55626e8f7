package flows

import (
	"errors"
	"fmt"
	"time"

	"openkarir/karir"
)

// Form is the conversation of an ASN: binding the account, filing the form,
// and the status.
type Form struct {
	store karir.Store
	loc   *time.Location
	now   func() time.Time
}

func newForm(store karir.Store, loc *time.Location, now func() time.Time) *Form {
	return &Form{store: store, loc: loc, now: now}
}

// command handles the form's own commands (/start, /isi, /status, /batal).
func (f *Form) command(t *Turn) error {
	c := t.Conv
	switch t.In.Command {
	case "start":
		switch {
		case c.State == karir.StateStart:
			t.Sayf(txtWelcome)
			f.sayRoundAtStart(t)
			return f.begin(t)
		case inForm(c.State):
			t.Sayf(txtResume)
		case c.NIP == "":
			f.sayRoundAtStart(t)
		}
		return f.prompt(t)
	case "isi":
		return f.openForm(t)
	case "status":
		return f.status(t)
	case "batal":
		return f.cancel(t)
	}
	t.Sayf(txtUnknownCmd)
	return nil
}

// cancel leaves the open form; what was filed before stays filed.
func (f *Form) cancel(t *Turn) error {
	c := t.Conv
	if !inForm(c.State) {
		t.Sayf(txtNothingToCancel)
		return nil
	}
	if err := fire(t.Ctx, c, evCancel); err != nil {
		return err
	}
	c.Draft, c.Editing = karir.Answers{}, false
	t.Sayf(txtCancelled)
	return nil
}

// openForm starts the form, resumes it, or explains why it cannot.
func (f *Form) openForm(t *Turn) error {
	c := t.Conv
	if c.NIP == "" {
		t.Sayf(txtBindFirst)
		return f.begin(t)
	}
	if !t.Round.Opened() {
		t.Sayf(txtNotOpenedForm)
		return nil
	}
	sub, err := f.store.Submission(t.Ctx, t.Round.ID, c.NIP)
	if err != nil && !errors.Is(err, karir.ErrNotFound) {
		return fmt.Errorf("load submission: %w", err)
	}
	if refusal := editRefusal(sub, t.Round, f.now(), f.loc); refusal != "" {
		// A form left open when the deadline passed is closed with it.
		if inForm(c.State) {
			if err := fire(t.Ctx, c, evCancel); err != nil {
				return err
			}
			c.Draft, c.Editing = karir.Answers{}, false
		}
		t.Sayf(refusal)
		return f.status(t)
	}
	if inForm(c.State) {
		t.Sayf(txtResume)
		return f.prompt(t)
	}
	switch {
	case sub == nil:
		c.Draft, c.Editing = karir.Answers{}, false
		if err := fire(t.Ctx, c, evOpenForm); err != nil {
			return err
		}
	default:
		c.Draft, c.Editing = sub.Answers, false
		if err := fire(t.Ctx, c, evReopenFiled); err != nil {
			return err
		}
		t.Sayf(txtReopen)
	}
	return f.prompt(t)
}

// begin puts an unbound user at the start of binding (the privacy notice,
// unless they agreed before), or re-asks its step.
func (f *Form) begin(t *Turn) error {
	if t.Conv.State == karir.StateStart {
		if err := fire(t.Ctx, t.Conv, evBegin); err != nil {
			return err
		}
		if !t.Conv.ConsentAt.IsZero() {
			if err := fire(t.Ctx, t.Conv, evConsent); err != nil {
				return err
			}
		}
	}
	return f.prompt(t)
}

// consent records the user's answer to the privacy notice.
func (f *Form) consent(t *Turn, yes bool) error {
	if !yes {
		t.Sayf(txtConsentRefused)
		return nil
	}
	t.Conv.ConsentAt = f.now()
	if err := fire(t.Ctx, t.Conv, evConsent); err != nil {
		return err
	}
	return f.prompt(t)
}

// sayRoundAtStart tells someone who has not bound a NIP yet, before they
// type it, when the form cannot be filed now: not opened yet, or closed.
func (f *Form) sayRoundAtStart(t *Turn) {
	switch r := t.Round; {
	case !r.Opened():
		t.Sayf(txtNotOpenedYet)
	case !r.IsOpen(f.now()):
		t.Sayf(txtClosedAtStart, esc(r.ID), karir.FormatDate(r.LastDay(), f.loc))
	}
}
