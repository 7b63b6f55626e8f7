package bot_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"openkarir/karir"

	"openkarir/bot"
	"openkarir/flows"
	"openkarir/store/storetest"
	"openkarir/telegramtest"
)

func webhookUpdate(id int, user int64, text string) map[string]any {
	msg := map[string]any{
		"message_id": id, "date": time.Now().Unix(), "text": text,
		"chat": map[string]any{"id": user, "type": "private"},
		"from": map[string]any{"id": user, "is_bot": false, "first_name": "Webhook"},
	}
	if strings.HasPrefix(text, "/") {
		msg["entities"] = []map[string]any{{"type": "bot_command", "offset": 0, "length": len(text)}}
	}
	return map[string]any{"update_id": id, "message": msg}
}

func TestWebhookChecksTheSecret(t *testing.T) {
	tg := telegramtest.NewServer(token)
	defer tg.Close()
	st := storetest.Open(t)
	ctx := context.Background()
	loc := time.FixedZone("WIB", 7*3600)
	router := flows.NewRouter(st, flows.FixedRound(karir.Round{ID: "r", Closes: time.Now().AddDate(0, 1, 0)}), loc, time.Now)
	b, err := bot.New(ctx, bot.Config{Token: token, Endpoint: tg.Endpoint()}, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	const secret = "rahasia-123"
	srv := httptest.NewServer(b.WebhookHandler(ctx, secret, router))
	defer srv.Close()
	if err := b.RegisterWebhook(srv.URL, secret, 100); err != nil {
		t.Fatal(err)
	}
	if url, s := tg.Webhook(); url != srv.URL || s != secret || tg.WebhookConnections() != 100 {
		t.Fatalf("registered webhook %q with secret %q and %d connections", url, s, tg.WebhookConnections())
	}

	const user = 1501
	for _, forged := range []string{"", "salah", secret + "x"} {
		resp, err := tg.PostUpdate(ctx, srv.URL, forged, webhookUpdate(1, user, "/start"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("secret %q: status %d", forged, resp.StatusCode)
		}
	}
	if n := len(tg.Messages(user)); n != 0 {
		t.Fatalf("a forged call was handled: %d replies", n)
	}

	resp, err := tg.PostUpdate(ctx, srv.URL, secret, webhookUpdate(2, user, "/start"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(tg.LastMessage(user).Text, "Pelindungan data pribadi") {
		t.Fatalf("status %d, reply %q", resp.StatusCode, tg.LastMessage(user).Text)
	}
	before, err := st.LoadConversation(ctx, user)
	if err != nil {
		t.Fatal(err)
	}
	answer := tg.LastMessage(user).Text
	// Telegram delivering the same update again is not handled again: the
	// conversation stays as it was, and the same answer is given (the
	// process may have died before sending it the first time).
	resp, err = tg.PostUpdate(ctx, srv.URL, secret, webhookUpdate(2, user, "/start"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	after, err := st.LoadConversation(ctx, user)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || after.Version != before.Version || tg.LastMessage(user).Text != answer {
		t.Errorf("a repeated update: status %d, version %d -> %d, answer %q", resp.StatusCode, before.Version, after.Version, tg.LastMessage(user).Text)
	}
	// An older repeat (not the last update) is answered with nothing.
	sent := tg.Sent(user)
	resp, err = tg.PostUpdate(ctx, srv.URL, secret, webhookUpdate(3, user, "/bantuan"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	resp, err = tg.PostUpdate(ctx, srv.URL, secret, webhookUpdate(2, user, "/start"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if tg.Sent(user) != sent+1 {
		t.Errorf("an older repeat was answered: %d replies, want 1", tg.Sent(user)-sent)
	}
}
