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

// Command is one command of a group: the form (/start, /isi, /status,
// /batal), the admin console, check-ins, and whatever comes next. Its
// buttons carry ButtonData(Name, ...); while Conversation.Pending is Name,
// the user's next message (text, file, contact) goes to Continue.
//
// One rule ends a wait (Router.step): any command, /batal included, or a
// button of another command. A message that is neither goes to the wait's
// Continue, or to the form when nothing waits.
type Command struct {
	Name        string
	Description string // one line for /bantuan; empty: not listed there
	Access      Access
	// Right is what the command needs (karir's table says which roles
	// hold it); empty: Access decides.
	Right karir.Right
	// ButtonRight, when set, is the right a pressed button needs besides
	// Right (a review step needs its own); empty: Right alone.
	ButtonRight func(f Fields) karir.Right
	Run         func(t *Turn) error
	// Button handles a pressed button of this command, with the fields
	// its ButtonData was given.
	Button   func(t *Turn, f Fields) error
	Continue func(t *Turn) error
	// Leave, when set, runs when another command or its button ends this
	// command's wait (not /batal), before that command runs, with the
	// wait still in t.Conv: what the user gave so far may be kept.
	Leave func(t *Turn) error
}
