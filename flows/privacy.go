package flows

import (
	"errors"
	"fmt"

	"openkarir/karir"
)

// Privacy is /dataku (everything stored about the user) and /hapusdata
// (erase what the programme does not need to keep), as UU PDP 27/2022 asks.
type Privacy struct{ Deps }

// NewPrivacy builds /dataku and /hapusdata.
func NewPrivacy(d Deps) *Privacy { return &Privacy{d} }

// Commands returns the commands to register.
func (p *Privacy) Commands() []Command {
	return []Command{
		{Name: "dataku", Description: "lihat semua data Anda yang tersimpan", Access: Everyone, Run: p.myData},
		{Name: "hapusdata", Description: "hapus data Anda yang tidak wajib disimpan", Access: Everyone, Run: p.askErase, Button: p.erase},
	}
}

// myData is everything stored about the user: a document to read, with
// the same as a JSON file beside it.
func (p *Privacy) myData(t *Turn) error {
	d := userData{Conv: t.Conv}
	if nip := t.Conv.NIP; nip != "" {
		emp, err := p.Store.Employee(t.Ctx, nip)
		if err != nil && !errors.Is(err, karir.ErrNotFound) {
			return fmt.Errorf("my data: %w", err)
		}
		d.Emp = emp
		if d.Talent, err = p.Store.TalentOf(t.Ctx, nip); err != nil {
			return fmt.Errorf("my data: %w", err)
		}
		if b, err := p.Store.Binding(t.Ctx, nip); err == nil {
			d.Binding = b
		} else if !errors.Is(err, karir.ErrNotFound) {
			return fmt.Errorf("my data: %w", err)
		}
		// Every round's form: the current one, and those of earlier rounds.
		rounds, err := p.Rounds.Rounds(t.Ctx)
		if err != nil {
			return fmt.Errorf("my data: %w", err)
		}
		for _, r := range rounds {
			sub, err := p.Store.Submission(t.Ctx, r.ID, nip)
			switch {
			case errors.Is(err, karir.ErrNotFound):
			case err != nil:
				return fmt.Errorf("my data: %w", err)
			case r.ID == t.Round.ID:
				d.Sub = sub
			default:
				d.Earlier = append(d.Earlier, *sub)
			}
		}
	}
	now := p.Now()
	doc, err := d.JSON(now, p.Location)
	if err != nil {
		return err
	}
	t.SayLong(d.Text(now, p.Location))
	t.Say(karir.Reply{Text: txtMyDataFile, Document: &karir.File{Name: "data-saya.json", Data: doc}})
	return nil
}

func (p *Privacy) askErase(t *Turn) error {
	t.Say(karir.Reply{Text: txtEraseAsk, Buttons: [][]karir.Button{{
		{Text: txtBtnEraseYes, Data: ButtonData("hapusdata", "ya")},
		{Text: txtBtnEraseNo, Data: ButtonData("hapusdata", "tidak")},
	}}})
	return nil
}

// erase unbinds the account and forgets the conversation; the filed forms
// and the roster stay, since the programme must keep them.
func (p *Privacy) erase(t *Turn, f Fields) error {
	if f.Kind() != "ya" {
		t.Sayf(txtEraseKept)
		return nil
	}
	c := t.Conv
	if c.NIP != "" {
		if err := p.Store.Unbind(t.Ctx, c.NIP); err != nil {
			return fmt.Errorf("erase: %w", err)
		}
	}
	*c = karir.Conversation{ID: c.ID, UserID: c.UserID, ChatID: c.ChatID, State: karir.StateStart,
		LastUpdateID: c.LastUpdateID, Version: c.Version}
	t.Sayf(txtErased)
	return nil
}
