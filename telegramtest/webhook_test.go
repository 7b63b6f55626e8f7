package telegramtest_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"openkarir/telegramtest"
)

// TestWebhookDeliversEachUpdateOnce sends updates of one chat back to back,
// each as soon as the last was answered: the moment the fake's poster for
// that chat empties its queue is when the next one arrives. Each update must
// reach the webhook once, in order.
func TestWebhookDeliversEachUpdateOnce(t *testing.T) {
	tg := telegramtest.NewServer("1:T")
	defer tg.Close()
	var mu sync.Mutex
	var got []int
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var u struct {
			UpdateID int `json:"update_id"`
		}
		if err := json.NewDecoder(r.Body).Decode(&u); err != nil {
			t.Errorf("decode update: %v", err)
		}
		mu.Lock()
		got = append(got, u.UpdateID)
		mu.Unlock()
	}))
	defer hook.Close()
	resp, err := http.PostForm(tg.URL()+"/bot1:T/setWebhook", url.Values{"url": {hook.URL}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()

	// Many chats at once, so the scheduler puts a poster's last pop and
	// the next push of its chat close together.
	var sentMu sync.Mutex
	sent := map[int64][]int{}
	var wg sync.WaitGroup
	for c := range int64(20) {
		wg.Go(func() {
			for range 100 {
				id := tg.SendText(c+1, "halo")
				sentMu.Lock()
				sent[c+1] = append(sent[c+1], id)
				sentMu.Unlock()
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				err := tg.WaitHandled(ctx, id)
				cancel()
				if err != nil {
					t.Errorf("update %d: %v", id, err)
					return
				}
			}
		})
	}
	wg.Wait()
	// A repeated post would come from a chat's poster: once none is
	// posting, every post has landed.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := tg.Wait(ctx, func() bool { return tg.Posting() == 0 }); err != nil {
		t.Fatalf("the fake is still posting: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	seen := map[int]int{}
	for _, id := range got {
		seen[id]++
	}
	for chat, ids := range sent {
		for _, id := range ids {
			if seen[id] != 1 {
				t.Errorf("chat %d: update %d posted %d times", chat, id, seen[id])
			}
		}
	}
	if len(got) != 2000 {
		t.Errorf("webhook got %d posts for 2000 updates", len(got))
	}

}

// Wait wakes on the webhook being set even when the call is slow (the
// change lands after the call was counted).
func TestWaitSeesTheWebhookSetBehindLatency(t *testing.T) {
	tg := telegramtest.NewServer("1:T")
	defer tg.Close()
	tg.SetLatency(20 * time.Millisecond)
	go func() {
		resp, err := http.PostForm(tg.URL()+"/bot1:T/setWebhook", url.Values{"url": {"http://127.0.0.1:1/hook"}})
		if err == nil {
			resp.Body.Close()
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := tg.Wait(ctx, func() bool { u, _ := tg.Webhook(); return u != "" }); err != nil {
		t.Fatalf("the webhook was set, Wait did not see it: %v", err)
	}
}

// The fake keeps no more posts open than setWebhook's max_connections, as
// Telegram does (40 when none is given): a webhook slower than the updates
// of 10 chats sees at most that many at once.
func TestWebhookKeepsMaxConnections(t *testing.T) {
	for _, tc := range []struct {
		param string
		want  int
	}{{"", 40}, {"3", 3}} {
		tg := telegramtest.NewServer("1:T")
		var mu sync.Mutex
		open, most := 0, 0
		hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			open++
			most = max(most, open)
			mu.Unlock()
			time.Sleep(20 * time.Millisecond)
			mu.Lock()
			open--
			mu.Unlock()
		}))
		form := url.Values{"url": {hook.URL}}
		if tc.param != "" {
			form.Set("max_connections", tc.param)
		}
		resp, err := http.PostForm(tg.URL()+"/bot1:T/setWebhook", form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := tg.WebhookConnections(); got != tc.want {
			t.Errorf("max_connections %q: registered %d, want %d", tc.param, got, tc.want)
		}
		var ids []int
		for c := range int64(10) {
			ids = append(ids, tg.SendText(c+1, "halo"), tg.SendText(c+1, "lagi"))
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		for _, id := range ids {
			if err := tg.WaitHandled(ctx, id); err != nil {
				t.Fatalf("update %d: %v", id, err)
			}
		}
		cancel()
		mu.Lock()
		if limit := min(tc.want, 10); most != limit {
			t.Errorf("max_connections %q: %d posts open at most, want %d (10 chats)", tc.param, most, limit)
		}
		mu.Unlock()
		hook.Close()
		tg.Close()
	}
}
