package flows

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"openkarir/karir"
)

// Decide is the mayor's side of a closed Baperjakat session: per agenda
// post, the recommended names with buttons to choose one, to postpone,
// or to send the post back to the board; a pencatat keputusan sees the
// same choice with /keputusan and records it on his behalf. A choice
// takes the review steps' own path (recordStep): the chosen ASN's form
// approved with its contract, the other applicants declined, each told.
type Decide struct {
	Deps
	review *Review
	audit  *Auditor
}

// NewDecide builds /keputusan and /sk.
func NewDecide(d Deps, audit *Auditor) *Decide {
	return &Decide{Deps: d, review: NewReview(d, audit), audit: audit}
}

const decideCommand = "keputusan"

// Button kinds of a post's message (after "x:keputusan:").
const (
	cbPick     = "p" // p:sidang:i:nip  a name chosen: ask the guards' references or confirm
	cbPickYes  = "y" // y:sidang:i:nip  the choice confirmed
	cbPostpone = "t" // t:sidang:i      postponed
	cbReturn   = "r" // r:sidang:i      back to Baperjakat: ask the note
	cbPickNo   = "c" // c               cancelled
	// maxPostMessages bounds the posts one /keputusan shows.
	maxPostMessages = 10
)

// Commands returns the commands to register.
func (g *Decide) Commands() []Command {
	return []Command{
		{Name: decideCommand, Description: "keputusan Wali Kota atas jabatan dari sidang Baperjakat yang sudah ditutup", Right: karir.RightAppoint,
			Run: g.list, Button: g.button, Continue: g.typed},
		{Name: "sk", Description: "lampiran SK dari keputusan Wali Kota dan tanda tangannya: /sk [ID_SIDANG]", Right: karir.RightDecree,
			Run: g.decree, Button: g.decreeButton},
	}
}

// OnClosed is the hook of a session's closing: every Wali Kota in the bot
// gets one message per agenda post. The outbox's keys make it idempotent
// (a closing replayed sends nothing twice).
func (g *Decide) OnClosed(ctx context.Context, s karir.Sidang) error {
	posts := make([]int, len(s.Agenda))
	for i := range posts {
		posts[i] = i
	}
	return g.tellMayors(ctx, s, posts)
}

// OnRecommendedAgain is the hook of a new recommendation for a post the
// mayor returned: he gets that post's message anew.
func (g *Decide) OnRecommendedAgain(ctx context.Context, s karir.Sidang, post int) error {
	if post < 0 || post >= len(s.Agenda) {
		return nil
	}
	return g.tellMayors(ctx, s, []int{post})
}

// tellMayors sends every Wali Kota in the bot the messages of the posts.
func (g *Decide) tellMayors(ctx context.Context, s karir.Sidang, posts []int) error {
	grants, err := g.Store.ListAdmins(ctx)
	if err != nil {
		return fmt.Errorf("mayors of the session: %w", err)
	}
	var notices []karir.Notice
	for _, a := range grants {
		if !slices.Contains(a.Roles, karir.RoleMayor) {
			continue
		}
		for _, i := range posts {
			reply, err := g.postReply(ctx, &s, i, nil)
			if err != nil {
				return err
			}
			notices = append(notices, karir.Notice{Key: fmt.Sprintf("keputusan:%s:%d:%d:%d", s.ID, i, len(s.Agenda[i].History), a.TelegramID),
				ChatID: a.TelegramID, Reply: reply})
		}
	}
	if len(notices) == 0 {
		return nil
	}
	_, err = g.Sender.Notify(ctx, notices...)
	return err
}

// list is /keputusan: the posts of closed sessions that wait for the
// mayor, one message each.
func (g *Decide) list(t *Turn) error {
	closed, err := g.Store.ClosedSidangs(t.Ctx)
	if err != nil {
		return err
	}
	shown, more := 0, 0
	for si := range closed {
		s := &closed[si]
		for i, p := range s.Agenda {
			if p.Rec == nil {
				continue
			}
			_, err := g.Store.Decision(t.Ctx, karir.DecisionID(s.ID, p.OPD, p.Post))
			if err == nil {
				continue
			}
			if !errors.Is(err, karir.ErrNotFound) {
				return err
			}
			if shown == maxPostMessages {
				more++
				continue
			}
			reply, err := g.postReply(t.Ctx, s, i, nil)
			if err != nil {
				return err
			}
			t.Say(reply)
			shown++
		}
	}
	switch {
	case shown == 0:
		t.Sayf(txtDecideNone)
	case more > 0:
		t.Sayf(txtDecideMore, more)
	}
	return nil
}

// postReply is one post's message: the recommendation with each name's
// one-line record, the law's guards that apply, and the buttons (none
// once decided).
func (g *Decide) postReply(ctx context.Context, s *karir.Sidang, i int, dec *karir.Decision) (karir.Reply, error) {
	p := s.Agenda[i]
	var b strings.Builder
	fmt.Fprintf(&b, txtDecideHead, esc(s.ID), karir.FormatDate(s.Date, g.Location), escName(p.Post), escName(opdName(p)), esc(p.OPD), p.Seats, p.Vacant)
	rec := p.Rec
	switch {
	case rec == nil:
		fmt.Fprintf(&b, txtDecideReturned, esc(p.Returned))
	case rec.None:
		b.WriteString(txtDecideRecNone)
	default:
		b.WriteString(txtDecideRecHead)
		for j, nip := range rec.NIPs {
			n, _ := p.Nominee(nip)
			fmt.Fprintf(&b, txtDecideRecLine, j+1, escName(nomineeName(n, nip)), esc(nip), esc(n.Line))
		}
	}
	if rec != nil && rec.Note != "" {
		fmt.Fprintf(&b, txtDecideRecNote, esc(rec.Note))
	}
	jpt, err := g.isJPT(ctx, p.AsPost())
	if err != nil {
		return karir.Reply{}, err
	}
	if jpt {
		b.WriteString(txtDecideJPT)
	}
	if banner, _, ok := g.ministerGuard(); ok {
		b.WriteString(banner)
	}
	if dec != nil {
		fmt.Fprintf(&b, txtDecideDone, escName(dec.Name), esc(dec.RecordedAs()), karir.FormatDateTime(dec.At, g.Location))
		return karir.Reply{Text: b.String()}, nil
	}
	var rows [][]karir.Button
	idx := strconv.Itoa(i)
	if rec != nil {
		for _, nip := range rec.NIPs {
			n, _ := p.Nominee(nip)
			rows = append(rows, []karir.Button{{Text: clipLabel(txtBtnPick, nomineeName(n, nip), ""),
				Data: ButtonData(decideCommand, cbPick+":"+s.ID+":"+idx+":"+nip)}})
		}
	}
	row := []karir.Button{{Text: txtBtnPostpone, Data: ButtonData(decideCommand, cbPostpone+":"+s.ID+":"+idx)}}
	if rec != nil {
		row = append(row, karir.Button{Text: txtBtnReturn, Data: ButtonData(decideCommand, cbReturn+":"+s.ID+":"+idx)})
	}
	// Sent as a notice too: the Sender lays it out as Turn.Say does.
	return karir.Reply{Text: b.String(), Buttons: append(rows, row)}, nil
}

func opdName(p karir.AgendaPost) string {
	if p.OPDName != "" {
		return p.OPDName
	}
	return p.OPD
}

func nomineeName(n karir.Nominee, nip string) string {
	if n.Name != "" {
		return n.Name
	}
	return nip
}

// isJPT tells a jabatan pimpinan tinggi by the peta jabatan's type, else
// by what its holders in the roster say.
func (g *Decide) isJPT(ctx context.Context, post karir.Post) (bool, error) {
	m, err := g.Store.PostMap(ctx, post.OPDCode)
	switch {
	case err == nil:
		if pp, ok := m.Find(post.Position); ok && pp.Type != "" {
			return karir.IsJPT(pp.Type), nil
		}
	case !errors.Is(err, karir.ErrNotFound):
		return false, err
	}
	emps, err := g.Store.EmployeesIn(ctx, post.OPDCode)
	if err != nil {
		return false, err
	}
	var holders []karir.Employee
	for _, e := range emps {
		if post.Is(e.OPDCode, e.Position) {
			holders = append(holders, e)
		}
	}
	return karir.IsJPT(karir.FactsOf(post, holders).Type), nil
}

// button dispatches a post's buttons.
func (g *Decide) button(t *Turn, f Fields) error {
	if f[0] == cbPickNo {
		t.Done()
		t.Say(karir.Reply{Text: txtDecideDropped, EditMessageID: t.In.Callback.MessageID})
		return nil
	}
	if len(f) < 3 {
		t.Toast(txtStaleButton)
		return nil
	}
	i, err := strconv.Atoi(f[2])
	if err != nil {
		t.Toast(txtStaleButton)
		return nil
	}
	switch {
	case (f[0] == cbPick || f[0] == cbPickYes) && len(f) == 4:
		return g.pick(t, f[1], i, f[3], f[0] == cbPickYes)
	case f[0] == cbPostpone && len(f) == 3:
		return g.postpone(t, f[1], i)
	case f[0] == cbReturn && len(f) == 3:
		return g.askReturn(t, f[1], i)
	}
	t.Toast(txtStaleButton)
	return nil
}

// closedPost loads a closed session's agenda post, or says why not.
func (g *Decide) closedPost(t *Turn, sid string, i int) (*karir.Sidang, bool, error) {
	s, err := g.Store.Sidang(t.Ctx, sid)
	if errors.Is(err, karir.ErrNotFound) || (err == nil && (!s.Closed || i < 0 || i >= len(s.Agenda))) {
		t.Toast(txtStaleButton)
		t.Sayf(txtDecideNoSidang)
		return nil, false, nil
	}
	return s, err == nil, err
}

// undecidedPost loads a closed session's agenda post that has no decision
// yet, or says why not (no such post, or who was chosen already).
func (g *Decide) undecidedPost(t *Turn, sid string, i int) (*karir.Sidang, bool, error) {
	s, ok, err := g.closedPost(t, sid, i)
	if !ok || err != nil {
		return nil, false, err
	}
	d, err := g.decided(t, s, i)
	if err != nil {
		return nil, false, err
	}
	if d != nil {
		g.sayDecided(t, d)
		return nil, false, nil
	}
	return s, true, nil
}

// sayDecided tells who was chosen for a post already, and nothing changed.
func (g *Decide) sayDecided(t *Turn, d *karir.Decision) {
	t.Sayf(txtDecideAlready, escName(d.Name), esc(d.RecordedAs()), karir.FormatDateTime(d.At, g.Location))
}

// decided loads the post's decision, nil when none.
func (g *Decide) decided(t *Turn, s *karir.Sidang, i int) (*karir.Decision, error) {
	p := s.Agenda[i]
	d, err := g.Store.Decision(t.Ctx, karir.DecisionID(s.ID, p.OPD, p.Post))
	if errors.Is(err, karir.ErrNotFound) {
		return nil, nil
	}
	return d, err
}

// postpone answers "Tunda": nothing changes but the audit.
func (g *Decide) postpone(t *Turn, sid string, i int) error {
	s, ok, err := g.undecidedPost(t, sid, i)
	if !ok || err != nil {
		return err
	}
	p := s.Agenda[i]
	t.Sayf(txtDecidePostponed, escName(p.Post), escName(opdName(p)))
	return g.audit.Record(t, "keputusan-tunda", fmt.Sprintf("sidang %s: %s, %s ditunda", s.ID, p.Post, p.OPD))
}

// askReturn asks the note for sending a post back to Baperjakat.
func (g *Decide) askReturn(t *Turn, sid string, i int) error {
	s, ok, err := g.undecidedPost(t, sid, i)
	if !ok || err != nil {
		return err
	}
	t.Await(decideCommand, map[string]string{"act": "return", "sidang": sid, "i": strconv.Itoa(i)})
	t.Sayf(txtDecideAskNote, escName(s.Agenda[i].Post))
	return nil
}

// typed takes what a post's question waits for: the note of a return, or
// the reference a guard of the law asks.
func (g *Decide) typed(t *Turn) error {
	args := t.Conv.PendingArgs
	i, err := strconv.Atoi(args["i"])
	if err != nil {
		t.Done()
		return nil
	}
	text := strings.TrimSpace(t.In.Text)
	if args["act"] == "return" {
		if n := utf8.RuneCountInString(text); n < 3 || n > 500 || t.In.File != nil {
			t.Sayf(txtDecideNoteLen)
			return nil
		}
		return g.returnPost(t, args["sidang"], i, text)
	}
	if n := utf8.RuneCountInString(text); n < 3 || n > 120 || t.In.File != nil {
		t.Sayf(txtDecideRefLength)
		return nil
	}
	switch {
	case args["ask"] == refMinister:
		args[refMinister] = text
	case args["ask"] == refSelection:
		args[refSelection] = text
	default:
		// The confirmation waits for its buttons: the text is not taken.
		t.Sayf(txtDecideUseButtons)
		return nil
	}
	return g.pick(t, args["sidang"], i, args["nip"], false)
}

// returnPost sends the post back to Baperjakat with the note.
func (g *Decide) returnPost(t *Turn, sid string, i int, note string) error {
	t.Done()
	s, ok, err := g.undecidedPost(t, sid, i)
	if !ok || err != nil {
		return err
	}
	p := s.Agenda[i]
	if _, err := g.Store.ReturnAgendaPost(t.Ctx, sid, p.OPD, p.Post, note); err != nil {
		return fmt.Errorf("return agenda post: %w", err)
	}
	t.Sayf(txtDecideReturnOK, escName(p.Post), escName(opdName(p)), esc(note))
	return g.audit.Record(t, "keputusan-kembali", fmt.Sprintf("sidang %s: %s, %s dikembalikan ke Baperjakat%s: %s", s.ID, p.Post, p.OPD, g.behalf(t), note))
}

// behalf marks in the audit a step recorded for the mayor by someone else.
func (g *Decide) behalf(t *Turn) string {
	if t.Role.Has(karir.RoleMayor) {
		return ""
	}
	return " (atas nama Wali Kota)"
}

// ministerGuard says whether a choice made now needs the Minister of Home
// Affairs' written approval, and the texts that say why: within six months
// of the mayor's inauguration (UU 10/2016 Pasal 162 ayat 3), or from six
// months before the penetapan pasangan calon to the end of the term (Pasal
// 71 ayat 2). One approval answers either; the inauguration's is named
// first.
func (g *Decide) ministerGuard() (banner, ask string, ok bool) {
	now := g.Now()
	if karir.NeedsMinisterApproval(g.MayorInaugurated, now, g.Location) {
		d := karir.FormatDate(g.MayorInaugurated, g.Location)
		return fmt.Sprintf(txtDecideMinister, d), fmt.Sprintf(txtDecideAskMin, d), true
	}
	if karir.InPilkadaBan(g.PilkadaPenetapan, now, g.Location) {
		from, on := karir.FormatDate(karir.PilkadaBanFrom(g.PilkadaPenetapan, g.Location), g.Location), karir.FormatDate(g.PilkadaPenetapan, g.Location)
		return fmt.Sprintf(txtDecidePilkada, from, on), fmt.Sprintf(txtDecideAskPilkada, from, on), true
	}
	return "", "", false
}
