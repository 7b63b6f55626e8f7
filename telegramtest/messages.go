package telegramtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"
)

// chatFor returns the chat, creating it; s.mu must be held.
func (s *Server) chatFor(id int64) *chat {
	c, ok := s.chats[id]
	if !ok {
		c = &chat{nextMessageID: 1}
		s.chats[id] = c
	}
	return c
}

func (s *Server) sendMessage(w http.ResponseWriter, r *http.Request) {
	chatID, err := strconv.ParseInt(r.FormValue("chat_id"), 10, 64)
	if err != nil {
		writeError(w, http.StatusBadRequest, "Bad Request: chat not found", 0)
		return
	}
	text := r.FormValue("text")
	if e := checkText("text", text, r.FormValue("parse_mode")); e != nil {
		s.refuse(w, r, chatID, text, e)
		return
	}
	m := &Message{ChatID: chatID, Text: text, ParseMode: r.FormValue("parse_mode")}
	if err := parseMarkup(r.FormValue("reply_markup"), m); err != nil {
		s.refuse(w, r, chatID, text, badRequest("can't parse reply keyboard markup JSON object"))
		return
	}
	if e := checkKeyboard(m.Buttons); e != nil {
		s.refuse(w, r, chatID, text, e)
		return
	}
	s.store(w, m)
}

// store records a sent message and answers with it.
func (s *Server) store(w http.ResponseWriter, m *Message) {
	s.mu.Lock()
	if s.blocked[m.ChatID] {
		s.mu.Unlock()
		writeError(w, http.StatusForbidden, "Forbidden: bot was blocked by the user", 0)
		return
	}
	c := s.chatFor(m.ChatID)
	m.ID = c.nextMessageID
	c.nextMessageID++
	s.seq++
	m.seq, m.At = s.seq, s.clock()
	c.messages = append(c.messages, m)
	s.recordKeyboard(m)
	c.sent++
	s.notify()
	s.mu.Unlock()
	writeOK(w, messageJSON(m))
}

func (s *Server) findMessage(r *http.Request) (*Message, bool) {
	chatID, _ := strconv.ParseInt(r.FormValue("chat_id"), 10, 64)
	id, _ := strconv.Atoi(r.FormValue("message_id"))
	c, ok := s.chats[chatID]
	if !ok {
		return nil, false
	}
	for _, m := range c.messages {
		if m.ID == id {
			return m, true
		}
	}
	return nil, false
}

func (s *Server) editMessageText(w http.ResponseWriter, r *http.Request) {
	s.edit(w, r, true)
}

func (s *Server) editMessageReplyMarkup(w http.ResponseWriter, r *http.Request) {
	s.edit(w, r, false)
}

func (s *Server) edit(w http.ResponseWriter, r *http.Request, withText bool) {
	chatID, _ := strconv.ParseInt(r.FormValue("chat_id"), 10, 64)
	text := r.FormValue("text")
	if withText {
		if e := checkText("text", text, r.FormValue("parse_mode")); e != nil {
			s.refuse(w, r, chatID, text, e)
			return
		}
	}
	var probe Message
	if err := parseMarkup(r.FormValue("reply_markup"), &probe); err != nil {
		s.refuse(w, r, chatID, text, badRequest("can't parse reply keyboard markup JSON object"))
		return
	}
	if e := checkKeyboard(probe.Buttons); e != nil {
		s.refuse(w, r, chatID, text, e)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.findMessage(r)
	if !ok {
		writeError(w, http.StatusBadRequest, "Bad Request: message to edit not found", 0)
		return
	}
	if !withText {
		text = m.Text
	}
	if text == m.Text && fmt.Sprint(probe.Buttons) == fmt.Sprint(m.Buttons) {
		writeError(w, http.StatusBadRequest, "Bad Request: message is not modified", 0)
		return
	}
	m.Text, m.Buttons, m.Edited = text, probe.Buttons, true
	s.recordKeyboard(m)
	if withText {
		m.ParseMode = r.FormValue("parse_mode")
	}
	s.seq++
	m.seq = s.seq
	s.notify()
	writeOK(w, messageJSON(m))
}

// recordKeyboard keeps m's inline keyboard, if any; s.mu must be held.
func (s *Server) recordKeyboard(m *Message) {
	if len(m.Buttons) > 0 {
		s.keyboards = append(s.keyboards, Keyboard{ChatID: m.ChatID, Text: m.Text, Buttons: m.Buttons})
	}
}

func (s *Server) answerCallbackQuery(w http.ResponseWriter, r *http.Request) {
	text := r.FormValue("text")
	if !utf8.ValidString(text) {
		s.refuse(w, r, 0, text, badRequest("strings must be encoded in UTF-8"))
		return
	}
	if utf8.RuneCountInString(text) > MaxToast {
		s.refuse(w, r, 0, text, badRequest("MESSAGE_TOO_LONG"))
		return
	}
	s.mu.Lock()
	s.callbackAnswers = append(s.callbackAnswers, CallbackAnswer{ID: r.FormValue("callback_query_id"), Text: r.FormValue("text")})
	s.notify()
	s.mu.Unlock()
	writeOK(w, true)
}

func (s *Server) setMyCommands(w http.ResponseWriter, r *http.Request) {
	cmds, e := checkCommands(r.FormValue("commands"))
	if e != nil {
		s.refuse(w, r, 0, r.FormValue("commands"), e)
		return
	}
	if s.setScopedCommands(w, r, cmds) {
		return
	}
	s.mu.Lock()
	s.commands = cmds
	s.mu.Unlock()
	writeOK(w, true)
}

func (s *Server) sendFile(w http.ResponseWriter, r *http.Request, field string) {
	chatID, err := strconv.ParseInt(r.FormValue("chat_id"), 10, 64)
	if err != nil {
		writeError(w, http.StatusBadRequest, "Bad Request: chat not found", 0)
		return
	}
	// A file is uploaded, or named by the file_id of one a user sent.
	var file *File
	if id := r.FormValue(field); id != "" {
		s.mu.Lock()
		data, ok := s.files[id]
		s.mu.Unlock()
		if !ok {
			writeError(w, http.StatusBadRequest, "Bad Request: wrong file identifier/HTTP URL specified", 0)
			return
		}
		file = &File{Name: id, Data: data}
	} else {
		if r.MultipartForm == nil || len(r.MultipartForm.File[field]) == 0 {
			writeError(w, http.StatusBadRequest, "Bad Request: there is no "+field+" in the request", 0)
			return
		}
		fh := r.MultipartForm.File[field][0]
		if fh.Size > MaxUpload {
			s.refuse(w, r, chatID, r.FormValue("caption"), &apiError{http.StatusRequestEntityTooLarge, "Request Entity Too Large"})
			return
		}
		f, err := fh.Open()
		if err != nil {
			writeError(w, http.StatusBadRequest, "Bad Request: "+err.Error(), 0)
			return
		}
		data, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			writeError(w, http.StatusBadRequest, "Bad Request: "+err.Error(), 0)
			return
		}
		file = &File{Name: fh.Filename, Data: data}
	}
	caption := r.FormValue("caption")
	if e := checkText("caption", caption, r.FormValue("parse_mode")); e != nil {
		s.refuse(w, r, chatID, caption, e)
		return
	}
	m := &Message{ChatID: chatID, Text: caption, Caption: caption, ParseMode: r.FormValue("parse_mode")}
	if field == "photo" {
		m.Photo = file
	} else {
		m.Document = file
	}
	if err := parseMarkup(r.FormValue("reply_markup"), m); err != nil {
		s.refuse(w, r, chatID, caption, badRequest("can't parse reply keyboard markup JSON object"))
		return
	}
	if e := checkKeyboard(m.Buttons); e != nil {
		s.refuse(w, r, chatID, caption, e)
		return
	}
	s.store(w, m)
}

// MaxDownload is the largest file getFile lets a bot download ("bots can
// download files of up to 20MB in size"); a larger one is refused as
// Telegram refuses it.
const MaxDownload = 20 << 20

func (s *Server) getFile(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("file_id")
	s.mu.Lock()
	data, ok := s.files[id]
	s.mu.Unlock()
	if !ok {
		writeError(w, http.StatusBadRequest, "Bad Request: invalid file_id", 0)
		return
	}
	if len(data) > MaxDownload {
		writeError(w, http.StatusBadRequest, "Bad Request: file is too big", 0)
		return
	}
	writeOK(w, map[string]any{"file_id": id, "file_unique_id": id, "file_size": len(data), "file_path": "files/" + id})
}

func (s *Server) download(w http.ResponseWriter, path string) {
	s.mu.Lock()
	data, ok := s.files[strings.TrimPrefix(path, "files/")]
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, nil)
		return
	}
	_, _ = w.Write(data)
}

// parseMarkup reads a reply_markup into m's keyboards.
func parseMarkup(raw string, m *Message) error {
	if raw == "" {
		return nil
	}
	var mk struct {
		Inline [][]struct {
			Text string `json:"text"`
			Data string `json:"callback_data"`
		} `json:"inline_keyboard"`
		Keyboard [][]struct {
			Text    string `json:"text"`
			Contact bool   `json:"request_contact"`
		} `json:"keyboard"`
		OneTime bool `json:"one_time_keyboard"`
		Remove  bool `json:"remove_keyboard"`
	}
	if err := json.Unmarshal([]byte(raw), &mk); err != nil {
		return err
	}
	for _, row := range mk.Inline {
		var r []Button
		for _, b := range row {
			r = append(r, Button{Text: b.Text, Data: b.Data})
		}
		m.Buttons = append(m.Buttons, r)
	}
	for _, row := range mk.Keyboard {
		var r []KeyButton
		for _, b := range row {
			r = append(r, KeyButton{Text: b.Text, RequestContact: b.Contact})
		}
		m.Keyboard = append(m.Keyboard, r)
	}
	m.OneTimeKeyboard, m.RemoveKeyboard = mk.OneTime, mk.Remove
	return nil
}

func messageJSON(m *Message) map[string]any {
	return map[string]any{
		"message_id": m.ID,
		"date":       m.At.Unix(),
		"chat":       map[string]any{"id": m.ChatID, "type": chatType(m.ChatID)},
		"from":       map[string]any{"id": BotID, "is_bot": true, "first_name": "Open Karir", "username": BotUsername},
		"text":       m.Text,
	}
}

func chatType(id int64) string {
	if id < 0 {
		return "group"
	}
	return "private"
}
