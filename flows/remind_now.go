package flows

import (
	"fmt"
	"strings"

	"openkarir/karir"
)

// remind is /ingatkan [KODE_OPD]: the reminder to file, sent now to the
// ASN who have not filed. Without a code an admin of every OPD picks the
// OPD, or all of them, by button; an OPD admin acts on their own OPD. A
// preview says how many will be reminded and who cannot be reached, and
// nothing goes out before "Kirim" (a city's run reaches thousands).
func (b *Broadcasts) remind(t *Turn) error {
	opd, rest, ok, err := b.scope(t, t.In.Args)
	if err != nil || !ok {
		return err
	}
	if rest != "" {
		t.Sayf(txtUnknownOPD, esc(rest))
		return nil
	}
	if !t.Round.Opened() {
		t.Sayf(txtNoRoundAdmin)
		return nil
	}
	if opd == "" {
		opds, err := b.Store.OPDs(t.Ctx)
		if err != nil {
			return fmt.Errorf("list OPDs: %w", err)
		}
		if len(opds) > 1 {
			t.Say(remindPicker(opds, 0, 0))
			return nil
		}
	}
	return b.remindPreview(t, opd, 0)
}

// remindPicker is the OPD picker of /ingatkan, with "Semua OPD" first.
func remindPicker(opds []karir.OPD, page, editID int) karir.Reply {
	r := opdPicker(opds, "ingatkan", page)
	pages := pageCount(len(opds), opdPickerPage)
	r.Text = fmt.Sprintf(txtRemindPick, len(opds), clamp(page, 0, pages-1)+1, pages)
	r.Buttons = append([][]karir.Button{{{Text: txtBtnRemindAll, Data: ButtonData("ingatkan", "semua")}}}, r.Buttons...)
	r.EditMessageID = editID
	return r
}

// remindPress answers the picker (an OPD, all, a page) and the preview
// (send, cancel).
func (b *Broadcasts) remindPress(t *Turn, f Fields) error {
	msg := t.In.Callback.MessageID
	switch f.Kind() {
	case "op":
		page, ok := f.Int(1)
		if !ok || t.Role.OPD != "" {
			break
		}
		opds, err := b.Store.OPDs(t.Ctx)
		if err != nil {
			return fmt.Errorf("list OPDs: %w", err)
		}
		t.Say(remindPicker(opds, page, msg))
		return nil
	case "semua":
		if t.Role.OPD != "" {
			break
		}
		return b.remindPreview(t, "", msg)
	case "o":
		opd := f.At(1)
		known, err := knownOPD(t, b.Store, opd)
		if err != nil {
			return err
		}
		if !known {
			break
		}
		if _, ok := confineToOPD(t, opd); !ok {
			return nil
		}
		return b.remindPreview(t, opd, msg)
	case "kirim", "batal":
		return b.remindConfirm(t, f.Kind() == "kirim", msg)
	}
	t.Toast(txtStaleButton)
	return nil
}

// remindTally is who of an OPD (or all) a reminder reaches now: who has
// not filed, and who filed but had the form returned for correction
// (counted in filed, as coverage counts them, and in toFix).
type remindTally struct {
	reach                                   []karir.Standing
	people, filed, toFix, notBound, blocked int
}

func (b *Broadcasts) remindTally(t *Turn, opd string) (remindTally, error) {
	unreachable, err := b.Store.Unreachable(t.Ctx)
	if err != nil {
		return remindTally{}, err
	}
	people, err := karir.Standings(t.Ctx, b.Store, t.Round.ID, opd, unreachable)
	if err != nil {
		return remindTally{}, fmt.Errorf("list ASN: %w", err)
	}
	n := remindTally{people: len(people)}
	for _, p := range people {
		if p.Submission != nil {
			n.filed++
			if !p.ToFix() {
				continue
			}
			n.toFix++
		}
		switch {
		case !p.Bound:
			n.notBound++
		case p.Unreachable:
			n.blocked++
		default:
			n.reach = append(n.reach, p)
		}
	}
	return n, nil
}

// counts is the lines under a preview and its outcome: who the bot cannot
// reach, and who filed.
func (n remindTally) counts(b *strings.Builder) {
	if n.notBound+n.blocked > 0 {
		fmt.Fprintf(b, txtRemindUnreachable, n.notBound+n.blocked, n.notBound, n.blocked)
	}
	fmt.Fprintf(b, txtRemindFiled, n.filed, n.people)
	if n.toFix > 0 {
		fmt.Fprintf(b, txtRemindToFix, n.toFix)
	}
}

// remindPreview says how many the reminder of opd ("" all) will reach,
// with "Kirim" and "Batal"; the scope waits in the conversation.
func (b *Broadcasts) remindPreview(t *Turn, opd string, editID int) error {
	n, err := b.remindTally(t, opd)
	if err != nil {
		return err
	}
	if n.people > 0 && n.filed == n.people && n.toFix == 0 {
		everyone := fmt.Sprintf(txtEveryoneFiled, n.people, scopeName(opd))
		if opd != "" {
			everyone = fmt.Sprintf(txtEveryoneFiledOPD, n.people, esc(opd))
		}
		t.Say(karir.Reply{Text: everyone, EditMessageID: editID})
		return nil
	}
	var text strings.Builder
	if len(n.reach) == 0 {
		text.WriteString(nobodyToRemind(opd))
		n.counts(&text)
		t.Say(karir.Reply{Text: text.String(), EditMessageID: editID})
		return nil
	}
	text.WriteString(remindWhom(txtRemindAsk, txtRemindAskOPD, len(n.reach), opd))
	n.counts(&text)
	t.Await("ingatkan", map[string]string{"opd": opd})
	t.Say(karir.Reply{Text: text.String(), EditMessageID: editID, Buttons: [][]karir.Button{{
		{Text: fmt.Sprintf(txtBtnRemindSend, len(n.reach)), Data: ButtonData("ingatkan", "kirim")},
		{Text: txtBtnBroadcastDrop, Data: ButtonData("ingatkan", "batal")},
	}}})
	return nil
}

// remindConfirm sends the previewed reminder (send) or drops it. The ASN
// are counted again: who filed since the preview is not reminded.
func (b *Broadcasts) remindConfirm(t *Turn, send bool, msg int) error {
	if t.Conv.Pending != "ingatkan" || t.Conv.PendingArgs == nil {
		t.Toast(txtStaleButton)
		t.Say(karir.Reply{Text: txtRemindStale, EditMessageID: msg})
		return nil
	}
	opd := t.Conv.PendingArgs["opd"]
	t.Done()
	if !send {
		t.Say(karir.Reply{Text: txtRemindDropped, EditMessageID: msg})
		return nil
	}
	// The admin's scope now, not at the preview: a role narrowed since to
	// one OPD sends to that OPD only.
	opd, ok := confineToOPD(t, opd)
	if !ok {
		return nil
	}
	if !t.Round.Opened() {
		t.Sayf(txtNoRoundAdmin)
		return nil
	}
	n, err := b.remindTally(t, opd)
	if err != nil {
		return err
	}
	now := b.Now()
	batch := NewBatchID("ingatkan", now)
	notices := make([]karir.Notice, len(n.reach))
	for i, p := range n.reach {
		reply := ReminderReply(t.Round, now, b.Location)
		if p.ToFix() {
			reply = FixReminderReply(t.Round, now, b.Location)
		}
		notices[i] = karir.Notice{Key: "remind-now:" + batch + ":" + p.NIP, ChatID: p.TelegramID, Reply: reply}
	}
	var text strings.Builder
	if len(notices) == 0 {
		text.WriteString(nobodyToRemind(opd))
		n.counts(&text)
		t.Say(karir.Reply{Text: text.String(), EditMessageID: msg})
		return nil
	}
	if _, err := b.Sender.NotifyBatch(t.Ctx, karir.Batch{ID: batch, Kind: "ingatkan", AdminChat: t.In.ChatID}, notices); err != nil {
		return fmt.Errorf("queue reminders: %w", err)
	}
	text.WriteString(remindWhom(txtRemindQueued, txtRemindQueuedOPD, len(notices), opd))
	n.counts(&text)
	t.Say(karir.Reply{Text: text.String(), EditMessageID: msg})
	return b.audit.Record(t, "ingatkan", fmt.Sprintf("%d ASN, %s (dikonfirmasi)", len(notices), scopeName(opd)))
}

// remindWhom is the preview's or the outcome's first line for n ASN of opd:
// all the text of every OPD when opd is "", else one's, the OPD named.
func remindWhom(all, one string, n int, opd string) string {
	if opd == "" {
		return fmt.Sprintf(all, n)
	}
	return fmt.Sprintf(one, n, esc(opd))
}

// nobodyToRemind says no reminder went out: of every OPD when opd is "",
// else of the one named beside the ASN.
func nobodyToRemind(opd string) string {
	if opd == "" {
		return fmt.Sprintf(txtNobodyToRemind, scopeName(opd))
	}
	return fmt.Sprintf(txtNobodyToRemindOPD, esc(opd))
}
