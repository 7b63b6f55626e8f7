// Package telegramtest is an in-memory fake of the Telegram Bot API, served
// over HTTP by net/http/httptest. Tests and the load tool play users against
// it (SendText, PressButton, ShareContact, ...) and read what the bot sent
// (Messages). The bot talks to it with the real telegram-bot-api library.
package telegramtest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// BotID and BotUsername are what getMe answers.
const (
	BotID       = 1000
	BotUsername = "openkarir_bot"
)

// Server is the fake Bot API. All methods are safe for concurrent use.
type Server struct {
	token string
	http  *httptest.Server

	mu sync.Mutex
	// changed is closed and replaced on every change, waking waiters.
	changed chan struct{}

	updates      []queued // not yet acknowledged
	nextUpdateID int
	acked        int // every update id up to this was acknowledged
	seq          int // counts sends and edits, to find what changed since

	chats           map[int64]*chat
	callbackAnswers []CallbackAnswer
	commands        []BotCommand
	calls           map[string]int
	failures        map[string][]failure
	latency         time.Duration
	blocked         map[int64]bool
	files           map[string][]byte
	webhookURL      string
	webhookSecret   string
	// delivered are the updates a webhook answered 200; pushes holds the
	// queue of updates still to post, per chat, so each chat keeps order.
	delivered map[int]bool
	pushes    map[int64][]queued
	closed    bool
	// poster posts to the webhook, keeping a connection per busy chat
	// (Go's default keeps two per host and dials for the rest).
	poster *http.Client
}

type queued struct {
	id     int
	update map[string]any
}

type chat struct {
	nextMessageID int
	messages      []*Message
	sent          int
}

type failure struct {
	status     int
	retryAfter int
}

// Message is the current state of a message the bot sent (edits applied).
type Message struct {
	ID             int
	ChatID         int64
	Text           string // the text, or the caption of a document or photo
	ParseMode      string
	Buttons        [][]Button    // inline keyboard
	Keyboard       [][]KeyButton // reply keyboard
	RemoveKeyboard bool
	Edited         bool
	Document       *File
	Photo          *File
	Caption        string
	At             time.Time // when it was sent
	seq            int
}

// Button is an inline keyboard button.
type Button struct{ Text, Data string }

// KeyButton is a reply keyboard button.
type KeyButton struct {
	Text           string
	RequestContact bool
}

// File is an uploaded document or photo.
type File struct {
	Name string
	Data []byte
}

// CallbackAnswer is an answerCallbackQuery call.
type CallbackAnswer struct{ ID, Text string }

// BotCommand is an entry of setMyCommands.
type BotCommand struct {
	Command     string `json:"command"`
	Description string `json:"description"`
}

// NewServer starts a fake Bot API for the bot with this token.
func NewServer(token string) *Server {
	s := &Server{
		token:        token,
		changed:      make(chan struct{}),
		nextUpdateID: 1,
		chats:        map[int64]*chat{},
		calls:        map[string]int{},
		failures:     map[string][]failure{},
		blocked:      map[int64]bool{},
		files:        map[string][]byte{},
		delivered:    map[int]bool{},
		pushes:       map[int64][]queued{},
		poster:       &http.Client{Transport: keepAlive(1000)},
	}
	s.http = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// keepAlive is a transport that keeps up to n idle connections to a host.
func keepAlive(n int) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns, t.MaxIdleConnsPerHost = n, n
	return t
}

// Close stops the server (and any webhook posting).
func (s *Server) Close() {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.http.CloseClientConnections()
	s.http.Close()
}

// URL is the server's base URL.
func (s *Server) URL() string { return s.http.URL }

// Endpoint is the telegram-bot-api endpoint format for this server.
func (s *Server) Endpoint() string { return s.http.URL + "/bot%s/%s" }

// notify wakes everyone waiting for a change; s.mu must be held.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if path, ok := strings.CutPrefix(r.URL.Path, "/file/bot"+s.token+"/"); ok {
		s.download(w, path)
		return
	}
	method, ok := strings.CutPrefix(r.URL.Path, "/bot"+s.token+"/")
	if !ok {
		writeError(w, http.StatusUnauthorized, "Unauthorized", 0)
		return
	}
	if err := r.ParseMultipartForm(32 << 20); err != nil && err != http.ErrNotMultipart {
		writeError(w, http.StatusBadRequest, "Bad Request: "+err.Error(), 0)
		return
	}
	s.mu.Lock()
	s.calls[method]++
	s.notify() // so Wait can watch Calls
	latency := s.latency
	var fail *failure
	if q := s.failures[method]; len(q) > 0 {
		fail, s.failures[method] = &q[0], q[1:]
	}
	s.mu.Unlock()
	if latency > 0 {
		time.Sleep(latency)
	}
	if fail != nil {
		writeFailure(w, *fail)
		return
	}
	h, ok := s.methods()[method]
	if !ok {
		writeError(w, http.StatusNotFound, "Not Found: method not found", 0)
		return
	}
	h(w, r)
}

func (s *Server) methods() map[string]http.HandlerFunc {
	return map[string]http.HandlerFunc{
		"getMe": func(w http.ResponseWriter, r *http.Request) {
			writeOK(w, map[string]any{"id": BotID, "is_bot": true, "first_name": "Open Karir", "username": BotUsername})
		},
		"getUpdates":             s.getUpdates,
		"deleteWebhook":          s.deleteWebhook,
		"setWebhook":             s.setWebhook,
		"getWebhookInfo":         s.getWebhookInfo,
		"sendMessage":            s.sendMessage,
		"editMessageText":        s.editMessageText,
		"editMessageReplyMarkup": s.editMessageReplyMarkup,
		"answerCallbackQuery":    s.answerCallbackQuery,
		"setMyCommands":          s.setMyCommands,
		"sendDocument":           func(w http.ResponseWriter, r *http.Request) { s.sendFile(w, r, "document") },
		"sendPhoto":              func(w http.ResponseWriter, r *http.Request) { s.sendFile(w, r, "photo") },
		"getFile":                s.getFile,
	}
}

func (s *Server) getUpdates(w http.ResponseWriter, r *http.Request) {
	offset, _ := strconv.Atoi(r.FormValue("offset"))
	limit, _ := strconv.Atoi(r.FormValue("limit"))
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	timeout, _ := strconv.Atoi(r.FormValue("timeout"))
	deadline := time.NewTimer(time.Duration(timeout) * time.Second)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		if offset > 0 && offset-1 > s.acked {
			s.acked = offset - 1
			kept := s.updates[:0]
			for _, u := range s.updates {
				if u.id >= offset {
					kept = append(kept, u)
				}
			}
			s.updates = kept
			s.notify()
		}
		var out []map[string]any
		for _, u := range s.updates {
			if u.id >= offset && len(out) < limit {
				out = append(out, u.update)
			}
		}
		changed := s.changed
		s.mu.Unlock()
		if len(out) > 0 || timeout <= 0 {
			if out == nil {
				out = []map[string]any{}
			}
			writeOK(w, out)
			return
		}
		select {
		case <-changed:
		case <-deadline.C:
			timeout = 0
		case <-r.Context().Done():
			return
		}
	}
}

func (s *Server) deleteWebhook(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.webhookURL, s.webhookSecret = "", ""
	s.notify()
	s.mu.Unlock()
	writeOK(w, true)
}

func (s *Server) setWebhook(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.webhookURL, s.webhookSecret = r.FormValue("url"), r.FormValue("secret_token")
	s.notify() // so Wait can watch Webhook
	s.mu.Unlock()
	writeOK(w, true)
}

func (s *Server) getWebhookInfo(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	writeOK(w, map[string]any{"url": s.webhookURL, "pending_update_count": len(s.updates)})
}

// Webhook is the URL and secret token the bot registered.
func (s *Server) Webhook() (url, secret string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhookURL, s.webhookSecret
}

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
	if err != nil || r.FormValue("text") == "" {
		writeError(w, http.StatusBadRequest, "Bad Request: chat_id and text are required", 0)
		return
	}
	if len([]rune(r.FormValue("text"))) > 4096 {
		writeError(w, http.StatusBadRequest, "Bad Request: message is too long", 0)
		return
	}
	m := &Message{ChatID: chatID, Text: r.FormValue("text"), ParseMode: r.FormValue("parse_mode")}
	if err := parseMarkup(r.FormValue("reply_markup"), m); err != nil {
		writeError(w, http.StatusBadRequest, "Bad Request: can't parse reply keyboard markup JSON object", 0)
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
	m.seq, m.At = s.seq, time.Now()
	c.messages = append(c.messages, m)
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
	var probe Message
	if err := parseMarkup(r.FormValue("reply_markup"), &probe); err != nil {
		writeError(w, http.StatusBadRequest, "Bad Request: can't parse reply keyboard markup JSON object", 0)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.findMessage(r)
	if !ok {
		writeError(w, http.StatusBadRequest, "Bad Request: message to edit not found", 0)
		return
	}
	text := m.Text
	if withText {
		text = r.FormValue("text")
	}
	if text == m.Text && fmt.Sprint(probe.Buttons) == fmt.Sprint(m.Buttons) {
		writeError(w, http.StatusBadRequest, "Bad Request: message is not modified", 0)
		return
	}
	m.Text, m.Buttons, m.Edited = text, probe.Buttons, true
	if withText {
		m.ParseMode = r.FormValue("parse_mode")
	}
	s.seq++
	m.seq = s.seq
	s.notify()
	writeOK(w, messageJSON(m))
}

func (s *Server) answerCallbackQuery(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.callbackAnswers = append(s.callbackAnswers, CallbackAnswer{ID: r.FormValue("callback_query_id"), Text: r.FormValue("text")})
	s.notify()
	s.mu.Unlock()
	writeOK(w, true)
}

func (s *Server) setMyCommands(w http.ResponseWriter, r *http.Request) {
	var cmds []BotCommand
	if err := json.Unmarshal([]byte(r.FormValue("commands")), &cmds); err != nil {
		writeError(w, http.StatusBadRequest, "Bad Request: can't parse commands", 0)
		return
	}
	s.mu.Lock()
	s.commands = cmds
	s.mu.Unlock()
	writeOK(w, true)
}

func (s *Server) sendFile(w http.ResponseWriter, r *http.Request, field string) {
	chatID, err := strconv.ParseInt(r.FormValue("chat_id"), 10, 64)
	if err != nil || r.MultipartForm == nil || len(r.MultipartForm.File[field]) == 0 {
		writeError(w, http.StatusBadRequest, "Bad Request: there is no "+field+" in the request", 0)
		return
	}
	fh := r.MultipartForm.File[field][0]
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
	caption := r.FormValue("caption")
	m := &Message{ChatID: chatID, Text: caption, Caption: caption, ParseMode: r.FormValue("parse_mode")}
	file := &File{Name: fh.Filename, Data: data}
	if field == "photo" {
		m.Photo = file
	} else {
		m.Document = file
	}
	if err := parseMarkup(r.FormValue("reply_markup"), m); err != nil {
		writeError(w, http.StatusBadRequest, "Bad Request: can't parse reply keyboard markup JSON object", 0)
		return
	}
	s.store(w, m)
}

func (s *Server) getFile(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("file_id")
	s.mu.Lock()
	data, ok := s.files[id]
	s.mu.Unlock()
	if !ok {
		writeError(w, http.StatusBadRequest, "Bad Request: invalid file_id", 0)
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
		Remove bool `json:"remove_keyboard"`
	}
	if err := json.Unmarshal([]byte(raw), &mk); err != nil {
		return err
	}
	for _, row := range mk.Inline {
		var r []Button
		for _, b := range row {
			if len(b.Data) > 64 {
				return fmt.Errorf("callback data longer than 64 bytes")
			}
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
	m.RemoveKeyboard = mk.Remove
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

func writeOK(w http.ResponseWriter, result any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"ok": true, "result": result})
}

func writeError(w http.ResponseWriter, code int, description string, retryAfter int) {
	body := map[string]any{"ok": false, "error_code": code, "description": description}
	if retryAfter > 0 {
		body["parameters"] = map[string]any{"retry_after": retryAfter}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(body)
}

func writeFailure(w http.ResponseWriter, f failure) {
	switch f.status {
	case http.StatusTooManyRequests:
		writeError(w, f.status, fmt.Sprintf("Too Many Requests: retry after %d", f.retryAfter), f.retryAfter)
	case http.StatusForbidden:
		writeError(w, f.status, "Forbidden: bot was blocked by the user", 0)
	default:
		writeError(w, f.status, http.StatusText(f.status), 0)
	}
}

// pushWebhook queues an update for the webhook; s.mu must be held. One
// goroutine per chat posts its updates in order, retrying until the bot
// answers 200, as Telegram does.
func (s *Server) pushWebhook(id int, update map[string]any) {
	chat := updateChat(update)
	q := s.pushes[chat]
	s.pushes[chat] = append(q, queued{id: id, update: update})
	if len(q) > 0 {
		return // that chat's poster is running
	}
	url, secret := s.webhookURL, s.webhookSecret
	go func() {
		for {
			s.mu.Lock()
			next := s.pushes[chat][0]
			s.mu.Unlock()
			for {
				resp, err := s.PostUpdate(context.Background(), url, secret, next.update)
				if err == nil {
					resp.Body.Close()
					if resp.StatusCode == http.StatusOK {
						break
					}
				}
				s.mu.Lock()
				closed := s.closed
				s.mu.Unlock()
				if closed {
					return
				}
				time.Sleep(50 * time.Millisecond)
			}
			s.mu.Lock()
			s.delivered[next.id] = true
			s.notify()
			rest := s.pushes[chat][1:]
			if len(rest) == 0 {
				// Done in the same hold of the lock, so the next push
				// starts a poster rather than leaving it to this one.
				delete(s.pushes, chat)
				s.mu.Unlock()
				return
			}
			s.pushes[chat] = rest
			s.mu.Unlock()
		}
	}()
}

// updateChat is the chat an update belongs to.
func updateChat(u map[string]any) int64 {
	msg, _ := u["message"].(map[string]any)
	if cq, ok := u["callback_query"].(map[string]any); ok {
		msg, _ = cq["message"].(map[string]any)
	}
	chat, _ := msg["chat"].(map[string]any)
	id, _ := chat["id"].(int64)
	return id
}
