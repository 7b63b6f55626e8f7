package flows

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"openkarir/karir"
)

// Review is the admins' side of a form: /antrean (the forms waiting for
// them) and /tinjau (one form's card, where each step is confirmed before
// it is recorded and can be undone for a while).
type Review struct {
	Deps
	audit *Auditor
}

// NewReview builds /antrean and /tinjau.
func NewReview(d Deps, audit *Auditor) *Review { return &Review{Deps: d, audit: audit} }

// Commands returns the commands to register.
func (r *Review) Commands() []Command {
	return []Command{
		{Name: "tinjau", Description: "tinjau formulir dan catat tahapannya: /tinjau NIP atau nomor referensi", Right: karir.RightCards,
			Run: r.show, Button: r.button, Continue: r.note, ButtonRight: cardButtonRight},
		{Name: "antrean", Description: "formulir yang menunggu tinjauan: /antrean [KODE_OPD]", Right: karir.RightCards,
			Run: r.queue, Button: r.queuePage},
	}
}

// Callback data of the card's buttons (after "x:tinjau:"): the kind, the
// queue view the admin works in (see queueView), then the rest.
const (
	cbOpen      = "o" // o:view:nip          open a card from the queue
	cbNext      = "n" // n:view:since:ref    the next form after a position
	cbStep      = "s" // s:view:code:ver:nip a step pressed: ask the note or confirm
	cbConfirm   = "y" // y:view:code:ver:nip the step confirmed
	cbDrop      = "c" // c                   the confirmation cancelled
	cbUndo      = "u" // u:view:code:ver:nip undo of step code pressed: confirm
	cbUndoYes   = "z" // z:view:code:ver:nip undo confirmed
	cbRecommend = "p" // p:view:a|d:ver:nip  the OPD's recommendation pressed: ask the note
	cbRecYes    = "q" // q:view:a|d:ver:nip  the recommendation confirmed
	cbUndoNo    = "k" // k                   undo not confirmed
	cbContract  = "f" // f:view:nip          send the contract's PDF
	cbOverSeat  = "w" // w:view:ver:nip      approval of a full post confirmed a second time
	refPrefix   = "OK-"
	refLen      = len(refPrefix) + 6
	cardCommand = "tinjau"
)

// stepCodes are the one-letter names of the admins' steps in button data.
var stepCodes = map[karir.Step]string{
	karir.StepVerified: "v", karir.StepReturned: "r", karir.StepBaperjakat: "b",
	karir.StepApproved: "a", karir.StepDeclined: "d", karir.StepMet: "m", karir.StepMissed: "x",
}

func stepOfCode(code string) (karir.Step, bool) {
	for s, c := range stepCodes {
		if c == code {
			return s, true
		}
	}
	return "", false
}

// find loads a form by NIP or reference number: the current round's, or
// else the newest of an earlier round (a target is evaluated after the next
// round opened). A form outside the admin's OPD gets the same answer as
// none at all.
func (r *Review) find(t *Turn, key string) (*karir.Submission, error) {
	sub, err := r.Rounds.Latest(t.Ctx, func(round string) (*karir.Submission, error) {
		if ref := strings.ToUpper(strings.TrimSpace(key)); strings.HasPrefix(ref, refPrefix) {
			return r.Store.SubmissionByRef(t.Ctx, round, ref)
		}
		return r.Store.Submission(t.Ctx, round, karir.NormalizeNIP(key))
	}, nil)
	if errors.Is(err, karir.ErrNotFound) || (err == nil && t.Role.OPD != "" && sub.OPDCode != t.Role.OPD) {
		t.Sayf(txtReviewNone, esc(key))
		return nil, nil
	}
	return sub, err
}

// show is /tinjau NIP or /tinjau OK-XXXXXX.
func (r *Review) show(t *Turn) error {
	key := strings.TrimSpace(t.In.Args)
	nip := karir.NormalizeNIP(key)
	isRef := strings.HasPrefix(strings.ToUpper(key), refPrefix) && len(key) == refLen
	if !isRef && (len(nip) != 18 || digits(nip) != 18) {
		t.Sayf(txtReviewUsage)
		return nil
	}
	sub, err := r.find(t, key)
	if err != nil || sub == nil {
		return err
	}
	// Opened by hand: "next" stays in the stage the form waits in.
	view, anchor := queueView{}, (*karir.Waiting)(nil)
	if w, ok := karir.PlaceInQueue(sub, r.Now(), r.Location); ok {
		view.Stage, anchor = w.Stage.Key, &w
	}
	card, err := r.card(t, sub, view, anchor)
	if err != nil {
		return err
	}
	t.Say(card)
	return nil
}

// button dispatches the card's buttons.
func (r *Review) button(t *Turn, fields Fields) error {
	kind, f := fields.Kind(), fields[1:]
	view := parseView(f.At(0))
	switch {
	case kind == cbOpen && len(f) == 2:
		return r.open(t, view, f[1])
	case kind == cbNext && len(f) == 3:
		return r.next(t, view, f[1], f[2])
	case (kind == cbStep || kind == cbConfirm) && len(f) == 4:
		step, ok := stepOfCode(f[1])
		if !ok {
			break
		}
		if kind == cbStep {
			return r.pressStep(t, view, step, f[2], f[3])
		}
		return r.confirm(t, view, step, f[2], f[3])
	case kind == cbDrop:
		t.Done()
		t.Say(karir.Reply{Text: txtConfirmDrop, EditMessageID: t.In.Callback.MessageID})
		return nil
	case (kind == cbUndo || kind == cbUndoYes) && len(f) == 4:
		step, ok := stepOfCode(f[1])
		if !ok {
			break
		}
		return r.undo(t, view, kind == cbUndoYes, step, f[2], f[3])
	case (kind == cbRecommend || kind == cbRecYes) && len(f) == 4 && (f[1] == recAgree || f[1] == recDisagree):
		if kind == cbRecommend {
			return r.pressRecommend(t, view, f[1] == recAgree, f[2], f[3])
		}
		return r.confirmRecommend(t, view, f[1] == recAgree, f[2], f[3])
	case kind == cbOverSeat && len(f) == 3:
		return r.confirmOverSeat(t, view, f[1], f[2])
	case kind == cbContract && len(f) == 2:
		return r.sendContract(t, f[1])
	case kind == cbReports && len(f) == 2:
		return r.reports(t, f[1])
	case kind == cbUndoNo:
		t.Say(karir.Reply{Text: txtUndoKept, EditMessageID: t.In.Callback.MessageID})
		return nil
	}
	t.Toast(txtStaleButton)
	return nil
}

// open shows a card from the queue's list.
func (r *Review) open(t *Turn, view queueView, nip string) error {
	sub, err := r.find(t, nip)
	if err != nil || sub == nil {
		return err
	}
	var anchor *karir.Waiting
	if w, ok := karir.PlaceInQueue(sub, r.Now(), r.Location); ok {
		anchor = &w
	}
	card, err := r.card(t, sub, view, anchor)
	if err != nil {
		return err
	}
	t.Say(card)
	return nil
}

// card is the whole form for an admin: who, the answers, the changes, the
// milestones with who recorded them, what it waits for, and buttons for
// the steps that may follow, the undo of the admin's own last step, and
// the next form of the queue view after anchor.
func (r *Review) card(t *Turn, sub *karir.Submission, view queueView, anchor *karir.Waiting) (karir.Reply, error) {
	// The card must fit in one message: its buttons are the only way to
	// rate and decide. Each level shows less until it fits.
	now, loc := r.Now(), r.Location
	var text string
	var shortened bool
	for detail := detailFull; detail <= detailShort; detail++ {
		text, shortened = r.cardText(sub, detail)
		if TextLength(text) <= MaxMessage {
			break
		}
	}

	var rows [][]karir.Button
	// Only the steps the viewer's roles may take: a card an OPD admin
	// reads has no BKPSDM, Baperjakat or decision step on it.
	for _, s := range karir.AdminNextSteps(sub.Stage) {
		if !t.Role.Can(karir.StepRight(s)) {
			continue
		}
		rows = append(rows, []karir.Button{{Text: "➡️ " + karir.StepLabel(s),
			Data: cardData(cbStep, view, stepCodes[s], version(sub), sub.NIP)}})
	}
	rows = append(rows, r.recommendButtons(t, sub, view)...)
	rate, err := r.rateButtons(t, sub)
	if err != nil {
		return karir.Reply{}, err
	}
	rows = append(rows, rate...)
	if sub.Contract != nil {
		rows = append(rows, []karir.Button{{Text: txtBtnContract, Data: cardData(cbContract, view, sub.NIP)}})
	}
	if m := sub.LastAdminStep(); m != nil && sub.CanUndo(t.In.UserID, now) == nil && t.Role.Can(karir.StepRight(m.Step)) {
		text += fmt.Sprintf(txtUndoLine, esc(karir.StepLabel(m.Step)), clock(m.At.Add(karir.UndoWindow), loc))
		rows = append(rows, []karir.Button{{Text: txtBtnUndo, Data: cardData(cbUndo, view, stepCodes[m.Step], version(sub), sub.NIP)}})
	}
	if shortened {
		rows = append(rows, []karir.Button{{Text: txtBtnAllReports, Data: cardData(cbReports, view, sub.NIP)}})
	}
	var nav []karir.Button
	_, others, err := r.nextInQueue(t, view, anchor, sub.Ref)
	if err != nil {
		return karir.Reply{}, err
	}
	if others > 0 {
		since, ref := "0", "-"
		if anchor != nil {
			since, ref = unix36(anchor.Since), anchor.Sub.Ref
		}
		nav = append(nav, karir.Button{Text: fmt.Sprintf(txtBtnNextQ, others), Data: cardData(cbNext, view, since, ref)})
	}
	nav = append(nav, karir.Button{Text: txtBtnQueue, Data: queueData(cbListOpen, view, 0)})
	rows = append(rows, nav)
	return karir.Reply{Text: text, Buttons: rows}, nil
}

// cardText is the card's text at a level of detail; shortened tells that
// older reports were cut to one line.
func (r *Review) cardText(sub *karir.Submission, detail cardDetail) (text string, shortened bool) {
	now, loc := r.Now(), r.Location
	var b strings.Builder
	fmt.Fprintf(&b, txtReviewHead, escName(sub.Name), sub.NIP, escName(sub.Position), escName(sub.OPDName), esc(karir.JabatanLabel(sub.Type(), sub.Eselon)), esc(sub.Ref))
	r.writeWait(&b, sub)
	b.WriteString("\n")
	writeAnswers(&b, sub.Answers, detail == detailShort)
	if len(sub.Revisions) > 0 {
		fmt.Fprintf(&b, txtReviewRevisions, len(sub.Revisions))
		for _, rv := range sub.Revisions {
			fmt.Fprintf(&b, "• %s: %s\n", karir.FormatDateTime(rv.At, loc), esc(changedFields(rv.Old, rv.New)))
		}
	}
	shortened = writeMilestones(&b, sub, detail, loc)
	for _, u := range sub.Undone {
		fmt.Fprintf(&b, txtReviewUndone, karir.StepLabel(u.Milestone.Step), escName(u.Milestone.ActorName), karir.FormatDateTime(u.At, loc))
	}
	if !sub.TargetDeadline.IsZero() {
		fmt.Fprintf(&b, txtTargetDeadline, karir.FormatDate(sub.TargetDeadline, loc), karir.Countdown(now, sub.TargetDeadline, loc))
		if sub.TargetRunning() && karir.DaysUntil(now, sub.TargetDeadline, loc) < 0 {
			b.WriteString(txtOverdue)
		}
	}
	if sum := sub.Ratings("", loc); sum.Count > 0 {
		fmt.Fprintf(&b, txtReviewRatings, decimalID(sum.Average()), sum.Count)
	}
	if m := sub.StepDown(); m != nil {
		fmt.Fprintf(&b, txtReviewStepDown, karir.FormatDate(m.At, loc))
	}
	writeRecommendation(&b, sub.Recommendation, loc)
	if k := sub.Contract; k != nil {
		fmt.Fprintf(&b, txtReviewContract, esc(k.Code), karir.StatusOf(sub.Stage))
	}
	return b.String(), shortened
}

// rateButtons are the buttons to rate the unrated check-ins, for BKPSDM
// admins (not limited to one OPD) when the ASN's supervisor is not in the
// bot; the supervisor rates them otherwise.
func (r *Review) rateButtons(t *Turn, sub *karir.Submission) ([][]karir.Button, error) {
	unrated := sub.Unrated()
	if len(unrated) == 0 || !t.Role.Can(karir.RightRate) || t.Role.Scope(karir.RightRate) != "" {
		return nil, nil
	}
	sup, err := boundSupervisor(t, r.Store, sub.NIP)
	if err != nil || sup != nil {
		return nil, err
	}
	var rows [][]karir.Button
	for _, i := range unrated {
		m := sub.Milestones[i]
		rows = append(rows, []karir.Button{{Text: fmt.Sprintf(txtBtnCardRate, m.Percent, m.At.In(r.Location).Format("2/1")),
			Data: rateData(sub.Ref, i, "")}})
	}
	return rows, nil
}

// sendContract sends an admin the contract of a form.
func (r *Review) sendContract(t *Turn, nip string) error {
	sub, err := r.find(t, nip)
	if err != nil || sub == nil {
		return err
	}
	if sub.Contract == nil {
		t.Toast(txtStaleButton)
		return nil
	}
	k := sub.Contract
	reply, err := contractReply(r.Deps, k, fmt.Sprintf(txtContractFor, escName(k.Name), esc(k.Ref), esc(k.Code), karir.StatusOf(sub.Stage)))
	if err != nil {
		return err
	}
	t.Say(reply)
	return nil
}

// writeWait says what the form waits for, or that it is done.
func (r *Review) writeWait(b *strings.Builder, sub *karir.Submission) {
	now, loc := r.Now(), r.Location
	if w, ok := karir.PlaceInQueue(sub, now, r.Location); ok {
		fmt.Fprintf(b, txtReviewWaiting, esc(w.Stage.Label), karir.FormatDateTime(w.Since, loc), waited(w.Since, now, loc))
		return
	}
	switch {
	case sub.Stage == karir.StepReturned:
		at, _ := sub.Reached(karir.StepReturned)
		fmt.Fprintf(b, txtReviewReturned, karir.FormatDateTime(at, loc))
	case sub.TargetRunning():
		fmt.Fprintf(b, txtReviewRunning, karir.FormatDate(sub.TargetDeadline, loc), karir.Countdown(now, sub.TargetDeadline, loc))
	case len(karir.AdminNextSteps(sub.Stage)) == 0:
		b.WriteString(txtReviewFinal)
	}
}

// waited says how long a form has waited: "hari ini", "3 hari".
func waited(since, now time.Time, loc *time.Location) string {
	if d := karir.DaysUntil(since, now, loc); d > 0 {
		return fmt.Sprintf(txtWaitedDays, d)
	}
	return txtWaitedToday
}

func changedFields(a, b karir.Answers) string {
	var out []string
	add := func(label string, changed bool) {
		if changed {
			out = append(out, label)
		}
	}
	add(txtLabelChoice, a.Choice != b.Choice)
	add(txtLabelOPD, a.TargetOPDCode != b.TargetOPDCode)
	add(txtLabelPosition, a.TargetPosition != b.TargetPosition)
	add(txtLabelReason, a.Reason != b.Reason)
	add(txtLabelTarget, a.Target != b.Target)
	add(txtLabelTerm, a.TermMonths != b.TermMonths)
	return "diubah: " + strings.ToLower(strings.Join(out, ", "))
}

// cardData is the callback data of a card button. An OPD code too long
// for Telegram's 64 bytes is left out: the admin's own scope still holds.
func cardData(kind string, view queueView, fields ...string) string {
	data := ButtonData(cardCommand, append([]string{kind, view.String()}, fields...)...)
	if len(data) > maxCallbackData && view.OPD != "" {
		return cardData(kind, queueView{Stage: view.Stage}, fields...)
	}
	return data
}

func version(sub *karir.Submission) string { return strconv.FormatInt(sub.Version, 10) }

// clock writes a time of day: "09.05".
func clock(t time.Time, loc *time.Location) string { return t.In(loc).Format("15.04") }
