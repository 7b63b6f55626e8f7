// Package bot is the Telegram boundary: it receives updates by long polling,
// handles the updates of each chat one at a time and in order, hands them to
// the flows, and turns their replies into Bot API calls. No other package
// imports the Telegram library.
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"openkarir/karir"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"openkarir/flows"
)

// Handler answers one update; flows.Router is the production one.
type Handler interface {
	Handle(ctx context.Context, in flows.Input) (flows.Result, error)
}

var _ Handler = (*flows.Router)(nil)

// Config tells the bot how to reach Telegram.
type Config struct {
	Token string
	// Endpoint is the telegram-bot-api endpoint format
	// ("http://host:port/bot%s/%s"); empty means Telegram itself.
	Endpoint string
	// PollTimeout is how long one getUpdates call waits for updates.
	PollTimeout time.Duration
	// Workers bounds how many chats are handled at once (default 64).
	Workers int
	// Metrics, when set, count updates and their handling time.
	Metrics *Metrics
	// CallTimeout bounds one Bot API call other than the long poll
	// (default 30 s).
	CallTimeout time.Duration
	// DownloadTimeout bounds fetching one file a user sent (default 2 min:
	// Telegram's 20 MB limit at a slow 2 Mbit/s takes 80 s).
	DownloadTimeout time.Duration
	// UserRatePerMinute slows down a user who sends more updates a minute
	// (0: no limit).
	UserRatePerMinute int
}

// Bot receives updates and answers them.
type Bot struct {
	api *tgbotapi.BotAPI
	log *slog.Logger
	cfg Config
	// files downloads what users send, through the same door as the API.
	files *apiClient

	mu    sync.Mutex
	tries map[int]int // failed tries per update id
	flood *floodGuard
}

// New connects to the Bot API (getMe). The bot sends and downloads at once;
// it receives updates, for a Handler, with Run or WebhookHandler.
func New(ctx context.Context, cfg Config, log *slog.Logger) (*Bot, error) {
	if cfg.Token == "" {
		return nil, errors.New("connect to Telegram: no bot token")
	}
	if cfg.Endpoint == "" {
		cfg.Endpoint = tgbotapi.APIEndpoint
	}
	if cfg.PollTimeout <= 0 {
		cfg.PollTimeout = 30 * time.Second
	}
	if cfg.Workers <= 0 {
		cfg.Workers = 64
	}
	if cfg.CallTimeout <= 0 {
		cfg.CallTimeout = 30 * time.Second
	}
	if cfg.DownloadTimeout <= 0 {
		cfg.DownloadTimeout = 2 * time.Minute
	}
	// Replies get their own timeout; the long poll's is set per call in Run.
	transport := telegramTransport()
	client := &apiClient{ctx: context.WithoutCancel(ctx), client: &http.Client{Timeout: cfg.CallTimeout, Transport: transport}, token: cfg.Token}
	api, err := tgbotapi.NewBotAPIWithClient(cfg.Token, cfg.Endpoint, client)
	if err != nil {
		return nil, connectError(err, cfg)
	}
	return &Bot{api: api, log: log, cfg: cfg, tries: map[int]int{},
		files: &apiClient{client: &http.Client{Timeout: cfg.DownloadTimeout, Transport: transport}, token: cfg.Token},
		flood: newFloodGuard(cfg.UserRatePerMinute, time.Now)}, nil
}

// telegramTransport keeps a connection to the Bot API open for every call
// that may be in flight at once (update workers, the sender's workers, the
// long poll). Go's default keeps two idle per host and closes the rest, so
// each reply beyond two at once would dial again: a new TLS handshake with
// api.telegram.org, and a pile of TIME_WAIT sockets under load.
func telegramTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns, t.MaxIdleConnsPerHost = 100, 100
	return t
}

// Username is the bot's @username.
func (b *Bot) Username() string { return b.api.Self.UserName }

// SetCommands publishes the command menu.
func (b *Bot) SetCommands(ctx context.Context) error {
	var cmds []tgbotapi.BotCommand
	for _, c := range flows.Menu() {
		cmds = append(cmds, tgbotapi.BotCommand{Command: c.Name, Description: c.Description})
	}
	if _, err := b.api.Request(tgbotapi.NewSetMyCommands(cmds...)); err != nil {
		return fmt.Errorf("set commands: %w", err)
	}
	return nil
}

// Run long-polls until ctx is cancelled, handing the updates to h. The
// offset moves past a batch of updates only once all of it was handled, so
// a crash re-delivers what was not answered (and the flows skip what was).
func (b *Bot) Run(ctx context.Context, h Handler) error {
	if _, err := b.api.Request(tgbotapi.DeleteWebhookConfig{}); err != nil {
		return fmt.Errorf("delete webhook: %w", err)
	}
	// The poll's HTTP requests end with ctx, so shutdown does not wait for
	// a long poll; the handling of a batch already received finishes.
	poll := *b.api
	poll.Client = &apiClient{ctx: ctx, client: &http.Client{Timeout: b.cfg.PollTimeout + 10*time.Second}, token: b.cfg.Token}
	handleCtx := context.WithoutCancel(ctx)
	offset := 0
	backoff := time.Second
	for ctx.Err() == nil {
		updates, err := poll.GetUpdates(tgbotapi.UpdateConfig{
			Offset:         offset,
			Limit:          100,
			Timeout:        int(b.cfg.PollTimeout / time.Second),
			AllowedUpdates: []string{"message", "callback_query"},
		})
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			b.log.Warn("get updates", "err", err, "retry_in", backoff)
			if !sleep(ctx, backoff) {
				break
			}
			backoff = min(2*backoff, 30*time.Second)
			continue
		}
		backoff = time.Second
		if len(updates) == 0 {
			continue
		}
		failed := b.handleBatch(handleCtx, h, updates)
		offset = updates[len(updates)-1].UpdateID + 1
		if failed > 0 {
			// Leave the failed update (and those after it) with Telegram and
			// ask again after a pause; what was handled is skipped next time.
			offset = failed
			if !sleep(ctx, retryPause) {
				break
			}
		}
	}
	return nil
}

// retryPause is how long polling waits before an update that failed (the
// database down, say) is tried again; maxTries bounds the tries of one.
const (
	retryPause = 2 * time.Second
	maxTries   = 5
)

// handleBatch handles the updates of each chat in order, chats in parallel.
// It returns the lowest id of an update that failed and may be tried
// again, or 0. A chat stops at its failed update, so its order holds.
func (b *Bot) handleBatch(ctx context.Context, h Handler, updates []tgbotapi.Update) int {
	var mu sync.Mutex
	failed := 0
	var order []int64
	byChat := map[int64][]tgbotapi.Update{}
	for _, u := range updates {
		key := chatOf(u)
		if _, seen := byChat[key]; !seen {
			order = append(order, key)
		}
		byChat[key] = append(byChat[key], u)
	}
	sem := make(chan struct{}, b.cfg.Workers)
	var wg sync.WaitGroup
	for _, key := range order {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			for _, u := range byChat[key] {
				if !b.HandleUpdate(ctx, h, u) {
					mu.Lock()
					if failed == 0 || u.UpdateID < failed {
						failed = u.UpdateID
					}
					mu.Unlock()
					return
				}
			}
		})
	}
	wg.Wait()
	return failed
}

func chatOf(u tgbotapi.Update) int64 {
	switch {
	case u.Message != nil:
		return u.Message.Chat.ID
	case u.CallbackQuery != nil && u.CallbackQuery.Message != nil:
		return u.CallbackQuery.Message.Chat.ID
	case u.CallbackQuery != nil:
		return u.CallbackQuery.From.ID
	}
	return 0
}

// HandleUpdate answers one update and reports whether it is done with. A
// failure (the database down, say) tells the user once that there is
// trouble and reports false, so the update is tried again, up to maxTries;
// a panic in a handler is contained and answered, and not tried again.
func (b *Bot) HandleUpdate(ctx context.Context, h Handler, u tgbotapi.Update) (done bool) {
	in, ok := toInput(u)
	if !ok {
		return true
	}
	log := b.log.With("update_id", u.UpdateID, "chat", in.ChatID)
	if ok, warn := b.flood.allow(in.UserID); !ok {
		if warn {
			b.deliver(ctx, log, u, in, flows.Result{Replies: []karir.Reply{{Text: txtSlowDown}}})
		} else if u.CallbackQuery != nil {
			b.deliver(ctx, log, u, in, flows.Result{})
		}
		return true
	}
	defer func() {
		if p := recover(); p != nil {
			log.Error("handler panicked", "panic", p)
			b.deliver(ctx, log, u, in, flows.Result{Replies: []karir.Reply{{Text: txtTrouble}}})
			done = true
		}
	}()
	start := time.Now()
	res, err := h.Handle(ctx, in)
	if err != nil {
		tries := b.failures(u.UpdateID)
		log.Error("handle update", "err", err, "try", tries)
		if tries == 1 {
			b.deliver(ctx, log, u, in, flows.Result{Replies: []karir.Reply{{Text: txtTrouble}}})
		}
		return tries >= maxTries
	}
	b.deliver(ctx, log, u, in, res)
	b.cfg.Metrics.update(updateKind(in), time.Since(start))
	log.Debug("update handled", "took", time.Since(start))
	return true
}

// failures counts the failed tries of an update, forgetting old ones.
func (b *Bot) failures(updateID int) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.tries) > 1000 {
		b.tries = map[int]int{}
	}
	b.tries[updateID]++
	return b.tries[updateID]
}

// sleep waits d or until ctx ends; it reports whether the wait was complete.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// updateKind names an update for the metrics.
func updateKind(in flows.Input) string {
	switch {
	case in.Command != "":
		return "command"
	case in.Callback != nil:
		return "button"
	case in.Contact != nil:
		return "contact"
	case in.File != nil:
		return "file"
	case in.Unsupported != "":
		return "other"
	}
	return "text"
}
