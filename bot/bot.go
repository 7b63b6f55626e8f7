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
	// Health reports whether the database answers (the store's Ping). An
	// update that fails while it does not is kept until it does, however
	// long; nil counts every failure against the update's own tries.
	Health func(context.Context) error
	// RetryPause is the first pause before an update that failed is tried
	// again (default 1 s); it doubles up to RetryMax (default 30 s).
	RetryPause, RetryMax time.Duration
	// Inbox, when set, keeps the updates held long in long polling, so
	// the offset passes them (bot/inbox.go); nil holds them at Telegram.
	Inbox Inbox
}

// Bot receives updates and answers them.
type Bot struct {
	api *tgbotapi.BotAPI
	// own makes the calls of every update, bypassing the library
	// (bot/request.go), to the endpoints in urls.
	own  *apiClient
	urls map[string]string
	log  *slog.Logger
	cfg  Config
	// files downloads what users send, through the same door as the API.
	files *apiClient

	mu    sync.Mutex
	tries map[int]failure // updates that failed and may be tried again
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
	if cfg.RetryPause <= 0 {
		cfg.RetryPause = time.Second
	}
	if cfg.RetryMax < cfg.RetryPause {
		cfg.RetryMax = max(30*time.Second, cfg.RetryPause)
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
	return &Bot{api: api, own: client, urls: methodURLs(cfg), log: log, cfg: cfg, tries: map[int]failure{},
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

// HandleUpdate makes one try at an update and reports whether it is done
// with. A failure tells the user once that there is trouble and reports
// false, so the update is tried again: for as long as the database is
// down (Config.Health), and up to maxTries while it answers (the fault is
// then the update's). A panic in a handler is contained and answered, and
// not tried again.
// Heavy work the update hands over (flows.Work) runs before it returns.
func (b *Bot) HandleUpdate(ctx context.Context, h Handler, u tgbotapi.Update) bool {
	done, w := b.handleOnce(ctx, h, u)
	if w != nil {
		return b.runWork(ctx, ctx, w)
	}
	return done
}

// handleOnce is HandleUpdate without the heavy work, which it returns.
func (b *Bot) handleOnce(ctx context.Context, h Handler, u tgbotapi.Update) (done bool, w *besideWork) {
	in, ok := toInput(u)
	if !ok {
		return true, nil
	}
	log := b.log.With("update_id", u.UpdateID, "chat", in.ChatID)
	// A try again is not a new message: the flood guard counted it once.
	if !b.retrying(u.UpdateID) {
		if ok, warn := b.flood.allow(in.UserID); !ok {
			if warn {
				b.deliver(ctx, log, u, in, flows.Result{Replies: []karir.Reply{{Text: txtSlowDown}}})
			} else if u.CallbackQuery != nil {
				b.deliver(ctx, log, u, in, flows.Result{})
			}
			return true, nil
		}
	}
	defer func() {
		if p := recover(); p != nil {
			log.Error("handler panicked", "panic", p)
			b.deliver(ctx, log, u, in, flows.Result{Replies: []karir.Reply{{Text: txtFailed}}})
			b.forget(u.UpdateID)
			done = true
		}
	}()
	start := time.Now()
	res, err := h.Handle(ctx, in)
	if err != nil {
		outage := b.databaseDown(ctx)
		f := b.failed(u.UpdateID, outage)
		log.Error("handle update", "err", err, "try", f.tries, "database_down", outage)
		if !f.told {
			b.deliver(ctx, log, u, in, flows.Result{Replies: []karir.Reply{{Text: txtTrouble}}})
			b.markTold(u.UpdateID)
		}
		if !outage && f.tries >= maxTries {
			log.Error("update dropped after its tries", "tries", f.tries)
			b.deliver(ctx, log, u, in, flows.Result{Replies: []karir.Reply{{Text: txtFailed}}})
			b.forget(u.UpdateID)
			return true, nil
		}
		return false, nil
	}
	b.forget(u.UpdateID)
	b.deliver(ctx, log, u, in, res)
	b.cfg.Metrics.update(updateKind(in), time.Since(start))
	log.Debug("update handled", "took", time.Since(start))
	if res.Work != nil {
		return true, &besideWork{Work: res.Work, update: u.UpdateID, chat: in.ChatID, log: log}
	}
	return true, nil
}

// maxTries bounds the tries of an update that fails while the database
// answers (a fault of that update, not an outage).
const maxTries = 5

// handleKept tries an update until it is done, pausing between tries with
// a backoff (RetryPause doubling up to RetryMax): an outage is waited out,
// however long, with the update kept. It gives up only when stop ends,
// reporting false (the update stays unconfirmed). Each try holds one of
// workers; the pauses hold none.
// Heavy work the update hands over is returned, to run beside the chat.
func (b *Bot) handleKept(stop, ctx context.Context, h Handler, u tgbotapi.Update, workers chan struct{}) (bool, *besideWork) {
	pause := b.cfg.RetryPause
	for {
		workers <- struct{}{}
		done, w := b.handleOnce(ctx, h, u)
		<-workers
		if done {
			return true, w
		}
		if !sleep(stop, pause) {
			return false, nil
		}
		pause = min(2*pause, b.cfg.RetryMax)
	}
}

// databaseDown asks Config.Health whether the database answers.
func (b *Bot) databaseDown(ctx context.Context) bool {
	if b.cfg.Health == nil {
		return false
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	return b.cfg.Health(ctx) != nil
}

// failure is what the bot remembers of an update that failed.
type failure struct {
	tries int  // failed tries while the database answered
	told  bool // the user was told of the trouble
}

func (b *Bot) retrying(updateID int) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	_, ok := b.tries[updateID]
	return ok
}

// failed counts a failed try of an update (not one during an outage).
func (b *Bot) failed(updateID int, outage bool) failure {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.tries) > 10_000 {
		// Webhook updates Telegram stopped re-sending are never forgotten
		// otherwise.
		clear(b.tries)
	}
	f := b.tries[updateID]
	if !outage {
		f.tries++
	}
	b.tries[updateID] = f
	return f
}

func (b *Bot) markTold(updateID int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	f := b.tries[updateID]
	f.told = true
	b.tries[updateID] = f
}

func (b *Bot) forget(updateID int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.tries, updateID)
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
