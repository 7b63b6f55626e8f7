package flows

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"openkarir/karir"
)

// pressStep answers a step's button on a card: a step that needs a note
// asks for it; the others show what will happen, to be confirmed.
func (r *Review) pressStep(t *Turn, view queueView, step karir.Step, ver, nip string) error {
	t.Done()
	sub, err := r.current(t, view, ver, nip)
	if err != nil || sub == nil {
		return err
	}
	if karir.NeedsNote(step) {
		t.Await(cardCommand, map[string]string{"nip": nip, "step": string(step), "ver": ver, "view": view.String()})
		t.Sayf(txtAskNote, karir.StepLabel(step))
		return nil
	}
	return r.askConfirm(t, sub, step, "", view)
}

// note takes the note of a step (typed again, it replaces the last one)
// and asks to confirm the step with it.
func (r *Review) note(t *Turn) error {
	args := t.Conv.PendingArgs
	if args["rec"] != "" {
		return r.recommendNote(t)
	}
	note := strings.TrimSpace(t.In.Text)
	if n := utf8.RuneCountInString(note); n < 3 || n > 500 || t.In.File != nil {
		if args["note"] != "" {
			t.Sayf(txtConfirmWait)
			return nil
		}
		t.Sayf(txtNoteLength)
		return nil
	}
	view := parseView(args["view"])
	sub, err := r.current(t, view, args["ver"], args["nip"])
	if err != nil || sub == nil {
		t.Done()
		return err
	}
	args["note"] = note
	t.Await(cardCommand, args)
	return r.askConfirm(t, sub, karir.Step(args["step"]), note, view)
}

// current loads the form a button was shown for, if it is still as it was
// (version ver); otherwise it says what changed and shows the card anew.
func (r *Review) current(t *Turn, view queueView, ver, nip string) (*karir.Submission, error) {
	sub, err := r.find(t, nip)
	if err != nil || sub == nil {
		return nil, err
	}
	if version(sub) == ver {
		return sub, nil
	}
	t.Toast(txtStaleButton)
	last := sub.Milestones[len(sub.Milestones)-1]
	if n := len(sub.Revisions); n > 0 && sub.Revisions[n-1].At.After(last.At) {
		t.Sayf(txtStaleEdited, karir.FormatDateTime(sub.Revisions[n-1].At, r.Location))
	} else {
		t.Sayf(txtStaleChanged, karir.StepLabel(sub.Stage), escName(last.ActorName), karir.FormatDateTime(last.At, r.Location))
	}
	return nil, r.sayCard(t, sub, view, nil)
}

// sayCard adds the card of sub, with "next" after its place in the queue.
func (r *Review) sayCard(t *Turn, sub *karir.Submission, view queueView, anchor *karir.Waiting) error {
	if anchor == nil {
		if w, ok := karir.PlaceInQueue(sub, r.Now(), r.Location); ok {
			anchor = &w
		}
	}
	card, err := r.card(t, sub, view, anchor)
	if err == nil {
		t.Say(card)
	}
	return err
}

// askConfirm shows what the step will do and who will be told, with
// "Ya, ..." and "Batal".
func (r *Review) askConfirm(t *Turn, sub *karir.Submission, step karir.Step, note string, view queueView) error {
	var b strings.Builder
	fmt.Fprintf(&b, txtConfirmHead, karir.StepLabel(step), escName(sub.Name), esc(sub.Ref))
	b.WriteString(r.effect(sub, step))
	if step == karir.StepApproved {
		occ, full, err := r.fullPost(t, sub)
		if err != nil {
			return err
		}
		if full {
			b.WriteString(occupancyText(occ))
		}
	}
	if note != "" {
		fmt.Fprintf(&b, txtConfirmNote, esc(note))
	}
	told, err := r.toldLine(t, sub, txtConfirmTold, txtConfirmUntold)
	if err != nil {
		return err
	}
	b.WriteString(told)
	if note != "" {
		b.WriteString(txtConfirmRetype)
	}
	t.Say(karir.Reply{Text: b.String(), Buttons: [][]karir.Button{{
		{Text: yesLabel(step), Data: cardData(cbConfirm, view, stepCodes[step], version(sub), sub.NIP)},
		{Text: txtBtnConfirmNo, Data: cardData(cbDrop, queueView{})},
	}}})
	return nil
}

// effect says what recording step will do.
func (r *Review) effect(sub *karir.Submission, step karir.Step) string {
	switch step {
	case karir.StepVerified:
		return txtEffectVerified
	case karir.StepReturned:
		return txtEffectReturned
	case karir.StepBaperjakat:
		return txtEffectBaperjakat
	case karir.StepApproved:
		end := r.Now().AddDate(0, sub.Answers.TermMonths, 0)
		return fmt.Sprintf(txtEffectApproved, newPost(sub), karir.FormatDate(end, r.Location), sub.Answers.TermMonths, esc(sub.Answers.Target))
	case karir.StepDeclined:
		return fmt.Sprintf(txtEffectDeclined, escName(sub.Position), escName(sub.OPDName))
	case karir.StepMet:
		return txtEffectMet
	case karir.StepMissed:
		return txtEffectMissed
	}
	return ""
}

func yesLabel(step karir.Step) string {
	return map[karir.Step]string{
		karir.StepVerified: txtYesVerified, karir.StepReturned: txtYesReturned, karir.StepBaperjakat: txtYesBaperjakat,
		karir.StepApproved: txtYesApproved, karir.StepDeclined: txtYesDeclined, karir.StepMet: txtYesMet, karir.StepMissed: txtYesMissed,
	}[step]
}

// toldLine says who the bot will tell (told, with the ASN's name) or that
// the ASN must be told another way (untold, with the name and where the
// roster has it, the phone number).
func (r *Review) toldLine(t *Turn, sub *karir.Submission, told, untold string) (string, error) {
	_, err := r.Store.Binding(t.Ctx, sub.NIP)
	switch {
	case err == nil:
		return fmt.Sprintf(told, escName(sub.Name)), nil
	case !errors.Is(err, karir.ErrNotFound):
		return "", err
	}
	if untold == txtConfirmUntold {
		phone := ""
		if e, err := r.Store.Employee(t.Ctx, sub.NIP); err == nil && e.Phone != "" {
			phone = fmt.Sprintf(txtConfirmPhone, localPhone(e.Phone))
		}
		return fmt.Sprintf(untold, escName(sub.Name), phone), nil
	}
	return fmt.Sprintf(untold, escName(sub.Name)), nil
}

// confirm records a confirmed step, unless the form moved on since the
// confirmation was shown (another admin was first, the ASN changed it).
func (r *Review) confirm(t *Turn, view queueView, step karir.Step, ver, nip string) error {
	msg := t.In.Callback.MessageID
	note := ""
	if karir.NeedsNote(step) {
		args := t.Conv.PendingArgs
		if t.Conv.Pending != cardCommand || args["nip"] != nip || args["step"] != string(step) || args["ver"] != ver || args["note"] == "" {
			t.Toast(txtStaleButton)
			t.Say(karir.Reply{Text: txtStaleNote, EditMessageID: msg})
			sub, err := r.find(t, nip)
			if err != nil || sub == nil {
				return err
			}
			return r.sayCard(t, sub, view, nil)
		}
		note = args["note"]
	}
	sub, err := r.current(t, view, ver, nip)
	if err != nil || sub == nil {
		return err
	}
	if !slices.Contains(karir.AdminNextSteps(sub.Stage), step) {
		t.Toast(txtStaleButton)
		return r.sayCard(t, sub, view, nil)
	}
	if step == karir.StepApproved {
		occ, full, err := r.fullPost(t, sub)
		if err != nil {
			return err
		}
		if full {
			// A post is given once: a second, explicit confirmation.
			t.Done()
			t.Say(karir.Reply{Text: fmt.Sprintf(txtOverSeatAsk, escName(sub.Name), esc(sub.Ref)) + occupancyText(occ), EditMessageID: msg,
				Buttons: [][]karir.Button{{
					{Text: txtBtnOverSeatYes, Data: cardData(cbOverSeat, view, version(sub), sub.NIP)},
					{Text: txtBtnConfirmNo, Data: cardData(cbDrop, queueView{})},
				}}})
			return nil
		}
	}
	t.Done()
	return r.record(t, sub, step, note, view, msg)
}

// confirmOverSeat records an approval confirmed a second time although
// the post's seats are taken; the milestone's note and the audit say so.
func (r *Review) confirmOverSeat(t *Turn, view queueView, ver, nip string) error {
	msg := t.In.Callback.MessageID
	sub, err := r.current(t, view, ver, nip)
	if err != nil || sub == nil {
		return err
	}
	if !slices.Contains(karir.AdminNextSteps(sub.Stage), karir.StepApproved) {
		t.Toast(txtStaleButton)
		return r.sayCard(t, sub, view, nil)
	}
	occ, full, err := r.fullPost(t, sub)
	if err != nil {
		return err
	}
	note := ""
	if full {
		note = fmt.Sprintf(txtOverSeatNote, occ.Seats, occ.Taken())
	}
	t.Done()
	return r.record(t, sub, karir.StepApproved, note, view, msg)
}

// fullPost tells whether the post a move asks for has no seat left (a
// stay keeps its own seat: never full).
func (r *Review) fullPost(t *Turn, sub *karir.Submission) (karir.Occupancy, bool, error) {
	post := sub.TargetPost()
	if post.Position == "" {
		return karir.Occupancy{}, false, nil
	}
	emps, err := r.Store.EmployeesIn(t.Ctx, post.OPDCode)
	if err != nil {
		return karir.Occupancy{}, false, fmt.Errorf("seats of the post: %w", err)
	}
	subs, err := r.Store.ListSubmissions(t.Ctx, sub.Round)
	if err != nil {
		return karir.Occupancy{}, false, fmt.Errorf("seats of the post: %w", err)
	}
	planned, _, err := plannedPost(t, r.Store, post)
	if err != nil {
		return karir.Occupancy{}, false, fmt.Errorf("seats of the post: %w", err)
	}
	occ := karir.OccupancyOf(post, sub.NIP, planned, emps, subs, r.Now())
	return occ, occ.Full(), nil
}

// occupancyText says who takes a full post's seats.
func occupancyText(o karir.Occupancy) string {
	var b strings.Builder
	source := txtSeatsFromRoster
	if o.FromMap {
		source = txtSeatsFromMap
	}
	fmt.Fprintf(&b, txtOverSeatFull, o.Seats, source, o.Taken())
	if len(o.Holders) > 0 {
		fmt.Fprintf(&b, txtOverSeatHolders, esc(strings.Join(o.Holders, ", ")))
	}
	if len(o.Approved) > 0 {
		fmt.Fprintf(&b, txtOverSeatApproved, esc(strings.Join(o.Approved, ", ")))
	}
	return b.String()
}

// record stores a step; if another admin stored one first, the save
// conflicts and the whole update runs again on fresh state, where the
// version no longer matches: the step is recorded once.
func (r *Review) record(t *Turn, sub *karir.Submission, step karir.Step, note string, view queueView, msg int) error {
	name, err := actorName(t, r.Store)
	if err != nil {
		return err
	}
	now := r.Now()
	if err := recordStep(t, r.Deps, sub, karir.Milestone{Step: step, At: now, ActorID: t.In.UserID, ActorName: name, Note: note}); err != nil {
		return err
	}
	told, err := r.toldLine(t, sub, txtToldASN, txtUntoldASN)
	if err != nil {
		return err
	}
	t.Say(karir.Reply{Text: fmt.Sprintf(txtStepRecorded, karir.StepLabel(step), escName(sub.Name), esc(sub.Ref)) + told, EditMessageID: msg})
	var anchor *karir.Waiting
	if w, ok := karir.PlaceBefore(sub, now, r.Location); ok {
		anchor = &w
	}
	if err := r.sayCard(t, sub, view, anchor); err != nil {
		return err
	}
	if err := r.announce(t, sub, fmt.Sprintf("milestone:%s:v%d", sub.ID, sub.Version), ""); err != nil {
		return err
	}
	if step == karir.StepApproved {
		if err := r.deliverContract(t, sub); err != nil {
			return err
		}
	}
	detail := fmt.Sprintf("%s (NIP %s, %s): %s", sub.Name, sub.NIP, sub.Ref, karir.StepLabel(step))
	if step == karir.StepApproved && note != "" {
		// The second confirmation of a full post: who held it goes to the
		// audit, not to the ASN's note.
		if occ, full, err := r.fullPost(t, sub); err == nil && full {
			detail += "; " + strings.ReplaceAll(strings.TrimSpace(occupancyText(occ)), "\n", " ")
		}
	}
	if note != "" {
		detail += ": " + note
	}
	return r.audit.Record(t, "tinjau", detail)
}

// recordStep records a milestone on sub and saves it, the contract drawn
// up on approval: the one path of every review step (a card's button, the
// mayor's choice on a session's post).
func recordStep(t *Turn, d Deps, sub *karir.Submission, m karir.Milestone) error {
	if err := sub.Record(m, d.Location); err != nil {
		return err
	}
	if m.Step == karir.StepApproved {
		// The contract is saved with the approval, in the same document.
		if err := issueContract(t, d, sub); err != nil {
			return err
		}
	}
	sub.UpdatedAt = m.At
	if err := d.Store.SaveSubmission(t.Ctx, sub); err != nil {
		return fmt.Errorf("record %s: %w", m.Step, err)
	}
	return nil
}

// announce tells the ASN, in chat, where their form now stands and what
// comes next; undone names a step taken back, for a correction.
func (r *Review) announce(t *Turn, sub *karir.Submission, key string, undone karir.Step) error {
	b, err := r.Store.Binding(t.Ctx, sub.NIP)
	if errors.Is(err, karir.ErrNotFound) {
		return nil // not in the bot: the confirmation told the admin so
	}
	if err != nil {
		return err
	}
	var text strings.Builder
	stage := stageFor(sub, t.Round, r.Now(), r.Location)
	if undone != "" {
		name, err := actorName(t, r.Store)
		if err != nil {
			return err
		}
		fmt.Fprintf(&text, txtNoticeUndone, esc(sub.Ref), karir.StepLabel(undone), esc(name))
		writeStage(&text, stage)
	} else {
		m := sub.LastAdminStep()
		fmt.Fprintf(&text, txtNoticeHeadOf, esc(sub.Ref))
		writeStage(&text, stage)
		if m != nil {
			fmt.Fprintf(&text, txtNoticeBy, escName(m.ActorName), karir.FormatDateTime(m.At, r.Location))
		}
	}
	_, err = r.Sender.Notify(t.Ctx, karir.Notice{Key: key, ChatID: b.TelegramID, Reply: karir.Reply{Text: text.String(), Buttons: stage.Buttons}})
	return err
}

// editIf edits the pressed message when cond holds (a confirmation that
// is answered), else says the answer anew (below a card that stays).
func editIf(cond bool, msg int) int {
	if cond {
		return msg
	}
	return 0
}

// localPhone writes a roster phone number (628...) as people dial it: 08...
func localPhone(p string) string {
	if strings.HasPrefix(p, "62") {
		return "0" + p[2:]
	}
	return p
}
