package bot

import (
	"bytes"
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
// done, so a crash re-delivers what was not answered (and the offsetWindow
// skips, and the flows ignore, what was). An update held long while
// Telegram shows no more above it is parked in Config.Inbox, and the
// offset passes it (parkStale): one slow update does not stall the rest.
func (b *Bot) Run(ctx context.Context, h Handler) error {
	if _, err := b.api.Request(tgbotapi.DeleteWebhookConfig{}); err != nil {
		return fmt.Errorf("delete webhook: %w", err)
	}
	// The poll's HTTP requests end with ctx, so shutdown does not wait for
	// a long poll; an update already begun is finished.
	poll := *b.api
	client := &apiClient{ctx: ctx, client: &http.Client{Timeout: b.cfg.PollTimeout + 10*time.Second}, token: b.cfg.Token}
	poll.Client = client
	p := &poller{bot: b, h: h, stop: ctx, handleCtx: context.WithoutCancel(ctx), win: newOffsetWindow(),
		queues: map[int64][]tgbotapi.Update{}, workers: make(chan struct{}, b.cfg.Workers),
		heavy: make(chan struct{}, heavyAtOnce), inbox: b.cfg.Inbox, drops: dropper{wake: make(chan struct{}, 1)}}
	if p.inbox != nil {
		dropped := make(chan struct{})
		go func() { defer close(dropped); p.runDropper(ctx) }()
		defer func() { <-dropped }()
	}
	backoff := time.Second
	gap := rereadGap
	for ok := p.restore(ctx); ok && ctx.Err() == nil; {
		offset, _ := p.win.offset()
		updates, err := p.getUpdates(client, offset)
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
		fresh := p.admitPolled(updates)
		if fresh == 0 && len(updates) == pollLimit {
			// Telegram shows no update above these, all held.
			p.parkStale(ctx)
		}
		if !p.win.holding() {
			gap = rereadGap
			continue // the next poll waits for new updates
		}
		// Telegram answers at once while updates we hold are above the
		// offset: ask again after a pause, longer while the calls bring
		// nothing new, or as soon as none is held.
		if fresh == 0 {
			gap = min(2*gap, heldPoll)
		} else {
			gap = rereadGap
		}
		p.pause(ctx, gap)
	}
	p.wg.Wait()
	if p.inbox != nil {
		// Parked updates finished after the dropper's last round.
		p.flushDrops(p.handleCtx)
	}
	p.confirm(poll)
	return nil
}

// pause waits d, or until no update holds the offset (the long poll then
// waits for new ones) or ctx ends.
func (p *poller) pause(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	for {
		_, changed := p.win.offset()
		if !p.win.holding() {
			return
		}
		select {
		case <-changed:
		case <-t.C:
			return
		case <-ctx.Done():
			return
		}
	}
}

const (
	// pollLimit is the most updates one getUpdates returns (Telegram's
	// maximum). It also bounds the updates held unconfirmed: beyond the
	// lowest open one, Telegram shows no more than this many.
	pollLimit = 100
	// heldPoll is the longest pause between getUpdates calls while
	// updates already received are still being handled (rereadGap).
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
	inbox     Inbox // nil: no update is parked
	drops     dropper
	// parkFailed is when parking last failed (parkStale).
	parkFailed time.Time
	body       bytes.Buffer // the last getUpdates answer

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
					p.finish(u.UpdateID)
				}
			})
		case done:
			p.finish(u.UpdateID)
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
