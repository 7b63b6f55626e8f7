package bot

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"openkarir/karir"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"openkarir/flows"
)

const (
	// heavyAtOnce bounds the heavy work (imports) run at once: each holds
	// a whole file in memory and writes thousands of rows.
	heavyAtOnce = 2
	// progressEvery spaces the edits of a progress message (Telegram
	// allows about one message a second per chat).
	progressEvery = 2 * time.Second
)

// besideWork is heavy work an update handed over, with where it came from.
type besideWork struct {
	*flows.Work
	update int
	chat   int64
	log    *slog.Logger
}

// runWork runs heavy work beside the chat: it sends the work's progress
// message, edits it as the work reports progress, and sends the replies
// at the end. Work that fails is run again like an update: as long as
// the database is down, and up to maxTries while it answers. It reports
// false when stop ended first: the update stays with Telegram, and the
// next process runs the work again.
func (b *Bot) runWork(stop, ctx context.Context, w *besideWork) bool {
	start := time.Now()
	progress := b.progressMessage(ctx, w, karir.Reply{Text: w.Start})
	defer progress.close()
	pause := b.cfg.RetryPause
	for tries := 0; ; {
		res, err := w.Run(ctx, progress.set)
		if err == nil {
			progress.close()
			if progress.id > 0 {
				progress.edit(karir.Reply{Text: w.Done})
			}
			for _, r := range res.Replies {
				if err := b.reply(ctx, w.chat, r); err != nil {
					w.log.Error("send reply", "err", err)
				}
			}
			w.log.Info("heavy work done", "took", time.Since(start).Round(time.Millisecond))
			return true
		}
		outage := b.databaseDown(ctx)
		if !outage {
			tries++
		}
		w.log.Error("heavy work", "err", err, "try", tries, "database_down", outage)
		if !outage && tries >= maxTries {
			progress.close()
			progress.edit(karir.Reply{Text: txtFailed})
			return true
		}
		if !sleep(stop, pause) {
			return false
		}
		pause = min(2*pause, b.cfg.RetryMax)
	}
}

// progress is a message edited with the latest text given to set, at most
// every progressEvery.
type progress struct {
	bot  *Bot
	ctx  context.Context
	w    *besideWork
	id   int
	mu   sync.Mutex
	text string // the latest text, not yet shown
	stop chan struct{}
	done sync.WaitGroup
	once sync.Once
}

func (b *Bot) progressMessage(ctx context.Context, w *besideWork, first karir.Reply) *progress {
	p := &progress{bot: b, ctx: ctx, w: w, stop: make(chan struct{})}
	msg := tgbotapi.NewMessage(w.chat, first.Text)
	msg.ParseMode = tgbotapi.ModeHTML
	m, err := b.callMessage(ctx, msg)
	if err != nil {
		w.log.Error("send progress message", "err", err)
		close(p.stop)
		return p
	}
	p.id = m.MessageID
	p.done.Go(func() {
		tick := time.NewTicker(progressEvery)
		defer tick.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-tick.C:
				p.mu.Lock()
				text := p.text
				p.text = ""
				p.mu.Unlock()
				if text != "" {
					p.edit(karir.Reply{Text: text})
				}
			}
		}
	})
	return p
}

func (p *progress) set(text string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.text = text
}

// close stops the edits (and waits for one under way).
func (p *progress) close() {
	p.once.Do(func() {
		if p.id > 0 {
			close(p.stop)
		}
	})
	p.done.Wait()
}

func (p *progress) edit(r karir.Reply) {
	if p.id == 0 {
		return
	}
	r.EditMessageID = p.id
	if err := p.bot.reply(p.ctx, p.w.chat, r); err != nil {
		p.w.log.Warn("edit progress message", "err", err)
	}
}
