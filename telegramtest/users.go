package telegramtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// Queue adds an update (without update_id, which it assigns) and returns its id.
func (s *Server) Queue(update map[string]any) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.nextUpdateID
	s.nextUpdateID++
	update["update_id"] = id
	if s.webhookURL != "" {
		// As Telegram does with a webhook set: post it, in order per chat.
		s.pushWebhook(id, update)
		return id
	}
	s.updates = append(s.updates, queued{id: id, update: update})
	s.notify()
	return id
}

// SetUser gives the user a first name and @username (without "@") in what
// they send from now on; by default they are "User<id>" without a username.
func (s *Server) SetUser(id int64, firstName, username string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.names[id] = [2]string{firstName, username}
}

// user is the "from" of what the user sends; s.mu must not be held.
func (s *Server) user(id int64) map[string]any {
	s.mu.Lock()
	name, ok := s.names[id]
	s.mu.Unlock()
	u := map[string]any{"id": id, "is_bot": false, "first_name": fmt.Sprintf("User%d", id), "language_code": "id"}
	if ok {
		u["first_name"] = name[0]
		if name[1] != "" {
			u["username"] = name[1]
		}
	}
	return u
}

// message builds a user's message in a chat; s.mu must not be held.
func (s *Server) message(chatID, userID int64) map[string]any {
	s.mu.Lock()
	c := s.chatFor(chatID)
	id := c.nextMessageID
	c.nextMessageID++
	s.mu.Unlock()
	return map[string]any{
		"message_id": id,
		"date":       time.Now().Unix(),
		"chat":       map[string]any{"id": chatID, "type": chatType(chatID)},
		"from":       s.user(userID),
	}
}

func withText(m map[string]any, text string) map[string]any {
	m["text"] = text
	if strings.HasPrefix(text, "/") {
		cmd, _, _ := strings.Cut(text, " ")
		m["entities"] = []map[string]any{{"type": "bot_command", "offset": 0, "length": len(cmd)}}
	}
	return m
}

// SendText queues a text message from the user in their private chat.
func (s *Server) SendText(userID int64, text string) int {
	return s.queueMessage(withText(s.message(userID, userID), text), Message{Text: text})
}

// SendTextInGroup queues a text message from the user in a group chat
// (chatID negative).
func (s *Server) SendTextInGroup(chatID, userID int64, text string) int {
	return s.queueMessage(withText(s.message(chatID, userID), text), Message{Text: text})
}

// PressButton queues a callback query for a button of a bot message.
func (s *Server) PressButton(userID int64, messageID int, data string) int {
	id, _ := s.pressButton(userID, messageID, data)
	return id
}

// pressButton is PressButton, also returning the callback query's id.
func (s *Server) pressButton(userID int64, messageID int, data string) (updateID int, callbackID string) {
	s.mu.Lock()
	text := ""
	if c, ok := s.chats[userID]; ok {
		for _, m := range c.messages {
			if m.ID == messageID {
				text = m.Text
			}
		}
	}
	cbID := fmt.Sprintf("cb%d", s.nextUpdateID)
	s.mu.Unlock()
	return s.Queue(map[string]any{"callback_query": map[string]any{
		"id":            cbID,
		"from":          s.user(userID),
		"chat_instance": fmt.Sprintf("ci%d", userID),
		"data":          data,
		"message": map[string]any{
			"message_id": messageID,
			"date":       time.Now().Unix(),
			"chat":       map[string]any{"id": userID, "type": "private"},
			"from":       map[string]any{"id": BotID, "is_bot": true, "first_name": "Open Karir", "username": BotUsername},
			"text":       text,
		},
	}}), cbID
}

// ShareContact queues a shared contact; contactUserID is the account the
// contact belongs to (the sender's own when it equals userID).
func (s *Server) ShareContact(userID int64, phone string, contactUserID int64) int {
	m := s.message(userID, userID)
	m["contact"] = map[string]any{"phone_number": phone, "first_name": s.user(userID)["first_name"], "user_id": contactUserID}
	return s.queueMessage(m, Message{Contact: phone})
}

// SendSticker queues a sticker.
func (s *Server) SendSticker(userID int64) int {
	m := s.message(userID, userID)
	m["sticker"] = map[string]any{"file_id": "sticker1", "file_unique_id": "st1", "width": 512, "height": 512, "is_animated": false, "is_video": false, "type": "regular"}
	return s.queueMessage(m, Message{Text: "(stiker)"})
}

// SendPhoto queues a photo, whose bytes getFile then serves.
func (s *Server) SendPhoto(userID int64, data []byte, caption string) int {
	id := s.addFile(data)
	m := s.message(userID, userID)
	m["photo"] = []map[string]any{{"file_id": id, "file_unique_id": id, "width": 800, "height": 600, "file_size": len(data)}}
	if caption != "" {
		m["caption"] = caption
	}
	return s.queueMessage(m, Message{Text: caption, Caption: caption, Photo: &File{Name: id + ".jpg", Data: data}})
}

// SendDocument queues a document, whose bytes getFile then serves.
func (s *Server) SendDocument(userID int64, fileName string, data []byte, caption string) int {
	id := s.addFile(data)
	m := s.message(userID, userID)
	m["document"] = map[string]any{"file_id": id, "file_unique_id": id, "file_name": fileName, "file_size": len(data)}
	if caption != "" {
		m["caption"] = caption
		if strings.HasPrefix(caption, "/") {
			cmd, _, _ := strings.Cut(caption, " ")
			m["caption_entities"] = []map[string]any{{"type": "bot_command", "offset": 0, "length": len(cmd)}}
		}
	}
	return s.queueMessage(m, Message{Text: caption, Caption: caption, Document: &File{Name: fileName, Data: data}})
}

// queueMessage records the user's message for History (rec is what it
// shows) and queues it.
func (s *Server) queueMessage(m map[string]any, rec Message) int {
	chat, _ := m["chat"].(map[string]any)
	rec.ChatID, _ = chat["id"].(int64)
	rec.ID, _ = m["message_id"].(int)
	rec.FromUser, rec.At = true, time.Now()
	s.mu.Lock()
	c := s.chatFor(rec.ChatID)
	s.seq++
	rec.seq = s.seq
	c.incoming = append(c.incoming, &rec)
	s.mu.Unlock()
	return s.Queue(map[string]any{"message": m})
}

// AddFile serves data as a file the bot may fetch (getFile, then the
// download), and returns its file_id.
func (s *Server) AddFile(data []byte) string { return s.addFile(data) }

func (s *Server) addFile(data []byte) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := fmt.Sprintf("file%d", len(s.files)+1)
	s.files[id] = bytes.Clone(data)
	return id
}

// WaitHandled returns once the bot acknowledged the update: a getUpdates
// arrived with a higher offset. The bot moves its offset only after
// handling, so its replies were sent by then.
func (s *Server) WaitHandled(ctx context.Context, updateID int) error {
	for {
		s.mu.Lock()
		done, changed := s.acked >= updateID || s.delivered[updateID], s.changed
		s.mu.Unlock()
		if done {
			return nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return fmt.Errorf("wait for update %d: %w", updateID, ctx.Err())
		}
	}
}

// Say sends text as the user, waits until the bot handled it, and returns
// the bot's messages to that chat sent or edited meanwhile.
func (s *Server) Say(t testing.TB, userID int64, text string) []Message {
	t.Helper()
	return s.converse(t, userID, func() int { return s.SendText(userID, text) })
}

// Press presses a button and returns what the bot sent or edited.
func (s *Server) Press(t testing.TB, userID int64, messageID int, data string) []Message {
	t.Helper()
	return s.converse(t, userID, func() int { return s.PressButton(userID, messageID, data) })
}

// Share shares a contact and returns what the bot sent or edited.
func (s *Server) Share(t testing.TB, userID int64, phone string, contactUserID int64) []Message {
	t.Helper()
	return s.converse(t, userID, func() int { return s.ShareContact(userID, phone, contactUserID) })
}

// Upload sends a document and returns what the bot sent or edited.
func (s *Server) Upload(t testing.TB, userID int64, fileName string, data []byte, caption string) []Message {
	t.Helper()
	return s.converse(t, userID, func() int { return s.SendDocument(userID, fileName, data, caption) })
}

func (s *Server) converse(t testing.TB, chatID int64, act func() int) []Message {
	t.Helper()
	s.mu.Lock()
	mark := s.seq
	s.mu.Unlock()
	id := act()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.WaitHandled(ctx, id); err != nil {
		t.Fatalf("bot did not handle the update: %v", err)
	}
	return s.Since(chatID, mark)
}

// Seq is a mark for Since.
func (s *Server) Seq() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.seq
}

// Since returns the chat's messages sent or edited after the mark.
func (s *Server) Since(chatID int64, mark int) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Message
	if c, ok := s.chats[chatID]; ok {
		for _, m := range c.messages {
			if m.seq > mark {
				out = append(out, *m)
			}
		}
	}
	return out
}

// History returns the chat's messages, the user's and the bot's, that were
// sent or edited after the mark, in the chat's order.
func (s *Server) History(chatID int64, mark int) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Message
	if c, ok := s.chats[chatID]; ok {
		for _, list := range [][]*Message{c.messages, c.incoming} {
			for _, m := range list {
				if m.seq > mark {
					out = append(out, *m)
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b Message) int { return a.ID - b.ID })
	return out
}

// Keyboard is an inline keyboard the bot sent, with its message's text.
type Keyboard struct {
	ChatID  int64
	Text    string
	Buttons [][]Button
}

// Keyboards are the inline keyboards of every message the bot sent or
// edited, in every chat, in order.
func (s *Server) Keyboards() []Keyboard {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.keyboards)
}

// Messages returns the bot's messages in the chat, in the order sent.
func (s *Server) Messages(chatID int64) []Message {
	return s.Since(chatID, 0)
}

// LastMessage is the bot's latest message in the chat (zero if none).
func (s *Server) LastMessage(chatID int64) Message {
	msgs := s.Messages(chatID)
	if len(msgs) == 0 {
		return Message{}
	}
	return msgs[len(msgs)-1]
}

// Sent counts the messages sent to the chat (not edits).
func (s *Server) Sent(chatID int64) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.chats[chatID]; ok {
		return c.sent
	}
	return 0
}

// CallbackAnswers lists the answerCallbackQuery calls, in order.
func (s *Server) CallbackAnswers() []CallbackAnswer {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]CallbackAnswer(nil), s.callbackAnswers...)
}

// Commands is the last command menu set.
func (s *Server) Commands() []BotCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]BotCommand(nil), s.commands...)
}

// Calls counts the calls of a method.
func (s *Server) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[method]
}

// FailNext makes the next n calls of the method fail with the status: 429
// (with retryAfter seconds), 403, a 5xx, Disconnect or Stall. The method
// "file" is a file download.
func (s *Server) FailNext(method string, n, status, retryAfter int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.failures[method] = append(s.failures[method], failure{status: status, retryAfter: retryAfter})
	}
}

// FailedCall is a call the fake failed on purpose (FailNext, FailChat).
type FailedCall struct {
	Method string
	ChatID int64
	Text   string // of a message
	Status int
	At     time.Time // on the fake's clock
}

// FailedCalls lists the calls failed on purpose, in order.
func (s *Server) FailedCalls() []FailedCall {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.failed)
}

// SetClock makes the fake read the time from now (for Message.At and
// FailedCall.At), so a test on a fake clock sees when things happened in
// its own time.
func (s *Server) SetClock(now func() time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clock = now
}

// FailChat makes the next n sends to the chat (messages, documents,
// photos) fail with the status, as FailNext does.
func (s *Server) FailChat(chatID int64, n, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.chatFailures[chatID] = append(s.chatFailures[chatID], failure{status: status})
	}
}

// SetLatency delays every call by d.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// SetChatBlocked makes sends to the chat answer 403, as when the user
// blocked the bot.
func (s *Server) SetChatBlocked(chatID int64, blocked bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.blocked[chatID] = blocked
}

// PostUpdate posts an update to a bot's webhook with the secret token
// header, as Telegram does.
func (s *Server) PostUpdate(ctx context.Context, url, secret string, update map[string]any) (*http.Response, error) {
	body, err := json.Marshal(update)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	}
	return s.poster.Do(req)
}

// Wait returns once cond (which may call the Server's methods) holds,
// checking after every change the bot makes.
func (s *Server) Wait(ctx context.Context, cond func() bool) error {
	for {
		s.mu.Lock()
		changed := s.changed
		s.mu.Unlock()
		if cond() {
			return nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return fmt.Errorf("wait: %w", ctx.Err())
		}
	}
}
