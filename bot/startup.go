package bot

import (
	"context"
	"net/http"
	"slices"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"openkarir/flows"
	"openkarir/karir"
)

// AnswerWhileDown tells whoever writes to the bot while its database is
// not reachable at start that there is trouble, as a failure during an
// outage does (txtTrouble, once per update), until ctx ends (the store
// opened). It reads the updates waiting at Telegram without an offset, so
// it confirms none: Run, started afterwards, gets every one of them and
// answers each once. It returns the updates it told of, for MarkTold.
// Long polling only (a webhook's updates wait at Telegram meanwhile).
func (b *Bot) AnswerWhileDown(ctx context.Context) []int {
	if _, err := b.api.Request(tgbotapi.DeleteWebhookConfig{}); err != nil && ctx.Err() == nil {
		b.log.Warn("delete webhook", "err", err)
	}
	poll := *b.api
	poll.Client = &apiClient{ctx: ctx, client: &http.Client{Timeout: b.cfg.PollTimeout + 10*time.Second}, token: b.cfg.Token}
	var told []int
	backoff := time.Second
	for ctx.Err() == nil {
		updates, err := poll.GetUpdates(tgbotapi.UpdateConfig{Limit: pollLimit, Timeout: int(b.cfg.PollTimeout / time.Second),
			AllowedUpdates: []string{"message", "callback_query"}})
		if err != nil {
			if ctx.Err() == nil {
				b.log.Warn("get updates while the database is down", "err", err, "retry_in", backoff)
				sleep(ctx, backoff)
				backoff = min(2*backoff, 30*time.Second)
			}
			continue
		}
		backoff = time.Second
		fresh := 0
		for _, u := range updates {
			if slices.Contains(told, u.UpdateID) {
				continue
			}
			fresh++
			told = append(told, u.UpdateID)
			in, ok := toInput(u)
			if !ok || !in.Private {
				continue // Run answers these as it always does
			}
			b.deliver(context.WithoutCancel(ctx), b.log.With("update_id", u.UpdateID, "chat", in.ChatID), u, in,
				flows.Result{Replies: []karir.Reply{{Text: txtTrouble}}})
		}
		if len(updates) > 0 {
			// Telegram answers at once while updates wait unconfirmed.
			pause := time.Second
			if fresh == 0 {
				pause = 3 * time.Second
			}
			sleep(ctx, pause)
		}
	}
	return told
}

// MarkTold records updates whose users were told of the trouble already
// (AnswerWhileDown): a failure of one of them later tells nobody again.
func (b *Bot) MarkTold(ids []int) {
	for _, id := range ids {
		b.markTold(id)
	}
}
