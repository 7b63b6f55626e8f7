package flows

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"openkarir/karir"

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
	evStayInstead  event = "stay_instead"  // the target position is the own one: stay after all
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
var formStates = []karir.State{karir.StateChoice, karir.StateTargetOPD, karir.StateTargetPosition, karir.StateReason, karir.StateTarget, karir.StateTerm, karir.StateSummary}

// transitions is the whole conversation, read top to bottom: binding the
// account, then the form (move path, stay path), then edits from the summary.
func transitions() fsm.Events {
	s := func(states ...karir.State) []string {
		out := make([]string, len(states))
		for i, st := range states {
			out[i] = string(st)
		}
		return out
	}
	return fsm.Events{
		{Name: string(evBegin), Src: s(karir.StateStart), Dst: string(karir.StateConsent)},
		{Name: string(evConsent), Src: s(karir.StateConsent), Dst: string(karir.StateAskNIP)},
		{Name: string(evGiveNIP), Src: s(karir.StateAskNIP), Dst: string(karir.StateAskProof)},
		{Name: string(evChangeNIP), Src: s(karir.StateAskProof), Dst: string(karir.StateAskNIP)},
		{Name: string(evProve), Src: s(karir.StateAskProof), Dst: string(karir.StateIdle)},

		{Name: string(evOpenForm), Src: s(karir.StateIdle), Dst: string(karir.StateChoice)},
		{Name: string(evReopenFiled), Src: s(karir.StateIdle), Dst: string(karir.StateSummary)},
		{Name: string(evChooseMove), Src: s(karir.StateChoice), Dst: string(karir.StateTargetOPD)},
		{Name: string(evChooseStay), Src: s(karir.StateChoice), Dst: string(karir.StateReason)},
		{Name: string(evPickOPD), Src: s(karir.StateTargetOPD), Dst: string(karir.StateTargetPosition)},
		{Name: string(evPickPosition), Src: s(karir.StateTargetPosition), Dst: string(karir.StateReason)},
		{Name: string(evStayInstead), Src: s(karir.StateTargetPosition), Dst: string(karir.StateReason)},
		{Name: string(evGiveReason), Src: s(karir.StateReason), Dst: string(karir.StateTarget)},
		{Name: string(evGiveTarget), Src: s(karir.StateTarget), Dst: string(karir.StateTerm)},
		{Name: string(evPickTerm), Src: s(karir.StateTerm), Dst: string(karir.StateSummary)},

		{Name: string(evReview), Src: s(karir.StateChoice, karir.StateTargetPosition, karir.StateReason, karir.StateTarget, karir.StateTerm), Dst: string(karir.StateSummary)},
		{Name: string(evEditChoice), Src: s(karir.StateSummary), Dst: string(karir.StateChoice)},
		{Name: string(evEditOPD), Src: s(karir.StateSummary), Dst: string(karir.StateTargetOPD)},
		{Name: string(evEditPosition), Src: s(karir.StateSummary), Dst: string(karir.StateTargetPosition)},
		{Name: string(evEditReason), Src: s(karir.StateSummary), Dst: string(karir.StateReason)},
		{Name: string(evEditTarget), Src: s(karir.StateSummary), Dst: string(karir.StateTarget)},
		{Name: string(evEditTerm), Src: s(karir.StateSummary), Dst: string(karir.StateTerm)},
		{Name: string(evSubmit), Src: s(karir.StateSummary), Dst: string(karir.StateIdle)},
		{Name: string(evCancel), Src: s(formStates...), Dst: string(karir.StateIdle)},
	}
}

// errNotAllowed means the event does not apply to the current step; the
// user gets the current step again rather than an error.
var errNotAllowed = errors.New("event not allowed in this state")

// move is one (event, step) pair of the declared machine.
type move struct {
	ev  event
	src karir.State
}

// machine is the transition table derived once from transitions(): the
// looplab/fsm definition stays the conversation's single source, but firing
// an event is a map lookup rather than a new fsm.FSM per update (the FSM was
// the flows' largest allocation, issue 26). It is never written after
// newMachine, so concurrent conversations share it safely.
type machine struct {
	dst    map[move]karir.State
	events map[event]bool
}

// conversation is the account-binding and form machine.
var conversation = mustMachine(transitions())

// newMachine derives the transition table from a looplab/fsm definition and
// rejects one looplab would read ambiguously: an (event, source) pair declared
// twice with different destinations, where looplab silently keeps the last.
func newMachine(def fsm.Events) (machine, error) {
	m := machine{dst: map[move]karir.State{}, events: map[event]bool{}}
	for _, d := range def {
		if d.Name == "" || d.Dst == "" || len(d.Src) == 0 {
			return machine{}, fmt.Errorf("event %q: name, source and destination are required", d.Name)
		}
		m.events[event(d.Name)] = true
		for _, src := range d.Src {
			k := move{event(d.Name), karir.State(src)}
			if old, ok := m.dst[k]; ok && old != karir.State(d.Dst) {
				return machine{}, fmt.Errorf("event %q from %q goes to both %q and %q", d.Name, src, old, d.Dst)
			}
			m.dst[k] = karir.State(d.Dst)
		}
	}
	return m, nil
}

func mustMachine(def fsm.Events) machine {
	m, err := newMachine(def)
	if err != nil {
		panic(fmt.Sprintf("flows: invalid conversation machine: %v", err))
	}
	return m
}

// fire moves the conversation by one event, following the declared machine.
func fire(ctx context.Context, c *karir.Conversation, ev event) error {
	return conversation.fire(ctx, c, ev)
}

// fire answers as looplab/fsm's Event would on an FSM at c.State with no
// callbacks: no change when the event leads back to the same step,
// errNotAllowed for a known event from another step, an error for an unknown
// event or a cancelled context (TestMachineMatchesLooplab holds the two together).
func (m machine) fire(ctx context.Context, c *karir.Conversation, ev event) error {
	dst, ok := m.dst[move{ev, c.State}]
	if !ok {
		if m.events[ev] {
			return errNotAllowed
		}
		return fmt.Errorf("fire %s from %s: %w", ev, c.State, fsm.UnknownEventError{Event: string(ev)})
	}
	if dst == c.State {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("fire %s from %s: %w", ev, c.State, err)
	}
	// A held answer belongs to the step it was typed at.
	c.Held = karir.HeldAnswer{}
	c.State = dst
	return nil
}

// inForm reports whether the conversation is inside an open form.
func inForm(s karir.State) bool { return slices.Contains(formStates, s) }
