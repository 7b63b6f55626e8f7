package karir

import "time"

// Reply is one message the bot sends, or an edit of one it sent: the answer
// to an update, or the body of a Notice.
//
// Stored (a conversation's last replies, the outbox) under the keys the
// driver gave the untagged fields, each left out when empty: most replies
// have text alone, and the six empty fields were a quarter of such a
// reply's BSON (218 bytes against 162; a conversation of the load tool's
// form, 1,980 against 1,849; issue 26).
type Reply struct {
	Text string `bson:"text"` // Telegram HTML; user text in it is escaped
	// Buttons are the inline keyboard's rows. Never stored as they are
	// (FerretDB refuses nested arrays): whoever stores a Reply stores them
	// as documents under a key of its own (SavedReply's "rows", the
	// outbox's "buttons"), which this field must not also claim.
	Buttons [][]Button `bson:"-"`
	// AskContact shows the reply keyboard with the "share my phone number" button.
	AskContact bool `bson:"askcontact,omitempty"`
	// RemoveKeyboard hides a reply keyboard shown before.
	RemoveKeyboard bool `bson:"removekeyboard,omitempty"`
	// EditMessageID > 0 edits that message instead of sending a new one.
	EditMessageID int `bson:"editmessageid,omitempty"`
	// Document or Photo, when set, is sent with Text as its caption.
	Document *File `bson:"document,omitempty"`
	Photo    *File `bson:"photo,omitempty"`
}

// Button is an inline button; Data comes back in the pressed button's
// callback data (at most 64 bytes).
type Button struct {
	Text string
	Data string
}

// File is a file the bot sends: its bytes, or the ID of a file Telegram
// already has (one a user sent).
type File struct {
	Name string
	Data []byte
	ID   string `bson:"id,omitempty"`
}

// Notice is a message the bot sends on its own rather than as a reply:
// a reminder, a milestone, a broadcast.
type Notice struct {
	// Key makes enqueuing idempotent: a key is delivered once, e.g.
	// "remind:2026-1:<nip>:h-3".
	Key    string
	ChatID int64
	Reply  Reply
	// NotBefore holds the notice back until then (zero: send now).
	NotBefore time.Time
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

// SaveReplies turns replies into their stored form. Files are not kept: a
// repeat of a file reply says to ask again.
func SaveReplies(rs []Reply) []SavedReply {
	out := make([]SavedReply, len(rs))
	for i, r := range rs {
		out[i].Reply = r
		// Not for the BSON (Buttons is bson:"-"): a SavedReply kept in
		// memory, never encoded (flows' memStore), would otherwise carry
		// its keyboard twice, and SavedReplies append Rows to it.
		out[i].Reply.Buttons = nil
		out[i].Reply.Document, out[i].Reply.Photo = nil, nil
		for _, row := range r.Buttons {
			out[i].Rows = append(out[i].Rows, ButtonRow{Buttons: row})
		}
	}
	return out
}

// SavedReplies turns stored replies back into replies.
func SavedReplies(ss []SavedReply) []Reply {
	out := make([]Reply, len(ss))
	for i, s := range ss {
		out[i] = s.Reply
		for _, row := range s.Rows {
			out[i].Buttons = append(out[i].Buttons, row.Buttons)
		}
	}
	return out
}
