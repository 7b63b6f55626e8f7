package karir

import (
	"context"
	"strconv"
	"time"
)

// State is a step of a user's conversation with the bot. The chat layer
// (flows) declares how one state leads to another; the store keeps the
// current one.
type State string

const (
	StateStart          State = "start"           // never talked to the bot
	StateConsent        State = "consent"         // shown the privacy notice, waiting for consent
	StateAskNIP         State = "ask_nip"         // waiting for the NIP
	StateAskProof       State = "ask_proof"       // waiting for the contact or the activation code
	StateIdle           State = "idle"            // bound, no form open
	StateChoice         State = "choice"          // stay or move
	StateTargetOPD      State = "target_opd"      // target agency (move only)
	StateTargetPosition State = "target_position" // target position (move only)
	StateReason         State = "reason"          // why move, or why stay
	StateTarget         State = "target"          // the performance target
	StateTerm           State = "term"            // the target's term in months
	StateSummary        State = "summary"         // review, send, change or cancel
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
	// CodeFailures counts the wrong activation codes this account typed,
	// for any NIP, since it was last locked; at MaxCodeFailures it may type
	// no code until LockedUntil (the contact button still works).
	CodeFailures int       `bson:"code_failures,omitempty"`
	LockedUntil  time.Time `bson:"locked_until,omitempty"`
	// NIPLookups counts the NIPs this account typed since NIPLookupsSince
	// (see LookUpNIP).
	NIPLookups      int       `bson:"nip_lookups,omitempty"`
	NIPLookupsSince time.Time `bson:"nip_lookups_since,omitempty"`

	Draft Answers `bson:"draft"`
	// Editing is set when a step was opened from the summary: answering it
	// returns to the summary instead of the next step.
	Editing bool `bson:"editing,omitempty"`
	OPDPage int  `bson:"opd_page,omitempty"`
	// Held is a typed answer the current step could not take as it came,
	// kept while the user decides what to do with it.
	Held HeldAnswer `bson:"held,omitempty"`

	// Pending names the registered command waiting for the user's next
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
	// WorkUpdateID is the last update that started heavy work (an import)
	// run beside the chat: a repeated delivery of it (the process died
	// before the work was done, so Telegram still has it) runs it again.
	WorkUpdateID int       `bson:"work_update_id,omitempty"`
	UpdatedAt    time.Time `bson:"updated_at"`
	// Version is the number of saves so far; SaveConversation refuses a
	// conversation whose Version is not the stored one.
	Version int64 `bson:"version"`
	// LoadedAt is when the store handed this Version out (a load or a
	// save); it is not stored. A save of a version held longer than the
	// store allows (10 minutes) is refused as a conflict, so the store may
	// forget old versions (see store/versioned.go).
	LoadedAt time.Time `bson:"-" json:"-"`
}

// HeldAnswer is a typed answer its step could not take as it came (longer
// than allowed; a post not on the list, or the user's own), kept with the
// step it was typed at so that nothing the user typed is lost while they
// choose to shorten it, pick a suggestion or keep it.
type HeldAnswer struct {
	State State  `bson:"state"`
	Text  string `bson:"text"`
	// CutShown is set once the shortened text was shown for confirmation.
	CutShown bool `bson:"cut_shown,omitempty"`
}

// IsZero reports whether nothing is held (and lets the store omit it).
func (h HeldAnswer) IsZero() bool { return h.Text == "" }

// ConversationID is the key of a user's conversation: "tg:<user id>".
func ConversationID(userID int64) string { return "tg:" + strconv.FormatInt(userID, 10) }

// Conversations keeps one Conversation per Telegram user.
type Conversations interface {
	// LoadConversation returns the user's conversation, or a new one in
	// StateStart with Version 0 when there is none.
	LoadConversation(ctx context.Context, userID int64) (*Conversation, error)
	// SaveConversation stores c if the stored version is still c.Version and
	// then increments c.Version; otherwise it returns ErrConflict.
	SaveConversation(ctx context.Context, c *Conversation) error
}

// Store is what the conversations need from the database on every update.
type Store interface {
	Conversations
	Roster
	Submissions
	CodeGuesses
}
