package flows

import (
	"encoding/json"
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

// myData is everything about the user, as a JSON document.
func (p *Privacy) myData(t *Turn) error {
	c := t.Conv
	data := map[string]any{
		"akun_telegram": map[string]any{
			"id": c.UserID, "nama": c.FirstName, "username": c.Username,
			"persetujuan_privasi": c.ConsentAt, "tahap_percakapan": c.State, "draf_formulir": c.Draft,
		},
	}
	if c.NIP != "" {
		emp, err := p.Store.Employee(t.Ctx, c.NIP)
		if err != nil && !errors.Is(err, karir.ErrNotFound) {
			return err
		}
		if emp != nil {
			data["data_kepegawaian"] = map[string]any{"nip": emp.NIP, "nama": emp.Name, "opd": emp.OPDName,
				"jabatan": emp.Position, "eselon": emp.Eselon, "no_hp": emp.Phone, "kode_aktivasi": emp.ActivationHash != ""}
		}
		b, err := p.Store.Binding(t.Ctx, c.NIP)
		switch {
		case err == nil:
			data["pengikatan_akun"] = map[string]any{"cara": b.Method, "waktu": b.BoundAt}
		case !errors.Is(err, karir.ErrNotFound):
			return fmt.Errorf("my data: %w", err)
		}
		round, err := p.Rounds.CurrentRound(t.Ctx)
		if err != nil {
			return err
		}
		if sub, err := p.Store.Submission(t.Ctx, round.ID, c.NIP); err == nil {
			data["formulir"] = sub
		} else if !errors.Is(err, karir.ErrNotFound) {
			return err
		}
	}
	doc, err := json.MarshalIndent(data, "", "  ")
	if err != nil {
		return fmt.Errorf("encode my data: %w", err)
	}
	t.Say(karir.Reply{Text: txtMyData, Document: &karir.File{Name: "data-saya.json", Data: doc}})
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
func (p *Privacy) erase(t *Turn, data string) error {
	if data != "ya" {
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
