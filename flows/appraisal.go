package flows

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"openkarir/karir"
)

// Appraisals are the supervisors' side of the check-ins: each /lapor goes
// to the ASN's direct supervisor (nip_atasan in the roster, once their
// account is bound) to be rated 1 to 5 on the three aspects; /nilai lists
// what waits for them. Where the supervisor is not in the bot, BKPSDM
// admins (not limited to one OPD) rate from /tinjau.
type Appraisals struct {
	Deps
	admins Admins
}

// NewAppraisals builds /nilai and the rating buttons.
func NewAppraisals(d Deps) *Appraisals {
	return &Appraisals{Deps: d, admins: StoreAdmins{Supers: d.Supers, Store: d.Store}}
}

// rateCommand names the rating buttons, whose fields are REF, INDEX, SCORES:
// SCORES are the digits given so far, one per aspect in karir.Aspects.
const rateCommand = "nilai"

// Commands returns the commands to register.
func (a *Appraisals) Commands() []Command {
	return []Command{
		{Name: rateCommand, Description: "laporan kemajuan bawahan yang menunggu penilaian Anda", Access: Everyone,
			Run: a.list, Button: a.press},
	}
}

func rateData(ref string, index int, scores string) string {
	return ButtonData(rateCommand, ref, strconv.Itoa(index), scores)
}

// rater tells whether the user of the turn may rate sub's check-ins, and
// how they rate: as the supervisor, or as BKPSDM when the supervisor is
// not in the bot. why is what to say when they may not.
func (a *Appraisals) rater(t *Turn, sub *karir.Submission) (byAdmin bool, why string, err error) {
	sup, err := boundSupervisor(t, a.Store, sub.NIP)
	if err != nil {
		return false, "", err
	}
	if sup != nil {
		if t.Conv.NIP != "" && t.Conv.NIP == sup.NIP {
			return false, "", nil
		}
		return false, txtRateNotSupervisor, nil
	}
	roles, err := a.admins.Roles(t.Ctx, t.In.UserID)
	if err != nil {
		return false, "", fmt.Errorf("roles of the user: %w", err)
	}
	if roles.Can(karir.RightRate) && roles.Scope(karir.RightRate) == "" {
		return true, "", nil
	}
	return false, txtRateNotSupervisor, nil
}

// boundSupervisor returns the binding of the ASN's direct supervisor when
// the roster names one whose account is bound, nil otherwise.
func boundSupervisor(t *Turn, roster karir.Roster, nip string) (*karir.Binding, error) {
	emp, err := roster.Employee(t.Ctx, nip)
	if errors.Is(err, karir.ErrNotFound) || (err == nil && emp.SupervisorNIP == "") {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	b, err := roster.Binding(t.Ctx, emp.SupervisorNIP)
	if errors.Is(err, karir.ErrNotFound) {
		return nil, nil
	}
	return b, err
}

// press takes one score; the third saves the rating.
func (a *Appraisals) press(t *Turn, f Fields) error {
	if f.Len() != 3 {
		t.Toast(txtStaleButton)
		return nil
	}
	index, ok := f.Int(1)
	scores := f[2]
	if !ok || len(scores) > len(karir.Aspects) || strings.Trim(scores, "12345") != "" {
		t.Toast(txtStaleButton)
		return nil
	}
	sub, err := a.Rounds.Latest(t.Ctx, func(round string) (*karir.Submission, error) {
		return a.Store.SubmissionByRef(t.Ctx, round, f[0])
	}, nil)
	if errors.Is(err, karir.ErrNotFound) {
		t.Toast(txtStaleButton)
		return nil
	}
	if err != nil {
		return err
	}
	if index < 0 || index >= len(sub.Milestones) || sub.Milestones[index].Step != karir.StepCheckIn {
		t.Toast(txtStaleButton)
		return nil
	}
	byAdmin, why, err := a.rater(t, sub)
	if err != nil {
		return err
	}
	if why != "" {
		t.Toast(txtRateRefused)
		t.Sayf(why, escName(sub.Name))
		return nil
	}
	m := sub.Milestones[index]
	if m.Rating != nil {
		t.Toast(txtRateRefused)
		t.Sayf(txtRateAlready, escName(sub.Name), karir.FormatDate(m.At, a.Location), escName(m.Rating.RaterName), karir.FormatDateTime(m.Rating.At, a.Location))
		return nil
	}
	msg := t.In.Callback.MessageID
	if scores == "" {
		msg = 0 // opened from a list (/nilai, /tinjau): the list stays
	}
	if len(scores) < len(karir.Aspects) {
		t.Say(a.askScore(sub, index, scores, msg))
		if evidence, ok := evidenceOf(sub, index); ok && scores == "" {
			// The card says the evidence follows: it does, here too.
			t.Say(evidence)
		}
		return nil
	}
	name, err := actorName(t, a.Store)
	if err != nil {
		return err
	}
	r := karir.Rating{
		Productivity: int(scores[0] - '0'), Service: int(scores[1] - '0'), Innovation: int(scores[2] - '0'),
		RaterID: t.In.UserID, RaterName: name, ByAdmin: byAdmin, At: a.Now(),
	}
	if err := sub.Rate(index, r); err != nil {
		return err
	}
	if err := a.Store.SaveSubmission(t.Ctx, sub); err != nil {
		return fmt.Errorf("save rating: %w", err)
	}
	t.Say(karir.Reply{Text: checkInText(sub, index, a.Deps) + fmt.Sprintf(txtRateSaved, ratingLine(r)), EditMessageID: msg})
	return a.tellASN(t, sub, index)
}

// askScore is the check-in with the buttons for the next aspect.
func (a *Appraisals) askScore(sub *karir.Submission, index int, scores string, edit int) karir.Reply {
	aspect := karir.Aspects[len(scores)]
	var b strings.Builder
	b.WriteString(checkInText(sub, index, a.Deps))
	for i, s := range scores {
		fmt.Fprintf(&b, txtRateGiven, karir.Aspects[i], s-'0')
	}
	fmt.Fprintf(&b, txtRateAsk, len(scores)+1, len(karir.Aspects), aspect)
	row := make([]karir.Button, 0, karir.MaxScore)
	for s := karir.MinScore; s <= karir.MaxScore; s++ {
		row = append(row, karir.Button{Text: strconv.Itoa(s), Data: rateData(sub.Ref, index, scores+strconv.Itoa(s))})
	}
	return karir.Reply{Text: b.String(), Buttons: [][]karir.Button{row}, EditMessageID: edit}
}

// checkInText shows one check-in to the one who rates it.
func checkInText(sub *karir.Submission, index int, d Deps) string {
	m := sub.Milestones[index]
	var b strings.Builder
	fmt.Fprintf(&b, txtCheckInHead, escName(sub.Name), esc(sub.Ref), escName(sub.Position), escName(sub.OPDName))
	fmt.Fprintf(&b, txtCheckInBody, esc(sub.Answers.Target), karir.FormatDate(sub.TargetDeadline, d.Location),
		m.Percent, karir.FormatDateTime(m.At, d.Location), esc(m.Note))
	if m.FileID != "" {
		b.WriteString(txtCheckInEvidence)
	}
	return b.String()
}

// ratingLine writes a rating: "produktivitas 4 · kualitas layanan 5 · inovasi 3 (rata-rata 4,0)".
func ratingLine(r karir.Rating) string {
	return fmt.Sprintf(txtRatingLine, r.Productivity, r.Service, r.Innovation, decimalID(r.Average()))
}

// decimalID writes a number with one decimal the Indonesian way: "4,3".
func decimalID(x float64) string {
	return strings.Replace(strconv.FormatFloat(x, 'f', 1, 64), ".", ",", 1)
}

// tellASN shows the ASN the rating of their check-in.
func (a *Appraisals) tellASN(t *Turn, sub *karir.Submission, index int) error {
	b, err := a.Store.Binding(t.Ctx, sub.NIP)
	if errors.Is(err, karir.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	m := sub.Milestones[index]
	_, err = a.Sender.Notify(t.Ctx, karir.Notice{
		Key:    fmt.Sprintf("rated:%s:%d", sub.ID, index),
		ChatID: b.TelegramID,
		Reply: karir.Reply{Text: fmt.Sprintf(txtRatedNotice, m.Percent, karir.FormatDate(m.At, a.Location),
			escName(m.Rating.RaterName), ratingLine(*m.Rating))},
	})
	return err
}

// sendForRating sends a new check-in to the ASN's supervisor, with the
// evidence, when the supervisor is in the bot; it reports whether it did.
func (a *Appraisals) sendForRating(t *Turn, sub *karir.Submission, index int) (bool, error) {
	sup, err := boundSupervisor(t, a.Store, sub.NIP)
	if err != nil || sup == nil {
		return false, err
	}
	ask := a.askScore(sub, index, "", 0)
	notices := []karir.Notice{{Key: fmt.Sprintf("rate:%s:%d", sub.ID, index), ChatID: sup.TelegramID, Reply: ask}}
	if evidence, ok := evidenceOf(sub, index); ok {
		notices = append(notices, karir.Notice{Key: fmt.Sprintf("rate:%s:%d:bukti", sub.ID, index), ChatID: sup.TelegramID, Reply: evidence})
	}
	_, err = a.Sender.Notify(t.Ctx, notices...)
	return err == nil, err
}

// evidenceOf is the file sent with a check-in, as a message of its own
// that follows the check-in's card; ok is false when there is none.
func evidenceOf(sub *karir.Submission, index int) (karir.Reply, bool) {
	m := sub.Milestones[index]
	if m.FileID == "" {
		return karir.Reply{}, false
	}
	file := &karir.File{ID: m.FileID, Name: "bukti"}
	evidence := karir.Reply{Text: fmt.Sprintf(txtEvidenceCaption, escName(sub.Name), esc(sub.Ref), m.Percent)}
	if m.FileKind == "photo" {
		evidence.Photo = file
	} else {
		evidence.Document = file
	}
	return evidence, true
}

// list is /nilai: the check-ins that wait for the user's rating, each with
// a button that starts it.
func (a *Appraisals) list(t *Turn) error {
	roles, err := a.admins.Roles(t.Ctx, t.In.UserID)
	if err != nil {
		return fmt.Errorf("roles of the user: %w", err)
	}
	bkpsdm := roles.Can(karir.RightRate) && roles.Scope(karir.RightRate) == ""
	if t.Conv.NIP == "" && !bkpsdm {
		t.Sayf(txtRateNobody)
		return nil
	}
	subs, err := a.Rounds.AtSteps(t.Ctx, a.Store, targetSteps, targetSteps)
	if err != nil {
		return err
	}
	mine, orphans, err := unratedReports(t.Ctx, a.Deps, subs, t.Conv.NIP, bkpsdm)
	if err != nil {
		return err
	}
	if len(mine)+len(orphans) == 0 {
		t.Sayf(txtRateNone)
		return nil
	}
	var b strings.Builder
	var rows [][]karir.Button
	show := func(head string, items []rateItem) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintf(&b, head, len(items))
		for n, it := range items {
			m := it.sub.Milestones[it.index]
			if n < maxRateButtons {
				rows = append(rows, []karir.Button{{Text: clipLabel("⭐ ", it.sub.Name, fmt.Sprintf(" (%d%%)", m.Percent)), Data: rateData(it.sub.Ref, it.index, "")}})
			}
			fmt.Fprintf(&b, "• %s (%s): %d%%, %s\n", escName(it.sub.Name), esc(it.sub.Ref), m.Percent, karir.FormatDate(m.At, a.Location))
		}
	}
	show(txtRateMineHead, mine)
	if len(mine) > 0 {
		b.WriteString("\n")
	}
	show(txtRateOrphansHead, orphans)
	if len(mine)+len(orphans) > maxRateButtons {
		fmt.Fprintf(&b, txtRateMore, maxRateButtons)
	}
	for _, part := range SplitText(b.String(), MaxMessage) {
		t.Say(karir.Reply{Text: part})
	}
	t.res.Replies[len(t.res.Replies)-1].Buttons = rows
	return nil
}

// maxRateButtons bounds the buttons of /nilai's list.
const maxRateButtons = 20
