package flows

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"openkarir/karir"
)

// Form is the conversation of an ASN: binding the account, filing the form,
// and the status.
type Form struct {
	store karir.Store
	loc   *time.Location
	now   func() time.Time
	// agencyName is AGENCY_NAME, "Pemerintah Kota Bengkulu", which the
	// welcome names as the contracts do.
	agencyName string
}

// agency is the agency the welcome names; "Pemerintah Kota" when unset.
func (f *Form) agency() string {
	if f.agencyName == "" {
		return "Pemerintah Kota"
	}
	return f.agencyName
}

func newForm(store karir.Store, loc *time.Location, now func() time.Time) *Form {
	return &Form{store: store, loc: loc, now: now}
}

// formCommand is the command the form's buttons belong to.
const formCommand = "isi"

// Commands are the form's own, registered like every other group's; the
// form also takes whatever input no command waits for (input).
func (f *Form) Commands() []Command {
	return []Command{
		{Name: "start", Run: f.start},
		{Name: formCommand, Run: f.openForm, Button: f.button},
		{Name: "status", Run: f.status},
		{Name: "batal", Run: f.cancel},
	}
}

// start is /start: the welcome and binding for someone new, else the
// current step again.
func (f *Form) start(t *Turn) error {
	c := t.Conv
	switch {
	case c.State == karir.StateStart:
		t.Sayf(txtWelcome, esc(f.agency()))
		f.sayRoundAtStart(t)
		return f.begin(t)
	case inForm(c.State):
		t.Sayf(txtResume)
	case c.NIP == "":
		f.sayRoundAtStart(t)
	}
	return f.prompt(t)
}

// input handles a message that is not a command and that no command waits
// for, according to the step.
func (f *Form) input(t *Turn) error {
	switch in := t.In; {
	case in.Contact != nil:
		return f.contact(t)
	case in.File != nil && RosterFile(in.File):
		// A roster sent without its caption: say how it is imported.
		t.Sayf(txtFileNeedsCaption)
		return nil
	case in.Unsupported != "", in.File != nil:
		t.Sayf(txtUnsupported)
		return f.prompt(t)
	default:
		return f.typed(t, strings.TrimSpace(in.Text))
	}
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
		// The notice's buttons went with the answer: ask again below.
		t.Sayf(txtConsentRefused)
		return f.prompt(t)
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
