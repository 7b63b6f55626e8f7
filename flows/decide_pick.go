package flows

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"openkarir/karir"
)

// References a guard of the law asks before a choice is recorded, as
// keys of the conversation's pending args.
const (
	refMinister  = "ref_mendagri"
	refSelection = "ref_seleksi"
)

// pickPlan is what choosing nip for a session's post will do, read fresh
// for every press.
type pickPlan struct {
	sidang *karir.Sidang
	idx    int
	post   karir.Post
	nip    string
	rank   int
	name   string
	// sub is the chosen ASN's form for the post, nil when they filed none
	// (a name from the succession pool).
	sub *karir.Submission
	emp *karir.Employee
	occ karir.Occupancy
	// fills: no seat is left after this choice, so the other applicants
	// are declined; others are those still to decline, declined those
	// already declined for it, left those BKPSDM has not verified.
	fills    bool
	others   []*karir.Submission
	declined []*karir.Submission
	left     []string
	// The guards: the Minister's approval (UU 10/2016 Pasal 162 ayat 3,
	// Pasal 71 ayat 2; Decide.ministerGuard) and the open selection of a JPT post.
	minister, jpt bool
}

// pick answers "Pilih ..." (confirmed: "Ya, pilih ..."), and a reference
// typed for a guard: every check is made again on fresh data.
func (g *Decide) pick(t *Turn, sid string, i int, nip string, confirmed bool) error {
	msg := 0
	if t.In.Callback != nil {
		msg = t.In.Callback.MessageID
	}
	s, ok, err := g.closedPost(t, sid, i)
	if !ok || err != nil {
		t.Done()
		return err
	}
	p := s.Agenda[i]
	dec, err := g.decided(t, s, i)
	if err != nil {
		return err
	}
	if dec != nil && (dec.Applied || dec.NIP != nip) {
		t.Done()
		t.Toast(txtStaleButton)
		g.sayDecided(t, dec)
		return nil
	}
	if p.Rec == nil {
		t.Done()
		t.Sayf(txtDecideNoRec, esc(p.Returned))
		return nil
	}
	rank := slices.Index(p.Rec.NIPs, nip) + 1
	if rank == 0 {
		t.Done()
		t.Sayf(txtDecideNotRec, esc(nip))
		return nil
	}
	pl, refusal, err := g.plan(t, s, i, nip, rank, dec != nil)
	if err != nil || refusal != "" {
		if refusal != "" {
			t.Done()
			t.Toast(txtStaleButton)
			t.Sayf(refusal)
		}
		return err
	}
	if dec != nil {
		// A choice confirmed before whose work did not finish (a crash,
		// a lost write race): carry it on.
		t.Done()
		return g.apply(t, pl, dec, msg)
	}
	refs := g.refs(t, sid, i, nip)
	if !confirmed {
		return g.askPick(t, pl, refs)
	}
	if (pl.minister && refs[refMinister] == "") || (pl.jpt && refs[refSelection] == "") {
		t.Toast(txtStaleButton)
		return g.askPick(t, pl, refs)
	}
	t.Done()
	name, err := actorName(t, g.Store)
	if err != nil {
		return err
	}
	dec = g.decision(t, pl, name, refs)
	if err := g.Store.ClaimDecision(t.Ctx, *dec); errors.Is(err, karir.ErrConflict) {
		// Someone else's press came first: answered on fresh state.
		return g.pick(t, sid, i, nip, false)
	} else if err != nil {
		return err
	}
	return g.apply(t, pl, dec, msg)
}

// refs are the guards' references typed for this very choice.
func (g *Decide) refs(t *Turn, sid string, i int, nip string) map[string]string {
	args := t.Conv.PendingArgs
	if t.Conv.Pending != decideCommand || args["act"] != "pick" || args["sidang"] != sid || args["i"] != strconv.Itoa(i) || args["nip"] != nip {
		return map[string]string{}
	}
	return args
}

// askPick asks the next reference a guard needs, else shows what the
// choice will do, to be confirmed.
func (g *Decide) askPick(t *Turn, pl *pickPlan, refs map[string]string) error {
	args := map[string]string{"act": "pick", "sidang": pl.sidang.ID, "i": strconv.Itoa(pl.idx), "nip": pl.nip,
		refMinister: refs[refMinister], refSelection: refs[refSelection]}
	switch {
	case pl.minister && refs[refMinister] == "":
		args["ask"] = refMinister
		t.Await(decideCommand, args)
		_, ask, _ := g.ministerGuard()
		t.Say(karir.Reply{Text: ask})
		return nil
	case pl.jpt && refs[refSelection] == "":
		args["ask"] = refSelection
		t.Await(decideCommand, args)
		t.Sayf(txtDecideAskSel, escName(pl.post.Position), escName(pl.name))
		return nil
	}
	t.Await(decideCommand, args)
	var b strings.Builder
	fmt.Fprintf(&b, txtDecideAskConf, escName(pl.name), escName(pl.post.Position), escName(pl.post.OPDName))
	if pl.sub != nil && !pl.sub.Approved() {
		fmt.Fprintf(&b, txtDecideEffForm, esc(pl.sub.Ref))
	} else if pl.sub == nil {
		b.WriteString(txtDecideEffNoForm)
	}
	switch {
	case pl.fills && len(pl.others) > 0:
		fmt.Fprintf(&b, txtDecideEffOthers, len(pl.others), karir.DeclinedReason)
	case !pl.fills:
		b.WriteString(txtDecideEffSeats)
	}
	if r := refs[refMinister]; r != "" {
		fmt.Fprintf(&b, txtDecideEffRef, txtRefMinister, esc(r))
	}
	if r := refs[refSelection]; r != "" {
		fmt.Fprintf(&b, txtDecideEffRef, txtRefSelection, esc(r))
	}
	if !t.Role.Has(karir.RoleMayor) {
		name, err := actorName(t, g.Store)
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, txtDecideOnBehalf, escName(name))
	}
	data := pl.sidang.ID + ":" + strconv.Itoa(pl.idx) + ":" + pl.nip
	t.Say(karir.Reply{Text: b.String(), Buttons: [][]karir.Button{{
		{Text: clipLabel(txtBtnPickYes, pl.name, ""), Data: ButtonData(decideCommand, cbPickYes+":"+data)},
		{Text: txtBtnPickNo, Data: ButtonData(decideCommand, cbPickNo)},
	}}})
	return nil
}

// plan reads what choosing nip will do; refusal says why it may not.
// resuming: the choice is recorded already and its work is carried on.
func (g *Decide) plan(t *Turn, s *karir.Sidang, i int, nip string, rank int, resuming bool) (*pickPlan, string, error) {
	p := s.Agenda[i]
	round := s.Round
	if round == "" {
		round = t.Round.ID
	}
	pl := &pickPlan{sidang: s, idx: i, post: p.AsPost(), nip: nip, rank: rank}
	pl.post.OPDName = opdName(p)
	n, _ := p.Nominee(nip)
	pl.name = nomineeName(n, nip)
	subs, err := g.Store.ListSubmissions(t.Ctx, round)
	if err != nil {
		return nil, "", fmt.Errorf("forms of the post: %w", err)
	}
	for j := range subs {
		if subs[j].NIP == nip && subs[j].AppliesFor(pl.post) {
			pl.sub = &subs[j]
		}
	}
	if e, err := g.Store.Employee(t.Ctx, nip); err == nil {
		pl.emp = e
	} else if !errors.Is(err, karir.ErrNotFound) {
		return nil, "", err
	}
	if sub := pl.sub; sub != nil {
		pl.name = sub.Name
		switch {
		case sub.Stage == karir.StepSubmitted || sub.Stage == karir.StepReturned:
			return nil, fmt.Sprintf(txtDecideNotReady, escName(sub.Name), esc(sub.Ref), karir.StepLabel(sub.Stage)), nil
		case sub.Stage == karir.StepDeclined || (sub.Approved() && !resuming):
			return nil, fmt.Sprintf(txtDecideClosedF, escName(sub.Name), esc(sub.Ref), karir.StepLabel(sub.Stage)), nil
		}
	} else if pl.emp == nil {
		return nil, fmt.Sprintf(txtDecideNotRec, esc(nip)), nil
	}
	emps, err := g.Store.EmployeesIn(t.Ctx, p.OPD)
	if err != nil {
		return nil, "", fmt.Errorf("seats of the post: %w", err)
	}
	planned, _, err := plannedPost(t, g.Store, pl.post)
	if err != nil {
		return nil, "", fmt.Errorf("seats of the post: %w", err)
	}
	pl.occ = karir.OccupancyOf(pl.post, nip, planned, emps, subs, g.Now())
	// A post's seats are never exceeded (DESIGN.md, "Posts"); the mayor's
	// choice has no second confirmation past them.
	stays := pl.sub != nil && pl.sub.Answers.Choice == karir.ChoiceStay
	if !stays && pl.occ.Full() && !(resuming && pl.sub != nil && pl.sub.Approved()) {
		taken := strings.Join(append(slices.Clone(pl.occ.Holders), pl.occ.Approved...), ", ")
		return nil, fmt.Sprintf(txtDecideFull, pl.occ.Seats, pl.occ.Taken(), esc(taken), escName(pl.name)), nil
	}
	pl.fills = pl.occ.Taken()+1 >= pl.occ.Seats
	for j := range subs {
		o := &subs[j]
		if o.NIP == nip || o.Answers.Choice != karir.ChoiceMove || !o.AppliesFor(pl.post) {
			continue
		}
		switch {
		case o.Stage == karir.StepVerified || o.Stage == karir.StepBaperjakat:
			pl.others = append(pl.others, o)
		case o.Stage == karir.StepSubmitted || o.Stage == karir.StepReturned:
			pl.left = append(pl.left, o.Name)
		case o.Stage == karir.StepDeclined && resuming:
			if m := o.LastAdminStep(); m != nil && m.Note == karir.DeclinedReason {
				pl.declined = append(pl.declined, o)
			}
		}
	}
	_, _, pl.minister = g.ministerGuard()
	if pl.jpt, err = g.isJPT(t.Ctx, pl.post); err != nil {
		return nil, "", err
	}
	return pl, "", nil
}

// decision is the record of a confirmed choice, before its work.
func (g *Decide) decision(t *Turn, pl *pickPlan, by string, refs map[string]string) *karir.Decision {
	p := pl.sidang.Agenda[pl.idx]
	d := &karir.Decision{ID: karir.DecisionID(pl.sidang.ID, p.OPD, p.Post), Sidang: pl.sidang.ID, Date: pl.sidang.Date,
		OPDCode: p.OPD, OPDName: pl.post.OPDName, Position: p.Post, NIP: pl.nip, Name: pl.name, Rank: pl.rank,
		MinisterRef: refs[refMinister], SelectionRef: refs[refSelection],
		ByID: t.In.UserID, ByName: by, OnBehalf: !t.Role.Has(karir.RoleMayor), At: g.Now(), NoForm: pl.sub == nil}
	if e := pl.emp; e != nil {
		d.Name, d.Golongan, d.Kind, d.OldOPDCode, d.OldOPDName, d.OldPosition = e.Name, e.Golongan, e.Kind, e.OPDCode, e.OPDName, e.Position
	} else if s := pl.sub; s != nil {
		d.OldOPDCode, d.OldOPDName, d.OldPosition = s.OPDCode, s.OPDName, s.Position
	}
	return d
}

// apply carries a recorded choice out on the forms, each step skipped
// when done already (a repeat carries on where the last attempt stopped):
// the chosen approved with a contract, the others declined, everyone told.
// The notices are keyed by the decision, not by the form's version, so a
// repeat tells whoever an attempt that stopped between a form's save and
// its notice left untold, and nobody twice (the outbox refuses a key
// queued before).
func (g *Decide) apply(t *Turn, pl *pickPlan, dec *karir.Decision, msg int) error {
	actor := txtStepByMayor
	if dec.OnBehalf {
		actor = fmt.Sprintf(txtStepOnBehalf, dec.ByName)
	}
	now := g.Now()
	sid := pl.sidang.ID
	if sub := pl.sub; sub != nil {
		if !sub.Approved() {
			if err := g.consider(sub, sid, now); err != nil {
				return err
			}
			note := fmt.Sprintf(txtNoteMayor, sid, dec.Rank)
			if dec.OnBehalf {
				note += "; dicatat atas nama Wali Kota oleh " + dec.ByName
			}
			if dec.MinisterRef != "" {
				note += "; " + txtRefMinister + " " + dec.MinisterRef
			}
			if dec.SelectionRef != "" {
				note += "; " + txtRefSelection + " " + dec.SelectionRef
			}
			if err := recordStep(t, g.Deps, sub, karir.Milestone{Step: karir.StepApproved, At: now, ActorID: t.In.UserID, ActorName: actor, Note: note}); err != nil {
				return err
			}
		}
		if err := g.review.announce(t, sub, decisionNoticeKey(dec, sub.NIP), ""); err != nil {
			return err
		}
		if err := g.review.deliverContract(t, sub); err != nil {
			return err
		}
	}
	var told []*karir.Submission
	for _, o := range pl.declined {
		// Declined by an earlier attempt of this decision, not by an older
		// decision on the same post (told then).
		if m := o.LastAdminStep(); m != nil && !m.At.Before(dec.At) {
			told = append(told, o)
		}
	}
	declined := make([]string, 0, len(pl.declined)+len(pl.others))
	for _, o := range pl.declined {
		declined = append(declined, o.NIP)
	}
	if pl.fills {
		for _, o := range pl.others {
			if err := g.consider(o, sid, now); err != nil {
				return err
			}
			if err := recordStep(t, g.Deps, o, karir.Milestone{Step: karir.StepDeclined, At: now, ActorID: t.In.UserID, ActorName: actor, Note: karir.DeclinedReason}); err != nil {
				return err
			}
			told = append(told, o)
			declined = append(declined, o.NIP)
		}
	}
	for _, o := range told {
		if err := g.review.announce(t, o, decisionNoticeKey(dec, o.NIP), ""); err != nil {
			return err
		}
	}
	// The audit entry before the mark that the decision is carried out:
	// a crash between the two leaves the decision unapplied, and the
	// retry (a press or the catch-up) writes the same entry again under
	// the same _id, which the store keeps once.
	detail := fmt.Sprintf("sidang %s: %s, %s: dipilih %s (NIP %s, urutan %d), %s; ditolak %d", sid, dec.Position, dec.OPDCode, dec.Name, dec.NIP, dec.Rank, dec.RecordedAs(), len(declined))
	if dec.MinisterRef != "" {
		detail += "; " + txtRefMinister + " " + dec.MinisterRef
	}
	if dec.SelectionRef != "" {
		detail += "; " + txtRefSelection + " " + dec.SelectionRef
	}
	if err := g.audit.RecordOnce(t, dec.At, "decision:"+dec.ID, "keputusan", detail); err != nil {
		return err
	}
	dec.Applied, dec.Declined = true, declined
	if err := g.Store.SaveDecision(t.Ctx, *dec); err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, txtDecideRecorded, escName(dec.Name), escName(dec.Position), escName(dec.OPDName), esc(dec.RecordedAs()))
	if pl.sub != nil {
		b.WriteString(txtDecideToldForm)
	}
	if len(declined) > 0 {
		fmt.Fprintf(&b, txtDecideDeclined, len(declined), karir.DeclinedReason)
	}
	if pl.fills && len(pl.left) > 0 {
		fmt.Fprintf(&b, txtDecideLeft, esc(strings.Join(pl.left, ", ")))
	}
	t.Say(karir.Reply{Text: b.String(), EditMessageID: msg})
	return nil
}

// decisionNoticeKey is the outbox key of the notice a decision sends an
// ASN whose form it changed: one per decision and form, whichever attempt
// queues it.
func decisionNoticeKey(dec *karir.Decision, nip string) string {
	return "decision:" + dec.ID + ":" + nip
}

// consider records Baperjakat's consideration on a verified form the
// session weighed (the milestones need it before the decision).
func (g *Decide) consider(sub *karir.Submission, sid string, now time.Time) error {
	if sub.Stage != karir.StepVerified {
		return nil
	}
	return sub.Record(karir.Milestone{Step: karir.StepBaperjakat, At: now, ActorName: fmt.Sprintf(txtActorBaperjakat, sid),
		Note: fmt.Sprintf(txtNoteBaperjakat, sid)}, g.Location)
}
