package store_test

import (
	"context"
	"testing"
	"time"

	"openkarir/karir"

	"openkarir/store"
)

// A try of a pending message is claimed in the outbox: a second claim
// while it is under way is refused and says when to ask again, a retry is
// claimable at its time with its attempts kept, and a message finished is
// claimable no more. On the embedded store a claim of an earlier opening
// (a process that is gone) is void; on a server it holds until it ends.
func TestOutboxClaimsEachTryOnce(t *testing.T) {
	clockedModes(t, beforeTheHour, func(t *testing.T, c *clock, s *store.Store, reopen func() *store.Store) {
		ctx := context.Background()
		const ttl = time.Minute
		if _, err := s.Enqueue(ctx, c.Now(), "", []karir.Notice{{Key: "k", ChatID: 1, Reply: karir.Reply{Text: "hai"}}}); err != nil {
			t.Fatal(err)
		}
		m, ok, err := s.ClaimOutgoing(ctx, "k", c.Now(), ttl)
		if err != nil || !ok || m.Reply.Text != "hai" {
			t.Fatalf("first claim = %+v, %v, %v", m, ok, err)
		}
		if again, ok, err := s.ClaimOutgoing(ctx, "k", c.Now(), ttl); err != nil || ok || !again.NotBefore.Equal(c.Now().Add(ttl)) {
			t.Fatalf("a claim during the try = %+v, %v, %v; want refused until the claim ends", again, ok, err)
		}
		m.Attempts, m.NotBefore, m.LastError = 1, c.Now().Add(2*time.Second), "502"
		if err := s.FinishOutgoing(ctx, *m); err != nil {
			t.Fatal(err)
		}
		if early, ok, err := s.ClaimOutgoing(ctx, "k", c.Now(), ttl); err != nil || ok || !early.NotBefore.Equal(m.NotBefore) {
			t.Fatalf("a claim before the retry is due = %+v, %v, %v", early, ok, err)
		}
		c.Advance(2 * time.Second)
		retry, ok, err := s.ClaimOutgoing(ctx, "k", c.Now(), ttl)
		if err != nil || !ok || retry.Attempts != 1 || retry.LastError != "502" {
			t.Fatalf("the retry's claim = %+v, %v, %v", retry, ok, err)
		}
		s = reopen()
		embedded := t.Name() == "TestOutboxClaimsEachTryOnce/Embedded"
		if _, ok, err := s.ClaimOutgoing(ctx, "k", c.Now(), ttl); err != nil || ok != embedded {
			t.Fatalf("a claim after a restart = %v, %v; want it claimed on the embedded store only", ok, err)
		}
		c.Advance(ttl)
		if _, ok, err := s.ClaimOutgoing(ctx, "k", c.Now(), ttl); err != nil || !ok {
			t.Fatalf("a claim once the last one ended = %v, %v", ok, err)
		}
		retry.Status = karir.OutSent
		if err := s.FinishOutgoing(ctx, *retry); err != nil {
			t.Fatal(err)
		}
		c.Advance(ttl)
		if gone, ok, err := s.ClaimOutgoing(ctx, "k", c.Now(), ttl); err != nil || ok || gone != nil {
			t.Fatalf("a claim of a message sent = %+v, %v, %v; want nil", gone, ok, err)
		}
	})
}
