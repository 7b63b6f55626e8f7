package bot

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// secretHeader carries the secret token Telegram sends with each webhook call.
const secretHeader = "X-Telegram-Bot-Api-Secret-Token"

// RegisterWebhook points Telegram at url with a secret token. maxConns is
// how many posts Telegram keeps open at once (1-100; 0: Telegram's 40):
// with its round trip, the ceiling of updates per second per bot token.
// The library (v5.5.1) predates secret_token, so the call is made with raw
// parameters.
func (b *Bot) RegisterWebhook(url, secret string, maxConns int) error {
	params := tgbotapi.Params{"url": url, "secret_token": secret}
	params.AddNonEmpty("allowed_updates", `["message","callback_query"]`)
	params.AddNonZero("max_connections", maxConns)
	if _, err := b.api.MakeRequest("setWebhook", params); err != nil {
		return fmt.Errorf("set webhook: %w", err)
	}
	return nil
}

// WebhookHandler serves Telegram's webhook calls. A call without the right
// secret is refused with 401 and not looked at. Updates of one chat are
// handled one at a time; an update that failed (the database down) is
// answered 500, so Telegram delivers it again; a repeat of one already
// handled is skipped by the flows. Heavy work (an import) runs after the
// chat is free again, and the call is answered when it is done.
func (b *Bot) WebhookHandler(ctx context.Context, secret string, h Handler) http.Handler {
	chats := &chatLocks{locks: map[int64]*chatLock{}}
	// As many updates at once as the polling mode handles: more only make
	// them queue inside the store (the embedded SQLite has one writer).
	workers := make(chan struct{}, b.cfg.Workers)
	heavy := make(chan struct{}, heavyAtOnce)
	handleCtx := context.WithoutCancel(ctx)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := r.Header.Get(secretHeader)
		if subtle.ConstantTimeCompare([]byte(got), []byte(secret)) != 1 || secret == "" {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		if r.Method != http.MethodPost {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		var u tgbotapi.Update
		if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&u); err != nil {
			http.Error(w, "bad update", http.StatusBadRequest)
			return
		}
		unlock := chats.lock(chatOf(u))
		workers <- struct{}{}
		done, work := b.handleOnce(handleCtx, h, u)
		<-workers
		unlock()
		if work != nil {
			// Beside the chat: its next updates are answered meanwhile;
			// Telegram has this one answered only once the work is done.
			heavy <- struct{}{}
			done = b.runWork(r.Context(), handleCtx, work)
			<-heavy
		}
		if !done {
			http.Error(w, "try again", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}

// chatLocks serialises the updates of each chat.
type chatLocks struct {
	mu    sync.Mutex
	locks map[int64]*chatLock
}

type chatLock struct {
	sync.Mutex
	users int
}

func (c *chatLocks) lock(chat int64) (unlock func()) {
	c.mu.Lock()
	l, ok := c.locks[chat]
	if !ok {
		l = &chatLock{}
		c.locks[chat] = l
	}
	l.users++
	c.mu.Unlock()
	l.Lock()
	return func() {
		l.Unlock()
		c.mu.Lock()
		if l.users--; l.users == 0 {
			delete(c.locks, chat)
		}
		c.mu.Unlock()
	}
}
