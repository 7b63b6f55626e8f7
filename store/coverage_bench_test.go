package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"openkarir/flows"
	"openkarir/store/storetest"
)

// BenchmarkCoverage100k measures what /cakupan reads and computes for a
// roster of 100,000 ASN (30% bound, 20% filed). Run with -benchtime=3x;
// setting up the data takes a minute or two.
func BenchmarkCoverage100k(b *testing.B) {
	const n = 100_000
	s := storetest.Open(b)
	ctx := context.Background()
	now := time.Now()
	emps := make([]flows.Employee, n)
	for i := range emps {
		emps[i] = flows.Employee{NIP: fmt.Sprintf("1980010120050110%05d", i), Name: fmt.Sprintf("ASN %d", i),
			OPDCode: fmt.Sprintf("OPD%02d", i%40), OPDName: "Dinas", Position: "Staf", Eselon: "Staf", Phone: "628120000000"}
	}
	if _, _, err := s.UpsertEmployees(ctx, emps); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < n; i += 10 {
		for j := i; j < i+3; j++ {
			if err := s.Bind(ctx, flows.Binding{NIP: emps[j].NIP, TelegramID: int64(j + 1), BoundAt: now}); err != nil {
				b.Fatal(err)
			}
		}
		for j := i; j < i+2; j++ {
			sub := &flows.Submission{Round: "r", NIP: emps[j].NIP, OPDCode: emps[j].OPDCode, Answers: flows.Answers{Choice: flows.ChoiceStay}}
			if err := s.SaveSubmission(ctx, sub); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ResetTimer()
	for range b.N {
		people, err := flows.Standings(ctx, s, "r", "", nil)
		if err != nil {
			b.Fatal(err)
		}
		c := flows.ComputeCoverage(flows.Round{ID: "r"}, people)
		if c.All.Total != n || c.All.Filed != n/5 {
			b.Fatalf("coverage = %+v", c.All)
		}
	}
}
