package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"openkarir/karir"
	"openkarir/store"
)

// TestWrongCodesFromManyAccountsAllCount: accounts failing one NIP's code
// at the same moment each count once, and the NIP closes at the limit.
func TestWrongCodesFromManyAccountsAllCount(t *testing.T) {
	modes(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		const nip = "198507222010012005"
		now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
		if a, err := s.CodeAttempts(ctx, nip); err != nil || a.Failures != 0 || !a.ClosedUntil(now).IsZero() {
			t.Fatalf("before any: %+v, %v", a, err)
		}
		var wg sync.WaitGroup
		for range karir.MaxNIPCodeFailures {
			wg.Go(func() {
				if _, err := s.FailCode(ctx, nip, now); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		a, err := s.CodeAttempts(ctx, nip)
		if err != nil || a.Failures != karir.MaxNIPCodeFailures {
			t.Fatalf("after %d at once: %+v, %v", karir.MaxNIPCodeFailures, a, err)
		}
		if until := a.ClosedUntil(now); !until.Equal(now.Add(karir.NIPCodeWindow)) {
			t.Errorf("closed until %v", until)
		}
		// A day later the count starts again.
		later := now.Add(karir.NIPCodeWindow)
		if a, err := s.FailCode(ctx, nip, later); err != nil || a.Failures != 1 || !a.ClosedUntil(later).IsZero() {
			t.Errorf("a day later: %+v, %v", a, err)
		}
	})
}
