package bot

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Run long-polls until ctx is cancelled, handing the updates to h. Updates
// are handled as they arrive, each chat's in order and chats side by side:
// a slow update (or one waiting for the database) holds up its own chat
// only. The offset given to Telegram stays at the lowest update not yet
// done, so a crash re-delivers what was not answered (and the offsetWindow skips,
// and the flows ignore, what was).
func (b *Bot) Run(ctx context.Context, h Handler) error {
	if _, err := b.api.Request(tgbotapi.DeleteWebhookConfig{}); err != nil {
		return fmt.Errorf("delete webhook: %w", err)
	}
	// The poll's HTTP requests end with ctx, so shutdown does not wait for
	// a long poll; an update already begun is finished.
	poll := *b.api
	poll.Client = &apiClient{ctx: ctx, client: &http.Client{Timeout: b.cfg.PollTimeout + 10*time.Second}, token: b.cfg.Token}
	p := &poller{bot: b, h: h, stop: ctx, handleCtx: context.WithoutCancel(ctx), win: newOffsetWindow(),
		queues: map[int64][]tgbotapi.Update{}, workers: make(chan struct{}, b.cfg.Workers),
		heavy: make(chan struct{}, heavyAtOnce)}
	backoff := time.Second
	for ctx.Err() == nil {
		offset, changed := p.win.offset()
		updates, err := poll.GetUpdates(tgbotapi.UpdateConfig{
			Offset:         offset,
			Limit:          pollLimit,
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
		fresh := 0
		for _, u := range updates {
			if p.win.admit(u.UpdateID) {
				p.enqueue(u)
				fresh++
			}
		}
		if fresh == 0 && len(updates) > 0 {
			// Telegram answers at once while updates we hold are above the
			// offset: wait for one to be done (the offset may move) or a
			// short while, for new updates behind them.
			select {
			case <-changed:
			case <-time.After(heldPoll):
			case <-ctx.Done():
			}
		}
	}
	p.wg.Wait()
	p.confirm(poll)
	return nil
}

const (
	// pollLimit is the most updates one getUpdates returns (Telegram's
	// maximum). It also bounds the updates held unconfirmed: beyond the
	// lowest open one, Telegram shows no more than this many.
	pollLimit = 100
	// heldPoll is how often Telegram is asked for updates while updates
	// already received are still being handled.
	heldPoll = 250 * time.Millisecond
)

// poller hands each chat's updates, in order, to one goroutine at a time.
type poller struct {
	bot       *Bot
	h         Handler
	stop      context.Context // ends the polling: no new update is begun
	handleCtx context.Context // outlives stop: an update begun is finished
	win       *offsetWindow
	workers   chan struct{} // bounds the updates handled at once
	heavy     chan struct{} // bounds the heavy work run at once
	wg        sync.WaitGroup

	mu     sync.Mutex
	queues map[int64][]tgbotapi.Update // per chat; present while its goroutine runs
}

func (p *poller) enqueue(u tgbotapi.Update) {
	key := chatOf(u)
	p.mu.Lock()
	q, busy := p.queues[key]
	p.queues[key] = append(q, u)
	p.mu.Unlock()
	if !busy {
		p.wg.Go(func() { p.drain(key) })
	}
}

// drain handles a chat's updates until its queue is empty, or polling
// stopped (what is left stays unconfirmed, for the next process).
func (p *poller) drain(key int64) {
	for {
		p.mu.Lock()
		u := p.queues[key][0]
		p.mu.Unlock()
		var done bool
		var w *besideWork
		if p.stop.Err() == nil {
			done, w = p.bot.handleKept(p.stop, p.handleCtx, p.h, u, p.workers)
		}
		switch {
		case w != nil:
			// The chat goes on; the update stays unconfirmed until the
			// work is done.
			p.wg.Go(func() {
				p.heavy <- struct{}{}
				defer func() { <-p.heavy }()
				if p.bot.runWork(p.stop, p.handleCtx, w) {
					p.win.finish(u.UpdateID)
				}
			})
		case done:
			p.win.finish(u.UpdateID)
		}
		p.mu.Lock()
		if !done {
			delete(p.queues, key)
			p.mu.Unlock()
			return
		}
		if rest := p.queues[key][1:]; len(rest) > 0 {
			p.queues[key] = rest
			p.mu.Unlock()
			continue
		}
		delete(p.queues, key)
		p.mu.Unlock()
		return
	}
}

// confirm tells Telegram, at shutdown, which updates were done with, so
// the next process does not get them again (it would answer the last of
// each chat a second time).
func (p *poller) confirm(api tgbotapi.BotAPI) {
	offset, _ := p.win.offset()
	if offset == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(p.handleCtx, 5*time.Second)
	defer cancel()
	api.Client = &apiClient{ctx: ctx, client: &http.Client{Timeout: 5 * time.Second}, token: p.bot.cfg.Token}
	if _, err := api.GetUpdates(tgbotapi.UpdateConfig{Offset: offset, Limit: 1}); err != nil {
		p.bot.log.Warn("confirm updates at shutdown", "err", err)
	}
}

// offsetWindow is the account of updates received and not yet confirmed to
// Telegram: those still open (being handled, waiting their turn, or
// waiting for the database) and those done above the lowest open one.
type offsetWindow struct {
	mu      sync.Mutex
	open    map[int]bool
	done    map[int]bool
	highest int
	changed chan struct{} // closed and replaced when an update is done
}

func newOffsetWindow() *offsetWindow {
	return &offsetWindow{open: map[int]bool{}, done: map[int]bool{}, changed: make(chan struct{})}
}

// offset is what getUpdates confirms: every update below the lowest open
// one (or all received, when none is open). changed is closed when it may
// have moved.
func (w *offsetWindow) offset() (offset int, changed <-chan struct{}) {
	w.mu.Lock()
	defer w.mu.Unlock()
	offset = w.highest + 1
	if w.highest == 0 {
		offset = 0
	}
	for id := range w.open {
		offset = min(offset, id)
	}
	for id := range w.done {
		if id < offset {
			delete(w.done, id)
		}
	}
	return offset, w.changed
}

// admit reports whether an update is new. Telegram returns none below
// the offset it was given, and offset prunes only the done ones below it,
// so one not open nor done was never seen.
func (w *offsetWindow) admit(id int) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.open[id] || w.done[id] {
		return false
	}
	w.open[id] = true
	w.highest = max(w.highest, id)
	return true
}

func (w *offsetWindow) finish(id int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	delete(w.open, id)
	w.done[id] = true
	close(w.changed)
	w.changed = make(chan struct{})
}
