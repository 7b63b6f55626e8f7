package telegramtest

import (
	"context"
	"net/http"
	"strconv"
	"time"
)

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
	// Telegram keeps at most max_connections posts open (1-100, default 40).
	conns := 40
	if n, err := strconv.Atoi(r.FormValue("max_connections")); err == nil && n >= 1 && n <= 100 {
		conns = n
	}
	s.webhookSlots = make(chan struct{}, conns)
	s.notify() // so Wait can watch Webhook
	s.mu.Unlock()
	writeOK(w, true)
}

func (s *Server) getWebhookInfo(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	writeOK(w, map[string]any{"url": s.webhookURL, "pending_update_count": len(s.updates)})
}

// WebhookConnections is the max_connections the bot registered (40 when
// it gave none): how many posts the fake keeps open at once, as Telegram.
func (s *Server) WebhookConnections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cap(s.webhookSlots)
}

// Webhook is the URL and secret token the bot registered.
func (s *Server) Webhook() (url, secret string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhookURL, s.webhookSecret
}

// Posting is how many chats have updates the fake is still posting to the
// webhook (queued, or a post under way). At 0 no post can arrive any more.
func (s *Server) Posting() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.pushes)
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
	url, secret, slots := s.webhookURL, s.webhookSecret, s.webhookSlots
	go func() {
		for {
			s.mu.Lock()
			next := s.pushes[chat][0]
			s.mu.Unlock()
			for {
				slots <- struct{}{}
				resp, err := s.PostUpdate(context.Background(), url, secret, next.update)
				<-slots
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
				s.notify() // for Posting's waiters
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
