package flows

import (
	"fmt"
	"strings"

	"openkarir/karir"
)

// Broadcasts are the admin commands that write to many ASN at once:
// /ingatkan (remind those who have not filed) and /siaran (announce).
type Broadcasts struct {
	Deps
	audit *Auditor
}

// NewBroadcasts builds /ingatkan and /siaran.
func NewBroadcasts(d Deps, audit *Auditor) *Broadcasts { return &Broadcasts{Deps: d, audit: audit} }

// Commands returns the commands to register.
func (b *Broadcasts) Commands() []Command {
	return []Command{
		{Name: "ingatkan", Description: "kirim pengingat sekarang ke yang belum mengisi: /ingatkan [KODE_OPD]", Access: AdminOnly, Run: b.remind},
		{Name: "siaran", Description: "kirim pengumuman ke semua ASN: /siaran [KODE_OPD] teks", Access: AdminOnly, Run: b.broadcast},
	}
}

// scope reads an optional OPD code at the start of args and checks the
// admin may act on it; an OPD admin always acts on their own OPD.
func (b *Broadcasts) scope(t *Turn, args string) (opd, rest string, ok bool, err error) {
	first, tail, _ := strings.Cut(strings.TrimSpace(args), " ")
	if first != "" && first == strings.ToUpper(first) && strings.IndexFunc(first, func(r rune) bool { return r >= 'A' && r <= 'Z' }) >= 0 {
		known, err := knownOPD(t, b.Store, first)
		if err != nil {
			return "", "", false, err
		}
		if known {
			opd, args = first, tail
		}
	}
	opd, ok = confineToOPD(t, opd)
	return opd, strings.TrimSpace(args), ok, nil
}

func (b *Broadcasts) remind(t *Turn) error {
	opd, rest, ok, err := b.scope(t, t.In.Args)
	if err != nil || !ok {
		return err
	}
	if rest != "" {
		t.Sayf(txtUnknownOPD, esc(rest))
		return nil
	}
	round := t.Round
	if !round.Opened() {
		t.Sayf(txtNoRoundAdmin)
		return nil
	}
	unreachable, err := b.Store.Unreachable(t.Ctx)
	if err != nil {
		return err
	}
	people, err := karir.Standings(t.Ctx, b.Store, round.ID, opd, unreachable)
	if err != nil {
		return fmt.Errorf("list ASN: %w", err)
	}
	now := b.Now()
	batch := NewBatchID("ingatkan", now)
	var notices []karir.Notice
	filed, notBound, blocked := 0, 0, 0
	for _, p := range people {
		switch {
		case p.Submission != nil:
			filed++
		case !p.Bound:
			notBound++
		case p.Unreachable:
			blocked++
		default:
			notices = append(notices, karir.Notice{Key: "remind-now:" + batch + ":" + p.NIP, ChatID: p.TelegramID, Reply: ReminderReply(round, now, b.Location)})
		}
	}
	if len(people) > 0 && filed == len(people) {
		t.Sayf(txtEveryoneFiled, len(people), scopeName(opd))
		return nil
	}
	var text strings.Builder
	if len(notices) > 0 {
		if _, err := b.Sender.NotifyBatch(t.Ctx, karir.Batch{ID: batch, Kind: "ingatkan", AdminChat: t.In.ChatID}, notices); err != nil {
			return fmt.Errorf("queue reminders: %w", err)
		}
		fmt.Fprintf(&text, txtRemindQueued, len(notices), scopeName(opd))
	} else {
		fmt.Fprintf(&text, txtNobodyToRemind, scopeName(opd))
	}
	if notBound+blocked > 0 {
		fmt.Fprintf(&text, txtRemindUnreachable, notBound+blocked, notBound, blocked)
	}
	fmt.Fprintf(&text, txtRemindFiled, filed, len(people))
	t.Sayf(text.String())
	if len(notices) == 0 {
		return nil
	}
	return b.audit.Record(t, "ingatkan", fmt.Sprintf("%d ASN, %s", len(notices), scopeName(opd)))
}

func (b *Broadcasts) broadcast(t *Turn) error {
	opd, text, ok, err := b.scope(t, t.In.Args)
	if err != nil || !ok {
		return err
	}
	if text == "" {
		t.Sayf(txtBroadcastUsage)
		return nil
	}
	// Checked now, not when the sender meets Telegram's refusal of every
	// copy. Escaped text is counted as sent, which errs on the safe side.
	if n, room := TextLength(esc(text)), MaxMessage-TextLength(txtBroadcastHead); n > room {
		t.Sayf(txtBroadcastTooLong, n, room)
		return nil
	}
	_, people, err := b.recipients(t, opd)
	if err != nil {
		return err
	}
	if len(people) == 0 {
		t.Sayf(txtNobodyBound)
		return nil
	}
	batch := NewBatchID("siaran", b.Now())
	notices := make([]karir.Notice, len(people))
	for i, p := range people {
		notices[i] = karir.Notice{Key: "siaran:" + batch + ":" + p.NIP, ChatID: p.TelegramID, Reply: karir.Reply{Text: txtBroadcastHead + esc(text)}}
	}
	if _, err := b.Sender.NotifyBatch(t.Ctx, karir.Batch{ID: batch, Kind: "siaran", AdminChat: t.In.ChatID}, notices); err != nil {
		return fmt.Errorf("queue broadcast: %w", err)
	}
	t.Sayf(txtBroadcastQueued, len(notices), scopeName(opd))
	return b.audit.Record(t, "siaran", fmt.Sprintf("%d ASN, %s: %s", len(notices), scopeName(opd), text))
}

// recipients lists the bound ASN of opd (all OPDs when empty) with their
// standing in the current round.
func (b *Broadcasts) recipients(t *Turn, opd string) (karir.Round, []karir.Recipient, error) {
	round, err := b.Rounds.CurrentRound(t.Ctx)
	if err != nil {
		return round, nil, fmt.Errorf("current round: %w", err)
	}
	people, err := karir.Recipients(t.Ctx, b.Store, round.ID, opd)
	if err != nil {
		return round, nil, fmt.Errorf("list recipients: %w", err)
	}
	return round, people, nil
}

func scopeName(opd string) string {
	if opd == "" {
		return "semua OPD"
	}
	return "OPD " + esc(opd)
}
