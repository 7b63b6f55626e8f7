package flows

import (
	"context"
	"strconv"
	"time"
)

// Conversation is the stored state of one Telegram user's conversation with
// the bot: where they are in the form and what they have answered so far.
// It is loaded and saved whole for every update, guarded by Version.
type Conversation struct {
	ID     string `bson:"_id"` // ConversationID(UserID)
	UserID int64  `bson:"user_id"`
	ChatID int64  `bson:"chat_id"`
	State  State  `bson:"state"`
	NIP    string `bson:"nip,omitempty"` // bound NIP, set once
	// FirstName and Username (lower case, without "@") are the account's
	// names in Telegram, kept so admins can be named and found by @username.
	FirstName string `bson:"first_name,omitempty"`
	Username  string `bson:"username,omitempty"`

	// ConsentAt is when the user agreed to the privacy notice (UU PDP).
	ConsentAt time.Time `bson:"consent_at,omitempty"`
	// PendingNIP is the NIP typed but not yet proven.
	PendingNIP string `bson:"pending_nip,omitempty"`
	// CodeFailures counts wrong activation codes for PendingNIP.
	CodeFailures int       `bson:"code_failures,omitempty"`
	LockedNIP    string    `bson:"locked_nip,omitempty"`
	LockedUntil  time.Time `bson:"locked_until,omitempty"`

	Draft Answers `bson:"draft"`
	// Editing is set when a step was opened from the summary: answering it
	// returns to the summary instead of the next step.
	Editing bool `bson:"editing,omitempty"`
	OPDPage int  `bson:"opd_page,omitempty"`

	// Pending names the registered Command waiting for the user's next
	// message, with what it keeps until then.
	Pending     string            `bson:"pending,omitempty"`
	PendingArgs map[string]string `bson:"pending_args,omitempty"`

	LastUpdateID int `bson:"last_update_id"`
	// RecentUpdates are the ids of the last updates handled, to skip a
	// repeated delivery even when updates arrive out of order (two
	// processes behind a load balancer).
	RecentUpdates []int `bson:"recent_updates,omitempty"`
	// LastReplies are the answers to the update LastUpdateID, saved with
	// the state they led to: if the process died before sending them, the
	// repeated delivery of that update sends them again.
	LastReplies []SavedReply `bson:"last_replies,omitempty"`
	UpdatedAt   time.Time    `bson:"updated_at"`
	// Version is the number of saves so far; SaveConversation refuses a
	// conversation whose Version is not the stored one.
	Version int64 `bson:"version"`
}

// ConversationID is the key of a user's conversation: "tg:<user id>".
func ConversationID(userID int64) string { return "tg:" + strconv.FormatInt(userID, 10) }

// Store is what the flows need from the database.
type Store interface {
	Conversations
	Roster
	Submissions
}

// Conversations keeps one Conversation per Telegram user.
type Conversations interface {
	// LoadConversation returns the user's conversation, or a new one in
	// StateStart with Version 0 when there is none.
	LoadConversation(ctx context.Context, userID int64) (*Conversation, error)
	// SaveConversation stores c if the stored version is still c.Version and
	// then increments c.Version; otherwise it returns ErrConflict.
	SaveConversation(ctx context.Context, c *Conversation) error
}

// Roster is the employee list and the bindings of NIPs to Telegram accounts.
type Roster interface {
	// Employee returns ErrNotFound when the NIP is not in the roster.
	Employee(ctx context.Context, nip string) (*Employee, error)
	// OPDs returns all agencies sorted by name.
	OPDs(ctx context.Context) ([]OPD, error)
	// OPD returns ErrNotFound for an unknown code.
	OPD(ctx context.Context, code string) (*OPD, error)
	// Binding returns ErrNotFound when the NIP is not bound.
	Binding(ctx context.Context, nip string) (*Binding, error)
	// Bind binds the NIP to the account. Binding again to the same account is
	// no error; a NIP bound to another account gives ErrAlreadyBound. Two
	// accounts racing for one NIP: exactly one wins.
	Bind(ctx context.Context, b Binding) error
}

// Submissions keeps the filed forms.
type Submissions interface {
	// Submission returns ErrNotFound when the NIP has not filed in the round.
	Submission(ctx context.Context, round, nip string) (*Submission, error)
	// SaveSubmission stores s if the stored version is still s.Version (0 for
	// a new submission) and then increments s.Version; otherwise ErrConflict.
	SaveSubmission(ctx context.Context, s *Submission) error
}

// SavedReply is a Reply as it can be stored: FerretDB refuses nested arrays,
// so a keyboard's rows are documents.
type SavedReply struct {
	Reply `bson:",inline"`
	Rows  []ButtonRow `bson:"rows,omitempty"`
}

// ButtonRow is one row of a saved keyboard.
type ButtonRow struct {
	Buttons []Button `bson:"buttons"`
}

func saveReplies(rs []Reply) []SavedReply {
	out := make([]SavedReply, len(rs))
	for i, r := range rs {
		out[i].Reply = r
		out[i].Reply.Buttons = nil
		// Files are not kept: a repeat of a file reply says to ask again.
		out[i].Reply.Document, out[i].Reply.Photo = nil, nil
		for _, row := range r.Buttons {
			out[i].Rows = append(out[i].Rows, ButtonRow{Buttons: row})
		}
	}
	return out
}

func savedReplies(ss []SavedReply) []Reply {
	out := make([]Reply, len(ss))
	for i, s := range ss {
		out[i] = s.Reply
		for _, row := range s.Rows {
			out[i].Buttons = append(out[i].Buttons, row.Buttons)
		}
	}
	return out
}
