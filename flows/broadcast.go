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
		{Name: "ingatkan", Description: "kirim pengingat sekarang ke ASN yang belum mengisi: /ingatkan [KODE_OPD]", Right: karir.RightRemind, Run: b.remind,
			Button: b.remindPress},
		{Name: "siaran", Description: "kirim pengumuman ke semua ASN: /siaran [KODE_OPD] teks", Right: karir.RightBroadcast, Run: b.broadcast,
			Button: b.broadcastPress, Continue: b.broadcastWait},
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

// broadcast is /siaran [KODE_OPD] teks: a preview with how many will
// receive it and how many cannot be reached, then "Kirim" or "Batal";
// nothing goes out before "Kirim". The text waits in the conversation.
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
	reach, notBound, blocked, err := b.audience(t, opd)
	if err != nil {
		return err
	}
	if len(reach) == 0 {
		t.Sayf(txtNobodyBound)
		return nil
	}
	t.Await("siaran", map[string]string{"opd": opd, "text": text})
	t.Sayf(txtBroadcastPreview, scopeName(opd))
	t.Say(karir.Reply{Text: txtBroadcastHead + esc(text)})
	t.Say(karir.Reply{Text: fmt.Sprintf(txtBroadcastAsk, len(reach), notBound+blocked, scopeName(opd)), Buttons: [][]karir.Button{{
		{Text: txtBtnBroadcastSend, Data: ButtonData("siaran", "kirim")},
		{Text: txtBtnBroadcastDrop, Data: ButtonData("siaran", "batal")},
	}}})
	return nil
}

// broadcastWait answers a message typed while the preview waits.
func (b *Broadcasts) broadcastWait(t *Turn) error {
	t.Sayf(txtBroadcastWait)
	return nil
}

// broadcastPress sends the previewed announcement ("kirim") or drops it.
func (b *Broadcasts) broadcastPress(t *Turn, f Fields) error {
	msg := t.In.Callback.MessageID
	args := t.Conv.PendingArgs
	if t.Conv.Pending != "siaran" || args["text"] == "" {
		t.Toast(txtStaleButton)
		t.Say(karir.Reply{Text: txtBroadcastStale, EditMessageID: msg})
		return nil
	}
	t.Done()
	if f.Kind() != "kirim" {
		t.Say(karir.Reply{Text: txtBroadcastDropped, EditMessageID: msg})
		return nil
	}
	opd, ok := confineToOPD(t, args["opd"]) // a role narrowed since the preview
	if !ok {
		return nil
	}
	text := args["text"]
	reach, notBound, blocked, err := b.audience(t, opd)
	if err != nil {
		return err
	}
	if len(reach) == 0 {
		t.Say(karir.Reply{Text: txtNobodyBound, EditMessageID: msg})
		return nil
	}
	batch := NewBatchID("siaran", b.Now())
	notices := make([]karir.Notice, len(reach))
	for i, p := range reach {
		notices[i] = karir.Notice{Key: "siaran:" + batch + ":" + p.NIP, ChatID: p.TelegramID, Reply: karir.Reply{Text: txtBroadcastHead + esc(text)}}
	}
	if _, err := b.Sender.NotifyBatch(t.Ctx, karir.Batch{ID: batch, Kind: "siaran", AdminChat: t.In.ChatID}, notices); err != nil {
		return fmt.Errorf("queue broadcast: %w", err)
	}
	reply := fmt.Sprintf(txtBroadcastQueued, len(notices), scopeName(opd))
	if opd != "" {
		reply = fmt.Sprintf(txtBroadcastQueuedOPD, len(notices), esc(opd))
	}
	if notBound+blocked > 0 {
		// As /ingatkan does: who will not get it, so they can be told otherwise.
		reply += fmt.Sprintf(txtBroadcastUnreached, notBound+blocked, notBound, blocked)
	}
	t.Say(karir.Reply{Text: reply, EditMessageID: msg})
	return b.audit.Record(t, "siaran", fmt.Sprintf("%d ASN, %s (dikonfirmasi): %s", len(notices), scopeName(opd), text))
}

// audience splits the ASN of opd into those the bot can write to, and
// counts those it cannot: not in the bot, or who blocked it.
func (b *Broadcasts) audience(t *Turn, opd string) (reach []karir.Standing, notBound, blocked int, err error) {
	round, err := b.Rounds.CurrentRound(t.Ctx)
	if err != nil {
		return nil, 0, 0, fmt.Errorf("current round: %w", err)
	}
	unreachable, err := b.Store.Unreachable(t.Ctx)
	if err != nil {
		return nil, 0, 0, err
	}
	people, err := karir.Standings(t.Ctx, b.Store, round.ID, opd, unreachable)
	if err != nil {
		return nil, 0, 0, fmt.Errorf("list ASN: %w", err)
	}
	for _, p := range people {
		switch {
		case !p.Bound:
			notBound++
		case p.Unreachable:
			blocked++
		default:
			reach = append(reach, p)
		}
	}
	return reach, notBound, blocked, nil
}

func scopeName(opd string) string {
	if opd == "" {
		return "semua OPD"
	}
	return "OPD " + esc(opd)
}
