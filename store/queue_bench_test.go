package store_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"openkarir/karir"

	"openkarir/store"
)

// BenchmarkReviewQueue10k measures what /antrean, a card's "next" and the
// admins' digest read and compute with 10,000 ASN of whom 6,000 have a
// form waiting for an admin (and 1,000 more decided): the waiting forms
// from the store, then the queue built and sorted in Go. Run with
// -benchtime=20x; see BENCHMARKS.md.
func BenchmarkReviewQueue10k(b *testing.B) {
	const n = 10_000
	ctx := context.Background()
	dir := b.TempDir()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	s, err := store.Open(ctx, store.Config{DataDir: dir, Logger: quiet})
	if err != nil {
		b.Fatal(err)
	}
	now := time.Now()
	steps := [][]karir.Step{
		{karir.StepSubmitted}, {karir.StepSubmitted}, {karir.StepSubmitted},
		{karir.StepSubmitted, karir.StepReturned, karir.StepSubmitted},
		{karir.StepSubmitted, karir.StepVerified},
		{karir.StepSubmitted, karir.StepVerified, karir.StepBaperjakat},
		{karir.StepSubmitted, karir.StepVerified, karir.StepBaperjakat, karir.StepDeclined},
	}
	var subs []any
	for i := range n {
		if i%10 >= len(steps) {
			continue
		}
		nip := fmt.Sprintf("1980010120050110%05d", i)
		sub := karir.Submission{ID: "r:" + nip, Round: "r", NIP: nip, Ref: fmt.Sprintf("OK-%06d", i), OPDCode: fmt.Sprintf("OPD%02d", (i/10)%40),
			Answers: karir.Answers{Choice: karir.ChoiceStay, Reason: "alasan", Target: "target 1", TermMonths: 6}}
		for j, st := range steps[i%10] {
			sub.Milestones = append(sub.Milestones, karir.Milestone{Step: st, At: now.Add(time.Duration(i*10+j) * time.Second), ActorName: "admin"})
		}
		sub.Stage = sub.Milestones[len(sub.Milestones)-1].Step
		subs = append(subs, sub)
	}
	if _, err := s.DB().Collection("submissions").InsertMany(ctx, subs); err != nil {
		b.Fatal(err)
	}
	if err := s.Close(ctx); err != nil {
		b.Fatal(err)
	}
	if s, err = store.Open(ctx, store.Config{DataDir: dir, Logger: quiet}); err != nil {
		b.Fatal(err)
	}
	defer s.Close(ctx)
	if err := s.Warm(ctx); err != nil { // the queue from memory
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		waiting, err := s.SubmissionsAt(ctx, "r", karir.QueueSteps())
		if err != nil {
			b.Fatal(err)
		}
		q := karir.BuildQueue(waiting, "", now, time.UTC)
		if q.Total() != 6000 || q.Counts["p"] != 1000 || len(q.Of("k")) != 1000 {
			b.Fatalf("queue: %d waiting, %v", q.Total(), q.Counts)
		}
	}
}
