package telegramtest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"openkarir/telegramtest"
)

// echoBot is a bot written against the raw Bot API: it answers a text with
// "echo: TEXT" and an inline button, a pressed button with a toast, a
// contact with its phone, a document with a photo of its bytes.
func echoBot(ctx context.Context, t *testing.T, api string) {
	call := func(method string, form url.Values) map[string]any {
		resp, err := http.PostForm(api+"/"+method, form)
		if err != nil {
			return nil
		}
		defer resp.Body.Close()
		var out map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&out)
		return out
	}
	offset := 0
	for ctx.Err() == nil {
		res := call("getUpdates", url.Values{"offset": {fmt.Sprint(offset)}, "timeout": {"1"}})
		updates, _ := res["result"].([]any)
		for _, raw := range updates {
			u := raw.(map[string]any)
			offset = int(u["update_id"].(float64)) + 1
			if cq, ok := u["callback_query"].(map[string]any); ok {
				call("answerCallbackQuery", url.Values{"callback_query_id": {cq["id"].(string)}, "text": {"pressed " + cq["data"].(string)}})
				continue
			}
			m := u["message"].(map[string]any)
			chat := fmt.Sprint(int64(m["chat"].(map[string]any)["id"].(float64)))
			switch {
			case m["text"] != nil:
				call("sendMessage", url.Values{"chat_id": {chat}, "text": {"<b>echo:</b> " + m["text"].(string)}, "parse_mode": {"HTML"},
					"reply_markup": {`{"inline_keyboard":[[{"text":"Tekan","callback_data":"b:1"}]]}`}})
			case m["contact"] != nil:
				call("sendMessage", url.Values{"chat_id": {chat}, "text": {"phone " + m["contact"].(map[string]any)["phone_number"].(string)},
					"reply_markup": {`{"remove_keyboard":true}`}})
			case m["document"] != nil:
				var body bytes.Buffer
				mw := multipart.NewWriter(&body)
				_ = mw.WriteField("chat_id", chat)
				_ = mw.WriteField("caption", "got "+m["caption"].(string))
				fw, _ := mw.CreateFormFile("photo", "chart.png")
				_, _ = fw.Write([]byte("\x89PNG fake"))
				mw.Close()
				resp, err := http.Post(api+"/sendPhoto", mw.FormDataContentType(), &body)
				if err == nil {
					resp.Body.Close()
				}
			}
		}
	}
}

type apiMessage struct {
	ID       int    `json:"id"`
	FromUser bool   `json:"from_user"`
	Text     string `json:"text"`
	HTML     bool   `json:"html"`
	Buttons  [][]struct{ Text, Data string }
	Photo    *struct{ Name, URL string }
	Document *struct{ Name, URL string }
	Contact  string `json:"contact"`
}

func TestUserAPIPlaysAChat(t *testing.T) {
	tg := telegramtest.NewServer("1:T")
	defer tg.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go echoBot(ctx, t, tg.URL()+"/bot1:T")
	api := httptest.NewServer(tg.UserAPI())
	defer api.Close()

	post := func(path string, body string) map[string]any {
		t.Helper()
		resp, err := http.Post(api.URL+path, "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("POST %s: %d %v %v", path, resp.StatusCode, out, err)
		}
		if out["handled"] != true {
			t.Fatalf("POST %s: answered before the bot handled it: %v", path, out)
		}
		return out
	}
	history := func(after int) (int, []apiMessage) {
		t.Helper()
		resp, err := http.Get(fmt.Sprintf("%s/chats/5/messages?after=%d", api.URL, after))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out struct {
			Seq      int
			Messages []apiMessage
		}
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
			t.Fatal(err)
		}
		return out.Seq, out.Messages
	}

	post("/chats/5/text", `{"text":"halo"}`)
	seq, msgs := history(0)
	if len(msgs) != 2 || !msgs[0].FromUser || msgs[0].Text != "halo" || msgs[1].FromUser ||
		msgs[1].Text != "<b>echo:</b> halo" || !msgs[1].HTML || msgs[1].Buttons[0][0].Data != "b:1" {
		t.Fatalf("history after a text: %+v", msgs)
	}
	if got := post("/chats/5/press", fmt.Sprintf(`{"message_id":%d,"data":"b:1"}`, msgs[1].ID)); got["toast"] != "pressed b:1" {
		t.Errorf("toast of a pressed button: %v", got)
	}
	post("/chats/5/contact", `{"phone":"+6281230106149"}`)
	_, msgs = history(seq)
	if len(msgs) != 2 || msgs[0].Contact != "+6281230106149" || msgs[1].Text != "phone +6281230106149" {
		t.Fatalf("history after the contact: %+v", msgs)
	}

	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("caption", "/impor")
	fw, _ := mw.CreateFormFile("file", "roster.csv")
	_, _ = fw.Write([]byte("nip,nama\n"))
	mw.Close()
	resp, err := http.Post(api.URL+"/chats/5/document", mw.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	_, msgs = history(0)
	last, sent := msgs[len(msgs)-1], msgs[len(msgs)-2]
	if sent.Document == nil || sent.Document.Name != "roster.csv" || sent.Text != "/impor" || last.Photo == nil || last.Text != "got /impor" {
		t.Fatalf("document and the photo in answer: %+v, %+v", sent, last)
	}
	for url, want := range map[string]string{last.Photo.URL: "\x89PNG fake", sent.Document.URL: "nip,nama\n"} {
		resp, err := http.Get(api.URL + "/" + url)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if string(data) != want {
			t.Errorf("%s: %q, want %q", url, data, want)
		}
	}
}

// TestUserAPIWaitsForNews checks the long poll: it returns as soon as the
// bot says something, and with nothing once the wait is over.
func TestUserAPIWaitsForNews(t *testing.T) {
	tg := telegramtest.NewServer("1:T")
	defer tg.Close()
	api := httptest.NewServer(tg.UserAPI())
	defer api.Close()
	got := make(chan string, 1)
	go func() {
		resp, err := http.Get(api.URL + "/chats/9/messages?after=0&wait=20")
		if err != nil {
			got <- err.Error()
			return
		}
		defer resp.Body.Close()
		data, _ := io.ReadAll(resp.Body)
		got <- string(data)
	}()
	time.Sleep(50 * time.Millisecond) // let the poll start waiting; it must not answer meanwhile
	select {
	case early := <-got:
		t.Fatalf("answered before anything was said: %s", early)
	default:
	}
	resp, err := http.PostForm(tg.URL()+"/bot1:T/sendMessage", url.Values{"chat_id": {"9"}, "text": {"Selamat datang"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	select {
	case body := <-got:
		if !strings.Contains(body, "Selamat datang") {
			t.Errorf("long poll answered %s", body)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the long poll did not return when the bot spoke")
	}
	resp, err = http.Get(api.URL + "/chats/9/messages?after=1000&wait=1")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(data), `"messages":[]`) {
		t.Errorf("an empty wait answered %s", data)
	}
}
