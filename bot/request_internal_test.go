package bot

import (
	"encoding/json"
	"errors"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"openkarir/flows"
	"openkarir/karir"
	"openkarir/telegramtest"
)

const testToken = "123456:INTERNAL"

// wire is a Bot API that records the forms it is sent and answers ok.
type wire struct {
	mu    sync.Mutex
	forms []url.Values
	srv   *httptest.Server
}

func newWire(t *testing.T) *wire {
	w := &wire{}
	w.srv = httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			t.Errorf("parse form: %v", err)
		}
		w.mu.Lock()
		w.forms = append(w.forms, r.PostForm)
		w.mu.Unlock()
		rw.Header().Set("Content-Type", "application/json")
		_, _ = rw.Write([]byte(`{"ok":true,"result":{"message_id":7,"chat":{"id":1}}}`))
	}))
	t.Cleanup(w.srv.Close)
	return w
}

func (w *wire) last() url.Values {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.forms[len(w.forms)-1]
}

// clients are the library and the bot's own request, to the same server.
func clients(endpoint string) (*tgbotapi.BotAPI, *apiClient) {
	c := &apiClient{client: &http.Client{}, token: testToken}
	api := &tgbotapi.BotAPI{Token: testToken, Client: c}
	api.SetAPIEndpoint(endpoint)
	return api, c
}

// The bot's own requests carry what the library's did for the same reply,
// field by field (the keyboard compared as JSON values): Telegram and the
// fake see the same call.
func TestOwnRequestsSayWhatTheLibrarySaid(t *testing.T) {
	w := newWire(t)
	api, own := clients(w.srv.URL + "/bot%s/%s")
	urls := methodURLs(Config{Endpoint: w.srv.URL + "/bot%s/%s", Token: testToken})
	text := "<b>Target</b> & \"kinerja\" 100% ~ a+b=c\n\tbaris 2: pasar bersih ✅ 🇮🇩 \u2028 é"
	buttons := [][]karir.Button{
		{{Text: `Ya "benar" \ <ok> & lanjut`, Data: "form:ok:1"}, {Text: "✏️ Ubah", Data: "form:edit:é"}},
		{{Text: "tab\there\x01", Data: "x"}},
	}
	inline := inlineKeyboard(buttons)
	contact := tgbotapi.NewReplyKeyboard(
		tgbotapi.NewKeyboardButtonRow(tgbotapi.NewKeyboardButtonContact(flows.LabelShareContact)),
		tgbotapi.NewKeyboardButtonRow(tgbotapi.NewKeyboardButton(flows.LabelChangeNIP)),
	)
	contact.OneTimeKeyboard = true
	msg := func(text string, markup any) tgbotapi.MessageConfig {
		m := tgbotapi.NewMessage(42, text)
		m.ParseMode, m.DisableWebPagePreview, m.ReplyMarkup = tgbotapi.ModeHTML, true, markup
		return m
	}
	edit := func(text string, kb *tgbotapi.InlineKeyboardMarkup) tgbotapi.EditMessageTextConfig {
		e := tgbotapi.NewEditMessageText(42, 9, text)
		e.ParseMode, e.DisableWebPagePreview, e.ReplyMarkup = tgbotapi.ModeHTML, true, kb
		return e
	}
	for _, tc := range []struct {
		name string
		lib  tgbotapi.Chattable
		own  request
	}{
		{"Text", msg(text, nil), textRequest(42, 0, karir.Reply{Text: text})},
		{"Buttons", msg(text, inline), textRequest(42, 0, karir.Reply{Text: text, Buttons: buttons})},
		{"AskContact", msg("Bagikan", contact), textRequest(42, 0, karir.Reply{Text: "Bagikan", AskContact: true})},
		{"RemoveKeyboard", msg("Selesai", tgbotapi.NewRemoveKeyboard(false)), textRequest(42, 0, karir.Reply{Text: "Selesai", RemoveKeyboard: true})},
		{"Edit", edit(text, nil), textRequest(42, 9, karir.Reply{Text: text})},
		{"EditButtons", edit(text, &inline), textRequest(42, 9, karir.Reply{Text: text, Buttons: buttons})},
		{"EditEmpty", edit("", nil), textRequest(42, 9, karir.Reply{})},
		{"Callback", tgbotapi.NewCallback("q1", ""), callbackRequest("q1", "")},
		{"CallbackToast", tgbotapi.NewCallback("q 2&", "Tersimpan ✅ & dikirim"), callbackRequest("q 2&", "Tersimpan ✅ & dikirim")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := api.Request(tc.lib); err != nil {
				t.Fatal(err)
			}
			want := w.last()
			// The library sends "entities=null" for no entities; Telegram
			// takes its absence alike.
			if want.Get("entities") == "null" {
				want.Del("entities")
			}
			if err := own.post(urls[tc.own.method], tc.own); err != nil {
				t.Fatal(err)
			}
			got := w.last()
			sameMarkup(t, got.Get("reply_markup"), want.Get("reply_markup"))
			got.Del("reply_markup")
			want.Del("reply_markup")
			if !maps.EqualFunc(got, want, func(a, b []string) bool { return reflect.DeepEqual(a, b) }) {
				t.Errorf("form\n got %v\nwant %v", got, want)
			}
		})
	}
}

func sameMarkup(t *testing.T, got, want string) {
	t.Helper()
	if got == "" || want == "" {
		if got != want {
			t.Errorf("reply_markup %q, want %q", got, want)
		}
		return
	}
	var g, w any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Fatalf("reply_markup %q: %v", got, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("reply_markup\n got %s\nwant %s", got, want)
	}
}

// Every failure comes back as the library gave it: the same *tgbotapi.Error
// (code, description, retry_after) that retried and the sender branch on,
// or, for the network, the same error with the token taken out.
func TestOwnRequestsFailAsTheLibraryDid(t *testing.T) {
	tg := telegramtest.NewServer(testToken)
	defer tg.Close()
	api, own := clients(tg.Endpoint())
	urls := methodURLs(Config{Endpoint: tg.Endpoint(), Token: testToken})
	reply := karir.Reply{Text: "Halo"}
	for _, tc := range []struct {
		name       string
		status     int
		retryAfter int
		want       *tgbotapi.Error // nil: not an API error
	}{
		{"TooManyRequests", http.StatusTooManyRequests, 3, &tgbotapi.Error{Code: 429, Message: "Too Many Requests: retry after 3",
			ResponseParameters: tgbotapi.ResponseParameters{RetryAfter: 3}}},
		{"Blocked", http.StatusForbidden, 0, &tgbotapi.Error{Code: 403, Message: "Forbidden: bot was blocked by the user"}},
		{"BadRequest", http.StatusBadRequest, 0, &tgbotapi.Error{Code: 400, Message: "Bad Request"}},
		{"BadGateway", http.StatusBadGateway, 0, &tgbotapi.Error{Code: 502, Message: "Bad Gateway"}},
		{"Disconnect", telegramtest.Disconnect, 0, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tg.FailNext("sendMessage", 1, tc.status, tc.retryAfter)
			_, libErr := api.Request(tgbotapi.NewMessage(42, reply.Text))
			tg.FailNext("sendMessage", 1, tc.status, tc.retryAfter)
			req := textRequest(42, 0, reply)
			err := own.post(urls[req.method], req)
			var apiErr *tgbotapi.Error
			if tc.want != nil {
				if !errors.As(err, &apiErr) || !reflect.DeepEqual(apiErr, tc.want) {
					t.Errorf("error %#v, want %#v", err, tc.want)
				}
				if !reflect.DeepEqual(err, libErr) {
					t.Errorf("error %#v, the library's %#v", err, libErr)
				}
				return
			}
			if err == nil || errors.As(err, &apiErr) {
				t.Fatalf("error %#v, want a network error", err)
			}
			if strings.Contains(err.Error(), testToken) || err.Error() != libErr.Error() {
				t.Errorf("error %q, the library's %q (token never shown)", err, libErr)
			}
		})
	}
	t.Run("ProxyErrorPage", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "<html>502 Bad Gateway</html>", http.StatusBadGateway)
		}))
		defer srv.Close()
		api, own := clients(srv.URL + "/bot%s/%s")
		_, libErr := api.Request(tgbotapi.NewMessage(42, "Halo"))
		req := textRequest(42, 0, reply)
		err := own.post(methodURLs(Config{Endpoint: srv.URL + "/bot%s/%s", Token: testToken})[req.method], req)
		var apiErr *tgbotapi.Error
		// Neither is an API error, so both are tried again as an outage.
		if err == nil || errors.As(err, &apiErr) || libErr == nil || errors.As(libErr, &apiErr) {
			t.Errorf("error %#v, the library's %#v: want neither an API error", err, libErr)
		}
	})
	t.Run("OKWrittenOtherwise", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = w.Write([]byte(`{ "result": {"message_id": 3}, "ok": true }`))
		}))
		defer srv.Close()
		_, own := clients(srv.URL + "/bot%s/%s")
		req := textRequest(42, 0, reply)
		if err := own.post(methodURLs(Config{Endpoint: srv.URL + "/bot%s/%s", Token: testToken})[req.method], req); err != nil {
			t.Errorf("an answer that is ok, its fields in another order: %v", err)
		}
	})
	t.Run("Sent", func(t *testing.T) {
		req := textRequest(42, 0, reply)
		if err := own.post(urls[req.method], req); err != nil {
			t.Fatal(err)
		}
		if got := tg.LastMessage(42); got.Text != "Halo" || got.ParseMode != tgbotapi.ModeHTML {
			t.Errorf("sent %+v", got)
		}
	})
}

func TestAppendEscapes(t *testing.T) {
	for _, s := range []string{"", "abc XYZ 019", "-_.~", "a+b&c=d%e/f?g#h", "<b>\"x\"</b>\\", "\n\r\t\x00\x1f\x7f",
		"ümlaut é ✅ 🇮🇩", "\u2028\u2029", "bad \xff\xfe utf8 \xe2\x82", strings.Repeat("é", 3)} {
		if got, want := string(appendQueryEscape(nil, s)), url.QueryEscape(s); got != want {
			t.Errorf("query escape %q: %q, want %q", s, got, want)
		}
		var got, want string
		if err := json.Unmarshal(appendJSONString(nil, s), &got); err != nil {
			t.Errorf("JSON %q: %s: %v", s, appendJSONString(nil, s), err)
			continue
		}
		js, _ := json.Marshal(s)
		_ = json.Unmarshal(js, &want)
		if got != want {
			t.Errorf("JSON %q: reads %q, want %q", s, got, want)
		}
	}
}
