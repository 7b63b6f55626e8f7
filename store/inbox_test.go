package store_test

import (
	"context"
	"maps"
	"slices"
	"testing"

	"openkarir/store"
)

// The inbox keeps updates by update_id: parking one again (a crash between
// parking and confirming) is no error and keeps one copy; dropping removes
// only those named.
func TestInboxKeepsEachUpdateOnce(t *testing.T) {
	modes(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if err := s.KeepUpdates(ctx, map[int][]byte{7: []byte(`{"update_id":7}`), 9: []byte(`{"update_id":9}`)}); err != nil {
			t.Fatal(err)
		}
		if err := s.KeepUpdates(ctx, map[int][]byte{9: []byte(`{"update_id":9}`), 12: []byte(`{"update_id":12}`)}); err != nil {
			t.Fatalf("parking an update again: %v", err)
		}
		kept, err := s.KeptUpdates(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if ids := slices.Sorted(maps.Keys(kept)); !slices.Equal(ids, []int{7, 9, 12}) || string(kept[12]) != `{"update_id":12}` {
			t.Fatalf("kept %v (%q)", ids, kept[12])
		}
		if err := s.DropUpdates(ctx, []int{7, 12, 40}); err != nil {
			t.Fatal(err)
		}
		if kept, err = s.KeptUpdates(ctx); err != nil || len(kept) != 1 || kept[9] == nil {
			t.Errorf("after the drop: %d kept, %v", len(kept), err)
		}
	})
}
