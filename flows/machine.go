package flows

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/looplab/fsm"
)

// event is a move between two steps of the conversation.
type event string

const (
	evBegin        event = "begin"         // greeted, shown the privacy notice
	evConsent      event = "consent"       // agreed to the privacy notice: asked for the NIP
	evGiveNIP      event = "give_nip"      // a NIP in the roster was typed
	evChangeNIP    event = "change_nip"    // back from the proof to typing a NIP
	evProve        event = "prove"         // contact or code matched: account bound
	evOpenForm     event = "open_form"     // start an empty form
	evReopenFiled  event = "reopen_filed"  // start from the filed answers, at the summary
	evChooseMove   event = "choose_move"   // wants to move
	evChooseStay   event = "choose_stay"   // wants to stay
	evPickOPD      event = "pick_opd"      // target agency chosen
	evPickPosition event = "pick_position" // target position chosen or typed
	evGiveReason   event = "give_reason"
	evGiveTarget   event = "give_target"
	evPickTerm     event = "pick_term"
	evReview       event = "review" // an edit opened from the summary is done
	evEditChoice   event = "edit_choice"
	evEditOPD      event = "edit_opd"
	evEditPosition event = "edit_position"
	evEditReason   event = "edit_reason"
	evEditTarget   event = "edit_target"
	evEditTerm     event = "edit_term"
	evSubmit       event = "submit"
	evCancel       event = "cancel"
)

// formStates are the steps of an open form, which /batal leaves.
var formStates = []State{StateChoice, StateTargetOPD, StateTargetPosition, StateReason, StateTarget, StateTerm, StateSummary}

// transitions is the whole conversation, read top to bottom: binding the
// account, then the form (move path, stay path), then edits from the summary.
func transitions() fsm.Events {
	s := func(states ...State) []string {
		out := make([]string, len(states))
		for i, st := range states {
			out[i] = string(st)
		}
		return out
	}
	return fsm.Events{
		{Name: string(evBegin), Src: s(StateStart), Dst: string(StateConsent)},
		{Name: string(evConsent), Src: s(StateConsent), Dst: string(StateAskNIP)},
		{Name: string(evGiveNIP), Src: s(StateAskNIP), Dst: string(StateAskProof)},
		{Name: string(evChangeNIP), Src: s(StateAskProof), Dst: string(StateAskNIP)},
		{Name: string(evProve), Src: s(StateAskProof), Dst: string(StateIdle)},

		{Name: string(evOpenForm), Src: s(StateIdle), Dst: string(StateChoice)},
		{Name: string(evReopenFiled), Src: s(StateIdle), Dst: string(StateSummary)},
		{Name: string(evChooseMove), Src: s(StateChoice), Dst: string(StateTargetOPD)},
		{Name: string(evChooseStay), Src: s(StateChoice), Dst: string(StateReason)},
		{Name: string(evPickOPD), Src: s(StateTargetOPD), Dst: string(StateTargetPosition)},
		{Name: string(evPickPosition), Src: s(StateTargetPosition), Dst: string(StateReason)},
		{Name: string(evGiveReason), Src: s(StateReason), Dst: string(StateTarget)},
		{Name: string(evGiveTarget), Src: s(StateTarget), Dst: string(StateTerm)},
		{Name: string(evPickTerm), Src: s(StateTerm), Dst: string(StateSummary)},

		{Name: string(evReview), Src: s(StateChoice, StateTargetPosition, StateReason, StateTarget, StateTerm), Dst: string(StateSummary)},
		{Name: string(evEditChoice), Src: s(StateSummary), Dst: string(StateChoice)},
		{Name: string(evEditOPD), Src: s(StateSummary), Dst: string(StateTargetOPD)},
		{Name: string(evEditPosition), Src: s(StateSummary), Dst: string(StateTargetPosition)},
		{Name: string(evEditReason), Src: s(StateSummary), Dst: string(StateReason)},
		{Name: string(evEditTarget), Src: s(StateSummary), Dst: string(StateTarget)},
		{Name: string(evEditTerm), Src: s(StateSummary), Dst: string(StateTerm)},
		{Name: string(evSubmit), Src: s(StateSummary), Dst: string(StateIdle)},
		{Name: string(evCancel), Src: s(formStates...), Dst: string(StateIdle)},
	}
}

// errNotAllowed means the event does not apply to the current step; the
// user gets the current step again rather than an error.
var errNotAllowed = errors.New("event not allowed in this state")

// fire moves the conversation by one event, following the declared machine.
func fire(ctx context.Context, c *Conversation, ev event) error {
	m := fsm.NewFSM(string(c.State), transitions(), nil)
	if err := m.Event(ctx, string(ev)); err != nil {
		var noTransition fsm.NoTransitionError
		if errors.As(err, &noTransition) {
			return nil
		}
		var invalid fsm.InvalidEventError
		if errors.As(err, &invalid) {
			return errNotAllowed
		}
		return fmt.Errorf("fire %s from %s: %w", ev, c.State, err)
	}
	c.State = State(m.Current())
	return nil
}

// inForm reports whether the conversation is inside an open form.
func inForm(s State) bool { return slices.Contains(formStates, s) }
