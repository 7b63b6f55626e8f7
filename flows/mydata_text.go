package flows

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"openkarir/karir"
)

// docWriter writes /dataku's readable document: sections of "label: value"
// lines, a value not stored leaving its line out. Values are escaped.
type docWriter struct {
	b   strings.Builder
	loc *time.Location
}

func (w *docWriter) section(title string) { fmt.Fprintf(&w.b, "\n\n<b>%s</b>", esc(title)) }

func (w *docWriter) line(label, value string) {
	if value != "" {
		fmt.Fprintf(&w.b, "\n%s: %s", label, esc(value))
	}
}

func (w *docWriter) time(label string, t time.Time) {
	if !t.IsZero() {
		w.line(label, karir.FormatDateTime(t, w.loc))
	}
}

// item is a line of a list; text is HTML already.
func (w *docWriter) item(text string) { w.b.WriteString("\n• " + text) }

// answers lists a form's answers; when was is given, only those that
// differ from it (a revision's old answers against its new ones).
func (w *docWriter) answers(a karir.Answers, was *karir.Answers) {
	var other karir.Answers
	if was != nil {
		other = *was
	}
	show := func(same bool) bool { return was == nil || !same }
	if show(a.Choice == other.Choice) {
		switch a.Choice {
		case karir.ChoiceStay:
			w.line(txtLabelChoice, txtChoiceStay)
		case karir.ChoiceMove:
			w.line(txtLabelChoice, txtChoiceMove)
		}
	}
	if show(a.TargetOPDName == other.TargetOPDName) {
		w.line(txtLabelOPD, a.TargetOPDName)
	}
	if show(a.TargetPosition == other.TargetPosition) {
		w.line(txtLabelPosition, a.TargetPosition)
	}
	if show(a.Reason == other.Reason) {
		w.line(txtLabelReason, a.Reason)
	}
	if show(a.Target == other.Target) {
		w.line(txtLabelTarget, a.Target)
	}
	if a.TermMonths > 0 && show(a.TermMonths == other.TermMonths) {
		w.line(txtLabelTerm, fmt.Sprintf(txtTermButton, a.TermMonths))
	}
}

// Text is the readable document of /dataku, in Telegram HTML.
func (d userData) Text(now time.Time, loc *time.Location) string {
	w := &docWriter{loc: loc}
	fmt.Fprintf(&w.b, txtMyDataHead, karir.FormatDateTime(now, loc))
	c := d.Conv
	w.section(txtMyAccount)
	w.line(txtMyID, strconv.FormatInt(c.UserID, 10))
	w.line(txtMyName, c.FirstName)
	if c.Username != "" {
		w.line(txtMyUsername, "@"+c.Username)
	}
	w.time(txtMyConsent, c.ConsentAt)
	state := stateLabels[string(c.State)]
	if inForm(c.State) {
		state = txtMyStateForm
	}
	w.line(txtMyState, state)
	w.line(txtMyPendingNIP, c.PendingNIP)
	if c.CodeFailures > 0 {
		w.line(txtMyWrongCodes, fmt.Sprintf("%d kali", c.CodeFailures))
	}
	w.time(txtMyLocked, c.LockedUntil)
	if c.NIPLookups > 0 {
		w.line(txtMyNIPLookups, fmt.Sprintf(txtMyNIPLookupsSince, c.NIPLookups, karir.FormatDateTime(c.NIPLookupsSince, w.loc)))
	}
	if c.Draft != (karir.Answers{}) {
		w.b.WriteString("\n" + txtMyDraft + ":")
		w.answers(c.Draft, nil)
	}
	w.line(txtMyHeld, c.Held.Text)

	if e := d.Emp; e != nil {
		w.section(txtMyEmployee)
		w.line(txtMyNIP, e.NIP)
		w.line(txtMyName, e.Name)
		w.line(txtMyOPD, e.OPDName+" ("+e.OPDCode+")")
		w.line(txtMyPosition, e.Position)
		w.line(txtMyType, karir.JabatanLabel(e.Type(), e.Eselon))
		w.line(txtMyKind, string(e.ASN()))
		w.line(txtMyGolongan, e.Golongan)
		w.line(txtMySupervisor, e.SupervisorNIP)
		w.line(txtMyPhone, phoneText(e.Phone))
		code := txtMyCodeNone
		if e.ActivationHash != "" {
			code = txtMyCodeIssued
		}
		w.line(txtMyCode, code)
		w.time(txtMyUpdated, e.UpdatedAt)
	}
	if b := d.Binding; b != nil {
		w.section(txtMyBinding)
		w.line(txtMyMethod, bindingMethods[b.Method].label)
		w.time(txtMyAt, b.BoundAt)
	}
	if s := d.Sub; s != nil {
		d.form(w, s)
	}
	for i := range d.Earlier {
		d.form(w, &d.Earlier[i])
	}
	if len(d.Talent) > 0 {
		w.section(txtMyTalent)
		for _, r := range d.Talent {
			text := fmt.Sprintf(txtMyTalentYear, r.Year, esc(r.Predikat.Label()), esc(string(r.Potential)))
			if r.JPM != nil {
				text += fmt.Sprintf(txtMyTalentJPM, strings.Replace(strconv.FormatFloat(*r.JPM, 'f', -1, 64), ".", ",", 1))
			}
			w.item(text)
		}
	}
	if d.Emp == nil && d.Sub == nil && len(d.Earlier) == 0 {
		w.b.WriteString("\n\n" + txtMyDataNothing)
	}
	return w.b.String()
}

// form writes the submission with its milestones and its revisions.
func (d userData) form(w *docWriter, s *karir.Submission) {
	w.section(fmt.Sprintf(txtMyForm, s.Round))
	w.line(txtMyRef, s.Ref)
	w.line(txtMyAsFiled, s.Position+", "+s.OPDName)
	w.answers(s.Answers, nil)
	w.time(txtMySubmitted, s.SubmittedAt)
	w.time(txtMyFormUpdated, s.UpdatedAt)
	if s.Stage != "" {
		w.line(txtMyStage, karir.StepLabel(s.Stage))
	}
	if !s.TargetDeadline.IsZero() {
		w.line(txtMyDeadline, karir.FormatDate(s.TargetDeadline, w.loc))
	}
	if len(s.Milestones) > 0 {
		w.b.WriteString("\n" + txtMySteps + ":")
	}
	for _, m := range s.Milestones {
		text := esc(karir.StepLabel(m.Step))
		if m.Percent > 0 {
			text += fmt.Sprintf(txtMyStepPercent, m.Percent)
		}
		text += ", " + karir.FormatDateTime(m.At, w.loc)
		if m.ActorName != "" {
			text += fmt.Sprintf(txtMyStepBy, escName(m.ActorName))
		}
		if m.Note != "" {
			text += fmt.Sprintf(txtMyStepNote, esc(m.Note))
		}
		if m.FileKind != "" {
			text += fmt.Sprintf(txtMyStepEvidence, evidenceKind(m.FileKind))
		}
		if r := m.Rating; r != nil {
			text += fmt.Sprintf(txtMyStepRating, karir.FormatDateTime(r.At, w.loc), esc(r.RaterName), raterRole(*r), ratingLine(*r))
		}
		w.item(text)
	}
	if len(s.Revisions) > 0 {
		w.b.WriteString("\n" + txtMyRevisions + ":")
	}
	for _, r := range s.Revisions {
		w.item(fmt.Sprintf(txtMyChanged, karir.FormatDateTime(r.At, w.loc)))
		w.answers(r.Old, &r.New)
	}
}
