package flows

import (
	"context"
	"strings"

	"openkarir/karir"
)

// Input is one thing a user did in Telegram, as the flows see it.
type Input struct {
	UpdateID  int
	UserID    int64
	ChatID    int64
	FirstName string
	Username  string // without "@"; may be empty
	// Private is false for groups and channels, where the bot does not work.
	Private bool

	Text string
	// Command is the command without "/" and "@botname", lower case; Args is
	// the rest of the text.
	Command string
	Args    string

	Callback *Callback
	Contact  *Contact
	// File is a sent document or photo; its caption is in Text (or, when it
	// starts with "/", in Command and Args).
	File *FileRef
	// Unsupported names a kind of message the bot cannot read (sticker, photo, ...).
	Unsupported string
}

// cleaned is the input with what people typed made plain text
// (karir.CleanText): invisible and bidi control characters are gone before
// any length rule counts them and before anyone is shown them, and the
// text is trimmed again, so a reason of zero-width spaces is empty.
func (in Input) cleaned() Input {
	in.Text = strings.TrimSpace(karir.CleanText(in.Text))
	in.Args = strings.TrimSpace(karir.CleanText(in.Args))
	in.FirstName = karir.CleanText(in.FirstName)
	in.Username = karir.CleanText(in.Username)
	if in.File != nil {
		f := *in.File
		f.Name = karir.CleanText(f.Name)
		in.File = &f
	}
	return in
}

// Callback is a pressed inline button.
type Callback struct {
	Data      string
	MessageID int
}

// FileRef is a file a user sent; Files downloads it by ID.
type FileRef struct {
	ID   string
	Name string
	Kind string // "document" or "photo"
	Size int
}

// Files downloads what users send.
type Files interface {
	Download(ctx context.Context, fileID string) ([]byte, error)
}

// Contact is a shared contact; UserID is the Telegram account it belongs to.
type Contact struct {
	Phone  string
	UserID int64
}

// Result is what the bot must do in answer to one Input.
type Result struct {
	Replies []karir.Reply
	// Toast answers the pressed button (empty still answers it, silently).
	Toast string
	// Work, when set, is heavy work to run beside the chat once Replies
	// went out (see Work).
	Work *Work
}

// Work is heavy work a command hands to the bot (an import): run off the
// chat's path, so the chat and every other chat are answered meanwhile,
// with a message that shows its progress. The bot confirms the update to
// Telegram only once Run returned, so a crash delivers it again and the
// Router runs it again (the work must be safe to repeat, as an import is).
type Work struct {
	// Start is the progress message, sent at once; Run's progress edits
	// it, and Done replaces it at the end.
	Start, Done string
	// Run does the work, calling progress with a new text for the progress
	// message as it goes; its replies follow the progress message. An
	// error (the database down) makes the bot run it again later.
	Run func(ctx context.Context, progress func(text string)) (Result, error)
}

// Notifier delivers notices within Telegram's limits, exactly once each.
type Notifier interface {
	// Notify queues the notices; a key queued before is not queued again.
	// It returns how many were new.
	Notify(ctx context.Context, notices ...karir.Notice) (int, error)
}

// BatchNotifier delivers a batch an admin started (a reminder run, a
// broadcast) and reports its progress and tally to them.
type BatchNotifier interface {
	// NotifyBatch stores b (its Total is the number of notices) and queues
	// the notices in it. It returns how many were new.
	NotifyBatch(ctx context.Context, b karir.Batch, notices []karir.Notice) (int, error)
}
