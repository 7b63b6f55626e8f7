package flows

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"openkarir/karir"
)

// Contracts are /kontrak (the ASN gets their signed contract again) and
// /cek (anyone checks a contract's verification code).
type Contracts struct{ Deps }

// NewContracts builds /kontrak and /cek.
func NewContracts(d Deps) *Contracts { return &Contracts{d} }

// Commands returns the commands to register.
func (c *Contracts) Commands() []Command {
	return []Command{
		{Name: "kontrak", Description: "unduh kontrak kinerja Anda (PDF)", Access: BoundASN, Run: c.mine},
		{Name: "cek", Description: "periksa keaslian kontrak kinerja: /cek KODE", Access: Everyone, Run: c.check},
	}
}

// issueContract draws up the contract of a submission just approved and
// keeps it in the submission, to be saved with the approval. The code is
// reserved first: a code whose save then loses a race stays unused.
func issueContract(t *Turn, d Deps, sub *karir.Submission) error {
	golongan := ""
	if emp, err := d.Store.Employee(t.Ctx, sub.NIP); err == nil {
		golongan = emp.Golongan
	} else if !errors.Is(err, karir.ErrNotFound) {
		return fmt.Errorf("contract of %s: %w", sub.Ref, err)
	}
	for attempt := 1; ; attempt++ {
		contract, err := karir.NewContract(sub, golongan, d.Signer, d.Now())
		if err != nil {
			return err
		}
		err = d.Store.ReserveContractCode(t.Ctx, karir.ContractCode{Code: contract.Code, Round: sub.Round, NIP: sub.NIP})
		if errors.Is(err, karir.ErrConflict) && attempt < maxAttempts {
			continue // a code drawn twice: draw again
		}
		if err != nil {
			return fmt.Errorf("contract of %s: %w", sub.Ref, err)
		}
		sub.Contract = &contract
		return nil
	}
}

// contractReply is the contract as a PDF document with a caption.
func contractReply(d Deps, c *karir.Contract, caption string) (karir.Reply, error) {
	doc, err := d.Reports.ContractPDF(*c, d.Location)
	if err != nil {
		return karir.Reply{}, err
	}
	name := "kontrak-kinerja-" + strings.ToLower(c.Ref) + ".pdf"
	return karir.Reply{Text: caption, Document: &karir.File{Name: name, Data: doc}}, nil
}

// deliverContract sends the ASN the contract of their approved form, after
// the notice of the approval.
func (r *Review) deliverContract(t *Turn, sub *karir.Submission) error {
	b, err := r.Store.Binding(t.Ctx, sub.NIP)
	if errors.Is(err, karir.ErrNotFound) {
		return nil // not in the bot: the admin gets the PDF from the card
	}
	if err != nil {
		return err
	}
	k := sub.Contract
	reply, err := contractReply(r.Deps, k, fmt.Sprintf(txtContractSent, esc(k.Code)))
	if err != nil {
		return err
	}
	_, err = r.Sender.Notify(t.Ctx, karir.Notice{Key: "contract:" + sub.ID + ":" + k.Code, ChatID: b.TelegramID, Reply: reply})
	return err
}

// mine sends the ASN their contract again.
func (c *Contracts) mine(t *Turn) error {
	// The newest contract, of whichever round.
	sub, err := c.Rounds.Latest(t.Ctx, func(round string) (*karir.Submission, error) {
		return c.Store.Submission(t.Ctx, round, t.Conv.NIP)
	}, func(s *karir.Submission) bool { return s.Contract != nil })
	if errors.Is(err, karir.ErrNotFound) {
		t.Sayf(txtNoContract)
		return nil
	}
	if err != nil {
		return err
	}
	r, err := contractReply(c.Deps, sub.Contract, fmt.Sprintf(txtContractAgain, esc(sub.Contract.Code), karir.StatusOf(sub.Stage)))
	if err != nil {
		return err
	}
	t.Say(r)
	return nil
}

// check answers whether a code belongs to a real contract: name, post and
// status, nothing more. A made-up code costs the same reads as a real one
// (one code lookup, one submission lookup), so the answer's speed says
// nothing about which codes exist.
func (c *Contracts) check(t *Turn) error {
	arg := strings.TrimSpace(t.In.Args)
	if arg == "" {
		t.Sayf(txtCheckUsage)
		return nil
	}
	code := karir.NormalizeContractCode(arg)
	ref := karir.ContractCode{Code: code, Round: "-", NIP: "-"}
	found, err := c.Store.ContractCode(t.Ctx, code)
	switch {
	case err == nil:
		ref = *found
	case !errors.Is(err, karir.ErrNotFound):
		return err
	}
	sub, err := c.Store.Submission(t.Ctx, ref.Round, ref.NIP)
	if err != nil && !errors.Is(err, karir.ErrNotFound) {
		return err
	}
	if code == "" || sub == nil || sub.Contract == nil || sub.Contract.Code != code {
		if at, ok := withdrawn(sub, code); ok {
			t.Sayf(txtCheckWithdrawn, esc(code), esc(sub.Name), esc(sub.Position), karir.FormatDateTime(at, c.Location))
			return nil
		}
		t.Sayf(txtCheckInvalid, esc(arg))
		return nil
	}
	k := sub.Contract
	t.Sayf(txtCheckValid, esc(k.Code), escName(k.Name), esc(k.Post), escName(k.PostOPDName), karir.StatusOf(sub.Stage))
	return nil
}

// withdrawn tells when the contract with code was withdrawn from sub.
func withdrawn(sub *karir.Submission, code string) (time.Time, bool) {
	if sub == nil {
		return time.Time{}, false
	}
	return sub.Withdrawn(code)
}
