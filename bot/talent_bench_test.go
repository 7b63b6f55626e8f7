package bot_test

import (
	"context"
	"io"
	"log/slog"
	"runtime"
	"strings"
	"testing"
	"time"

	"openkarir/flows"
	"openkarir/karir"
	"openkarir/report"
	"openkarir/store"
)

// BenchmarkTalent100k measures /talenta, /kandidat and /suksesi for a city of
// 100,000 ASN with talent data (130,000 records), 20,000 filed, on the
// embedded store: from the command (or button) to the replies handed to
// the sender, through the Router as the bot calls it, conversation load
// and save included, the PNG and the spreadsheet rendered. Run with
// -benchtime=5x; see BENCHMARKS.md.
func BenchmarkTalent100k(b *testing.B) {
	const n = 100_000
	ctx := context.Background()
	dir := b.TempDir()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	loc, _ := time.LoadLocation("Asia/Jakarta")
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, loc)
	const round = "2026-1"
	c := newCity(n, round, now.Add(-48*time.Hour))
	withVacancies(c, now)

	s, err := store.Open(ctx, store.Config{DataDir: dir, Logger: quiet})
	if err != nil {
		b.Fatal(err)
	}
	// Written with plain inserts: the point is the reading.
	insert := func(coll string, docs []any) {
		for i := 0; i < len(docs); i += 5000 {
			if _, err := s.DB().Collection(coll).InsertMany(ctx, docs[i:min(i+5000, len(docs))]); err != nil {
				b.Fatal(err)
			}
		}
	}
	insert("employees", anys(c.emps))
	for i := range c.talent {
		c.talent[i].ID = karir.TalentID(c.talent[i].NIP, c.talent[i].Year)
	}
	insert("talent", anys(c.talent))
	insert("submissions", anys(c.subs))
	positions := map[string][]string{}
	for _, e := range c.emps {
		positions[e.OPDCode] = append(positions[e.OPDCode], e.Position)
	}
	var opds []karir.OPD
	for code, ps := range positions {
		opds = append(opds, karir.OPD{Code: code, Name: "Dinas " + code[3:], Positions: ps})
	}
	if _, err := s.UpsertOPDs(ctx, opds); err != nil {
		b.Fatal(err)
	}
	if err := s.Close(ctx); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	s, err = store.Open(ctx, store.Config{DataDir: dir, Logger: quiet})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close(ctx)
	// The lists in memory, as a bot that has run for a while has them.
	if err := s.Warm(ctx); err != nil {
		b.Fatal(err)
	}
	opened := time.Since(start)

	rounds, err := flows.NewStoredRounds(ctx, s, round, now.AddDate(0, 0, 7), now)
	if err != nil {
		b.Fatal(err)
	}
	const admin = 1
	router := flows.New(flows.Deps{Store: s, Rounds: rounds, Reports: report.Renderer{}, Supers: []int64{admin},
		Location: loc, Now: func() time.Time { return now }})
	update := 0
	handle := func(b *testing.B, in flows.Input) flows.Result {
		update++
		in.UpdateID, in.UserID, in.ChatID, in.Private = update, admin, admin, true
		res, err := router.Handle(ctx, in)
		if err != nil || len(res.Replies) == 0 {
			b.Fatalf("%+v: %v, %d replies", in, err, len(res.Replies))
		}
		return res
	}
	// The most asked-for post's button, as /kandidat shows it.
	list := handle(b, flows.Input{Command: "kandidat"})
	post := strings.TrimPrefix(list.Replies[0].Buttons[0][0].Data, "x:kandidat:v:")
	head, _, _ := strings.Cut(strings.SplitN(list.Replies[0].Text, "\n", 2)[1], ".")
	b.Logf("%s; the first: %s", head, list.Replies[0].Buttons[0][0].Text)
	press := func(data string) flows.Input {
		return flows.Input{Callback: &flows.Callback{Data: "x:kandidat:" + data, MessageID: 7}}
	}
	for _, in := range []flows.Input{press("s:" + post), {Command: "suksesi"}} {
		text := handle(b, in).Replies[0].Text
		b.Logf("%s", strings.Join(strings.SplitN(text, "\n", 6)[:5], " | "))
	}
	for _, bc := range []struct {
		name  string
		in    flows.Input
		check func(flows.Result) bool
	}{
		{"Talenta", flows.Input{Command: "talenta"}, func(r flows.Result) bool { return r.Replies[len(r.Replies)-1].Photo != nil }},
		{"TalentaOPD", flows.Input{Command: "talenta", Args: "OPD07"}, func(r flows.Result) bool { return r.Replies[len(r.Replies)-1].Photo != nil }},
		{"Kandidat", flows.Input{Command: "kandidat"}, func(r flows.Result) bool { return len(r.Replies[0].Buttons) == 9 }},
		{"KandidatSearch", flows.Input{Command: "kandidat", Args: "kepala bidang"}, func(r flows.Result) bool { return len(r.Replies[0].Buttons) > 0 }},
		{"KandidatPost", press("v:" + post), func(r flows.Result) bool { return strings.Contains(r.Replies[0].Text, "Kandidat:") }},
		{"KandidatPostPage2", press("p:" + post + ":1"), func(r flows.Result) bool { return r.Replies[0].EditMessageID == 7 }},
		{"KandidatXLSX", press("x:" + post), func(r flows.Result) bool { return r.Replies[0].Document != nil }},
		{"KandidatMap", press("g:" + post), func(r flows.Result) bool { return r.Replies[0].Photo != nil }},
		{"SuksesiPost", press("s:" + post), func(r flows.Result) bool { return strings.Contains(r.Replies[0].Text, "Kelompok suksesi") }},
		{"Suksesi", flows.Input{Command: "suksesi"}, func(r flows.Result) bool { return strings.Contains(r.Replies[0].Text, "Rencana suksesi") }},
		{"SuksesiOPD", flows.Input{Command: "suksesi", Args: "OPD07"}, func(r flows.Result) bool {
			return strings.Contains(r.Replies[0].Text, "Rencana suksesi") || strings.Contains(r.Replies[0].Text, "perlu diisi")
		}},
		{"SuksesiXLSX", flows.Input{Callback: &flows.Callback{Data: flows.ButtonData("suksesi", "x:"), MessageID: 7}},
			func(r flows.Result) bool { return r.Replies[0].Document != nil }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			// The setup's garbage is not this command's.
			runtime.GC()
			cpu0 := processCPU()
			b.ResetTimer()
			for range b.N {
				if res := handle(b, bc.in); !bc.check(res) {
					b.Fatalf("unexpected answer: %+v", res.Replies[0].Text)
				}
			}
			// CPU time of the whole process (store and collector included)
			// per command: steadier than the wall time on shared cores.
			b.ReportMetric(float64((processCPU()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
		})
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.Logf("opening the store (preloading it): %v; heap in use after: %d MB", opened, ms.HeapInuse>>20)
}

// withVacancies gives /suksesi posts to fill, as a city has them: a third
// of the heads of agency, division and section retire within the horizon
// (born so that they reach 60 or 58 in early 2027), and one move in 40 is
// approved, which frees a seat of the mover's post (mostly a pelaksana's,
// whose pool is the city's staff in boxes 7-9). Without them every post of
// the generated city is held and /suksesi had no pool to build.
func withVacancies(c *city, now time.Time) {
	approved := map[string]bool{}
	moves := 0
	for i := range c.subs {
		s := &c.subs[i]
		if s.Answers.Choice != karir.ChoiceMove {
			continue
		}
		if moves++; moves%40 == 0 {
			s.Stage = karir.StepApproved
			s.Milestones = append(s.Milestones, karir.Milestone{Step: karir.StepApproved, At: now.Add(-time.Hour), ActorName: "Wali Kota"})
			approved[s.NIP] = true
		}
	}
	for i := range c.emps {
		e := &c.emps[i]
		if e.Eselon == "Staf" || i%3 != 0 || approved[e.NIP] {
			continue
		}
		e.BirthDate = time.Date(1969, 2, 10, 0, 0, 0, 0, time.UTC) // 58 in February 2027
		if e.Eselon == "II" {
			e.BirthDate = time.Date(1967, 3, 10, 0, 0, 0, 0, time.UTC) // 60 in March 2027
		}
	}
}

func anys[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}
