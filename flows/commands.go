package flows

import (
	"context"
	"slices"

	"openkarir/karir"
)

// Role is what the user of a turn holds, and OPD the OPD the command's
// right is confined to (empty: every OPD). Set for commands that need a
// right.
type Role struct {
	karir.Roles
	OPD string
}

// Admins tells the roles of a Telegram user.
type Admins interface {
	Roles(ctx context.Context, userID int64) (karir.Roles, error)
}

// SuperAdmins is the Admins of the settings alone (ADMIN_TELEGRAM_IDS):
// the listed users are super admins, everyone else holds no role.
type SuperAdmins []int64

// Roles implements Admins.
func (s SuperAdmins) Roles(_ context.Context, userID int64) (karir.Roles, error) {
	return karir.Roles{Super: slices.Contains(s, userID)}, nil
}

// Access says who may use a Command that needs no right.
type Access int

const (
	Everyone Access = iota
	BoundASN        // an account bound to a NIP
)

// Command is a command added beside the form's own: the admin console,
// check-ins, and whatever comes next. Its buttons carry data
// ButtonData(Name, ...); while Conversation.Pending is Name, the user's next
// message (text, file, contact) goes to Continue, until /batal.
type Command struct {
	Name        string
	Description string // one line for /bantuan
	Access      Access
	// Right is what the command needs (karir's table says which roles
	// hold it); empty: Access decides.
	Right karir.Right
	// ButtonRight, when set, is the right a pressed button needs besides
	// Right (a review step needs its own); empty: Right alone.
	ButtonRight func(data string) karir.Right
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
