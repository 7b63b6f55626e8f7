package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"openkarir/karir"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"openkarir/flows"
)

// maxSendAttempts bounds the tries of one reply through 429s and outages.
const maxSendAttempts = 4

// deliver answers the pressed button (always, so the client stops its
// spinner) and sends or edits each reply, in order. The button's answer
// has no place in the chat's order, so it goes out beside the replies: one
// Bot API round trip less per press, which is most of an update's time.
func (b *Bot) deliver(ctx context.Context, log *slog.Logger, u tgbotapi.Update, in flows.Input, res flows.Result) {
	var answered chan struct{}
	if q := u.CallbackQuery; q != nil {
		answered = make(chan struct{})
		go func() {
			defer close(answered)
			if err := b.call(ctx, callbackRequest(q.ID, res.Toast)); err != nil {
				log.Warn("answer callback", "err", err)
			}
		}()
	}
	for i, r := range res.Replies {
		err := b.reply(ctx, in.ChatID, r)
		switch {
		case refused(err):
			// Never silently lost: the user hears something, the log
			// names the reply to fix.
			log.Error("reply refused by Telegram", "reply", replyName(in, i), "err", err)
			if err := b.reply(ctx, in.ChatID, karir.Reply{Text: txtReplyRefused}); err != nil {
				log.Error("send fallback reply", "err", err)
			}
		case err != nil:
			log.Error("send reply", "reply", replyName(in, i), "err", err)
		}
	}
	if answered != nil {
		// The update is done only when the button was answered too.
		<-answered
	}
}

// reply sends a direct answer, retrying through 429s and outages.
func (b *Bot) reply(ctx context.Context, chatID int64, r karir.Reply) error {
	return b.render(ctx, chatID, r, b.call)
}

// send makes one try, for the sender, which keeps its own account of retries.
func (b *Bot) send(ctx context.Context, chatID int64, r karir.Reply) error {
	return b.render(ctx, chatID, r, func(_ context.Context, req request) error {
		return b.post(req)
	})
}

// render turns a reply into the Bot API calls, fitted to Telegram's
// limits, and makes them with do.
func (b *Bot) render(ctx context.Context, chatID int64, r karir.Reply, do func(context.Context, request) error) error {
	for _, part := range fit(r) {
		if err := b.renderOne(ctx, chatID, part, do); err != nil {
			return err
		}
	}
	return nil
}

func (b *Bot) renderOne(ctx context.Context, chatID int64, r karir.Reply, do func(context.Context, request) error) error {
	if r.EditMessageID > 0 {
		err := do(ctx, textRequest(chatID, r.EditMessageID, r))
		var apiErr *tgbotapi.Error
		switch {
		case err == nil:
			return nil
		case errors.As(err, &apiErr) && strings.Contains(apiErr.Message, "message is not modified"):
			return nil
		case errors.As(err, &apiErr) && apiErr.Code == http.StatusBadRequest:
			// The message is gone or too old to edit: say it anew.
		default:
			return err
		}
	}
	if r.Document != nil || r.Photo != nil {
		return do(ctx, request{file: fileMessage(chatID, r)})
	}
	return do(ctx, textRequest(chatID, 0, r))
}

func fileMessage(chatID int64, r karir.Reply) tgbotapi.Chattable {
	if r.Photo != nil {
		p := tgbotapi.NewPhoto(chatID, fileData(r.Photo))
		p.Caption, p.ParseMode = r.Text, tgbotapi.ModeHTML
		return p
	}
	d := tgbotapi.NewDocument(chatID, fileData(r.Document))
	d.Caption, d.ParseMode = r.Text, tgbotapi.ModeHTML
	if len(r.Buttons) > 0 {
		d.ReplyMarkup = inlineKeyboard(r.Buttons)
	}
	return d
}

// fileData is a file to upload, or one Telegram already has (a user's
// evidence, sent on to their supervisor by its file id).
func fileData(f *karir.File) tgbotapi.RequestFileData {
	if f.ID != "" {
		return tgbotapi.FileID(f.ID)
	}
	return tgbotapi.FileBytes{Name: f.Name, Bytes: f.Data}
}

func inlineKeyboard(rows [][]karir.Button) tgbotapi.InlineKeyboardMarkup {
	kb := make([][]tgbotapi.InlineKeyboardButton, len(rows))
	for i, row := range rows {
		for _, btn := range row {
			kb[i] = append(kb[i], tgbotapi.NewInlineKeyboardButtonData(btn.Text, btn.Data))
		}
	}
	return tgbotapi.NewInlineKeyboardMarkup(kb...)
}

// call makes one Bot API call, waiting out a 429's retry_after and retrying
// server errors and network failures with backoff. Other errors (a 400, a
// 403 from a user who blocked the bot) are final.
func (b *Bot) call(ctx context.Context, req request) error {
	return retried(ctx, func() error { return b.post(req) })
}

// post makes one try of req: a file through the library, which uploads it,
// anything else as the bot's own request (bot/request.go).
func (b *Bot) post(req request) error {
	if req.file != nil {
		_, err := b.api.Request(req.file)
		return err
	}
	return b.own.post(b.urls[req.method], req)
}

// methodURLs are the endpoints of the calls the bot makes itself.
func methodURLs(cfg Config) map[string]string {
	urls := map[string]string{}
	for _, m := range []string{"sendMessage", "editMessageText", "answerCallbackQuery"} {
		urls[m] = fmt.Sprintf(cfg.Endpoint, cfg.Token, m)
	}
	return urls
}

// callMessage is call for a message sent, which it returns.
func (b *Bot) callMessage(ctx context.Context, c tgbotapi.Chattable) (tgbotapi.Message, error) {
	var m tgbotapi.Message
	err := retried(ctx, func() error {
		var err error
		m, err = b.api.Send(c)
		return err
	})
	return m, err
}

func retried(ctx context.Context, try func() error) error {
	backoff := 500 * time.Millisecond
	var err error
	for attempt := 1; attempt <= maxSendAttempts; attempt++ {
		if err = try(); err == nil {
			return nil
		}
		wait := backoff
		var apiErr *tgbotapi.Error
		switch {
		case errors.As(err, &apiErr) && apiErr.RetryAfter > 0:
			wait = time.Duration(apiErr.RetryAfter) * time.Second
		case errors.As(err, &apiErr) && apiErr.Code < 500:
			return err
		}
		if attempt == maxSendAttempts || !sleep(ctx, wait) {
			break
		}
		backoff *= 2
	}
	return err
}
