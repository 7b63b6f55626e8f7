package flows

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"openkarir/karir"
)

// The OPD's recommendation on a card ("rekomendasi kepala OPD asal"): its
// admin presses setuju or tidak setuju, writes a note, and confirms.
const (
	recAgree    = "a"
	recDisagree = "d"
)

// cardButtonRight is the right a card's button needs besides reading the
// card: a step needs the step's (verifikator, Baperjakat, pencatat), an
// undo the undone step's, the recommendation the OPD admin's. Forged or
// replayed data is held to the same rule, and so is a card left open
// after its holder lost the role.
func cardButtonRight(f Fields) karir.Right {
	switch f.Kind() {
	case cbStep, cbConfirm, cbUndo, cbUndoYes:
		if f.Len() > 2 {
			if step, ok := stepOfCode(f.At(2)); ok {
				return karir.StepRight(step)
			}
		}
	case cbOverSeat: // an approval, confirmed again
		return karir.RightDecide
	case cbRecommend, cbRecYes:
		return karir.RightRecommend
	}
	return ""
}

// mayRecommend reports whether the viewer may give the recommendation on
// sub: they hold the right for sub's OPD (an OPD admin for their own ASN
// only), and the form is not decided yet.
func mayRecommend(t *Turn, sub *karir.Submission) bool {
	if !t.Role.Can(karir.RightRecommend) || !karir.CanRecommend(sub.Stage) {
		return false
	}
	scope := t.Role.Scope(karir.RightRecommend)
	return scope == "" || scope == sub.OPDCode
}

// recommendButtons are the card's two recommendation buttons, for who may
// give it.
func (r *Review) recommendButtons(t *Turn, sub *karir.Submission, view queueView) [][]karir.Button {
	if !mayRecommend(t, sub) || t.Role.Super && !t.Role.Has(karir.RoleOPDAdmin) {
		// The super admin may, but the buttons are the OPD admin's: on
		// every card of a super admin they would only crowd it.
		return nil
	}
	return [][]karir.Button{{
		{Text: txtBtnRecAgree, Data: cardData(cbRecommend, view, recAgree, version(sub), sub.NIP)},
		{Text: txtBtnRecDisagree, Data: cardData(cbRecommend, view, recDisagree, version(sub), sub.NIP)},
	}}
}

// writeRecommendation shows the OPD's recommendation on a card.
func writeRecommendation(b *strings.Builder, rec *karir.Recommendation, loc *time.Location) {
	if rec == nil {
		return
	}
	verdict := txtRecDisagree
	if rec.Agree {
		verdict = txtRecAgree
	}
	fmt.Fprintf(b, txtRecLine, esc(rec.OPD), verdict, esc(rec.Note), escName(rec.ActorName), karir.FormatDateTime(rec.At, loc))
}

// recommendable loads the form a recommendation button was shown for and
// checks the viewer may still give it.
func (r *Review) recommendable(t *Turn, view queueView, ver, nip string) (*karir.Submission, error) {
	sub, err := r.current(t, view, ver, nip)
	if err != nil || sub == nil {
		return nil, err
	}
	switch {
	case !karir.CanRecommend(sub.Stage):
		t.Toast(txtStaleButton)
		t.Sayf(txtRecTooLate, karir.StepLabel(sub.Stage))
		return nil, nil
	case !mayRecommend(t, sub):
		t.Toast(txtStaleButton)
		t.Sayf(txtRecOwnOPD, esc(t.Role.Scope(karir.RightRecommend)))
		return nil, nil
	}
	return sub, nil
}

// pressRecommend asks the note of the recommendation.
func (r *Review) pressRecommend(t *Turn, view queueView, agree bool, ver, nip string) error {
	t.Done()
	sub, err := r.recommendable(t, view, ver, nip)
	if err != nil || sub == nil {
		return err
	}
	t.Await(cardCommand, map[string]string{"rec": recCode(agree), "nip": nip, "ver": ver, "view": view.String()})
	t.Sayf(txtRecAskNote, recVerdict(agree), esc(sub.Name))
	return nil
}

// recommendNote takes the note and asks to confirm.
func (r *Review) recommendNote(t *Turn) error {
	args := t.Conv.PendingArgs
	note := strings.TrimSpace(t.In.Text)
	if n := utf8.RuneCountInString(note); n < 3 || n > 500 || t.In.File != nil {
		t.Sayf(txtNoteLength)
		return nil
	}
	sub, err := r.recommendable(t, parseView(args["view"]), args["ver"], args["nip"])
	if err != nil || sub == nil {
		t.Done()
		return err
	}
	args["note"] = note
	t.Await(cardCommand, args)
	agree := args["rec"] == recAgree
	t.Say(karir.Reply{Text: fmt.Sprintf(txtRecConfirm, recVerdict(agree), esc(sub.Name), esc(sub.Ref), esc(note)), Buttons: [][]karir.Button{{
		{Text: txtBtnRecYes, Data: cardData(cbRecYes, parseView(args["view"]), args["rec"], args["ver"], args["nip"])},
		{Text: txtBtnConfirmNo, Data: cardData(cbDrop, queueView{})},
	}}})
	return nil
}

// confirmRecommend stores the recommendation (replacing an earlier one).
func (r *Review) confirmRecommend(t *Turn, view queueView, agree bool, ver, nip string) error {
	args := t.Conv.PendingArgs
	if t.Conv.Pending != cardCommand || args["rec"] != recCode(agree) || args["nip"] != nip || args["ver"] != ver || args["note"] == "" {
		t.Toast(txtStaleButton)
		t.Say(karir.Reply{Text: txtStaleNote, EditMessageID: t.In.Callback.MessageID})
		return nil
	}
	sub, err := r.recommendable(t, view, ver, nip)
	if err != nil || sub == nil {
		return err
	}
	t.Done()
	name, err := actorName(t, r.Store)
	if err != nil {
		return err
	}
	now := r.Now()
	sub.Recommendation = &karir.Recommendation{Agree: agree, Note: args["note"], OPD: sub.OPDCode, ActorID: t.In.UserID, ActorName: name, At: now}
	sub.UpdatedAt = now
	if err := r.Store.SaveSubmission(t.Ctx, sub); err != nil {
		return fmt.Errorf("record the recommendation: %w", err)
	}
	t.Say(karir.Reply{Text: fmt.Sprintf(txtRecRecorded, recVerdict(agree), esc(sub.Name), esc(sub.Ref)), EditMessageID: t.In.Callback.MessageID})
	if err := r.sayCard(t, sub, view, nil); err != nil {
		return err
	}
	return r.audit.Record(t, "rekomendasi-opd", fmt.Sprintf("%s (NIP %s, %s): %s: %s", sub.Name, sub.NIP, sub.Ref, recVerdict(agree), args["note"]))
}

func recCode(agree bool) string {
	if agree {
		return recAgree
	}
	return recDisagree
}

func recVerdict(agree bool) string {
	if agree {
		return txtRecAgree
	}
	return txtRecDisagree
}
