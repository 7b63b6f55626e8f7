package flows

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"openkarir/karir"
)

// undo takes back the admin's own last step within karir.UndoWindow:
// first a confirmation, then (yes) the undo itself.
func (r *Review) undo(t *Turn, view queueView, yes bool, step karir.Step, ver, nip string) error {
	msg := t.In.Callback.MessageID
	sub, err := r.find(t, nip)
	if err != nil || sub == nil {
		return err
	}
	now := r.Now()
	refuse := func(text string) error {
		t.Toast(txtStaleButton)
		t.Say(karir.Reply{Text: text, EditMessageID: editIf(yes, msg)})
		return r.sayCard(t, sub, view, nil)
	}
	var late karir.ErrUndoTooLate
	var other karir.ErrUndoOtherActor
	switch err := sub.CanUndo(t.In.UserID, now); {
	case errors.As(err, &other):
		return refuse(fmt.Sprintf(txtUndoOther, karir.StepLabel(other.Step.Step), escName(other.Step.ActorName), karir.FormatDateTime(other.Step.At, r.Location)))
	case errors.As(err, &late):
		return refuse(fmt.Sprintf(txtUndoTooLate, karir.StepLabel(late.Step.Step), karir.FormatDateTime(late.Step.At, r.Location)))
	case err != nil:
		last := sub.Milestones[len(sub.Milestones)-1]
		return refuse(fmt.Sprintf(txtUndoNothing, karir.StepLabel(last.Step), escName(last.ActorName)))
	case version(sub) != ver || sub.LastAdminStep().Step != step:
		return refuse(fmt.Sprintf(txtUndoMoved, karir.StepLabel(sub.LastAdminStep().Step)))
	}
	m := *sub.LastAdminStep()
	if !yes {
		before := *sub
		before.Milestones, before.Undone = slices.Clone(sub.Milestones), slices.Clone(sub.Undone)
		if _, err := before.Undo(t.In.UserID, now); err != nil {
			return err
		}
		var b strings.Builder
		fmt.Fprintf(&b, txtUndoAsk, karir.StepLabel(m.Step), karir.FormatDateTime(m.At, r.Location), karir.StepLabel(before.Stage))
		told, err := r.toldLine(t, sub, txtUndoTold, txtUndoUntold)
		if err != nil {
			return err
		}
		b.WriteString(told)
		t.Say(karir.Reply{Text: b.String(), Buttons: [][]karir.Button{{
			{Text: txtBtnUndoYes, Data: cardData(cbUndoYes, view, stepCodes[step], ver, nip)},
			{Text: txtBtnUndoNo, Data: cardData(cbUndoNo, queueView{})},
		}}})
		return nil
	}
	if _, err := sub.Undo(t.In.UserID, now); err != nil {
		return err
	}
	sub.UpdatedAt = now
	if err := r.Store.SaveSubmission(t.Ctx, sub); err != nil {
		return fmt.Errorf("undo %s: %w", m.Step, err)
	}
	t.Say(karir.Reply{Text: fmt.Sprintf(txtUndoDone, karir.StepLabel(m.Step), escName(sub.Name), esc(sub.Ref), karir.StepLabel(sub.Stage)), EditMessageID: msg})
	if err := r.sayCard(t, sub, view, nil); err != nil {
		return err
	}
	if err := r.announce(t, sub, fmt.Sprintf("undo:%s:v%d", sub.ID, sub.Version), m.Step); err != nil {
		return err
	}
	return r.audit.Record(t, "tinjau-batal", fmt.Sprintf("%s (NIP %s, %s): %s dibatalkan", sub.Name, sub.NIP, sub.Ref, karir.StepLabel(m.Step)))
}
