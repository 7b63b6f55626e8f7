package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ceilingBot is the trivial bot (script.go) as a long-polling process of
// its own, the instrument's ceiling: `openkarir-load ceiling-bot`, which
// the tool starts with -bot ceiling. It asks for updates, answers each
// chat's in order (the chats of a batch at once), and asks again with the
// offset past the batch; it keeps the chats' steps in memory only.
func ceilingBot(ctx context.Context, apiRoot, token string) error {
	if apiRoot == "" || token == "" {
		return errors.New("ceiling-bot needs TELEGRAM_API_ROOT and TELEGRAM_BOT_TOKEN")
	}
	b := &trivialBot{
		base:   strings.TrimSuffix(apiRoot, "/") + "/bot" + token + "/",
		client: &http.Client{Transport: keepAlive(256)},
		chats:  map[int64]*chatState{},
	}
	offset := 0
	for ctx.Err() == nil {
		var batch []tgUpdate
		if err := b.call(ctx, "getUpdates", url.Values{"offset": {strconv.Itoa(offset)}, "timeout": {"30"}, "limit": {"100"}}, &batch); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			time.Sleep(100 * time.Millisecond) // the fake closing, or a hiccup: ask again
			continue
		}
		byChat := map[int64][]tgUpdate{}
		for _, u := range batch {
			offset = max(offset, u.UpdateID+1)
			byChat[u.chat()] = append(byChat[u.chat()], u)
		}
		var wg sync.WaitGroup
		for chat, us := range byChat {
			wg.Go(func() {
				for _, u := range us {
					b.handle(ctx, chat, u)
				}
			})
		}
		wg.Wait()
	}
	return nil
}

type trivialBot struct {
	base   string
	client *http.Client
	mu     sync.Mutex
	chats  map[int64]*chatState
}

// tgUpdate is the part of a Telegram update the script reads.
type tgUpdate struct {
	UpdateID int `json:"update_id"`
	Message  *struct {
		Chat struct{ ID int64 } `json:"chat"`
		Text string             `json:"text"`
	} `json:"message"`
	CallbackQuery *struct {
		ID      string `json:"id"`
		Data    string `json:"data"`
		Message struct {
			Chat struct{ ID int64 } `json:"chat"`
		} `json:"message"`
	} `json:"callback_query"`
}

func (u tgUpdate) chat() int64 {
	switch {
	case u.Message != nil:
		return u.Message.Chat.ID
	case u.CallbackQuery != nil:
		return u.CallbackQuery.Message.Chat.ID
	}
	return 0
}

// handle answers one update: a button's callback is answered first, then
// the script's reply is sent as a new message.
func (b *trivialBot) handle(ctx context.Context, chat int64, u tgUpdate) {
	if chat == 0 {
		return
	}
	var text, data string
	if u.Message != nil {
		text = u.Message.Text
	} else {
		data = u.CallbackQuery.Data
		_ = b.call(ctx, "answerCallbackQuery", url.Values{"callback_query_id": {u.CallbackQuery.ID}}, nil)
	}
	b.mu.Lock()
	st, ok := b.chats[chat]
	if !ok {
		st = &chatState{}
		b.chats[chat] = st
	}
	b.mu.Unlock()
	reply := st.answer(text, data) // one update of a chat at a time: no lock
	params := url.Values{"chat_id": {strconv.FormatInt(chat, 10)}, "text": {reply.Text}}
	if len(reply.Buttons) > 0 {
		params.Set("reply_markup", inlineKeyboard(reply.Buttons))
	}
	_ = b.call(ctx, "sendMessage", params, nil)
}

func inlineKeyboard(rows [][][2]string) string {
	type button struct {
		Text string `json:"text"`
		Data string `json:"callback_data"`
	}
	kb := make([][]button, len(rows))
	for i, row := range rows {
		for _, b := range row {
			kb[i] = append(kb[i], button{b[0], b[1]})
		}
	}
	out, _ := json.Marshal(map[string]any{"inline_keyboard": kb})
	return string(out)
}

// call posts a Bot API method as a form and decodes its result into out
// (nil: discarded).
func (b *trivialBot) call(ctx context.Context, method string, params url.Values, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, b.base+method, strings.NewReader(params.Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := b.client.Do(req)
	if err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	defer resp.Body.Close()
	var body struct {
		OK          bool            `json:"ok"`
		Result      json.RawMessage `json:"result"`
		Description string          `json:"description"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	if !body.OK {
		return fmt.Errorf("%s: %s", method, body.Description)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(body.Result, out)
}

// keepAlive is a transport keeping up to n idle connections to the fake.
func keepAlive(n int) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns, t.MaxIdleConnsPerHost = n, n
	return t
}
