package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"

	"openkarir/store"

	_ "modernc.org/sqlite" // to read the data folder's free pages
)

// BenchmarkYear runs a year of a city on the embedded store, on a clock
// the benchmark moves: 10,000 ASN with 40 updates each (a filing session
// of 12 in the first month, then six monthly check-ins of 4 and four
// /status), 11 saves of each form (filed, four review steps, six
// check-ins), a year of lease renewals (the sender's every 10 s, the
// scheduler's every minute), and 20 reminder waves of 10,000 messages,
// each sent and recorded. The store's maintenance runs every simulated
// hour of activity. It reports what the store holds after the year, the
// size of its data folder, how long it takes to open (and to have read
// what the lists need into memory), and how long the sender's scan of the
// pending messages takes with 100 of them pending after 200,000 sent. Run
// with -benchtime=1x -timeout 3h; see BENCHMARKS.md. YEAR_USERS sets a
// smaller city, to profile the benchmark itself.
func BenchmarkYear(b *testing.B) {
	for range b.N {
		runYear(b)
	}
}

type yearEvent struct {
	at   time.Time
	user int
	kind int // evConv, evSub, evWave
	n    int // which update, save or wave
}

const (
	evConv = iota
	evSub
	evWave
)

func runYear(b *testing.B) {
	users := 10_000
	if n, err := strconv.Atoi(os.Getenv("YEAR_USERS")); err == nil && n > 0 {
		users = n // a smaller city, to profile the benchmark itself
	}
	ctx := context.Background()
	dir := b.TempDir()
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC) // 07:00 WIB
	clk := newClock(start)
	open := func() *store.Store {
		s, err := store.Open(ctx, store.Config{DataDir: dir, Logger: quiet, Now: clk.Now})
		if err != nil {
			b.Fatal(err)
		}
		return s
	}
	s := open()
	rng := rand.New(rand.NewPCG(1, 2))
	nip := func(i int) string {
		birth := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/1000)
		return fmt.Sprintf("%s199803%d%03d", birth.Format("20060102"), 1+i%2, i%1000)
	}
	emps := make([]karir.Employee, users)
	for i := range emps {
		emps[i] = karir.Employee{NIP: nip(i), Name: fmt.Sprintf("ASN %d", i), OPDCode: fmt.Sprintf("OPD%02d", i%40),
			OPDName: "Dinas", Position: "Analis", Eselon: "IV", Phone: fmt.Sprintf("62812%08d", i)}
	}
	if _, _, err := s.UpsertEmployees(ctx, emps); err != nil {
		b.Fatal(err)
	}
	for i := range users {
		if err := s.Bind(ctx, karir.Binding{NIP: nip(i), TelegramID: int64(100_000 + i), Method: "code", BoundAt: start}); err != nil {
			b.Fatal(err)
		}
	}

	// Working hours, 07:00-20:00 WIB (00:00-13:00 UTC).
	at := func(day int) time.Time {
		return start.AddDate(0, 0, day).Add(time.Duration(rng.IntN(13*3600)) * time.Second)
	}
	var events []yearEvent
	for u := range users {
		filed := at(rng.IntN(30))
		for n := range 12 {
			events = append(events, yearEvent{at: filed.Add(time.Duration(n) * 30 * time.Second), user: u, kind: evConv, n: n})
		}
		events = append(events, yearEvent{at: filed.Add(6 * time.Minute), user: u, kind: evSub, n: 0})
		for step := range 4 { // verified, Baperjakat, decision, target active
			events = append(events, yearEvent{at: at(35 + 10*step + rng.IntN(10)), user: u, kind: evSub, n: 1 + step})
		}
		for m := range 6 { // a monthly check-in: /lapor, percent, note, skip
			day := at(90 + 30*m + rng.IntN(20))
			for n := range 4 {
				events = append(events, yearEvent{at: day.Add(time.Duration(n) * 40 * time.Second), user: u, kind: evConv, n: 12 + 4*m + n})
			}
			events = append(events, yearEvent{at: day.Add(3 * time.Minute), user: u, kind: evSub, n: 5 + m})
		}
		for n := range 4 { // /status now and then
			events = append(events, yearEvent{at: at(rng.IntN(365)), user: u, kind: evConv, n: 36 + n})
		}
	}
	for w := range 20 {
		events = append(events, yearEvent{at: start.AddDate(0, 0, 7+18*w).Add(2 * time.Hour), kind: evWave, n: w})
	}
	slices.SortStableFunc(events, func(a, c yearEvent) int { return a.at.Compare(c.at) })

	reply := karir.SaveReplies([]karir.Reply{{
		Text: strings.Repeat("Silakan pilih OPD tujuan Anda dari daftar di bawah ini. ", 6),
		Buttons: [][]karir.Button{
			{{Text: "Dinas Kesehatan", Data: "o:DINKES"}, {Text: "Dinas Pendidikan", Data: "o:DISDIK"}},
			{{Text: "Dinas Pekerjaan Umum", Data: "o:DPUPR"}, {Text: "BKPSDM", Data: "o:BKPSDM"}},
			{{Text: "Dinas Perhubungan", Data: "o:DISHUB"}, {Text: "Dinas Sosial", Data: "o:DINSOS"}},
			{{Text: "« Sebelumnya", Data: "p:0"}, {Text: "Berikutnya »", Data: "p:2"}},
		},
	}})
	update := func(u, n int) {
		c, err := s.LoadConversation(ctx, int64(100_000+u))
		if err != nil {
			b.Error(err)
			return
		}
		c.ChatID, c.NIP, c.State, c.LastUpdateID = int64(100_000+u), nip(u), karir.StateReason, 1_000_000*n+u
		c.Draft = karir.Answers{Choice: karir.ChoiceMove, TargetOPDCode: "DINKES", Reason: strings.Repeat("alasan ", 30), Target: strings.Repeat("target ", 20), TermMonths: 6}
		c.RecentUpdates = append(c.RecentUpdates, c.LastUpdateID)
		if len(c.RecentUpdates) > 32 {
			c.RecentUpdates = c.RecentUpdates[len(c.RecentUpdates)-32:]
		}
		c.LastReplies, c.UpdatedAt = reply, clk.Now()
		if err := s.SaveConversation(ctx, c); err != nil {
			b.Error(err)
		}
	}
	file := func(u, n int) {
		sub, err := s.Submission(ctx, "2026-1", nip(u))
		if n == 0 {
			sub, err = &karir.Submission{Round: "2026-1", NIP: nip(u), Ref: fmt.Sprintf("OK-%05d", u), Name: emps[u].Name,
				OPDCode: emps[u].OPDCode, Answers: karir.Answers{Choice: karir.ChoiceStay, Reason: strings.Repeat("alasan ", 30),
					Target: strings.Repeat("target ", 20), TermMonths: 6}, TelegramID: int64(100_000 + u), SubmittedAt: clk.Now()}, nil
		}
		if err != nil {
			b.Error(err)
			return
		}
		sub.Milestones = append(sub.Milestones, karir.Milestone{Step: karir.StepCheckIn, At: clk.Now(), ActorID: int64(100_000 + u),
			Note: "kemajuan bulan ini", Percent: 10 * n})
		sub.UpdatedAt = clk.Now()
		if err := s.SaveSubmission(ctx, sub); err != nil {
			b.Error(err)
		}
	}
	var lastWave time.Time
	wave := func(w int) {
		notices := make([]karir.Notice, users)
		for i := range notices {
			notices[i] = karir.Notice{Key: fmt.Sprintf("remind:2026-1:%s:w%d", nip(i), w), ChatID: int64(100_000 + i),
				Reply: karir.Reply{Text: "Batas pengisian formulir Open Karir tinggal beberapa hari lagi.",
					Buttons: [][]karir.Button{{{Text: "Isi formulir", Data: "m:isi"}}}}}
		}
		fresh, err := s.Enqueue(ctx, clk.Now(), "", notices)
		if err != nil || len(fresh) != users {
			b.Fatalf("wave %d: %d queued, %v", w, len(fresh), err)
		}
		// The sender: read what is pending, send it, record each outcome.
		pending, err := s.PendingOutgoing(ctx)
		if err != nil || len(pending) != users {
			b.Fatalf("wave %d: %d pending, %v", w, len(pending), err)
		}
		parallel(16, pending, func(m karir.Outgoing) {
			m.Status, m.SentAt = karir.OutSent, clk.Now()
			if err := s.FinishOutgoing(ctx, m); err != nil {
				b.Error(err)
			}
		})
		lastWave = clk.Now()
	}

	renewedTo := start
	renew := func(now time.Time) {
		// The sender every 10 s, the scheduler every minute.
		for t := renewedTo; t.Before(now); t = t.Add(10 * time.Second) {
			if _, err := s.AcquireLease(ctx, "sender", "bot", t, 30*time.Second); err != nil {
				b.Fatal(err)
			}
			if t.Second() == 0 {
				if _, err := s.AcquireLease(ctx, "scheduler", "bot", t, 3*time.Minute); err != nil {
					b.Fatal(err)
				}
			}
			renewedTo = t.Add(10 * time.Second)
		}
	}
	nextMaintain := start.Add(time.Hour)
	maintain := func(now time.Time) {
		if now.Before(nextMaintain) {
			return
		}
		clk.Set(nextMaintain)
		if err := s.Maintain(ctx); err != nil {
			b.Fatal(err)
		}
		nextMaintain = nextMaintain.Add(time.Hour)
		if now.After(nextMaintain) { // a quiet stretch: once more at its end
			nextMaintain = now.Truncate(time.Hour).Add(time.Hour)
		}
	}

	b.ResetTimer()
	began := time.Now()
	// Events of one simulated minute run at once, as the bot's workers
	// would run them (one user's in order).
	for i := 0; i < len(events); {
		minute := events[i].at.Truncate(time.Minute)
		j := i
		for j < len(events) && events[j].at.Truncate(time.Minute).Equal(minute) {
			j++
		}
		maintain(minute)
		renew(minute)
		clk.Set(minute)
		byUser := map[int][]yearEvent{}
		var waves []yearEvent
		for _, e := range events[i:j] {
			if e.kind == evWave {
				waves = append(waves, e)
			} else {
				byUser[e.user] = append(byUser[e.user], e)
			}
		}
		var batches [][]yearEvent
		for _, es := range byUser {
			batches = append(batches, es)
		}
		parallel(16, batches, func(es []yearEvent) {
			for _, e := range es {
				if e.kind == evConv {
					update(e.user, e.n)
				} else {
					file(e.user, e.n)
				}
			}
		})
		for _, e := range waves {
			wave(e.n)
		}
		i = j
	}
	end := start.AddDate(1, 0, 0)
	maintain(end)
	renew(end)
	clk.Set(end)
	if err := s.Maintain(ctx); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(time.Since(began).Seconds(), "s-simulated")
	b.StopTimer()

	// What the year left: the scan of the pending messages with 100
	// pending, after 200,000 sent.
	notices := make([]karir.Notice, 100)
	for i := range notices {
		notices[i] = karir.Notice{Key: fmt.Sprintf("milestone:%d", i), ChatID: int64(100_000 + i), Reply: karir.Reply{Text: "Formulir Anda diverifikasi."}}
	}
	if _, err := s.Enqueue(ctx, clk.Now(), "", notices); err != nil {
		b.Fatal(err)
	}
	scan := time.Now()
	const scans = 20
	for range scans {
		if pending, err := s.PendingOutgoing(ctx); err != nil || len(pending) != 100 {
			b.Fatalf("pending = %d, %v", len(pending), err)
		}
	}
	b.ReportMetric(float64(time.Since(scan).Microseconds())/scans/1000, "ms-scan-100-pending")
	counts := map[string]int64{}
	names, err := s.DB().ListCollectionNames(ctx, bson.D{})
	if err != nil {
		b.Fatal(err)
	}
	for _, name := range names {
		n, err := s.DB().Collection(name).CountDocuments(ctx, bson.D{})
		if err != nil {
			b.Fatal(err)
		}
		counts[strings.TrimRight(strings.TrimRight(name, "0123456789"), "_")] += n
	}
	if err := s.Close(ctx); err != nil {
		b.Fatal(err)
	}
	var size int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				size += info.Size()
			}
		}
		return nil
	})
	b.ReportMetric(float64(size)/1e6, "MB-data-folder")
	// Of which free pages (dropped collections' space, reused by the next
	// writes: SQLite does not give it back to the file system).
	if lite, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "openkarir.sqlite")+"?mode=ro"); err == nil {
		var pages, free, pageSize int64
		_ = lite.QueryRow(`PRAGMA page_count`).Scan(&pages)
		_ = lite.QueryRow(`PRAGMA freelist_count`).Scan(&free)
		_ = lite.QueryRow(`PRAGMA page_size`).Scan(&pageSize)
		lite.Close()
		b.ReportMetric(float64(free*pageSize)/1e6, "MB-free-pages")
	}
	opened := time.Now()
	s = open()
	b.ReportMetric(time.Since(opened).Seconds(), "s-to-open")
	// The bot answers from here; the lists come from memory from here:
	if err := s.Warm(ctx); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(time.Since(opened).Seconds(), "s-to-warm")
	if c, err := s.LoadConversation(ctx, 100_007); err != nil || c.Version != 40 {
		b.Errorf("a conversation after the year: version %d, %v; want 40", c.Version, err)
	}
	if sub, err := s.Submission(ctx, "2026-1", nip(7)); err != nil || sub.Version != 11 {
		b.Errorf("a form after the year: %+v, %v; want version 11", sub, err)
	}
	if err := s.Close(ctx); err != nil {
		b.Fatal(err)
	}
	b.Logf("documents after the year, by collection: %v (last wave %s)", counts, lastWave.Format(time.DateOnly))
	for _, family := range []string{"commits", "leases"} {
		b.ReportMetric(float64(counts[family]), "docs-"+family)
	}
	b.ReportMetric(float64(counts["outbox_pending"]), "docs-outbox-pending")
}

// parallel runs do on every item with n goroutines.
func parallel[T any](n int, items []T, do func(T)) {
	work := make(chan T)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for it := range work {
				do(it)
			}
		})
	}
	for _, it := range items {
		work <- it
	}
	close(work)
	wg.Wait()
}
