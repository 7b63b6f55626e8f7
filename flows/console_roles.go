package flows

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"openkarir/karir"
)

// Button kinds of /admin's confirmation (after "x:admin:").
const (
	cbRoleGrant  = "g" // g:id:role:opd  grant confirmed
	cbRoleRevoke = "r" // r:id:role      revoke confirmed ("*": every role)
	cbRoleDrop   = "c" // c              cancelled
	allRoles     = "*"
)

// admin is /admin: list the roles (daftar), or ask to grant (tambah) or
// revoke (hapus) one; a change happens only once confirmed.
func (c *Console) admin(t *Turn) error {
	verb, rest, _ := strings.Cut(strings.TrimSpace(t.In.Args), " ")
	switch strings.ToLower(verb) {
	case "daftar", "":
		return c.listRoles(t)
	case "tambah", "hapus":
	default:
		t.Sayf(txtRoleUsage)
		return nil
	}
	fields := strings.Fields(rest)
	// "wali kota" is one role written as two words.
	if i := slices.IndexFunc(fields, func(f string) bool { return strings.EqualFold(f, "wali") }); i > 0 && i+1 < len(fields) && strings.EqualFold(fields[i+1], "kota") {
		fields = append(fields[:i:i], append([]string{"walikota"}, fields[i+2:]...)...)
	}
	if len(fields) == 0 {
		t.Sayf(txtRoleUsage)
		return nil
	}
	if id, err := strconv.ParseInt(fields[0], 10, 64); err == nil && id == t.In.UserID {
		t.Sayf(txtRoleSelf)
		return nil
	}
	find := c.findAccount
	if strings.EqualFold(verb, "hapus") || grantsMayor(fields) {
		// The Wali Kota is elected, not an ASN: his account needs no NIP.
		find = c.findAnyAccount
	}
	target, err := find(t, fields[0])
	if err != nil || target == nil {
		return err
	}
	if target.UserID == t.In.UserID {
		t.Sayf(txtRoleSelf)
		return nil
	}
	if slices.Contains(c.Supers, target.UserID) {
		t.Sayf(txtRoleTargetSuper, esc(fields[0]))
		return nil
	}
	name, err := accountName(t, c.Store, target, nil)
	if err != nil {
		return err
	}
	roles, err := c.heldRoles(t, target.UserID)
	if err != nil {
		return err
	}
	id := strconv.FormatInt(target.UserID, 10)
	if strings.EqualFold(verb, "hapus") {
		return c.askRevoke(t, id, name, roles, fields[1:])
	}
	if len(fields) < 2 {
		t.Sayf(txtRoleUsage)
		return nil
	}
	role, ok := karir.ParseRole(fields[1])
	if !ok {
		t.Sayf(txtRoleUnknown, esc(fields[1]))
		return nil
	}
	opd := ""
	if len(fields) > 2 {
		opd = strings.ToUpper(fields[2])
	}
	if ok, err := c.checkGrant(t, role, opd, roles, name); !ok || err != nil {
		return err
	}
	t.Say(karir.Reply{Text: fmt.Sprintf(txtRoleAskGrant, escName(name), target.UserID, roleWithOPD(role, opd), esc(currentRoles(roles))),
		Buttons: [][]karir.Button{{
			{Text: txtBtnRoleGrant, Data: ButtonData("admin", cbRoleGrant, id, string(role), opd)},
			{Text: txtBtnRoleDrop, Data: ButtonData("admin", cbRoleDrop)},
		}}})
	return nil
}

// checkGrant says why a grant cannot be made, if it cannot: an OPD admin
// needs an OPD that exists, the other roles cover every OPD, and a role
// held already is not granted twice.
func (c *Console) checkGrant(t *Turn, role karir.Role, opd string, roles karir.Roles, name string) (bool, error) {
	switch {
	case role == karir.RoleOPDAdmin && opd == "":
		t.Sayf(txtRoleNeedsOPD)
		return false, nil
	case role != karir.RoleOPDAdmin && opd != "":
		t.Sayf(txtRoleNoOPD, karir.RoleLabel(role), esc(opd))
		return false, nil
	case roles.Has(role) && role == karir.RoleOPDAdmin:
		t.Sayf(txtRoleHeldOPD, escName(name), esc(roles.AdminOPD))
		return false, nil
	case roles.Has(role):
		t.Sayf(txtRoleHeld, escName(name), karir.RoleLabel(role))
		return false, nil
	}
	return requireOPD(t, c.Store, opd)
}

func (c *Console) askRevoke(t *Turn, id, name string, roles karir.Roles, args []string) error {
	if len(roles.Held) == 0 {
		t.Sayf(txtRoleNone, escName(name))
		return nil
	}
	which, label := allRoles, txtRoleEvery
	if len(args) > 0 {
		role, ok := karir.ParseRole(args[0])
		if !ok {
			t.Sayf(txtRoleUnknown, esc(args[0]))
			return nil
		}
		if !roles.Has(role) {
			t.Sayf(txtRoleNotHeld, escName(name), karir.RoleLabel(role), esc(currentRoles(roles)))
			return nil
		}
		which, label = string(role), karir.RoleLabel(role)
	}
	t.Say(karir.Reply{Text: fmt.Sprintf(txtRoleAskRevoke, label, escName(name), esc(currentRoles(roles))),
		Buttons: [][]karir.Button{{
			{Text: txtBtnRoleRevoke, Data: ButtonData("admin", cbRoleRevoke, id, which)},
			{Text: txtBtnRoleDrop, Data: ButtonData("admin", cbRoleDrop)},
		}}})
	return nil
}

// adminPress answers the confirmation: the change is checked again (it
// may have been made, or the OPD removed, since it was asked), stored,
// audited with the confirming admin, and the holder's menu set.
func (c *Console) adminPress(t *Turn, f Fields) error {
	msg := t.In.Callback.MessageID
	if f[0] == cbRoleDrop {
		t.Say(karir.Reply{Text: txtRoleDropped, EditMessageID: msg})
		return nil
	}
	if len(f) < 3 || (f[0] == cbRoleGrant && len(f) != 4) || (f[0] != cbRoleGrant && f[0] != cbRoleRevoke) {
		t.Toast(txtStaleButton)
		return nil
	}
	id, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil || id == t.In.UserID {
		t.Toast(txtStaleButton)
		return nil
	}
	conv, err := c.Store.LoadConversation(t.Ctx, id)
	if err != nil {
		return err
	}
	name, err := accountName(t, c.Store, conv, nil)
	if err != nil {
		return err
	}
	roles, err := c.heldRoles(t, id)
	if err != nil {
		return err
	}
	g := karir.AdminGrant{TelegramID: id, Name: name, Roles: slices.Clone(roles.Held), OPD: roles.AdminOPD, GrantedBy: t.In.UserID, GrantedAt: c.Now()}
	var action, detail string
	if f[0] == cbRoleGrant {
		role, ok := karir.ParseRole(f[2])
		if !ok {
			t.Toast(txtStaleButton)
			return nil
		}
		if ok, err := c.checkGrant(t, role, f[3], roles, name); !ok || err != nil {
			return err
		}
		g.Roles = append(g.Roles, role)
		if role == karir.RoleOPDAdmin {
			g.OPD = f[3]
		}
		action, detail = "peran-tambah", fmt.Sprintf("%s (id %d): %s", name, id, roleWithOPD(role, f[3]))
	} else {
		if f[2] == allRoles {
			g.Roles = nil
		} else {
			role, ok := karir.ParseRole(f[2])
			if !ok || !roles.Has(role) {
				t.Toast(txtStaleButton)
				t.Say(karir.Reply{Text: fmt.Sprintf(txtRoleNotHeld, escName(name), karir.RoleLabel(role), esc(currentRoles(roles))), EditMessageID: msg})
				return nil
			}
			g.Roles = slices.DeleteFunc(g.Roles, func(r karir.Role) bool { return r == role })
		}
		if !slices.Contains(g.Roles, karir.RoleOPDAdmin) {
			g.OPD = ""
		}
		action, detail = "peran-hapus", fmt.Sprintf("%s (id %d): %s", name, id, revokedLabel(f[2]))
	}
	if err := c.Store.GrantAdmin(t.Ctx, g); err != nil {
		return err
	}
	after := karir.RolesOf(&g, false)
	t.Say(karir.Reply{Text: fmt.Sprintf(txtRoleChanged, escName(name), esc(currentRoles(after))), EditMessageID: msg})
	if c.menus != nil {
		if err := c.menus(t.Ctx, id); err != nil {
			// The role holds; the menu is set again at the next start.
			t.Sayf(txtRoleMenuFailed)
		}
	}
	return c.audit.Record(t, action, detail+" (dikonfirmasi)")
}

// heldRoles are the roles granted to a user in chat.
func (c *Console) heldRoles(t *Turn, id int64) (karir.Roles, error) {
	return StoreAdmins{Store: c.Store}.Roles(t.Ctx, id)
}

func (c *Console) listRoles(t *Turn) error {
	grants, err := c.Store.ListAdmins(t.Ctx)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(txtRoleListHead)
	if len(grants) == 0 {
		b.WriteString(txtRoleListEmpty)
	}
	for _, g := range grants {
		fmt.Fprintf(&b, "• %s (id %d): %s\n", escName(g.Name), g.TelegramID, esc(currentRoles(karir.RolesOf(&g, false))))
	}
	b.WriteString(txtRoleUsage)
	t.SayLong(b.String())
	return nil
}

func currentRoles(r karir.Roles) string {
	if l := r.Labels(); len(l) > 0 {
		return strings.Join(l, ", ")
	}
	return txtRoleNoneHeld
}

func roleWithOPD(role karir.Role, opd string) string {
	if opd != "" {
		return karir.RoleLabel(role) + " " + esc(opd)
	}
	return karir.RoleLabel(role)
}

func revokedLabel(which string) string {
	if which == allRoles {
		return txtRoleEvery + " dicabut"
	}
	return karir.RoleLabel(karir.Role(which)) + " dicabut"
}
