package flows

import (
	"context"
	"slices"
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
