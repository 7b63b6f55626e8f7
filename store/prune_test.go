package store_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"

	"openkarir/store"
)

// clock is a time the test moves.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock(t time.Time) *clock { return &clock{t: t} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

func (c *clock) Advance(d time.Duration) { c.Set(c.Now().Add(d)) }

// clockedModes runs a test on both ways the store works, with the store's
// clock in the test's hands. reopen closes the store and opens it again on
// the same data (a restart).
func clockedModes(t *testing.T, start time.Time, test func(t *testing.T, c *clock, s *store.Store, reopen func() *store.Store)) {
	for _, mode := range []struct {
		name   string
		config func(t *testing.T) store.Config
	}{
		{"Embedded", func(t *testing.T) store.Config { return store.Config{DataDir: t.TempDir()} }},
		{"URI", func(t *testing.T) store.Config {
			db, err := store.StartEmbedded(context.Background(), t.TempDir(), "127.0.0.1:0", quiet)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(db.Stop)
			return store.Config{URI: db.URI()}
		}},
	} {
		t.Run(mode.name, func(t *testing.T) {
			t.Parallel()
			c := newClock(start)
			cfg := mode.config(t)
			cfg.Logger, cfg.Now = quiet, c.Now
			open := func() *store.Store {
				s, err := store.Open(context.Background(), cfg)
				if err != nil {
					t.Fatal(err)
				}
				return s
			}
			s := open()
			t.Cleanup(func() { mustClose(t, s) })
			test(t, c, s, func() *store.Store {
				mustClose(t, s)
				s = open()
				return s
			})
		})
	}
}

func collectionsLike(t *testing.T, s *store.Store, prefix string) []string {
	t.Helper()
	names, err := s.DB().ListCollectionNames(context.Background(), bson.D{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range names {
		if strings.HasPrefix(n, prefix) {
			out = append(out, n)
		}
	}
	return out
}

func mustMaintain(t *testing.T, s *store.Store) {
	t.Helper()
	if err := s.Maintain(context.Background()); err != nil {
		t.Fatalf("maintain: %v", err)
	}
}

// 09:50 UTC: ten minutes before an hour of the commit log begins.
var beforeTheHour = time.Date(2026, 12, 1, 9, 50, 0, 0, time.UTC)

// The commit log keeps an hour and a half at most: what it held is in the
// main documents, also after a restart.
func TestCommitLogIsDroppedByTheHour(t *testing.T) {
	clockedModes(t, beforeTheHour, func(t *testing.T, c *clock, s *store.Store, reopen func() *store.Store) {
		ctx := context.Background()
		for i := range 3 {
			conv := mustLoad(t, s, 500)
			conv.State, conv.LastUpdateID = karir.StateAskNIP, i
			if err := s.SaveConversation(ctx, conv); err != nil {
				t.Fatal(err)
			}
			sub := &karir.Submission{Round: "r", NIP: fmt.Sprintf("19800101200501100%d", i), Ref: "R"}
			if err := s.SaveSubmission(ctx, sub); err != nil {
				t.Fatal(err)
			}
			c.Advance(20 * time.Minute) // 09:50, 10:10, 10:30
		}
		if logs := collectionsLike(t, s, "commits_"); len(logs) != 2 {
			t.Fatalf("commit logs after saves from 09:50 to 10:30: %v, want the hours of 9 and 10", logs)
		}
		c.Set(time.Date(2026, 12, 1, 10, 29, 0, 0, time.UTC))
		mustMaintain(t, s)
		if logs := collectionsLike(t, s, "commits_"); len(logs) != 2 {
			t.Fatalf("commit logs at 10:29: %v, want both hours still", logs)
		}
		c.Set(time.Date(2026, 12, 1, 10, 31, 0, 0, time.UTC))
		mustMaintain(t, s)
		if logs := collectionsLike(t, s, "commits_"); len(logs) != 1 {
			t.Fatalf("commit logs at 10:31: %v, want the hour of 10 only", logs)
		}
		c.Set(time.Date(2026, 12, 1, 11, 30, 0, 0, time.UTC))
		mustMaintain(t, s)
		if logs := collectionsLike(t, s, "commits_"); len(logs) != 0 {
			t.Fatalf("commit logs at 11:30: %v, want none", logs)
		}
		s = reopen()
		if got := mustLoad(t, s, 500); got.Version != 3 || got.LastUpdateID != 2 || got.State != karir.StateAskNIP {
			t.Fatalf("after the log went and a restart: version %d update %d state %s", got.Version, got.LastUpdateID, got.State)
		}
		for i := range 3 {
			if _, err := s.Submission(ctx, "r", fmt.Sprintf("19800101200501100%d", i)); err != nil {
				t.Errorf("submission %d after the log went: %v", i, err)
			}
		}
	})
}

// A save that loses a race still fails when the commit log changes hours
// between the two saves, and when the version it lost to has left the log.
func TestLostRacesStillFail(t *testing.T) {
	clockedModes(t, beforeTheHour, func(t *testing.T, c *clock, s *store.Store, reopen func() *store.Store) {
		ctx := context.Background()
		start := mustLoad(t, s, 600)
		if err := s.SaveConversation(ctx, start); err != nil {
			t.Fatal(err)
		}

		t.Run("AcrossTheHour", func(t *testing.T) {
			c.Set(time.Date(2026, 12, 1, 9, 59, 0, 0, time.UTC))
			a, b := mustLoad(t, s, 600), mustLoad(t, s, 600)
			a.State, b.State = karir.StateAskNIP, karir.StateIdle
			c.Set(time.Date(2026, 12, 1, 9, 59, 59, 0, time.UTC)) // the hour of 9 only
			if err := s.SaveConversation(ctx, a); err != nil {
				t.Fatal(err)
			}
			c.Set(time.Date(2026, 12, 1, 10, 0, 1, 0, time.UTC)) // the hours of 9 and 10
			if err := s.SaveConversation(ctx, b); !errors.Is(err, karir.ErrConflict) {
				t.Fatalf("the later save of the same version = %v, want ErrConflict", err)
			}
		})

		t.Run("WinnerOnlyInTheNewerHour", func(t *testing.T) {
			c.Set(time.Date(2026, 12, 1, 10, 14, 0, 0, time.UTC))
			a, b := mustLoad(t, s, 600), mustLoad(t, s, 600)
			a.State, b.State = karir.StateIdle, karir.StateChoice
			c.Set(time.Date(2026, 12, 1, 10, 15, 1, 0, time.UTC)) // the hour of 10 only
			if err := s.SaveConversation(ctx, b); err != nil {
				t.Fatal(err)
			}
			c.Set(time.Date(2026, 12, 1, 10, 14, 59, 0, time.UTC)) // 9 first (lands), then 10
			if err := s.SaveConversation(ctx, a); !errors.Is(err, karir.ErrConflict) {
				t.Fatalf("the loser = %v, want ErrConflict", err)
			}
			c.Set(time.Date(2026, 12, 1, 10, 16, 0, 0, time.UTC))
			if got := mustLoad(t, s, 600); got.State != karir.StateChoice {
				t.Fatalf("loaded state %s, want the winner's %s", got.State, karir.StateChoice)
			}
			s = reopen() // the embedded store reads the log again
			if got := mustLoad(t, s, 600); got.State != karir.StateChoice {
				t.Fatalf("after a restart: state %s, want the winner's %s", got.State, karir.StateChoice)
			}
		})

		t.Run("AfterTheLogWent", func(t *testing.T) {
			stale := mustLoad(t, s, 600)
			fresh := mustLoad(t, s, 600)
			fresh.State = karir.StateSummary
			if err := s.SaveConversation(ctx, fresh); err != nil {
				t.Fatal(err)
			}
			c.Advance(2 * time.Hour)
			mustMaintain(t, s)
			if logs := collectionsLike(t, s, "commits_"); len(logs) != 0 {
				t.Fatalf("commit logs two hours on: %v", logs)
			}
			stale.State = karir.StateReason
			if err := s.SaveConversation(ctx, stale); !errors.Is(err, karir.ErrConflict) {
				t.Fatalf("a save of a version two hours old = %v, want ErrConflict", err)
			}
			if got := mustLoad(t, s, 600); got.State != karir.StateSummary {
				t.Fatalf("state %s, want %s", got.State, karir.StateSummary)
			}
		})

		t.Run("HeldTooLong", func(t *testing.T) {
			held := mustLoad(t, s, 600)
			c.Advance(11 * time.Minute)
			if err := s.SaveConversation(ctx, held); !errors.Is(err, karir.ErrConflict) {
				t.Fatalf("a save eleven minutes after the load = %v, want ErrConflict", err)
			}
			again := mustLoad(t, s, 600)
			if err := s.SaveConversation(ctx, again); err != nil {
				t.Fatalf("the save after loading again: %v", err)
			}
		})

		t.Run("FirstVersionAfterTheLogWent", func(t *testing.T) {
			nip := "198001012005011009"
			if err := s.SaveSubmission(ctx, &karir.Submission{Round: "r", NIP: nip, Ref: "first"}); err != nil {
				t.Fatal(err)
			}
			c.Advance(2 * time.Hour)
			mustMaintain(t, s)
			// A writer that found no submission long ago files one now.
			if err := s.SaveSubmission(ctx, &karir.Submission{Round: "r", NIP: nip, Ref: "second"}); !errors.Is(err, karir.ErrConflict) {
				t.Fatalf("a second first version = %v, want ErrConflict", err)
			}
			if got, err := s.Submission(ctx, "r", nip); err != nil || got.Ref != "first" {
				t.Fatalf("submission %+v, %v; want the first", got, err)
			}
		})
	})
}

// The outbox's pending collection holds what is pending only; keys are
// remembered for 35 to 70 days.
func TestOutboxKeepsOnlyWhatIsPending(t *testing.T) {
	clockedModes(t, beforeTheHour, func(t *testing.T, c *clock, s *store.Store, reopen func() *store.Store) {
		ctx := context.Background()
		notices := make([]karir.Notice, 30)
		for i := range notices {
			notices[i] = karir.Notice{Key: fmt.Sprintf("remind:%d", i), ChatID: int64(i + 1), Reply: karir.Reply{Text: "ingat"}}
		}
		fresh, err := s.Enqueue(ctx, c.Now(), "", notices)
		if err != nil || len(fresh) != 30 {
			t.Fatalf("enqueue: %d new, %v", len(fresh), err)
		}
		for _, m := range fresh[:25] {
			m.Status, m.SentAt = karir.OutSent, c.Now()
			if err := s.FinishOutgoing(ctx, m); err != nil {
				t.Fatal(err)
			}
		}
		if n, err := s.DB().Collection("outbox_pending").CountDocuments(ctx, bson.D{}); err != nil || n != 5 {
			t.Fatalf("outbox_pending holds %d, %v; want the 5 not sent", n, err)
		}
		pending, err := s.PendingOutgoing(ctx)
		if err != nil || len(pending) != 5 || pending[0].Key != "remind:25" {
			t.Fatalf("pending = %d messages, %v", len(pending), err)
		}
		if m, err := s.Outgoing(ctx, "remind:3"); err != nil || m.Status != karir.OutSent || m.ChatID != 4 {
			t.Fatalf("outcome of a sent message = %+v, %v", m, err)
		}
		// Queued again a month later: refused, sent or not.
		c.Advance(30 * 24 * time.Hour)
		s = reopen()
		if fresh, err := s.Enqueue(ctx, c.Now(), "", notices); err != nil || len(fresh) != 0 {
			t.Fatalf("queued again a month on: %d new, %v; want none", len(fresh), err)
		}
		// Seventy-one days on the keys and outcomes of the first day are
		// gone (a repeat is remembered from the first queuing).
		first := c.Now().Add(-30*24*time.Hour).UnixNano() / int64(35*24*time.Hour)
		c.Advance(41 * 24 * time.Hour)
		mustMaintain(t, s)
		for _, prefix := range []string{"outbox_keys_", "outbox_done_"} {
			for _, name := range collectionsLike(t, s, prefix) {
				if n, _ := strconv.ParseInt(strings.TrimPrefix(name, prefix), 10, 64); n <= first {
					t.Errorf("%s is still there 71 days on", name)
				}
			}
		}
		if fresh, err := s.Enqueue(ctx, c.Now(), "", notices[:1]); err != nil || len(fresh) != 1 {
			t.Fatalf("a key 71 days old: %d new, %v; want it queued", len(fresh), err)
		}
	})
}

// A crash between remembering the keys and storing the messages, or
// between recording an outcome and dropping the message, loses nothing and
// sends nothing twice.
func TestOutboxRepairsAfterACrash(t *testing.T) {
	clockedModes(t, beforeTheHour, func(t *testing.T, c *clock, s *store.Store, reopen func() *store.Store) {
		ctx := context.Background()
		if _, err := s.Enqueue(ctx, c.Now(), "", []karir.Notice{{Key: "sent-before", ChatID: 1, Reply: karir.Reply{Text: "a"}}}); err != nil {
			t.Fatal(err)
		}
		if err := s.FinishOutgoing(ctx, karir.Outgoing{Key: "sent-before", ChatID: 1, Status: karir.OutSent}); err != nil {
			t.Fatal(err)
		}
		// The crash: an intent whose keys were remembered (one of them
		// by an earlier queuing), and a message whose outcome is recorded
		// but which is still pending.
		keys := fmt.Sprintf("outbox_keys_%d", c.Now().UnixNano()/int64(35*24*time.Hour))
		msg := func(key string) bson.D {
			return bson.D{{Key: "_id", Value: key}, {Key: "chat_id", Value: int64(2)}, {Key: "status", Value: karir.OutPending},
				{Key: "reply", Value: bson.D{{Key: "text", Value: "pesan " + key}}}, {Key: "not_before", Value: c.Now()}}
		}
		intent := fmt.Sprintf("outbox_intent_%d_tok", c.Now().UnixNano())
		for _, doc := range []struct {
			coll string
			doc  bson.D
		}{
			{intent, msg("lost-in-a-crash")},
			{intent, msg("sent-before")},
			{keys, bson.D{{Key: "_id", Value: "lost-in-a-crash"}, {Key: "token", Value: "tok"}, {Key: "at", Value: c.Now()}}},
			// Claimed for its try, as every message that was sent is.
			{"outbox_pending", append(msg("sent-before"), bson.E{Key: "claims", Value: int64(1)})},
		} {
			if _, err := s.DB().Collection(doc.coll).InsertOne(ctx, doc.doc); err != nil {
				t.Fatal(err)
			}
		}
		s = reopen()
		c.Advance(time.Minute) // a queuing may still be under way
		if pending, err := s.PendingOutgoing(ctx); err != nil || len(pending) != 0 {
			t.Fatalf("pending a minute on = %+v, %v; want none (the intent is young, the other message sent)", pending, err)
		}
		c.Advance(2 * time.Minute)
		pending, err := s.PendingOutgoing(ctx)
		if err != nil || len(pending) != 1 || pending[0].Key != "lost-in-a-crash" || pending[0].Reply.Text != "pesan lost-in-a-crash" {
			t.Fatalf("pending = %+v, %v; want the message of the interrupted queuing", pending, err)
		}
		if left := collectionsLike(t, s, "outbox_intent"); len(left) != 0 {
			t.Errorf("intents left: %v", left)
		}
	})
}

// The hour's commit log is made before the first save of a bot that takes
// updates (PrepareCommitLog), and the next hour's near the end of an hour
// the log is written in, so no save makes a collection (and, embedded, its
// _id indexes) while the saves of the moment wait. A store nobody writes
// gets none. On a database server collections come with their first
// insert, cheaply: there the preparing is left to the server.
func TestCommitLogIsPreparedAhead(t *testing.T) {
	clockedModes(t, beforeTheHour.Add(-20*time.Minute), func(t *testing.T, c *clock, s *store.Store, _ func() *store.Store) {
		if !strings.HasSuffix(t.Name(), "/Embedded") {
			t.Skip("the embedded store's collections only")
		}
		ctx := context.Background()
		mustMaintain(t, s) // 09:30, nothing written
		if logs := collectionsLike(t, s, "commits_"); len(logs) != 0 {
			t.Fatalf("commit logs of a store nobody wrote: %v, want none", logs)
		}
		if err := s.PrepareCommitLog(ctx); err != nil {
			t.Fatal(err)
		}
		if logs := collectionsLike(t, s, "commits_"); len(logs) != 1 {
			t.Fatalf("commit logs after PrepareCommitLog at 09:30: %v, want the hour of 9", logs)
		}
		c.Set(beforeTheHour) // 09:50: ten minutes to go, more than prepareAhead
		mustMaintain(t, s)
		if logs := collectionsLike(t, s, "commits_"); len(logs) != 1 {
			t.Fatalf("commit logs at 09:50: %v, want the hour of 9 only", logs)
		}
		c.Set(beforeTheHour.Add(6 * time.Minute)) // 09:56
		mustMaintain(t, s)
		logs := collectionsLike(t, s, "commits_")
		if len(logs) != 2 {
			t.Fatalf("commit logs at 09:56: %v, want the hours of 9 and 10", logs)
		}
		// The next hour's log, made empty ahead, holds the saves of its hour.
		c.Set(beforeTheHour.Add(30 * time.Minute)) // 10:20
		conv := mustLoad(t, s, 501)
		conv.State = karir.StateAskNIP
		if err := s.SaveConversation(ctx, conv); err != nil {
			t.Fatal(err)
		}
		if got := mustLoad(t, s, 501); got.Version != 1 || got.State != karir.StateAskNIP {
			t.Fatalf("saved in the hour prepared ahead: version %d state %s", got.Version, got.State)
		}
	})
}
