package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"openkarir/flows"
	"openkarir/karir"
)

// TestCheckInDueOnTheBotsCalendar: a target approved on 1 February 05:00
// WIB (31 January in UTC, as the database gives it back) is a month old on
// 1 March, and its check-in is asked for then.
func TestCheckInDueOnTheBotsCalendar(t *testing.T) {
	h := newHarness(t)
	const asn = 821
	fileStay(h, asn)
	ctx := context.Background()
	sub := h.submission(nipCode)
	approved := time.Date(2027, 2, 1, 5, 0, 0, 0, h.loc)
	for _, step := range []karir.Step{karir.StepVerified, karir.StepBaperjakat, karir.StepApproved} {
		if err := sub.Record(karir.Milestone{Step: step, At: approved.UTC(), ActorName: "BKPSDM"}, h.loc); err != nil {
			t.Fatal(err)
		}
	}
	if err := h.store.SaveSubmission(ctx, sub); err != nil {
		t.Fatal(err)
	}
	h.mu.Lock()
	h.now = time.Date(2027, 3, 1, 10, 0, 0, 0, h.loc)
	h.mu.Unlock()
	n, err := flows.NewReminders(h.deps, flows.DefaultReminderPlan()).Tick(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Fatalf("queued %d reminders on 1 March, want the first check-in", n)
	}
	// Six months from 1 February (fileStay's term), in WIB.
	h.waitFor(func() bool {
		m := h.tg.LastMessage(asn).Text
		return strings.Contains(m, "Saatnya melaporkan") && strings.Contains(m, "1 Agustus 2027")
	})
}
