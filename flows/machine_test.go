package flows

import (
	"context"
	"errors"
	"testing"

	"openkarir/karir"

	"github.com/looplab/fsm"
)

// outcome is what one event does to a conversation: the step after it,
// whether the held answer was dropped, and the kind of error.
type outcome struct {
	state   karir.State
	dropped bool
	err     string
}

func errKind(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, errNotAllowed):
		return "not allowed"
	case errors.Is(err, context.Canceled):
		return "canceled"
	}
	var unknown fsm.UnknownEventError
	if errors.As(err, &unknown) {
		return "unknown event"
	}
	return "other: " + err.Error()
}

// looplabFire is the pre-table fire: a fresh looplab FSM per event, the
// definition's own reading of the machine.
func looplabFire(ctx context.Context, c *karir.Conversation, ev event) error {
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
		return err
	}
	if m.Current() != string(c.State) {
		c.Held = karir.HeldAnswer{}
	}
	c.State = karir.State(m.Current())
	return nil
}

func run(ctx context.Context, f func(context.Context, *karir.Conversation, event) error, st karir.State, ev event) outcome {
	c := &karir.Conversation{State: st, Held: karir.HeldAnswer{Text: "held"}}
	err := f(ctx, c, ev)
	return outcome{state: c.State, dropped: c.Held.Text == "", err: errKind(err)}
}

// TestMachineMatchesLooplab fails when the derived table and looplab/fsm's
// reading of transitions() disagree for any (step, event) pair, including
// steps and events the definition does not name, and a cancelled context.
func TestMachineMatchesLooplab(t *testing.T) {
	states := []karir.State{"", "no_such_step", karir.StateStart, karir.StateConsent, karir.StateAskNIP, karir.StateAskProof,
		karir.StateIdle, karir.StateChoice, karir.StateTargetOPD, karir.StateTargetPosition, karir.StateReason,
		karir.StateTarget, karir.StateTerm, karir.StateSummary}
	events := []event{"no_such_event"}
	for _, d := range transitions() {
		events = append(events, event(d.Name))
		for _, s := range append(d.Src, d.Dst) {
			states = append(states, karir.State(s))
		}
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	moves, notAllowed := 0, 0
	for _, ctx := range []context.Context{context.Background(), cancelled} {
		for _, st := range states {
			for _, ev := range events {
				want := run(ctx, looplabFire, st, ev)
				got := run(ctx, fire, st, ev)
				if got != want {
					t.Errorf("%s from %q: table %+v, looplab %+v", ev, st, got, want)
				}
				if want.err == "" && want.state != st {
					moves++
				}
				if want.err == "not allowed" {
					notAllowed++
				}
			}
		}
	}
	if moves == 0 || notAllowed == 0 {
		t.Fatalf("the comparison saw %d moves and %d refusals: it compares nothing", moves, notAllowed)
	}
}

// TestMachineRejectsAmbiguousDefinition: looplab keeps the last of two
// destinations for one (event, step); the table refuses such a definition.
func TestMachineRejectsAmbiguousDefinition(t *testing.T) {
	def := append(transitions(), fsm.EventDesc{Name: string(evSubmit), Src: []string{string(karir.StateSummary)}, Dst: string(karir.StateChoice)})
	if _, err := newMachine(def); err == nil {
		t.Fatal("a definition sending submit from summary to two steps was accepted")
	}
	if _, err := newMachine(transitions()); err != nil {
		t.Fatalf("the conversation's definition: %v", err)
	}
}
