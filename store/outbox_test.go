package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"openkarir/karir"

	"openkarir/store/storetest"
)

func TestOutboxKeepsKeyboardsAndQueuesAKeyOnce(t *testing.T) {
	s := storetest.Open(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	reply := karir.Reply{Text: "hai", Buttons: [][]karir.Button{{{Text: "A", Data: "a"}, {Text: "B", Data: "b"}}, {{Text: "C", Data: "c"}}}}
	n := karir.Notice{Key: "k1", ChatID: 5, Reply: reply}
	fresh, err := s.Enqueue(ctx, now, "batch1", []karir.Notice{n})
	if err != nil || len(fresh) != 1 {
		t.Fatalf("enqueue = %v, %v", fresh, err)
	}
	fresh, err = s.Enqueue(ctx, now, "batch1", []karir.Notice{n, {Key: "k2", ChatID: 6, Reply: karir.Reply{Text: "x"}}})
	if err != nil || len(fresh) != 1 || fresh[0].Key != "k2" {
		t.Fatalf("second enqueue = %v, %v", fresh, err)
	}
	pending, err := s.PendingOutgoing(ctx)
	if err != nil || len(pending) != 2 {
		t.Fatalf("pending = %v, %v", pending, err)
	}
	got, err := s.Outgoing(ctx, "k1")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Reply, reply) || got.Batch != "batch1" || got.Status != karir.OutPending || got.ChatID != 5 {
		t.Errorf("stored message = %+v", got)
	}
	got.Status, got.SentAt = karir.OutSent, now
	if err := s.FinishOutgoing(ctx, *got); err != nil {
		t.Fatal(err)
	}
	if pending, _ = s.PendingOutgoing(ctx); len(pending) != 1 || pending[0].Key != "k2" {
		t.Errorf("pending after sending k1 = %v", pending)
	}
}

func TestBatchTally(t *testing.T) {
	s := storetest.Open(t)
	ctx := context.Background()
	now := time.Now()
	if err := s.CreateBatch(ctx, karir.Batch{ID: "b", Kind: "siaran", AdminChat: 1, Total: 3}); err != nil {
		t.Fatal(err)
	}
	for i, st := range []string{karir.OutSent, karir.OutUnreachable, karir.OutFailed} {
		b, err := s.TallyBatch(ctx, "b", st, now)
		if err != nil {
			t.Fatal(err)
		}
		if done := i == 2; done == b.DoneAt.IsZero() {
			t.Errorf("after %d tallies DoneAt = %v", i+1, b.DoneAt)
		}
	}
}
