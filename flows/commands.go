package flows

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// Role is what a user may do in the admin console.
type Role struct {
	Admin bool // may use the admin commands
	Super bool // may also manage admins, import the roster, see the audit log
	// OPD limits an admin to one agency; empty means all of them.
	OPD string
}

// Admins tells the role of a Telegram user.
type Admins interface {
	Role(ctx context.Context, userID int64) (Role, error)
}

// SuperAdmins is the Admins of the settings alone (ADMIN_TELEGRAM_IDS):
// the listed users are super admins, everyone else is not an admin.
type SuperAdmins []int64

// Role implements Admins.
func (s SuperAdmins) Role(_ context.Context, userID int64) (Role, error) {
	if slices.Contains(s, userID) {
		return Role{Admin: true, Super: true}, nil
	}
	return Role{}, nil
}

// Access says who may use a Command.
type Access int

const (
	Everyone  Access = iota
	BoundASN         // an account bound to a NIP
	AdminOnly        // an admin (possibly limited to one OPD)
	SuperOnly        // a super admin
)

// Command is a command added beside the form's own: the admin console,
// check-ins, and whatever comes next. Its buttons carry data
// ButtonData(Name, ...); while Conversation.Pending is Name, the user's next
// message (text, file, contact) goes to Continue, until /batal.
type Command struct {
	Name        string
	Description string // one line for /bantuan
	Access      Access
	Run         func(t *Turn) error
	// Button handles a pressed button of this command; data is what
	// followed the command's prefix.
	Button   func(t *Turn, data string) error
	Continue func(t *Turn) error
}

// buttonPrefix marks the data of a registered command's buttons.
const buttonPrefix = "x:"

// ButtonData is the callback data of a registered command's button. The
// whole must stay within Telegram's 64 bytes.
func ButtonData(command, data string) string { return buttonPrefix + command + ":" + data }

// Register adds commands to the conversation.
func (f *Form) Register(cmds ...Command) {
	for _, c := range cmds {
		f.commands[c.Name] = c
	}
}

// SetAdmins sets who the admins are (SuperAdmins of the settings by default).
func (f *Form) SetAdmins(a Admins) { f.admins = a }

// Await makes the user's next message go to the command's Continue, with
// args kept in the conversation until then.
func (t *Turn) Await(command string, args map[string]string) {
	t.Conv.Pending, t.Conv.PendingArgs = command, args
}

// Done ends what Await started.
func (t *Turn) Done() { t.Conv.Pending, t.Conv.PendingArgs = "", nil }

// registered routes an input to a registered command, if it is one's; ok is
// false when the form should handle it.
func (f *Form) registered(t *Turn) (ok bool, err error) {
	in := t.In
	var cmd Command
	var run func() error
	switch {
	case in.Command != "":
		c, found := f.commands[in.Command]
		if !found {
			return false, nil
		}
		// A new command ends what another one was waiting for.
		t.Done()
		cmd, run = c, func() error { return c.Run(t) }
	case in.Callback != nil && strings.HasPrefix(in.Callback.Data, buttonPrefix):
		name, data, _ := strings.Cut(strings.TrimPrefix(in.Callback.Data, buttonPrefix), ":")
		c, found := f.commands[name]
		if !found || c.Button == nil {
			t.Toast(txtStaleButton)
			return true, nil
		}
		cmd, run = c, func() error { return c.Button(t, data) }
	case t.Conv.Pending != "" && in.Callback == nil:
		c, found := f.commands[t.Conv.Pending]
		if !found || c.Continue == nil {
			t.Done()
			return false, nil
		}
		cmd, run = c, func() error { return c.Continue(t) }
	default:
		return false, nil
	}
	allowed, err := f.allow(t, cmd.Access)
	if err != nil || !allowed {
		return true, err
	}
	if err := run(); err != nil {
		return true, fmt.Errorf("command %s: %w", cmd.Name, err)
	}
	return true, nil
}

// allow checks the user may use a command, and says so when not.
func (f *Form) allow(t *Turn, a Access) (bool, error) {
	switch a {
	case BoundASN:
		if t.Conv.NIP == "" {
			t.Sayf(txtBindFirst)
			return false, f.begin(t)
		}
	case AdminOnly, SuperOnly:
		role, err := f.admins.Role(t.Ctx, t.In.UserID)
		if err != nil {
			return false, fmt.Errorf("admin role: %w", err)
		}
		t.Role = role
		if !role.Admin || (a == SuperOnly && !role.Super) {
			t.Done()
			t.Sayf(txtAdminOnly)
			return false, nil
		}
	}
	return true, nil
}
