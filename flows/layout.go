package flows

import (
	"context"

	"openkarir/karir"
)

// laidOut is r as every message of the bot reaches a phone: a name's
// doubled period tidied and a keyboard whose row does not fit side by side
// turned into one row per button. Turn.Say's replies and the notices the
// Sender queues (reminders, stage notices, decisions) both pass here, so a
// notice with buttons fits a phone as an answer does.
func laidOut(r karir.Reply) karir.Reply {
	r.Text = tidyPeriods(r.Text)
	r.Buttons = fitRows(r.Buttons)
	return r
}

// phoneSender lays out every notice before the Sender queues it.
type phoneSender struct{ Sender }

func (s phoneSender) Notify(ctx context.Context, notices ...karir.Notice) (int, error) {
	return s.Sender.Notify(ctx, laidOutNotices(notices)...)
}

func (s phoneSender) NotifyBatch(ctx context.Context, b karir.Batch, notices []karir.Notice) (int, error) {
	return s.Sender.NotifyBatch(ctx, b, laidOutNotices(notices))
}

func laidOutNotices(notices []karir.Notice) []karir.Notice {
	out := make([]karir.Notice, len(notices))
	for i, n := range notices {
		n.Reply = laidOut(n.Reply)
		out[i] = n
	}
	return out
}

// forPhones is d with its Sender laying out notices; the constructors of
// what sends notices (New, NewReminders, NewDigest) call it, once.
func (d Deps) forPhones() Deps {
	if _, done := d.Sender.(phoneSender); !done && d.Sender != nil {
		d.Sender = phoneSender{d.Sender}
	}
	return d
}
