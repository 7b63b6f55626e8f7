package flows

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"openkarir/karir"
)

// StoreAdmins are the super admins of the settings plus the roles granted
// in chat.
type StoreAdmins struct {
	Supers []int64
	Store  karir.AdminStore
}

// Roles implements Admins.
func (a StoreAdmins) Roles(ctx context.Context, userID int64) (karir.Roles, error) {
	if slices.Contains(a.Supers, userID) {
		// Every right already; and no read, which on the embedded store
		// would wait behind the warm-up's hold of its one connection.
		return karir.Roles{Super: true}, nil
	}
	g, err := a.Store.AdminGrant(ctx, userID)
	if errors.Is(err, karir.ErrNotFound) {
		return karir.Roles{}, nil
	}
	if err != nil {
		return karir.Roles{}, fmt.Errorf("load admin grant: %w", err)
	}
	return karir.RolesOf(g, false), nil
}

// allowRight checks the user holds right, sets t.Role with the right's
// scope, and otherwise says which role it needs. It is the one place a
// right is checked: the router calls it for every command, button and
// continued message of a command that needs one.
func allowRight(t *Turn, admins Admins, right karir.Right) (bool, error) {
	roles, err := admins.Roles(t.Ctx, t.In.UserID)
	if err != nil {
		return false, fmt.Errorf("roles of the user: %w", err)
	}
	t.Role = Role{Roles: roles, OPD: roles.Scope(right)}
	if roles.Can(right) {
		return true, nil
	}
	t.Done()
	refuse(t, right)
	return false, nil
}

// refuse says which role a right needs, and the roles the user holds (an
// admin refused is told what they are, never "khusus admin").
func refuse(t *Turn, right karir.Right) {
	text := fmt.Sprintf(txtNeedsRole, roleNames(karir.HoldersOf(right)))
	if held := t.Role.Labels(); len(held) > 0 {
		text += fmt.Sprintf(txtYourRoles, esc(strings.Join(held, ", ")))
	}
	if t.In.Callback != nil {
		t.Toast(fmt.Sprintf(txtNeedsRoleToast, roleNames(karir.HoldersOf(right))))
	}
	t.Sayf(text)
}

// roleNames writes "verifikator BKPSDM atau admin OPD".
func roleNames(roles []karir.Role) string {
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = karir.RoleLabel(r)
	}
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " atau " + names[len(names)-1]
}

// menuFor is the command menu of a user with roles: the ASN's, then each
// command a role of theirs may use. Nil for a user without a role: the
// default menu is theirs.
func (r *Router) menuFor(roles karir.Roles) []MenuEntry {
	if !roles.Any() {
		return nil
	}
	menu := Menu()
	var extra []MenuEntry
	for _, c := range r.commands {
		if c.Right != "" && roles.Can(c.Right) {
			extra = append(extra, MenuEntry{Name: c.Name, Description: menuLine(c.describe(roles.Scope(c.Right)))})
		}
	}
	slices.SortFunc(extra, func(a, b MenuEntry) int { return strings.Compare(a.Name, b.Name) })
	menu = append(menu, extra...)
	if len(menu) > maxMenu {
		menu = menu[:maxMenu]
	}
	return menu
}

// maxMenu is Telegram's limit of commands in one menu.
const maxMenu = 100

// menuLine fits a description to Telegram's 256 characters of a menu entry,
// without the usage that follows ": /".
func menuLine(d string) string {
	if i := strings.Index(d, ": /"); i > 0 {
		d = d[:i]
	}
	d = strings.TrimSpace(d)
	if d == "" {
		return "perintah admin"
	}
	r := []rune(d)
	if len(r) > 256 {
		d = string(r[:255]) + "…"
	}
	return strings.ToUpper(d[:1]) + d[1:]
}

// ChatMenus sets the Telegram command menu of one private chat; bot.Bot
// implements it. An empty menu gives the chat the default menu back.
type ChatMenus interface {
	SetChatMenu(ctx context.Context, chatID int64, menu []MenuEntry) error
}

// setMenu gives a user the menu of their roles; no menus (tests that do
// not look) sets nothing. A failure is returned for the log only: the
// role itself is granted.
func (r *Router) setMenu(ctx context.Context, userID int64) error {
	if r.menus == nil {
		return nil
	}
	roles, err := r.admins.Roles(ctx, userID)
	if err != nil {
		return err
	}
	return r.menus.SetChatMenu(ctx, userID, r.menuFor(roles))
}

// SetRoleMenus gives every holder of a role (the super admins of the
// settings and every grant) the menu of their roles, at start. A chat
// that cannot be set (a super admin who never opened the bot: "chat not
// found") does not stop the others; the errors are returned joined.
func (r *Router) SetRoleMenus(ctx context.Context, supers []int64, grants karir.AdminStore) error {
	ids := slices.Clone(supers)
	if grants != nil {
		gs, err := grants.ListAdmins(ctx)
		if err != nil {
			return fmt.Errorf("list roles: %w", err)
		}
		for _, g := range gs {
			ids = append(ids, g.TelegramID)
		}
	}
	slices.Sort(ids)
	var errs []error
	for _, id := range slices.Compact(ids) {
		errs = append(errs, r.setMenu(ctx, id))
	}
	return errors.Join(errs...)
}
