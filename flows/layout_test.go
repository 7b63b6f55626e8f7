package flows

import (
	"context"
	"testing"
	"time"

	"openkarir/karir"
)

// recordingSender keeps what it was asked to queue.
type recordingSender struct{ got []karir.Notice }

func (s *recordingSender) Notify(_ context.Context, notices ...karir.Notice) (int, error) {
	s.got = append(s.got, notices...)
	return len(notices), nil
}

func (s *recordingSender) NotifyBatch(_ context.Context, _ karir.Batch, notices []karir.Notice) (int, error) {
	return s.Notify(context.Background(), notices...)
}

// A notice with two long OPD names side by side would be cut on a phone
// ("Dinas Pekerjaan Umum dan Penataa…"): whatever queues it through the
// Deps of New, NewReminders or NewDigest gets it laid out as Turn.Say
// lays out an answer, one button per row.
func TestNoticesAreLaidOutLikeAnswers(t *testing.T) {
	wide := karir.Reply{Text: "Pilih OPD tujuan Anda, S.E..", Buttons: [][]karir.Button{{
		{Text: "Dinas Pekerjaan Umum dan Penataan Ruang", Data: "x:1"},
		{Text: "Badan Kepegawaian dan Pengembangan SDM", Data: "x:2"},
	}}}
	var said Turn
	said.Say(wide)
	want := said.res.Replies[0]
	if len(want.Buttons) != 2 {
		t.Fatalf("Turn.Say laid the row out as %d rows, want 2", len(want.Buttons))
	}
	rec := &recordingSender{}
	d := Deps{Sender: rec, Location: time.UTC, Now: time.Now}
	for _, tc := range []struct {
		name   string
		sender Sender
	}{
		{"New", d.forPhones().Sender},
		{"Reminders", NewReminders(d, DefaultReminderPlan()).Sender},
		{"Digest", NewDigest(d, DefaultReminderPlan(), time.Hour).Sender},
		{"Twice", d.forPhones().forPhones().Sender},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec.got = nil
			if _, err := tc.sender.Notify(t.Context(), karir.Notice{Key: "a", ChatID: 1, Reply: wide}); err != nil {
				t.Fatal(err)
			}
			if _, err := tc.sender.NotifyBatch(t.Context(), karir.Batch{ID: "b"}, []karir.Notice{{Key: "b", ChatID: 1, Reply: wide}}); err != nil {
				t.Fatal(err)
			}
			if len(rec.got) != 2 {
				t.Fatalf("%d notices queued, want 2", len(rec.got))
			}
			for _, n := range rec.got {
				if n.Reply.Text != want.Text || len(n.Reply.Buttons) != len(want.Buttons) {
					t.Errorf("notice %s queued as %q with %d rows, want %q with %d rows (as Turn.Say)",
						n.Key, n.Reply.Text, len(n.Reply.Buttons), want.Text, len(want.Buttons))
				}
			}
		})
	}
	// The caller's notice is left as it was.
	if len(wide.Buttons) != 1 {
		t.Errorf("the caller's reply was changed: %d rows", len(wide.Buttons))
	}
}
