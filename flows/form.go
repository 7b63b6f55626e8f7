package flows

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"html"
	"openkarir/karir"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Limits of the form's free-text answers, in characters.
const (
	minText         = 20
	maxText         = 1000
	minPositionText = 3
	maxPositionText = 100
	maxCodeFailures = 5
	codeLockout     = 15 * time.Minute
	opdPageSize     = 8
	positionPage    = 8
	// maxAttempts bounds the retries of an update that lost a write race.
	maxAttempts = 5
	// recentUpdates is how many handled update ids a conversation keeps.
	recentUpdates = 32
)

// RoundSource tells which round is open now.
type RoundSource interface {
	CurrentRound(ctx context.Context) (karir.Round, error)
}

// FixedRound is a RoundSource that always answers the same round.
type FixedRound karir.Round

// CurrentRound implements RoundSource.
func (r FixedRound) CurrentRound(context.Context) (karir.Round, error) { return karir.Round(r), nil }

// Form runs the conversation of an ASN: binding the account, filing the form,
// and the status. It holds no state of its own: every update loads the
// conversation from the store and saves it back.
type Form struct {
	store    karir.Store
	rounds   RoundSource
	loc      *time.Location
	now      func() time.Time
	admins   Admins
	commands map[string]Command
}

// NewForm builds the form conversation. now is the clock (time.Now in
// production, fixed in tests); loc is the zone dates are shown in.
func NewForm(store karir.Store, rounds RoundSource, loc *time.Location, now func() time.Time) *Form {
	return &Form{store: store, rounds: rounds, loc: loc, now: now,
		admins: SuperAdmins(nil), commands: map[string]Command{}}
}

// Turn is one update being handled: the conversation it changes and what
// the bot will answer.
type Turn struct {
	Ctx   context.Context
	In    Input
	Conv  *karir.Conversation
	Round karir.Round
	Role  Role // set for admin commands
	res   Result
}

// Say adds a reply.
func (t *Turn) Say(r karir.Reply) { t.res.Replies = append(t.res.Replies, r) }

// Toast sets the short answer shown on the pressed button.
func (t *Turn) Toast(text string) { t.res.Toast = text }

// Sayf adds a text reply; with args, text is a format.
func (t *Turn) Sayf(text string, args ...any) {
	if len(args) > 0 {
		text = fmt.Sprintf(text, args...)
	}
	t.Say(karir.Reply{Text: text})
}

// Handle answers one input. A lost write race is retried on fresh state; an
// update already handled (a repeated delivery) is answered with nothing.
func (f *Form) Handle(ctx context.Context, in Input) (Result, error) {
	if !in.Private {
		if in.Command != "" || in.Callback != nil {
			return Result{Replies: []karir.Reply{{Text: txtGroup}}}, nil
		}
		return Result{}, nil
	}
	round, err := f.rounds.CurrentRound(ctx)
	if err != nil {
		return Result{}, fmt.Errorf("current round: %w", err)
	}
	for attempt := 1; ; attempt++ {
		conv, err := f.store.LoadConversation(ctx, in.UserID)
		if err != nil {
			return Result{}, fmt.Errorf("load conversation: %w", err)
		}
		if in.UpdateID != 0 && slices.Contains(conv.RecentUpdates, in.UpdateID) {
			// Handled before. If it was the last one, the process may have
			// died before answering: answer again (a repeat beats a loss).
			if in.UpdateID == conv.LastUpdateID {
				return Result{Replies: karir.SavedReplies(conv.LastReplies)}, nil
			}
			return Result{}, nil
		}
		t := &Turn{Ctx: ctx, In: in, Conv: conv, Round: round}
		err = f.step(t)
		if err == nil {
			conv.ChatID = in.ChatID
			// Names are kept only with consent (they let admins be found
			// by @username), and dropped again by /hapusdata.
			if !conv.ConsentAt.IsZero() {
				conv.FirstName, conv.Username = in.FirstName, strings.ToLower(in.Username)
			}
			if in.UpdateID != 0 {
				if in.UpdateID > conv.LastUpdateID {
					conv.LastReplies = karir.SaveReplies(t.res.Replies)
				}
				conv.LastUpdateID = max(conv.LastUpdateID, in.UpdateID)
				conv.RecentUpdates = append(conv.RecentUpdates, in.UpdateID)
				if n := len(conv.RecentUpdates); n > recentUpdates {
					conv.RecentUpdates = conv.RecentUpdates[n-recentUpdates:]
				}
			}
			conv.UpdatedAt = f.now()
			err = f.store.SaveConversation(ctx, conv)
		}
		if errors.Is(err, karir.ErrConflict) && attempt < maxAttempts {
			continue
		}
		if err != nil {
			return Result{}, fmt.Errorf("handle update %d: %w", in.UpdateID, err)
		}
		return t.res, nil
	}
}

// step decides what one input means in the current state.
func (f *Form) step(t *Turn) error {
	if t.In.Command == "batal" && t.Conv.Pending != "" {
		t.Done()
		t.Sayf(txtPendingCancelled)
		return nil
	}
	if handled, err := f.registered(t); handled || err != nil {
		return err
	}
	switch in := t.In; {
	case in.Command != "":
		return f.command(t)
	case in.Callback != nil:
		return f.button(t)
	case in.Contact != nil:
		return f.contact(t)
	case in.Unsupported != "", in.File != nil:
		t.Sayf(txtUnsupported)
		return f.prompt(t)
	default:
		return f.typed(t, strings.TrimSpace(in.Text))
	}
}

func (f *Form) command(t *Turn) error {
	c := t.Conv
	switch t.In.Command {
	case "start":
		switch {
		case c.State == karir.StateStart:
			t.Sayf(txtWelcome)
			return f.begin(t)
		case inForm(c.State):
			t.Sayf(txtResume)
		}
		return f.prompt(t)
	case "bantuan", "help":
		return f.help(t)
	case "isi":
		return f.openForm(t)
	case "status":
		return f.status(t)
	case "batal":
		return f.cancel(t)
	}
	t.Sayf(txtUnknownCmd)
	return nil
}

// help lists the commands this user may use.
func (f *Form) help(t *Turn) error {
	var b strings.Builder
	b.WriteString(txtHelp)
	role, err := f.admins.Role(t.Ctx, t.In.UserID)
	if err != nil {
		return fmt.Errorf("admin role: %w", err)
	}
	var extra []string
	for _, c := range f.commands {
		switch {
		case c.Access == AdminOnly && !role.Admin, c.Access == SuperOnly && !role.Super:
			continue
		}
		extra = append(extra, fmt.Sprintf("/%s — %s", c.Name, esc(c.Description)))
	}
	slices.Sort(extra)
	if len(extra) > 0 {
		b.WriteString("\n\n" + strings.Join(extra, "\n"))
	}
	t.Sayf(b.String())
	return nil
}

// cancel leaves the open form; what was filed before stays filed.
func (f *Form) cancel(t *Turn) error {
	c := t.Conv
	if !inForm(c.State) {
		t.Sayf(txtNothingToCancel)
		return nil
	}
	if err := fire(t.Ctx, c, evCancel); err != nil {
		return err
	}
	c.Draft, c.Editing = karir.Answers{}, false
	t.Sayf(txtCancelled)
	return nil
}

// openForm starts the form, resumes it, or explains why it cannot.
func (f *Form) openForm(t *Turn) error {
	c := t.Conv
	if c.NIP == "" {
		t.Sayf(txtBindFirst)
		return f.begin(t)
	}
	sub, err := f.store.Submission(t.Ctx, t.Round.ID, c.NIP)
	if err != nil && !errors.Is(err, karir.ErrNotFound) {
		return fmt.Errorf("load submission: %w", err)
	}
	if refusal := editRefusal(sub, t.Round, f.now(), f.loc); refusal != "" {
		// A form left open when the deadline passed is closed with it.
		if inForm(c.State) {
			if err := fire(t.Ctx, c, evCancel); err != nil {
				return err
			}
			c.Draft, c.Editing = karir.Answers{}, false
		}
		t.Sayf(refusal)
		return f.status(t)
	}
	if inForm(c.State) {
		t.Sayf(txtResume)
		return f.prompt(t)
	}
	switch {
	case sub == nil:
		c.Draft, c.Editing = karir.Answers{}, false
		if err := fire(t.Ctx, c, evOpenForm); err != nil {
			return err
		}
	default:
		c.Draft, c.Editing = sub.Answers, false
		if err := fire(t.Ctx, c, evReopenFiled); err != nil {
			return err
		}
		t.Sayf(txtReopen)
	}
	return f.prompt(t)
}

// begin puts an unbound user at the start of binding (the privacy notice,
// unless they agreed before), or re-asks its step.
func (f *Form) begin(t *Turn) error {
	if t.Conv.State == karir.StateStart {
		if err := fire(t.Ctx, t.Conv, evBegin); err != nil {
			return err
		}
		if !t.Conv.ConsentAt.IsZero() {
			if err := fire(t.Ctx, t.Conv, evConsent); err != nil {
				return err
			}
		}
	}
	return f.prompt(t)
}

// consent records the user's answer to the privacy notice.
func (f *Form) consent(t *Turn, yes bool) error {
	if !yes {
		t.Sayf(txtConsentRefused)
		return nil
	}
	t.Conv.ConsentAt = f.now()
	if err := fire(t.Ctx, t.Conv, evConsent); err != nil {
		return err
	}
	return f.prompt(t)
}

// prompt asks the question of the current step again.
func (f *Form) prompt(t *Turn) error {
	r, err := f.question(t)
	if err != nil {
		return err
	}
	t.Say(r)
	return nil
}

// question builds the message that asks the current step's question.
func (f *Form) question(t *Turn) (karir.Reply, error) {
	c := t.Conv
	switch c.State {
	case karir.StateStart:
		return karir.Reply{Text: txtWelcome + "\n\n" + txtAskNIP}, nil
	case karir.StateConsent:
		return karir.Reply{Text: txtPrivacy, Buttons: [][]karir.Button{{
			{Text: txtBtnAgree, Data: btnConsentYes}, {Text: txtBtnDisagree, Data: btnConsentNo},
		}}}, nil
	case karir.StateAskNIP:
		return karir.Reply{Text: txtAskNIP}, nil
	case karir.StateAskProof:
		return karir.Reply{Text: txtAskProof, AskContact: true}, nil
	case karir.StateIdle:
		return karir.Reply{Text: txtMenu, Buttons: [][]karir.Button{{
			{Text: txtBtnFill, Data: btnMenuFill}, {Text: txtBtnStatus, Data: btnMenuStatus},
		}}}, nil
	case karir.StateChoice:
		emp, err := f.employee(t)
		if err != nil {
			return karir.Reply{}, err
		}
		return karir.Reply{
			Text: fmt.Sprintf(txtChoice, esc(emp.Position), esc(emp.OPDName)),
			Buttons: [][]karir.Button{
				{{Text: txtBtnStay, Data: btnChoiceStay}},
				{{Text: txtBtnMove, Data: btnChoiceMove}},
			},
		}, nil
	case karir.StateTargetOPD:
		return f.opdPage(t)
	case karir.StateTargetPosition:
		return f.positionPage(t)
	case karir.StateReason:
		if c.Draft.Choice == karir.ChoiceStay {
			return karir.Reply{Text: txtReasonStay}, nil
		}
		return karir.Reply{Text: txtReasonMove}, nil
	case karir.StateTarget:
		return karir.Reply{Text: txtTarget}, nil
	case karir.StateTerm:
		row := make([]karir.Button, 0, len(karir.Terms))
		for _, m := range karir.Terms {
			label := fmt.Sprintf(txtTermButton, m)
			if m == karir.DefaultTerm {
				label = fmt.Sprintf(txtTermDefault, m)
			}
			row = append(row, karir.Button{Text: label, Data: btnTerm + strconv.Itoa(m)})
		}
		return karir.Reply{Text: txtTerm, Buttons: [][]karir.Button{row}}, nil
	case karir.StateSummary:
		return f.summary(t), nil
	}
	return karir.Reply{}, fmt.Errorf("no question for state %q", c.State)
}

func (f *Form) employee(t *Turn) (*karir.Employee, error) {
	emp, err := f.store.Employee(t.Ctx, t.Conv.NIP)
	if err != nil {
		return nil, fmt.Errorf("load bound employee: %w", err)
	}
	return emp, nil
}

// opdPage lists the target agencies, one page of buttons at a time.
func (f *Form) opdPage(t *Turn) (karir.Reply, error) {
	opds, err := f.store.OPDs(t.Ctx)
	if err != nil {
		return karir.Reply{}, fmt.Errorf("list OPDs: %w", err)
	}
	pages := pageCount(len(opds), opdPageSize)
	page := clamp(t.Conv.OPDPage, 0, pages-1)
	var rows [][]karir.Button
	for _, o := range pageOf(opds, page, opdPageSize) {
		rows = append(rows, []karir.Button{{Text: o.Name, Data: btnOPD + o.Code}})
	}
	rows = appendNav(rows, page, pages, btnOPDPage)
	return karir.Reply{Text: fmt.Sprintf(txtTargetOPD, page+1, pages), Buttons: rows}, nil
}

// positionPage lists the positions of the chosen agency; a button carries the
// position's index, since names can pass the 64 bytes of callback data.
func (f *Form) positionPage(t *Turn) (karir.Reply, error) {
	o, err := f.store.OPD(t.Ctx, t.Conv.Draft.TargetOPDCode)
	if err != nil {
		return karir.Reply{}, fmt.Errorf("load target OPD: %w", err)
	}
	if len(o.Positions) == 0 {
		return karir.Reply{Text: fmt.Sprintf(txtTargetPosNone, esc(o.Name))}, nil
	}
	pages := pageCount(len(o.Positions), positionPage)
	page := clamp(t.Conv.OPDPage, 0, pages-1)
	var rows [][]karir.Button
	start := page * positionPage
	for i, p := range pageOf(o.Positions, page, positionPage) {
		rows = append(rows, []karir.Button{{Text: p, Data: btnPosition + strconv.Itoa(start+i)}})
	}
	rows = appendNav(rows, page, pages, btnPositionPage)
	return karir.Reply{Text: fmt.Sprintf(txtTargetPos, esc(o.Name), page+1, pages), Buttons: rows}, nil
}

func appendNav(rows [][]karir.Button, page, pages int, prefix string) [][]karir.Button {
	var nav []karir.Button
	if page > 0 {
		nav = append(nav, karir.Button{Text: txtBtnPrev, Data: prefix + strconv.Itoa(page-1)})
	}
	if page < pages-1 {
		nav = append(nav, karir.Button{Text: txtBtnNext, Data: prefix + strconv.Itoa(page+1)})
	}
	if len(nav) > 0 {
		rows = append(rows, nav)
	}
	return rows
}

// summary shows every answer with buttons to send, change one, or cancel.
func (f *Form) summary(t *Turn) karir.Reply {
	d := t.Conv.Draft
	var b strings.Builder
	b.WriteString(txtSummaryHead + "\n\n")
	writeAnswers(&b, d, false)
	b.WriteString("\n" + txtSummaryFoot)
	rows := [][]karir.Button{{{Text: txtBtnSend, Data: btnSend}}}
	edits := []karir.Button{{Text: txtBtnEditChoice, Data: btnEdit + "choice"}}
	if d.Choice == karir.ChoiceMove {
		edits = append(edits, karir.Button{Text: txtBtnEditOPD, Data: btnEdit + "opd"},
			karir.Button{Text: txtBtnEditPosition, Data: btnEdit + "position"})
	}
	edits = append(edits, karir.Button{Text: txtBtnEditReason, Data: btnEdit + "reason"},
		karir.Button{Text: txtBtnEditTarget, Data: btnEdit + "target"},
		karir.Button{Text: txtBtnEditTerm, Data: btnEdit + "term"})
	for i := 0; i < len(edits); i += 2 {
		rows = append(rows, edits[i:min(i+2, len(edits))])
	}
	rows = append(rows, []karir.Button{{Text: txtBtnCancel, Data: btnCancel}})
	return karir.Reply{Text: b.String(), Buttons: rows}
}

// writeAnswers lists the answers; short cuts long texts for the status.
func writeAnswers(b *strings.Builder, d karir.Answers, short bool) {
	cut := func(s string) string {
		if short && utf8.RuneCountInString(s) > 120 {
			return string([]rune(s)[:117]) + "..."
		}
		return s
	}
	line := func(label, value string) {
		fmt.Fprintf(b, "<b>%s:</b> %s\n", label, esc(value))
	}
	if d.Choice == karir.ChoiceMove {
		line(txtLabelChoice, txtChoiceMove)
		line(txtLabelOPD, d.TargetOPDName)
		line(txtLabelPosition, d.TargetPosition)
	} else {
		line(txtLabelChoice, txtChoiceStay)
	}
	line(txtLabelReason, cut(d.Reason))
	line(txtLabelTarget, cut(d.Target))
	line(txtLabelTerm, fmt.Sprintf(txtTermButton, d.TermMonths))
}

// status shows whether the form is filed, its answers and the deadline.
func (f *Form) status(t *Turn) error {
	c := t.Conv
	if c.NIP == "" {
		t.Sayf(txtBindFirst)
		return f.begin(t)
	}
	var b strings.Builder
	fmt.Fprintf(&b, txtStatusHead+"\n", esc(t.Round.ID))
	sub, err := f.store.Submission(t.Ctx, t.Round.ID, c.NIP)
	switch {
	case errors.Is(err, karir.ErrNotFound):
		b.WriteString(txtStatusNotFiled + "\n")
	case err != nil:
		return fmt.Errorf("load submission: %w", err)
	default:
		fmt.Fprintf(&b, txtStatusFiled+"\n\n", karir.FormatDateTime(sub.UpdatedAt, f.loc), esc(sub.Ref))
		writeAnswers(&b, sub.Answers, true)
		writeTimeline(&b, sub, f.now(), f.loc)
	}
	if inForm(c.State) {
		b.WriteString("\n" + txtStatusDraft + "\n")
	}
	b.WriteString("\n")
	now := f.now()
	if t.Round.IsOpen(now) {
		fmt.Fprintf(&b, txtStatusDeadline, karir.FormatDate(t.Round.LastDay(), f.loc), karir.Countdown(now, t.Round.LastDay(), f.loc))
	} else {
		fmt.Fprintf(&b, txtStatusClosed, karir.FormatDate(t.Round.LastDay(), f.loc))
	}
	t.Sayf(b.String())
	return nil
}

// esc escapes user-supplied text for Telegram HTML.
func esc(s string) string { return html.EscapeString(s) }

func pageCount(n, size int) int { return max(1, (n+size-1)/size) }

func pageOf[T any](items []T, page, size int) []T {
	start := min(page*size, len(items))
	return items[start:min(start+size, len(items))]
}

func clamp(v, lo, hi int) int { return max(lo, min(v, hi)) }

// newRef makes a short reference number users can read out on the phone:
// no 0/O or 1/I to confuse.
func newRef() (string, error) {
	const alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
	buf := make([]byte, 6)
	if _, err := randRead(buf); err != nil {
		return "", fmt.Errorf("make reference: %w", err)
	}
	for i := range buf {
		buf[i] = alphabet[int(buf[i])%len(alphabet)]
	}
	return "OK-" + string(buf), nil
}

// randRead fills b with random bytes.
func randRead(b []byte) (int, error) { return rand.Read(b) }

// checkLength validates a free-text answer's length in characters.
func checkLength(s string, lo, hi int) string {
	n := utf8.RuneCountInString(s)
	switch {
	case n < lo:
		return fmt.Sprintf(txtTooShort, n, lo)
	case n > hi:
		return fmt.Sprintf(txtTooLong, n, hi)
	}
	return ""
}

func hasDigit(s string) bool { return strings.IndexFunc(s, unicode.IsDigit) >= 0 }

// writeTimeline shows the milestones: done, the next one, those to come,
// the target deadline with its countdown, and the last check-in.
func writeTimeline(b *strings.Builder, sub *karir.Submission, now time.Time, loc *time.Location) {
	b.WriteString(txtTimelineHead)
	next := true
	for _, step := range karir.TimelineSteps {
		if at, ok := sub.Reached(step); ok {
			fmt.Fprintf(b, txtTimelineDone, karir.StepLabel(step), karir.FormatDate(at, loc))
			continue
		}
		// A step that ended the way (returned, declined, missed) stands
		// where the timeline stops.
		if stop, at := stoppedAt(sub, step); stop != "" {
			fmt.Fprintf(b, txtTimelineStop, karir.StepLabel(stop), karir.FormatDate(at, loc))
			if stop != karir.StepReturned {
				return
			}
		}
		if next {
			fmt.Fprintf(b, txtTimelineNext, karir.StepLabel(step))
			next = false
			continue
		}
		fmt.Fprintf(b, txtTimelineLater, karir.StepLabel(step))
	}
	if sub.TargetDeadline.IsZero() {
		return
	}
	if m := sub.LastCheckIn(); m != nil {
		fmt.Fprintf(b, txtLastCheckIn, m.Percent, karir.FormatDate(m.At, loc))
	}
	fmt.Fprintf(b, txtTargetStatus, karir.FormatDate(sub.TargetDeadline, loc), karir.Countdown(now, sub.TargetDeadline, loc))
	if sub.TargetRunning() && karir.DaysUntil(now, sub.TargetDeadline, loc) < 0 {
		b.WriteString(txtTargetOverdueMe)
	}
}

// stoppedAt reports the step that took the place of want, if any: a return
// instead of the verification, a refusal instead of the approval, a missed
// target instead of a met one.
func stoppedAt(sub *karir.Submission, want karir.Step) (karir.Step, time.Time) {
	alt := map[karir.Step]karir.Step{karir.StepVerified: karir.StepReturned, karir.StepApproved: karir.StepDeclined, karir.StepMet: karir.StepMissed}[want]
	if alt == "" || sub.Stage != alt {
		return "", time.Time{}
	}
	at, _ := sub.Reached(alt)
	return alt, at
}
