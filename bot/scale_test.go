package bot_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"testing"
	"time"

	"openkarir/karir"

	"openkarir/flows"
	"openkarir/store"
	"openkarir/store/storetest"
	"openkarir/telegramtest"
)

// scaleRoster is the size the admin paths are exercised at.
const scaleRoster = 10_000

// seededStore is a store holding a city's programme in full swing: a
// roster of scaleRoster ASN over 40 OPDs (OPD00..OPD39), 30% bound, and
// per ten ASN: three new forms, one corrected and sent again, one
// verified, one at Baperjakat, one declined, three not filed. The
// documents are inserted directly (the point is reading them); the
// embedded store is then reopened, as after a restart, to load them.
func seededStore(t *testing.T, round string, at time.Time) *store.Store {
	t.Helper()
	ctx := context.Background()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	var st *store.Store
	dir := t.TempDir()
	if os.Getenv("MONGODB_TEST_URI") != "" {
		st = storetest.Open(t)
	} else {
		var err error
		if st, err = store.Open(ctx, store.Config{DataDir: dir, Logger: quiet}); err != nil {
			t.Fatal(err)
		}
	}
	var emps, binds, subs []any
	var opds []karir.OPD
	for o := range 40 {
		opds = append(opds, karir.OPD{Code: fmt.Sprintf("OPD%02d", o), Name: fmt.Sprintf("Dinas %02d", o), Positions: []string{"Staf"}})
	}
	for i := range scaleRoster {
		nip := fmt.Sprintf("1980010120050110%05d", i)
		o := (i / 10) % 40 // each OPD has every kind of form
		e := karir.Employee{NIP: nip, Name: fmt.Sprintf("ASN %05d", i), OPDCode: fmt.Sprintf("OPD%02d", o),
			OPDName: fmt.Sprintf("Dinas %02d", o), Position: "Staf", Eselon: "Staf", Phone: fmt.Sprintf("62812%08d", i), UpdatedAt: at}
		emps = append(emps, e)
		if i%10 < 3 {
			binds = append(binds, karir.Binding{NIP: nip, TelegramID: int64(100_000 + i), Method: "code", BoundAt: at})
		}
		filed := at.Add(-time.Duration(scaleRoster-i) * time.Minute) // the lower i, the longer it waits
		s := karir.Submission{ID: karir.SubmissionID(round, nip), Round: round, NIP: nip, Ref: fmt.Sprintf("OK-%06d", i),
			Name: e.Name, OPDCode: e.OPDCode, OPDName: e.OPDName, Position: e.Position, Eselon: e.Eselon,
			Answers:     karir.Answers{Choice: karir.ChoiceStay, Reason: "alasan yang cukup panjang untuk formulir", Target: "target 100% tercapai", TermMonths: 6},
			SubmittedAt: filed, UpdatedAt: filed, Version: 1}
		m := func(step karir.Step, after time.Duration) karir.Milestone {
			return karir.Milestone{Step: step, At: filed.Add(after), ActorID: 1, ActorName: "Admin BKPSDM", Note: "catatan"}
		}
		switch i % 10 {
		case 0, 1, 2:
			s.Milestones = []karir.Milestone{m(karir.StepSubmitted, 0)}
		case 3:
			s.Milestones = []karir.Milestone{m(karir.StepSubmitted, 0), m(karir.StepReturned, time.Second), m(karir.StepSubmitted, 2*time.Second)}
		case 4:
			s.Milestones = []karir.Milestone{m(karir.StepSubmitted, 0), m(karir.StepVerified, time.Second)}
		case 5:
			s.Milestones = []karir.Milestone{m(karir.StepSubmitted, 0), m(karir.StepVerified, time.Second), m(karir.StepBaperjakat, 2*time.Second)}
		case 6:
			s.Milestones = []karir.Milestone{m(karir.StepSubmitted, 0), m(karir.StepVerified, time.Second), m(karir.StepBaperjakat, 2*time.Second), m(karir.StepDeclined, 3*time.Second)}
		default:
			continue
		}
		s.Stage = s.Milestones[len(s.Milestones)-1].Step
		subs = append(subs, s)
	}
	if _, err := st.UpsertOPDs(ctx, opds); err != nil {
		t.Fatal(err)
	}
	for coll, docs := range map[string][]any{"employees": emps, "bindings": binds, "submissions": subs} {
		for i := 0; i < len(docs); i += 5000 {
			if _, err := st.DB().Collection(coll).InsertMany(ctx, docs[i:min(i+5000, len(docs))]); err != nil {
				t.Fatal(err)
			}
		}
	}
	if os.Getenv("MONGODB_TEST_URI") != "" {
		return st
	}
	if err := st.Close(ctx); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, store.Config{DataDir: dir, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Close(context.Background()); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	// The city read into memory, as after the bot's start: before, the
	// first command read 16,000 documents through FerretDB beside the
	// warm-up (4-6 s alone) and outlasted the wait on a loaded machine.
	if err := st.Warm(ctx); err != nil {
		t.Fatal(err)
	}
	return st
}

// The admin paths of the review queue at a city's size: 6,000 forms
// waiting among 10,000 ASN. Counts, paging, filters, a card and its
// "next", the digest, /ingatkan and /belum.
func TestReviewQueueAt10000(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 ASN")
	}
	loc, _ := time.LoadLocation("Asia/Jakarta")
	st := seededStore(t, "2026-1", time.Date(2026, 11, 24, 9, 0, 0, 0, loc))
	h := newHarnessOn(t, st)
	timed := func(what string, f func()) {
		start := time.Now()
		f()
		t.Logf("%s: %v", what, time.Since(start).Round(time.Millisecond))
	}

	var list []telegramtest.Message
	timed("/antrean", func() { list = h.say(adminID, "/antrean") })
	mustSee(t, list, "🆕 Baru, menunggu verifikasi: <b>3000</b>", "🔁 Diperbaiki dan dikirim lagi: <b>1000</b>",
		"Terverifikasi, menunggu diteruskan ke Baperjakat: <b>1000</b>", "Di Baperjakat, menunggu keputusan: <b>1000</b>",
		"Jumlah menunggu: <b>6000</b>", "halaman 1 dari 600", "1. 🆕 ASN 00000")
	if n := len([]rune(list[0].Text)); n > 2000 {
		t.Errorf("a queue page runs to %d characters", n)
	}
	page := list[0]
	timed("page 2", func() { list = h.tg.Press(t, adminID, page.ID, buttonOf(page, "Berikutnya ▶️")) })
	mustSee(t, list, "halaman 2 dari 600", "11. ")
	timed("filter", func() { list = h.tg.Press(t, adminID, page.ID, buttonOf(list[0], "🔁 Perbaikan")) })
	mustSee(t, list, "<b>Diperbaiki dan dikirim lagi</b>, terlama dulu (halaman 1 dari 100)", "1. 🔁 ASN 00003")
	mustSee(t, h.say(adminID, "/antrean OPD07"), "(OPD OPD07)", "Jumlah menunggu: <b>150</b>")

	// From the list to a decision, then the next corrected form.
	var card []telegramtest.Message
	timed("card", func() { card = h.tg.Press(t, adminID, page.ID, buttonOf(list[0], "1. ASN 00003")) })
	mustSeeButton(t, card, "Berikutnya (999)")
	timed("decide", func() { h.decide(adminID, "Diverifikasi BKPSDM", "") })
	next := h.lastCard(adminID)
	timed("next", func() { card = h.tg.Press(t, adminID, next.ID, buttonOf(next, "Berikutnya (")) })
	mustSee(t, card, "ASN 00013", "Diperbaiki dan dikirim lagi</b>")

	digest := flows.NewDigest(h.deps, flows.DefaultReminderPlan(), time.Hour)
	timed("digest", func() {
		if n, err := digest.Tick(context.Background()); err != nil || n != 1 {
			t.Fatalf("digest = %d, %v", n, err)
		}
	})
	h.waitNotice(adminID, "<b>3000</b> formulir baru dan <b>999</b> perbaikan")

	var got []telegramtest.Message
	h.say(adminID, "/ingatkan")
	timed("/ingatkan", func() { got = h.press(adminID, "Semua OPD") })
	// Bound: i%10 < 3, all of whom filed; not filed: i%10 >= 7 (3,000,
	// none bound) and the 40 of the sample roster but one... none filed.
	mustSee(t, got, "<b>3040</b> ASN belum mengisi dan tidak dapat dihubungi lewat bot (3040 belum terhubung, 0 memblokir bot)",
		"Sudah mengisi: <b>7000</b> dari 10040 ASN")
	timed("/belum", func() { got = h.say(adminID, "/belum") })
	mustSee(t, got, "3040 ASN belum mengisi", "halaman 1 dari 152")
	if len(documents(got)["belum-mengisi.xlsx"]) == 0 {
		t.Error("no spreadsheet with /belum")
	}
	// The admin home, and the previews of what cannot be taken back.
	timed("/start (admin home)", func() { got = h.say(adminID, "/start") })
	mustSee(t, got, "Beranda admin", "🆕 Baru, menunggu verifikasi: <b>3000</b>", "7000 dari 10040 ASN sudah mengisi")
	timed("/tenggat preview", func() { got = h.say(adminID, "/tenggat 15 Desember 2026") })
	mustSee(t, got, "Belum mengisi: <b>3040</b> dari 10040 ASN")
	timed("/siaran preview", func() { got = h.say(adminID, "/siaran Rapat besok") })
	mustSee(t, got, "Diterima: <b>")
}
