package bot

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"openkarir/flows"
	"openkarir/karir"
)

// request is one Bot API call. The calls of every update (sendMessage,
// editMessageText, answerCallbackQuery) are made here as a form written
// straight from the reply: the library's way (a Params map, url.Values,
// a sorted Encode, reflection for the keyboard, then an APIResponse and a
// Message decoded from the answer) was 13% of the bot's CPU under load
// (issue 26). Files stay with the library (file), which uploads them.
type request struct {
	method string
	form   []byte // application/x-www-form-urlencoded
	file   tgbotapi.Chattable
}

// field adds key=value to the form, value escaped as url.QueryEscape does.
func (r *request) field(key, value string) {
	if len(r.form) > 0 {
		r.form = append(r.form, '&')
	}
	r.form = append(r.form, key...)
	r.form = append(r.form, '=')
	r.form = appendQueryEscape(r.form, value)
}

func (r *request) int(key string, v int64) {
	if len(r.form) > 0 {
		r.form = append(r.form, '&')
	}
	r.form = append(r.form, key...)
	r.form = append(r.form, '=')
	r.form = strconv.AppendInt(r.form, v, 10)
}

// newRequest starts a form with room for about n bytes of values.
func newRequest(method string, n int) request {
	return request{method: method, form: make([]byte, 0, n+n/4+96)}
}

// textRequest is a sendMessage, or an editMessageText when editID > 0,
// with the fields the library's MessageConfig and EditMessageTextConfig
// give: HTML, no link previews, the keyboard as JSON.
func textRequest(chatID int64, editID int, r karir.Reply) request {
	method := "sendMessage"
	if editID > 0 {
		method = "editMessageText"
	}
	n := len(r.Text)
	for _, row := range r.Buttons {
		for _, b := range row {
			n += len(b.Text) + len(b.Data) + 32
		}
	}
	req := newRequest(method, n)
	if chatID != 0 {
		req.int("chat_id", chatID)
	}
	if editID > 0 {
		req.int("message_id", int64(editID))
	}
	if r.Text != "" || editID > 0 {
		req.field("text", r.Text)
	}
	req.field("parse_mode", tgbotapi.ModeHTML)
	req.field("disable_web_page_preview", "true")
	switch {
	case len(r.Buttons) > 0:
		req.markup(appendInlineKeyboard(make([]byte, 0, n), r.Buttons))
	case editID > 0:
		// An edit keeps only an inline keyboard.
	case r.AskContact:
		kb := tgbotapi.NewReplyKeyboard(
			tgbotapi.NewKeyboardButtonRow(tgbotapi.NewKeyboardButtonContact(flows.LabelShareContact)),
			tgbotapi.NewKeyboardButtonRow(tgbotapi.NewKeyboardButton(flows.LabelChangeNIP)),
		)
		kb.OneTimeKeyboard = true
		req.markupOf(kb)
	case r.RemoveKeyboard:
		req.markupOf(tgbotapi.NewRemoveKeyboard(false))
	}
	return req
}

// callbackRequest answers a pressed button, with a toast when text is set.
func callbackRequest(queryID, text string) request {
	req := newRequest("answerCallbackQuery", len(queryID)+len(text))
	req.field("callback_query_id", queryID)
	if text != "" {
		req.field("text", text)
	}
	return req
}

func (r *request) markup(js []byte) {
	r.form = append(r.form, "&reply_markup="...)
	r.form = appendQueryEscape(r.form, js)
}

// markupOf is markup for the keyboards seldom sent, as the library
// encodes them.
func (r *request) markupOf(kb any) {
	js, err := json.Marshal(kb)
	if err != nil {
		panic(err) // the library's keyboard types always encode
	}
	r.markup(js)
}

// appendInlineKeyboard writes rows as the library's InlineKeyboardMarkup
// of callback buttons encodes: {"inline_keyboard":[[{"text":..,
// "callback_data":..}]]}, a row without buttons as null.
func appendInlineKeyboard(b []byte, rows [][]karir.Button) []byte {
	b = append(b, `{"inline_keyboard":[`...)
	for i, row := range rows {
		if i > 0 {
			b = append(b, ',')
		}
		if row == nil {
			b = append(b, "null"...)
			continue
		}
		b = append(b, '[')
		for j, btn := range row {
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"text":`...)
			b = appendJSONString(b, btn.Text)
			b = append(b, `,"callback_data":`...)
			b = appendJSONString(b, btn.Data)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, "]}"...)
}

const upperHex = "0123456789ABCDEF"

// appendJSONString writes s as a JSON string; bytes that are not UTF-8
// become U+FFFD, as encoding/json makes them.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', upperHex[c>>4], upperHex[c&0xF])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, `\ufffd`...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}

// appendQueryEscape writes s escaped as url.QueryEscape does (letters,
// digits and -_.~ as they are, a space as +, every other byte as %XX).
func appendQueryEscape[T string | []byte](b []byte, s T) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '_', c == '.', c == '~':
			b = append(b, c)
		case c == ' ':
			b = append(b, '+')
		default:
			b = append(b, '%', upperHex[c>>4], upperHex[c&0xF])
		}
	}
	return b
}
