package flows

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"openkarir/karir"
)

// Wrong activation codes allowed before the NIP is locked for this
// account, and for how long.
const (
	maxCodeFailures = 5
	codeLockout     = 15 * time.Minute
)

// answerNIP checks a typed NIP and, when it may be bound to this account,
// asks for the proof (the shared phone number or the activation code).
func (f *Form) answerNIP(t *Turn, raw string) error {
	c := t.Conv
	now := f.now()
	nip := karir.NormalizeNIP(raw)
	if err := karir.ValidateNIP(nip, now); err != nil {
		t.Sayf(nipProblem(err))
		return nil
	}
	if c.LockedNIP == nip && now.Before(c.LockedUntil) {
		t.Sayf(txtNIPLocked, karir.FormatDateTime(c.LockedUntil, f.loc))
		return nil
	}
	emp, err := f.store.Employee(t.Ctx, nip)
	if errors.Is(err, karir.ErrNotFound) {
		t.Sayf(txtNIPNotFound)
		return nil
	}
	if err != nil {
		return fmt.Errorf("look up NIP: %w", err)
	}
	b, err := f.store.Binding(t.Ctx, nip)
	switch {
	case errors.Is(err, karir.ErrNotFound):
	case err != nil:
		return fmt.Errorf("look up binding: %w", err)
	case b.TelegramID != t.In.UserID:
		t.Sayf(txtNIPTaken)
		return nil
	default:
		// Already bound to this very account (its conversation was lost):
		// nothing more to prove.
		return f.bind(t, emp, b.Method)
	}
	if c.PendingNIP != nip {
		c.PendingNIP, c.CodeFailures = nip, 0
	}
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
	phone := karir.NormalizePhone(t.In.Contact.Phone)
	switch {
	case emp.Phone == "":
		t.Sayf(txtContactNoPhone)
		return nil
	case phone == "" || phone != emp.Phone:
		t.Sayf(txtContactMismatch)
		return nil
	}
	return f.bind(t, emp, "contact")
}

// answerCode checks a typed activation code; too many wrong ones lock the
// NIP for this account for a while.
func (f *Form) answerCode(t *Turn, code string) error {
	c := t.Conv
	now := f.now()
	if c.LockedNIP == c.PendingNIP && now.Before(c.LockedUntil) {
		t.Sayf(txtNIPLocked, karir.FormatDateTime(c.LockedUntil, f.loc))
		return nil
	}
	emp, err := f.pendingEmployee(t)
	if err != nil {
		return err
	}
	if emp.ActivationHash == "" {
		t.Say(karir.Reply{Text: txtCodeNone, AskContact: true})
		return nil
	}
	if karir.CheckActivationCode(emp.ActivationHash, emp.NIP, strings.TrimSpace(code)) {
		return f.bind(t, emp, "code")
	}
	c.CodeFailures++
	if c.CodeFailures >= maxCodeFailures {
		c.LockedNIP, c.LockedUntil, c.CodeFailures = c.PendingNIP, now.Add(codeLockout), 0
		t.Sayf(txtNIPLocked, karir.FormatDateTime(c.LockedUntil, f.loc))
		return nil
	}
	t.Sayf(txtCodeWrong, maxCodeFailures-c.CodeFailures)
	return nil
}

func (f *Form) pendingEmployee(t *Turn) (*karir.Employee, error) {
	emp, err := f.store.Employee(t.Ctx, t.Conv.PendingNIP)
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
	c.NIP, c.PendingNIP, c.CodeFailures, c.LockedNIP, c.LockedUntil = emp.NIP, "", 0, "", time.Time{}
	t.Say(karir.Reply{
		Text:           fmt.Sprintf(txtBound, esc(emp.Name), emp.NIP, esc(emp.Position), esc(emp.OPDName)),
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
