package telegramtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// Telegram's limits, as the Bot API documents them
// (core.telegram.org/bots/api). The fake refuses what Telegram refuses: a
// fake that accepts more hides the defects it is there to find.
const (
	// MaxText: sendMessage's text is "1-4096 characters after entities
	// parsing"; Telegram counts UTF-16 code units.
	MaxText = 4096
	// MaxCaption: a document's or photo's caption is "0-1024 characters
	// after entities parsing".
	MaxCaption = 1024
	// MaxCallbackData: InlineKeyboardButton.callback_data is "1-64 bytes".
	MaxCallbackData = 64
	// MaxUpload: "Bots can currently send files of any type of up to 50 MB
	// in size".
	MaxUpload = 50 << 20
	// MaxToast: answerCallbackQuery's text is "0-200 characters".
	MaxToast = 200
	// MaxButtons is not documented; Telegram answers "reply markup is too
	// long" to an inline keyboard of more than 100 buttons.
	MaxButtons = 100
)

// Refusal is a call the fake refused as Telegram would (bad HTML, too long,
// not UTF-8, a keyboard over the limits), for tests to assert on.
type Refusal struct {
	Method      string
	ChatID      int64
	Description string
	Text        string // the text or caption sent
	At          time.Time
}

// apiError is a refusal with Telegram's status and description.
type apiError struct {
	status      int
	description string
}

func (e *apiError) Error() string { return e.description }

func badRequest(format string, args ...any) *apiError {
	return &apiError{http.StatusBadRequest, "Bad Request: " + fmt.Sprintf(format, args...)}
}

// refuse answers the call with e and records it.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, chatID int64, text string, e *apiError) {
	method := r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:]
	s.mu.Lock()
	s.refusals = append(s.refusals, Refusal{Method: method, ChatID: chatID, Description: e.description, Text: text, At: s.clock()})
	s.notify()
	s.mu.Unlock()
	writeError(w, e.status, e.description, 0)
}

// Refusals are the calls refused so far, oldest first.
func (s *Server) Refusals() []Refusal {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Refusal(nil), s.refusals...)
}

// checkText checks a message's text (field "text", limit MaxText, empty
// refused) or a caption (field "caption", MaxCaption, may be empty) as
// Telegram does: UTF-8 first, then the entities of the parse mode, then
// the length of what is left.
func checkText(field, text, parseMode string) *apiError {
	if !utf8.ValidString(text) {
		return badRequest("strings must be encoded in UTF-8")
	}
	plain := text
	if strings.EqualFold(parseMode, "HTML") {
		var err error
		if plain, err = ParseHTML(text); err != nil {
			return badRequest("can't parse entities: %v", err)
		}
	}
	plain = strings.TrimSpace(plain)
	n := UTF16Length(plain)
	switch {
	case field == "text" && n == 0:
		return badRequest("message text is empty")
	case field == "text" && n > MaxText:
		return badRequest("message is too long")
	case field == "caption" && n > MaxCaption:
		return badRequest("message caption is too long")
	}
	return nil
}

// UTF16Length is the length of s as Telegram counts it: UTF-16 code units,
// so an emoji outside the BMP counts two.
func UTF16Length(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// checkKeyboard checks an inline keyboard against Telegram's limits.
func checkKeyboard(rows [][]Button) *apiError {
	n := 0
	for _, row := range rows {
		for _, b := range row {
			n++
			if b.Data == "" || len(b.Data) > MaxCallbackData {
				return badRequest("BUTTON_DATA_INVALID")
			}
			if strings.TrimSpace(b.Text) == "" {
				return badRequest("BUTTON_TEXT_INVALID")
			}
		}
	}
	if n > MaxButtons {
		return badRequest("reply markup is too long")
	}
	return nil
}

// checkCommands checks setMyCommands: at most 100 commands, each 1-32
// lower-case letters, digits and underscores, with a description of 1-256
// characters (core.telegram.org/bots/api#botcommand).
func checkCommands(raw string) ([]BotCommand, *apiError) {
	var cmds []BotCommand
	if err := json.Unmarshal([]byte(raw), &cmds); err != nil {
		return nil, badRequest("can't parse commands JSON object")
	}
	if len(cmds) > 100 {
		return nil, badRequest("too many commands")
	}
	for _, c := range cmds {
		if c.Command == "" || len(c.Command) > 32 || strings.Trim(c.Command, "abcdefghijklmnopqrstuvwxyz0123456789_") != "" {
			return nil, badRequest("BOT_COMMAND_INVALID")
		}
		if n := utf8.RuneCountInString(strings.TrimSpace(c.Description)); n == 0 || n > 256 {
			return nil, badRequest("BOT_COMMAND_DESCRIPTION_INVALID")
		}
	}
	return cmds, nil
}
