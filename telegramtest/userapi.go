package telegramtest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"time"
)

// UserAPI serves the users' side of the fake over HTTP and JSON, for a
// client that is not Go code (the demo's chat page). Chats are private, so
// a chat's id is its user's id.
//
//	GET  chats/{chat}/messages?after=SEQ&wait=SECONDS  the chat, both sides
//	POST chats/{chat}/text      {"text": "..."}
//	POST chats/{chat}/press     {"message_id": 7, "data": "..."}
//	POST chats/{chat}/contact   {"phone": "..."}     the user's own contact
//	POST chats/{chat}/document  multipart: file, caption
//	GET  chats/{chat}/files/{message}                a message's photo or document
//	GET  commands                                    the bot's command menu
//
// messages answers {"seq": N, "messages": [...]} with what was sent or
// edited after SEQ, waiting up to wait seconds (at most 30) for something.
// An action answers once the bot handled it (or after 15 s, with "handled":
// false): {"update_id": N, "handled": true, "toast": "..."}, toast being the
// bot's answer to a pressed button.
func (s *Server) UserAPI() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /chats/{chat}/messages", s.apiMessages)
	mux.HandleFunc("POST /chats/{chat}/text", func(w http.ResponseWriter, r *http.Request) {
		var body struct{ Text string }
		s.apiAct(w, r, &body, func(chat int64) (int, string) {
			if body.Text == "" {
				return 0, ""
			}
			return s.SendText(chat, body.Text), ""
		})
	})
	mux.HandleFunc("POST /chats/{chat}/press", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			MessageID int `json:"message_id"`
			Data      string
		}
		s.apiAct(w, r, &body, func(chat int64) (int, string) {
			if body.MessageID == 0 || body.Data == "" {
				return 0, ""
			}
			return s.pressButton(chat, body.MessageID, body.Data)
		})
	})
	mux.HandleFunc("POST /chats/{chat}/contact", func(w http.ResponseWriter, r *http.Request) {
		var body struct{ Phone string }
		s.apiAct(w, r, &body, func(chat int64) (int, string) {
			if body.Phone == "" {
				return 0, ""
			}
			return s.ShareContact(chat, body.Phone, chat), ""
		})
	})
	mux.HandleFunc("POST /chats/{chat}/document", s.apiDocument)
	mux.HandleFunc("GET /chats/{chat}/files/{message}", s.apiFile)
	mux.HandleFunc("GET /commands", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, s.Commands())
	})
	return mux
}

// apiMessage is a Message as the page reads it.
type apiMessage struct {
	ID              int           `json:"id"`
	FromUser        bool          `json:"from_user"`
	Text            string        `json:"text"`
	HTML            bool          `json:"html"`
	Buttons         [][]apiButton `json:"buttons,omitempty"`
	Keyboard        [][]KeyButton `json:"keyboard,omitempty"`
	OneTimeKeyboard bool          `json:"one_time_keyboard,omitempty"`
	RemoveKeyboard  bool          `json:"remove_keyboard,omitempty"`
	Edited          bool          `json:"edited,omitempty"`
	Photo           *apiFile      `json:"photo,omitempty"`
	Document        *apiFile      `json:"document,omitempty"`
	Contact         string        `json:"contact,omitempty"`
	Date            int64         `json:"date"`
}

type apiButton struct {
	Text string `json:"text"`
	Data string `json:"data"`
}

// apiFile points at the file, relative to the UserAPI's root.
type apiFile struct {
	Name string `json:"name"`
	Size int    `json:"size"`
	URL  string `json:"url"`
}

func toAPI(m Message) apiMessage {
	a := apiMessage{ID: m.ID, FromUser: m.FromUser, Text: m.Text, HTML: m.ParseMode == "HTML",
		Keyboard: m.Keyboard, OneTimeKeyboard: m.OneTimeKeyboard, RemoveKeyboard: m.RemoveKeyboard,
		Edited: m.Edited, Contact: m.Contact, Date: m.At.Unix()}
	for _, row := range m.Buttons {
		var r []apiButton
		for _, b := range row {
			r = append(r, apiButton{Text: b.Text, Data: b.Data})
		}
		a.Buttons = append(a.Buttons, r)
	}
	file := func(f *File) *apiFile {
		if f == nil {
			return nil
		}
		return &apiFile{Name: f.Name, Size: len(f.Data), URL: fmt.Sprintf("chats/%d/files/%d", m.ChatID, m.ID)}
	}
	a.Photo, a.Document = file(m.Photo), file(m.Document)
	return a
}

func (s *Server) apiMessages(w http.ResponseWriter, r *http.Request) {
	chat, ok := chatParam(w, r)
	if !ok {
		return
	}
	after, _ := strconv.Atoi(r.FormValue("after"))
	wait, _ := strconv.Atoi(r.FormValue("wait"))
	ctx, cancel := context.WithTimeout(r.Context(), time.Duration(min(max(wait, 0), 30))*time.Second)
	defer cancel()
	// Nothing new at the end of the wait is an answer too, not an error.
	_ = s.Wait(ctx, func() bool { return len(s.History(chat, after)) > 0 })
	seq := s.Seq()
	out := []apiMessage{}
	for _, m := range s.History(chat, after) {
		out = append(out, toAPI(m))
	}
	writeJSON(w, http.StatusOK, map[string]any{"seq": seq, "messages": out})
}

// apiAct reads the JSON body into body, runs act (which returns 0 for a
// request missing what it needs) and answers once the bot handled the update.
func (s *Server) apiAct(w http.ResponseWriter, r *http.Request, body any, act func(chat int64) (updateID int, callbackID string)) {
	chat, ok := chatParam(w, r)
	if !ok {
		return
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(body); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "body is not JSON: " + err.Error()})
		return
	}
	id, cbID := act(chat)
	if id == 0 {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "a required field is missing"})
		return
	}
	s.answerHandled(w, r, id, cbID)
}

func (s *Server) answerHandled(w http.ResponseWriter, r *http.Request, updateID int, callbackID string) {
	ctx, cancel := context.WithTimeout(r.Context(), 15*time.Second)
	defer cancel()
	handled := s.WaitHandled(ctx, updateID) == nil
	toast := ""
	if callbackID != "" {
		answers := s.CallbackAnswers()
		if i := slices.IndexFunc(answers, func(a CallbackAnswer) bool { return a.ID == callbackID }); i >= 0 {
			toast = answers[i].Text
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"update_id": updateID, "handled": handled, "toast": toast})
}

func (s *Server) apiDocument(w http.ResponseWriter, r *http.Request) {
	chat, ok := chatParam(w, r)
	if !ok {
		return
	}
	// Telegram lets bots download files up to 20 MB.
	if err := r.ParseMultipartForm(20 << 20); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "not a multipart form: " + err.Error()})
		return
	}
	f, fh, err := r.FormFile("file")
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "no file: " + err.Error()})
		return
	}
	data, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	s.answerHandled(w, r, s.SendDocument(chat, fh.Filename, data, r.FormValue("caption")), "")
}

func (s *Server) apiFile(w http.ResponseWriter, r *http.Request) {
	chat, ok := chatParam(w, r)
	if !ok {
		return
	}
	id, _ := strconv.Atoi(r.PathValue("message"))
	var file *File
	var photo bool
	for _, m := range s.History(chat, 0) {
		if m.ID == id && (m.Photo != nil || m.Document != nil) {
			file, photo = m.Document, m.Photo != nil
			if photo {
				file = m.Photo
			}
		}
	}
	if file == nil {
		http.NotFound(w, r)
		return
	}
	ctype := mime.TypeByExtension(filepath.Ext(file.Name))
	if ctype == "" {
		ctype = http.DetectContentType(file.Data)
	}
	disposition := "attachment"
	if photo {
		disposition = "inline"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", mime.FormatMediaType(disposition, map[string]string{"filename": file.Name}))
	_, _ = w.Write(file.Data)
}

func chatParam(w http.ResponseWriter, r *http.Request) (int64, bool) {
	chat, err := strconv.ParseInt(r.PathValue("chat"), 10, 64)
	if err != nil || chat <= 0 {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "chat must be a user id"})
		return 0, false
	}
	return chat, true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
