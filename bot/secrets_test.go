package bot_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"openkarir/bot"
	"openkarir/karir"
	"openkarir/telegramtest"
)

// TestNetworkErrorsKeepTheTokenOut fails the sender's messages and the file
// downloads at the network level (a dropped connection, a stall past the
// call's timeout, a refused port) and looks for the token in the errors and
// in every collection of the store. cmd/openkarir's TestTokenNeverLeaks does
// the same through the whole program, with its logs and /metrics.
func TestNetworkErrorsKeepTheTokenOut(t *testing.T) {
	r := newSenderRig(t)
	b, err := bot.New(context.Background(), bot.Config{Token: token, Endpoint: r.tg.Endpoint(), CallTimeout: 300 * time.Millisecond, DownloadTimeout: 300 * time.Millisecond}, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	r.bot = b
	mustNotLeak := func(where, text string) {
		t.Helper()
		if strings.Contains(text, token) || strings.Contains(text, strings.Split(token, ":")[1]) {
			t.Errorf("the token is in %s: %s", where, text)
		}
	}

	// Downloads: getFile stalled and dropped, then the file.
	id := r.tg.AddFile([]byte("nip\n"))
	for _, method := range []string{"getFile", "file"} {
		for _, how := range []int{telegramtest.Stall, telegramtest.Disconnect} {
			n := 1
			if method == "file" && how == telegramtest.Disconnect {
				// Go's transport tries a GET again by itself when a kept-alive
				// connection drops before the answer.
				n = 2
			}
			r.tg.FailNext(method, n, how, 0)
			_, err := b.Download(context.Background(), id)
			if err == nil {
				t.Fatalf("%s failing %d: the download succeeded", method, how)
			}
			mustNotLeak("a download error", err.Error())
		}
	}

	s, _ := r.start(bot.SenderConfig{GlobalRate: 100, ChatInterval: 10 * time.Millisecond, MaxAttempts: 1})
	r.tg.FailChat(51, 1, telegramtest.Disconnect)
	r.tg.FailChat(52, 1, telegramtest.Stall)
	ns := []karir.Notice{
		{Key: "dropped", ChatID: 51, Reply: karir.Reply{Text: "putus"}},
		{Key: "stalled", ChatID: 52, Reply: karir.Reply{Text: "macet"}},
	}
	if _, err := s.Notify(context.Background(), ns...); err != nil {
		t.Fatal(err)
	}
	for _, n := range ns {
		m := r.waitFinal(n.Key)
		if m.Status != karir.OutFailed || m.LastError == "" {
			t.Errorf("%s: stored as %+v, want failed with the error", n.Key, m)
		}
	}
	// Telegram gone: the port refuses.
	r.tg.Close()
	if _, err := s.Notify(context.Background(), karir.Notice{Key: "refused", ChatID: 53, Reply: karir.Reply{Text: "ditolak"}}); err != nil {
		t.Fatal(err)
	}
	if m := r.waitFinal("refused"); m.Status != karir.OutFailed || !strings.Contains(m.LastError, "refused") {
		t.Errorf("refused: stored as %+v", m)
	}
	if _, err := b.Download(context.Background(), id); err == nil {
		t.Error("a download from a closed port succeeded")
	} else {
		mustNotLeak("a download error", err.Error())
	}

	names, err := r.store.DB().ListCollectionNames(context.Background(), bson.D{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		cur, err := r.store.DB().Collection(name).Find(context.Background(), bson.D{})
		if err != nil {
			t.Fatal(err)
		}
		var docs []bson.M
		if err := cur.All(context.Background(), &docs); err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			mustNotLeak("collection "+name, fmt.Sprint(d))
		}
	}
}
