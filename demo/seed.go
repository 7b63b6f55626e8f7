package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"openkarir/telegramtest"
)

// Seed names the personas in Telegram (first name and @username) and makes
// the demo's OPD admin as it is done for real: the persona binds
// their NIP with their phone number, as any ASN does, and the super admin
// grants them the role admin OPD with /admin tambah, confirmed. Both are
// played through the fake, so the two chats show how. An account already
// bound (a store kept from an earlier run) skips the binding.
func Seed(ctx context.Context, tg *telegramtest.Server, personas []Persona) error {
	var admin Persona
	for _, p := range personas {
		tg.SetUser(p.ID, firstName(p.Name), p.Username)
		if p.Role == "opd_admin" {
			admin = p
		}
	}
	u := player{ctx: ctx, tg: tg}
	if err := u.do(tg.SendText(admin.ID, "/start")); err != nil {
		return err
	}
	if u.hasButton(admin.ID, "Setuju") {
		steps := []func() int{
			func() int { return u.press(admin.ID, "Setuju") },
			func() int { return tg.SendText(admin.ID, admin.NIP) },
			func() int { return tg.ShareContact(admin.ID, admin.Phone, admin.ID) },
		}
		for _, step := range steps {
			if err := u.do(step()); err != nil {
				return err
			}
		}
	}
	if err := u.do(tg.SendText(SuperAdminID, fmt.Sprintf("/admin tambah %d admin_opd %s", admin.ID, opdAdminOPD))); err != nil {
		return err
	}
	// A role is given once confirmed; held already (a kept store), there
	// is nothing to confirm.
	if u.hasButton(SuperAdminID, "Ya, beri peran") {
		if err := u.do(u.press(SuperAdminID, "Ya, beri peran")); err != nil {
			return err
		}
	}
	if last := tg.LastMessage(SuperAdminID).Text; !strings.Contains(last, "admin OPD") {
		return fmt.Errorf("seed the OPD admin: the bot answered %q", last)
	}
	return nil
}

// firstName is what a person would put as their Telegram name: the name
// without titles.
func firstName(name string) string {
	name, _, _ = strings.Cut(name, ",")
	for _, title := range []string{"dr. ", "Dr. "} {
		name = strings.TrimPrefix(name, title)
	}
	return strings.Fields(name)[0]
}

// player acts as a user through the fake and waits for the bot each time.
type player struct {
	ctx context.Context
	tg  *telegramtest.Server
}

func (p player) do(updateID int) error {
	if updateID == 0 {
		return fmt.Errorf("seed: no such button")
	}
	if err := p.tg.WaitHandled(p.ctx, updateID); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	return nil
}

// button finds the button whose label contains label on the bot's last message.
func (p player) button(user int64, label string) (msgID int, data string) {
	last := p.tg.LastMessage(user)
	for _, row := range last.Buttons {
		for _, b := range row {
			if strings.Contains(b.Text, label) {
				return last.ID, b.Data
			}
		}
	}
	return 0, ""
}

func (p player) hasButton(user int64, label string) bool {
	id, _ := p.button(user, label)
	return id != 0
}

// press presses the button; 0 when there is none.
func (p player) press(user int64, label string) int {
	id, data := p.button(user, label)
	if id == 0 {
		return 0
	}
	return p.tg.PressButton(user, id, data)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}
