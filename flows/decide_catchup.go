package flows

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"openkarir/karir"
)

// DecisionCatchUp carries out the mayor's decisions that were recorded
// but not carried out on the forms (karir.Decision.Applied false): the
// press that claimed one stopped between the claim and the forms (the
// process died, or a write failed until the update was given up), and
// nothing else would finish it until somebody pressed again. It runs at
// start and with the scheduler, and does what a repeat of the press
// does (Decide.apply, every step idempotent), so it and a late repeat of
// the press may both run: the forms' versioned saves let one of them win
// each step, and the notices' keys let each ASN be told once.
type DecisionCatchUp struct {
	decide *Decide
	log    *slog.Logger

	mu sync.Mutex
	// refused are the decisions whose plan was refused, already logged
	// (each is tried again every tick, logged once).
	refused map[string]bool
}

// decisionCatchUpAfter is how old an unapplied decision is before the
// catch-up takes it: a press carries its decision out within a second or
// so, and a catch-up racing it would make one of the two lose a version
// race (the press's mayor then reads "already decided" instead of
// "recorded").
const decisionCatchUpAfter = 2 * time.Minute

// NewDecisionCatchUp builds the catch-up of unapplied decisions.
func NewDecisionCatchUp(d Deps, log *slog.Logger) *DecisionCatchUp {
	d = d.forPhones()
	return &DecisionCatchUp{decide: NewDecide(d, NewAuditor(d.Store, d.Now)), log: log, refused: map[string]bool{}}
}

// Tick carries out every unapplied decision old enough, and tells its
// recorder it is done; it returns how many it carried out.
func (c *DecisionCatchUp) Tick(ctx context.Context) (int, error) {
	g := c.decide
	pending, err := g.Store.PendingDecisions(ctx)
	if err != nil {
		return 0, fmt.Errorf("catch up on decisions: %w", err)
	}
	done := 0
	var errs []error
	for i := range pending {
		dec := &pending[i]
		if g.Now().Sub(dec.At) < decisionCatchUpAfter {
			continue
		}
		ok, err := c.carryOut(ctx, dec)
		if err != nil {
			errs = append(errs, fmt.Errorf("carry out decision %s: %w", dec.ID, err))
			continue
		}
		if ok {
			done++
			c.log.Info("decision carried out after an interruption", "decision", dec.ID)
		}
	}
	return done, errors.Join(errs...)
}

// carryOut does for one decision what a repeat of its press does, as its
// recorder; ok is false when there was nothing to do or the plan was
// refused (logged once).
func (c *DecisionCatchUp) carryOut(ctx context.Context, dec *karir.Decision) (bool, error) {
	g := c.decide
	s, err := g.Store.Sidang(ctx, dec.Sidang)
	if err != nil {
		return false, fmt.Errorf("load its session: %w", err)
	}
	idx := -1
	for i, p := range s.Agenda {
		if karir.DecisionID(s.ID, p.OPD, p.Post) == dec.ID {
			idx = i
		}
	}
	if idx < 0 {
		c.refuse(dec, "its post is not on the session's agenda")
		return false, nil
	}
	round, err := g.Rounds.CurrentRound(ctx)
	if err != nil {
		return false, fmt.Errorf("current round: %w", err)
	}
	conv, err := g.Store.LoadConversation(ctx, dec.ByID)
	if err != nil {
		return false, fmt.Errorf("the recorder's conversation: %w", err)
	}
	chat := conv.ChatID
	if chat == 0 {
		chat = dec.ByID // a private chat's id is its user's
	}
	t := &Turn{Ctx: ctx, Conv: conv, Round: round,
		In: Input{UserID: dec.ByID, ChatID: chat, Private: true, FirstName: conv.FirstName, Username: conv.Username}}
	pl, refusal, err := g.plan(t, s, idx, dec.NIP, dec.Rank, true)
	if err != nil {
		return false, err
	}
	if refusal != "" {
		// The refusal names people: not for the log.
		c.refuse(dec, "a form of the post changed since the decision")
		return false, nil
	}
	if err := g.apply(t, pl, dec, 0); err != nil {
		return false, err
	}
	// What the press would have answered, to the one who pressed.
	var notices []karir.Notice
	for i, r := range t.res.Replies {
		r.EditMessageID = 0
		if i == 0 {
			r.Text = txtDecideCaughtUp + r.Text
		}
		notices = append(notices, karir.Notice{Key: fmt.Sprintf("decision-done:%s:%d", dec.ID, i), ChatID: chat, Reply: r})
	}
	if _, err := g.Sender.Notify(ctx, notices...); err != nil {
		return true, fmt.Errorf("tell the recorder: %w", err)
	}
	return true, nil
}

// refuse logs, once per process, a decision the catch-up cannot carry out;
// it stays for a press of the mayor's to answer (which says why).
func (c *DecisionCatchUp) refuse(dec *karir.Decision, why string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.refused[dec.ID] {
		return
	}
	c.refused[dec.ID] = true
	c.log.Warn("decision not carried out: a press must answer it", "decision", dec.ID, "why", why)
}
