// Package telegramtest is an in-memory fake of the Telegram Bot API, served
// over HTTP by net/http/httptest. Tests and the load tool play users against
// it (SendText, PressButton, ShareContact, ...) and read what the bot sent
// (Messages). The bot talks to it with the real telegram-bot-api library.
package telegramtest

import (
	"encoding/json"
	"fmt"
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
	// keyboards are the inline keyboards of every message sent or edited,
	// in order, for tests that check them all (an edit replaces the first).
	keyboards     []Keyboard
	commands      []BotCommand
	menus         scopedMenus
	calls         map[string]int
	failures      map[string][]failure
	chatFailures  map[int64][]failure
	failed        []FailedCall
	refusals      []Refusal
	latency       time.Duration
	blocked       map[int64]bool
	files         map[string][]byte
	names         map[int64][2]string // user id -> first name, username
	webhookURL    string
	webhookSecret string
	webhookSlots  chan struct{} // one per post open, max_connections of them
	// delivered are the updates a webhook answered 200; pushes holds the
	// queue of updates still to post, per chat, so each chat keeps order.
	delivered map[int]bool
	pushes    map[int64][]queued
	closed    bool
	// poster posts to the webhook, keeping a connection per busy chat
	// (Go's default keeps two per host and dials for the rest).
	poster *http.Client
	// clock stamps sent messages and failed calls (time.Now by default).
	clock func() time.Time
}

type queued struct {
	id     int
	update map[string]any
}

type chat struct {
	nextMessageID int
	messages      []*Message
	sent          int
	// incoming are the user's own messages, for History.
	incoming []*Message
}

type failure struct {
	status     int
	retryAfter int
}

// Message is the current state of a message the bot sent (edits applied),
// or, in History, one the user sent (FromUser).
type Message struct {
	ID              int
	ChatID          int64
	Text            string // the text, or the caption of a document or photo
	ParseMode       string
	Buttons         [][]Button    // inline keyboard
	Keyboard        [][]KeyButton // reply keyboard
	OneTimeKeyboard bool          // the reply keyboard hides once used
	RemoveKeyboard  bool
	Edited          bool
	Document        *File
	Photo           *File
	Caption         string
	At              time.Time // when it was sent
	FromUser        bool
	Contact         string // the phone number of a contact the user shared
	seq             int
}

// Button is an inline keyboard button.
type Button struct{ Text, Data string }

// KeyButton is a reply keyboard button.
type KeyButton struct {
	Text           string `json:"text"`
	RequestContact bool   `json:"request_contact,omitempty"`
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
		chatFailures: map[int64][]failure{},
		clock:        time.Now,
		blocked:      map[int64]bool{},
		files:        map[string][]byte{},
		names:        map[int64][2]string{},
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
	method, ok := strings.CutPrefix(r.URL.Path, "/bot"+s.token+"/")
	file, isFile := strings.CutPrefix(r.URL.Path, "/file/bot"+s.token+"/")
	switch {
	case isFile:
		method = "file" // a download, counted and failed like a method
	case !ok:
		writeError(w, http.StatusUnauthorized, "Unauthorized", 0)
		return
	}
	if err := r.ParseMultipartForm(32 << 20); err != nil && err != http.ErrNotMultipart {
		writeError(w, http.StatusBadRequest, "Bad Request: "+err.Error(), 0)
		return
	}
	if err := parseJSONBody(r); err != nil {
		writeError(w, http.StatusBadRequest, "Bad Request: "+err.Error(), 0)
		return
	}
	chatID, _ := strconv.ParseInt(r.FormValue("chat_id"), 10, 64)
	s.mu.Lock()
	s.calls[method]++
	s.notify() // so Wait can watch Calls
	latency := s.latency
	var fail *failure
	if q := s.failures[method]; len(q) > 0 {
		fail, s.failures[method] = &q[0], q[1:]
	} else if q := s.chatFailures[chatID]; chatID != 0 && len(q) > 0 && strings.HasPrefix(method, "send") {
		fail, s.chatFailures[chatID] = &q[0], q[1:]
	}
	if fail != nil {
		s.failed = append(s.failed, FailedCall{Method: method, ChatID: chatID, Text: r.FormValue("text"), Status: fail.status, At: s.clock()})
	}
	s.mu.Unlock()
	if latency > 0 {
		time.Sleep(latency)
	}
	if fail != nil {
		s.writeFailure(w, r, *fail)
		return
	}
	if isFile {
		s.download(w, file)
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
		"deleteMyCommands":       s.deleteMyCommands,
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

// Failures other than an HTTP status, for FailNext and FailChat.
const (
	// Disconnect closes the connection without an answer: the bot sees a
	// network error, as when Telegram is unreachable.
	Disconnect = -1
	// Stall never answers, until the caller gives up or the fake closes.
	Stall = -2
)

func (s *Server) writeFailure(w http.ResponseWriter, r *http.Request, f failure) {
	switch f.status {
	case Disconnect:
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			conn.Close()
		}
	case Stall:
		<-r.Context().Done()
	case http.StatusTooManyRequests:
		writeError(w, f.status, fmt.Sprintf("Too Many Requests: retry after %d", f.retryAfter), f.retryAfter)
	case http.StatusForbidden:
		writeError(w, f.status, "Forbidden: bot was blocked by the user", 0)
	default:
		writeError(w, f.status, http.StatusText(f.status), 0)
	}
}
