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

// BenchmarkWarmUp10k is the read of a city's roster into memory at the
// bot's start (10,000 employees, 3,000 bound, 2,000 filed), which the bot
// waits for, up to 5 s, before it takes updates (cmd/openkarir waitWarm).
func BenchmarkWarmUp10k(b *testing.B) {
	ctx := context.Background()
	var warm time.Duration
	for range b.N {
		s, _, warmed := openFilled(b, 10_000)
		warm += warmed
		_ = s.Close(ctx)
	}
	b.ReportMetric(warm.Seconds()/float64(b.N), "s-to-warm")
}

// openFilled writes n employees (30% bound, 20% filed) with plain inserts, then opens the embedded store again and
// returns it warm, with the time it took to open and to warm.
func openFilled(b *testing.B, n int) (*store.Store, time.Duration, time.Duration) {
	b.Helper()
	ctx := context.Background()
	dir := b.TempDir()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	s, err := store.Open(ctx, store.Config{DataDir: dir, Logger: quiet})
	if err != nil {
		b.Fatal(err)
	}
	now := time.Now()
	// Written with plain inserts: the point is the reading.
	var emps, binds, subs []any
	for i := range n {
		nip := fmt.Sprintf("1980010120050110%05d", i)
		emps = append(emps, karir.Employee{NIP: nip, Name: fmt.Sprintf("ASN %d", i), OPDCode: fmt.Sprintf("OPD%02d", i%40),
			OPDName: "Dinas", Position: "Staf", Eselon: "Staf", Phone: "628120000000", UpdatedAt: now})
		if i%10 < 3 {
			binds = append(binds, karir.Binding{NIP: nip, TelegramID: int64(i + 1), BoundAt: now})
		}
		if i%10 < 2 {
			subs = append(subs, karir.Submission{ID: "r:" + nip, Round: "r", NIP: nip, Answers: karir.Answers{Choice: karir.ChoiceStay, Reason: "alasan", Target: "target 1", TermMonths: 6}})
		}
	}
	for coll, docs := range map[string][]any{"employees": emps, "bindings": binds, "submissions": subs} {
		for i := 0; i < len(docs); i += 5000 {
			if _, err := s.DB().Collection(coll).InsertMany(ctx, docs[i:min(i+5000, len(docs))]); err != nil {
				b.Fatal(err)
			}
		}
	}
	// The embedded store reads everything into memory when it opens.
	if err := s.Close(ctx); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	s, err = store.Open(ctx, store.Config{DataDir: dir, Logger: quiet})
	if err != nil {
		b.Fatal(err)
	}
	opened := time.Since(start)
	// The lists in memory, as a bot that has run for a while has them.
	if err := s.Warm(ctx); err != nil {
		b.Fatal(err)
	}
	warmed := time.Since(start)
	return s, opened, warmed
}

// BenchmarkCoverage100k measures what /cakupan reads and computes for a
// roster of 100,000 ASN (30% bound, 20% filed): one read of each collection
// and the tally in Go. Run with -benchtime=3x; see BENCHMARKS.md.
func BenchmarkCoverage100k(b *testing.B) {
	const n = 100_000
	ctx := context.Background()
	s, opened, warmed := openFilled(b, n)
	defer s.Close(ctx)
	b.ResetTimer()
	for range b.N {
		people, err := karir.Standings(ctx, s, "r", "", nil)
		if err != nil {
			b.Fatal(err)
		}
		c := karir.ComputeCoverage(karir.Round{ID: "r"}, people)
		if c.All.Total != n || c.All.Filed != n/5 || c.All.BoundNotFiled != n/10 {
			b.Fatalf("coverage = %+v", c.All)
		}
	}
	b.ReportMetric(opened.Seconds(), "s-to-open")
	b.ReportMetric(warmed.Seconds(), "s-to-warm")
}
