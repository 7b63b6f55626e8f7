package bot

import (
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"openkarir/flows"
)

// toInput turns an update into what the flows read; ok is false for kinds
// of update the bot does not handle.
func toInput(u tgbotapi.Update) (in flows.Input, ok bool) {
	in.UpdateID = u.UpdateID
	switch {
	case u.Message != nil && u.Message.From != nil:
		m := u.Message
		in.UserID, in.ChatID, in.FirstName, in.Username = m.From.ID, m.Chat.ID, m.From.FirstName, m.From.UserName
		in.Private = m.Chat.IsPrivate()
		switch {
		case m.IsCommand():
			in.Command = strings.ToLower(m.Command())
			in.Args = strings.TrimSpace(m.CommandArguments())
		case m.Contact != nil:
			in.Contact = &flows.Contact{Phone: m.Contact.PhoneNumber, UserID: m.Contact.UserID}
		case m.Text != "":
			in.Text = m.Text
		case m.Document != nil:
			in.File = &flows.FileRef{ID: m.Document.FileID, Name: m.Document.FileName, Kind: "document", Size: m.Document.FileSize}
			captionCommand(&in, m.Caption)
		case len(m.Photo) > 0:
			// The last size is the largest.
			p := m.Photo[len(m.Photo)-1]
			in.File = &flows.FileRef{ID: p.FileID, Kind: "photo", Size: p.FileSize}
			captionCommand(&in, m.Caption)
		default:
			in.Unsupported = messageKind(m)
		}
		return in, true
	case u.CallbackQuery != nil:
		q := u.CallbackQuery
		in.UserID, in.FirstName, in.Username = q.From.ID, q.From.FirstName, q.From.UserName
		in.ChatID, in.Private = q.From.ID, true
		in.Callback = &flows.Callback{Data: q.Data}
		if q.Message != nil {
			in.ChatID, in.Private = q.Message.Chat.ID, q.Message.Chat.IsPrivate()
			in.Callback.MessageID = q.Message.MessageID
		}
		return in, true
	}
	return in, false
}

// captionCommand reads a caption such as "/impor" as the command it names,
// so a document can be sent with its command in one message.
func captionCommand(in *flows.Input, caption string) {
	caption = strings.TrimSpace(caption)
	if !strings.HasPrefix(caption, "/") {
		in.Text = caption
		return
	}
	word, rest, _ := strings.Cut(caption[1:], " ")
	word, _, _ = strings.Cut(word, "@")
	in.Command, in.Args = strings.ToLower(word), strings.TrimSpace(rest)
}

func messageKind(m *tgbotapi.Message) string {
	switch {
	case m.Sticker != nil:
		return "sticker"
	case m.Photo != nil:
		return "photo"
	case m.Document != nil:
		return "document"
	case m.Voice != nil, m.Audio != nil:
		return "audio"
	case m.Video != nil, m.VideoNote != nil:
		return "video"
	case m.Location != nil:
		return "location"
	}
	return "other"
}
