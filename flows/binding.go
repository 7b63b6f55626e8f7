package flows

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"openkarir/karir"
)

// answerNIP checks a typed NIP and asks for the proof (the shared phone
// number or the activation code). Until the proof, the answer is the same
// whether the NIP is in the roster, bound to another account or neither:
// a stranger learns nothing of the roster (issue 24), and may type
// karir.MaxNIPLookups NIPs a day. Only the form of the NIP is checked
// aloud, which the NIP itself tells.
func (f *Form) answerNIP(t *Turn, raw string) error {
	c := t.Conv
	now := f.now()
	nip := karir.NormalizeNIP(raw)
	if err := karir.ValidateNIP(nip, now); err != nil {
		t.Sayf(nipProblem(err))
		return nil
	}
	if nip != c.PendingNIP {
		if until := c.LookUpNIP(now); !until.IsZero() {
			t.Sayf(txtNIPLookupsClosed, karir.FormatDateTime(until, f.loc))
			return nil
		}
	}
	b, err := f.store.Binding(t.Ctx, nip)
	switch {
	case errors.Is(err, karir.ErrNotFound):
	case err != nil:
		return fmt.Errorf("look up binding: %w", err)
	case b.TelegramID == t.In.UserID:
		// Already bound to this very account (its conversation was lost):
		// nothing more to prove, and nothing told to anyone else.
		emp, err := f.store.Employee(t.Ctx, nip)
		if err != nil {
			return fmt.Errorf("look up NIP: %w", err)
		}
		return f.bind(t, emp, b.Method)
	}
	// The wrong codes counted so far stay with the account, whatever NIP
	// it types next.
	c.PendingNIP = nip
	if c.State == karir.StateAskNIP {
		if err := fire(t.Ctx, c, evGiveNIP); err != nil {
			return err
		}
	}
	return f.prompt(t)
}

// nipProblem says precisely what is wrong with a NIP.
func nipProblem(err error) string {
	switch {
	case errors.Is(err, karir.ErrNIPBirthDate):
		return txtNIPBirthDate
	case errors.Is(err, karir.ErrNIPTMT):
		return txtNIPTMT
	case errors.Is(err, karir.ErrNIPGender):
		return txtNIPGender
	}
	return txtNIPFormat
}

// contact checks a shared phone number against the roster.
func (f *Form) contact(t *Turn) error {
	c := t.Conv
	if c.State != karir.StateAskProof {
		if c.NIP != "" {
			t.Sayf(txtContactNotNeeded)
			return nil
		}
		return f.begin(t)
	}
	if t.In.Contact.UserID != t.In.UserID {
		t.Say(karir.Reply{Text: txtContactNotOwn, AskContact: true})
		return nil
	}
	emp, err := f.pendingEmployee(t)
	if err != nil {
		return err
	}
	// Not in the roster, no phone in it, or another phone: one answer.
	phone := karir.NormalizePhone(t.In.Contact.Phone)
	if emp == nil || emp.Phone == "" || phone == "" || phone != emp.Phone {
		t.Sayf(txtContactMismatch)
		return nil
	}
	return f.bind(t, emp, "contact")
}

// answerCode checks a typed activation code. Wrong codes are limited per
// account and per NIP (karir.MaxCodeFailures, karir.MaxNIPCodeFailures);
// a limit reached never closes the contact button.
func (f *Form) answerCode(t *Turn, code string) error {
	c := t.Conv
	now := f.now()
	if now.Before(c.LockedUntil) {
		t.Say(karir.Reply{Text: fmt.Sprintf(txtCodeLocked, karir.FormatDateTime(c.LockedUntil, f.loc)), AskContact: true})
		return nil
	}
	code = strings.TrimSpace(code)
	if !karir.MayBeActivationCode(code) {
		t.Say(karir.Reply{Text: txtNotACode, AskContact: true})
		return nil
	}
	emp, err := f.pendingEmployee(t)
	if err != nil {
		return err
	}
	if emp != nil {
		tries, err := f.store.CodeAttempts(t.Ctx, emp.NIP)
		if err != nil {
			return fmt.Errorf("load code attempts: %w", err)
		}
		if until := tries.ClosedUntil(now); !until.IsZero() {
			// Checked before the code, so a closed NIP gives nothing away.
			t.Say(karir.Reply{Text: fmt.Sprintf(txtNIPCodeClosed, karir.FormatDateTime(until, f.loc)), AskContact: true})
			return nil
		}
		if emp.ActivationHash != "" && karir.CheckActivationCode(emp.ActivationHash, emp.NIP, code) {
			return f.bind(t, emp, "code")
		}
		// A NIP with no code issued fails as a wrong code does: the
		// answer must not tell which NIPs have codes. Only roster NIPs
		// get a record, so guessed NIPs leave nothing stored.
		if _, err := f.store.FailCode(t.Ctx, emp.NIP, now); err != nil {
			return err
		}
	}
	c.CodeFailures++
	if c.CodeFailures >= karir.MaxCodeFailures {
		c.LockedUntil, c.CodeFailures = now.Add(karir.CodeLockout), 0
		t.Say(karir.Reply{Text: fmt.Sprintf(txtCodeLocked, karir.FormatDateTime(c.LockedUntil, f.loc)), AskContact: true})
		return nil
	}
	t.Sayf(txtCodeWrong, karir.MaxCodeFailures-c.CodeFailures)
	return nil
}

// pendingEmployee is the roster entry of the NIP typed, or nil when it is
// not in the roster.
func (f *Form) pendingEmployee(t *Turn) (*karir.Employee, error) {
	emp, err := f.store.Employee(t.Ctx, t.Conv.PendingNIP)
	if errors.Is(err, karir.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load pending employee: %w", err)
	}
	return emp, nil
}

// bind ties the NIP to this account (exactly one account wins a race) and
// opens the form when there is one to fill.
func (f *Form) bind(t *Turn, emp *karir.Employee, method string) error {
	c := t.Conv
	err := f.store.Bind(t.Ctx, karir.Binding{NIP: emp.NIP, TelegramID: t.In.UserID, Method: method, BoundAt: f.now()})
	if errors.Is(err, karir.ErrAlreadyBound) {
		t.Say(karir.Reply{Text: txtNIPTaken, RemoveKeyboard: true})
		c.PendingNIP = ""
		if c.State == karir.StateAskProof {
			if err := fire(t.Ctx, c, evChangeNIP); err != nil {
				return err
			}
		}
		return f.prompt(t)
	}
	if err != nil {
		return fmt.Errorf("bind account: %w", err)
	}
	// Walk the declared machine to the bound state from wherever binding began.
	for _, ev := range []event{evBegin, evConsent, evGiveNIP, evProve} {
		if err := fire(t.Ctx, c, ev); err != nil && !errors.Is(err, errNotAllowed) {
			return err
		}
	}
	if c.State != karir.StateIdle {
		return fmt.Errorf("bind account: conversation stuck in %s", c.State)
	}
	c.NIP, c.PendingNIP, c.CodeFailures, c.LockedUntil = emp.NIP, "", 0, time.Time{}
	t.Say(karir.Reply{
		Text:           fmt.Sprintf(txtBound, escName(emp.Name), emp.NIP, escName(emp.Position), escName(emp.OPDName)),
		RemoveKeyboard: true,
	})
	_, err = f.store.Submission(t.Ctx, t.Round.ID, c.NIP)
	switch {
	case errors.Is(err, karir.ErrNotFound) && t.Round.IsOpen(f.now()):
		return f.openForm(t)
	case err != nil && !errors.Is(err, karir.ErrNotFound):
		return fmt.Errorf("load submission: %w", err)
	}
	return f.prompt(t)
}
