package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"openkarir/karir"

	"openkarir/store"
)

// Saves that arrive together are inserted together; a lost race in the
// same insert fails only its own save.
func TestConcurrentSavesWithRacesAmongThem(t *testing.T) {
	modes(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		const users, racers = 60, 3 // every tenth user is saved by three writers at once
		type save struct {
			user int64
			conv *karir.Conversation
			err  error
		}
		var saves []*save
		for u := range int64(users) {
			n := 1
			if u%10 == 0 {
				n = racers
			}
			for i := range n {
				c := mustLoad(t, s, 500+u)
				c.State, c.LastUpdateID = karir.StateAskNIP, int(u)*10+i
				saves = append(saves, &save{user: 500 + u, conv: c})
			}
		}
		start := make(chan struct{})
		var wg sync.WaitGroup
		for _, sv := range saves {
			wg.Go(func() {
				<-start
				sv.err = s.SaveConversation(ctx, sv.conv)
			})
		}
		close(start)
		wg.Wait()

		winners := map[int64]*save{}
		for _, sv := range saves {
			switch {
			case sv.err == nil && winners[sv.user] != nil:
				t.Errorf("user %d: two saves of version 1 both won", sv.user)
			case sv.err == nil:
				winners[sv.user] = sv
			case !errors.Is(sv.err, karir.ErrConflict):
				t.Errorf("user %d: save = %v, want nil or ErrConflict", sv.user, sv.err)
			}
		}
		for u := range int64(users) {
			w := winners[500+u]
			if w == nil {
				t.Errorf("user %d: no save won", 500+u)
				continue
			}
			got := mustLoad(t, s, 500+u)
			if got.Version != 1 || got.LastUpdateID != w.conv.LastUpdateID {
				t.Errorf("user %d: stored version %d update %d, want 1 and the winner's %d",
					500+u, got.Version, got.LastUpdateID, w.conv.LastUpdateID)
			}
		}
	})
}

// A save once the store has closed fails instead of hanging.
func TestSaveAfterCloseFails(t *testing.T) {
	s := mustOpenDir(t, t.TempDir())
	mustClose(t, s)
	c := &karir.Conversation{UserID: 1, State: karir.StateAskNIP}
	if err := s.SaveConversation(context.Background(), c); err == nil {
		t.Fatal("save after close succeeded")
	}
}

// BenchmarkSaveConversations saves conversations from many goroutines at
// once, as the bot's workers do: their commits share inserts.
func BenchmarkSaveConversations(b *testing.B) {
	s := mustOpenDir(b, b.TempDir())
	b.Cleanup(func() { mustClose(b, s) }) // after the timer: close writes behind
	ctx := context.Background()
	var next sync.Mutex
	user := int64(0)
	b.SetParallelism(8) // 16 savers on 2 cores, as 16 busy workers make
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			next.Lock()
			user++
			id := user
			next.Unlock()
			c := &karir.Conversation{UserID: id, State: karir.StateAskNIP}
			if err := s.SaveConversation(ctx, c); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// Bindings that arrive together are inserted together (committer.insertOne);
// a NIP raced by several accounts in the same insert has one winner, and
// the other NIPs of that insert stand.
func TestConcurrentBindsWithRacesAmongThem(t *testing.T) {
	modes(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		const nips, racers = 50, 3 // every tenth NIP is claimed by three accounts at once
		type bind struct {
			nip     string
			account int64
			err     error
		}
		var binds []*bind
		for n := range nips {
			nip := fmt.Sprintf("1980010120050110%02d", n)
			k := 1
			if n%10 == 0 {
				k = racers
			}
			for i := range k {
				binds = append(binds, &bind{nip: nip, account: int64(7000 + n*10 + i)})
			}
		}
		start := make(chan struct{})
		var wg sync.WaitGroup
		for _, b := range binds {
			wg.Go(func() {
				<-start
				b.err = s.Bind(ctx, karir.Binding{NIP: b.nip, TelegramID: b.account, Method: "code", BoundAt: time.Now()})
			})
		}
		close(start)
		wg.Wait()
		winners := map[string]int64{}
		for _, b := range binds {
			switch {
			case b.err == nil && winners[b.nip] != 0:
				t.Errorf("NIP %s: accounts %d and %d both won", b.nip, winners[b.nip], b.account)
			case b.err == nil:
				winners[b.nip] = b.account
			case !errors.Is(b.err, karir.ErrAlreadyBound):
				t.Errorf("NIP %s, account %d: bind = %v, want nil or ErrAlreadyBound", b.nip, b.account, b.err)
			}
		}
		for n := range nips {
			nip := fmt.Sprintf("1980010120050110%02d", n)
			got, err := s.Binding(ctx, nip)
			if err != nil || winners[nip] == 0 || got.TelegramID != winners[nip] {
				t.Errorf("NIP %s: stored %+v, %v; want the winner %d", nip, got, err, winners[nip])
			}
		}
	})
}

// First forms saved together: each one's commit and main document go in
// one round of the committer (insertThen), and where two writers race for
// a form's first version only the winner's commit and main document stand,
// also after a reopen reads the main documents alone.
func TestConcurrentFirstFormsWithRacesAmongThem(t *testing.T) {
	dir := t.TempDir()
	s := mustOpenDir(t, dir)
	ctx := context.Background()
	if err := s.Warm(ctx); err != nil { // the cache knows the forms are new
		t.Fatal(err)
	}
	const forms, racers = 40, 3 // every tenth form is filed by three writers at once
	type save struct {
		nip, reason string
		err         error
	}
	var saves []*save
	for n := range forms {
		k := 1
		if n%10 == 0 {
			k = racers
		}
		for i := range k {
			saves = append(saves, &save{nip: fmt.Sprintf("1980010120050110%02d", n), reason: fmt.Sprintf("alasan %d-%d", n, i)})
		}
	}
	start := make(chan struct{})
	var wg sync.WaitGroup
	for _, sv := range saves {
		wg.Go(func() {
			<-start
			sub := &karir.Submission{Round: "r", NIP: sv.nip, Ref: "R", Answers: karir.Answers{Choice: karir.ChoiceStay, Reason: sv.reason}}
			sv.err = s.SaveSubmission(ctx, sub)
		})
	}
	close(start)
	wg.Wait()
	winners := map[string]string{}
	for _, sv := range saves {
		switch {
		case sv.err == nil && winners[sv.nip] != "":
			t.Errorf("NIP %s: two first versions won", sv.nip)
		case sv.err == nil:
			winners[sv.nip] = sv.reason
		case !errors.Is(sv.err, karir.ErrConflict):
			t.Errorf("NIP %s: save = %v, want nil or ErrConflict", sv.nip, sv.err)
		}
	}
	check := func(s *store.Store, when string) {
		for n := range forms {
			nip := fmt.Sprintf("1980010120050110%02d", n)
			got, err := s.Submission(ctx, "r", nip)
			if err != nil || got.Version != 1 || got.Answers.Reason != winners[nip] {
				t.Errorf("%s: NIP %s stored %+v, %v; want version 1 with the winner's %q", when, nip, got, err, winners[nip])
			}
		}
	}
	check(s, "after the saves")
	mustClose(t, s)
	// A cold store reads the main documents (and the log): the winner's.
	s, err := store.Open(ctx, store.Config{DataDir: dir, Logger: quiet, NoWarmUp: true})
	if err != nil {
		t.Fatal(err)
	}
	defer mustClose(t, s)
	// First the list, which reads the main documents alone (a load rolls a
	// missing one forward from the log, and writes it).
	subs, err := s.ListSubmissions(ctx, "r")
	if err != nil || len(subs) != forms {
		t.Fatalf("listed %d forms from the main documents, %v; want %d", len(subs), err, forms)
	}
	for _, sub := range subs {
		if sub.Answers.Reason != winners[sub.NIP] {
			t.Errorf("main document of %s says %q, want the winner's %q", sub.NIP, sub.Answers.Reason, winners[sub.NIP])
		}
	}
	check(s, "after a reopen")
}
