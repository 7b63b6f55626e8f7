package flows

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"openkarir/karir"
)

// Baperjakat's sessions (karir.Sidang): BKPSDM opens one with its agenda
// (/sidangbaru, sidang_agenda.go), the meeting pack goes out as a PDF and
// a spreadsheet (sidang_pack.go), the board's secretary records per post
// whom it recommends, and closes the session, which sends the minutes
// (sidang_recommend.go). /sidang lists the sessions and shows one.

// SidangReports renders the files of a session.
type SidangReports interface {
	// SidangPackPDF is the meeting pack: the agenda, each post with its
	// candidates, and a berita acara page to fill in, with signature lines.
	SidangPackPDF(s karir.Sidang, signer karir.Signer, loc *time.Location) ([]byte, error)
	// SidangPackXLSX is the pack as a spreadsheet: the agenda and one row
	// per post and candidate.
	SidangPackXLSX(s karir.Sidang, loc *time.Location) ([]byte, error)
	// SidangMinutesPDF is the berita acara of a closed session with what
	// was recommended for each post.
	SidangMinutesPDF(s karir.Sidang, signer karir.Signer, loc *time.Location) ([]byte, error)
}

// Sessions is the command group of Baperjakat's sessions.
type Sessions struct {
	Deps
	audit  *Auditor
	talent *Talent
	// OnClosed, when set, is told of a session just closed, after it is
	// stored and its minutes sent: part B of issue 27 tells the mayor
	// here. A failure is shown to the one who closed it and audited; the
	// session stays closed.
	OnClosed func(ctx context.Context, s karir.Sidang) error
	// OnRecommendedAgain, when set, is told of a new recommendation for a
	// post the mayor returned (agenda index post).
	OnRecommendedAgain func(ctx context.Context, s karir.Sidang, post int) error
}

// NewSessions builds /sidangbaru and /sidang.
func NewSessions(d Deps, audit *Auditor) *Sessions {
	return &Sessions{Deps: d, audit: audit, talent: &Talent{Deps: d, audit: audit}}
}

// Commands returns the commands to register.
func (g *Sessions) Commands() []Command {
	return []Command{
		{Name: "sidangbaru", Description: "buka sidang Baperjakat dengan agendanya: /sidangbaru TANGGAL", Right: karir.RightSidang,
			Run: g.openDraft, Button: g.draftButton, Continue: g.draftTyped},
		{Name: "sidang", Description: "sidang Baperjakat: agenda, bahan sidang, rekomendasi, berita acara: /sidang [ID]", Right: karir.RightSidangRead,
			Run: g.list, Button: g.button, Continue: g.noteTyped, ButtonRight: sidangButtonRight},
	}
}

// Kinds of /sidang's buttons (the first field; ButtonData("sidang",
// kind, id, ...)).
const (
	btnSdView    = "v" // v, id: the session
	btnSdPack    = "f" // f, id: the meeting pack (PDF and xlsx)
	btnSdMinutes = "m" // m, id: the minutes of a closed session
	btnSdPost    = "r" // r, id, i: record the recommendation of agenda post i
	btnSdPick    = "c" // c, id, i, nip: pick or drop a candidate
	btnSdNone    = "n" // n, id, i: "tidak ada yang direkomendasikan"
	btnSdNote    = "w" // w, id, i: on to the note
	btnSdClose   = "k" // k, id: close: check, then ask
	btnSdClosed  = "K" // K, id: close: confirmed
	btnSdMembers = "a" // a, id: record the members present
)

// sidangButtonRight: recording and closing are the board's; reading is
// everyone's who may use /sidang.
func sidangButtonRight(f Fields) karir.Right {
	switch f.Kind() {
	case btnSdPost, btnSdPick, btnSdNone, btnSdNote, btnSdClose, btnSdClosed, btnSdMembers:
		return karir.RightBaperjakat
	}
	return ""
}

// Shown in /sidang's list.
const sidangClosedShown = 5

// list is /sidang: the open sessions and the last closed ones; with an ID,
// that session.
func (g *Sessions) list(t *Turn) error {
	if id := strings.ToUpper(strings.TrimSpace(t.In.Args)); id != "" {
		return g.show(t, id, 0)
	}
	open, err := g.Store.OpenSidangs(t.Ctx)
	if err != nil {
		return err
	}
	closed, err := g.Store.ClosedSidangs(t.Ctx)
	if err != nil {
		return err
	}
	if len(open)+len(closed) == 0 {
		t.Sayf(txtSdNone)
		return nil
	}
	var rows [][]karir.Button
	for _, s := range append(open, closed[:min(len(closed), sidangClosedShown)]...) {
		mark := "🟢"
		if s.Closed {
			mark = "🔒"
		}
		label := fmt.Sprintf("%s %s · %d jabatan", mark, s.ID, len(s.Agenda))
		rows = append(rows, []karir.Button{{Text: label, Data: ButtonData("sidang", btnSdView, s.ID)}})
	}
	t.Say(karir.Reply{Text: fmt.Sprintf(txtSdList, len(open), len(closed)), Buttons: rows})
	return nil
}

func (g *Sessions) button(t *Turn, f Fields) error {
	kind, id := f.Kind(), f.At(1)
	switch kind {
	case btnSdView:
		return g.show(t, id, 0)
	case btnSdPack:
		return g.sendPack(t, id)
	case btnSdMinutes:
		return g.sendMinutes(t, id)
	case btnSdClose:
		return g.askClose(t, id)
	case btnSdClosed:
		return g.close(t, id)
	case btnSdMembers:
		return g.askMembers(t, id)
	case btnSdPost, btnSdNone, btnSdNote, btnSdPick:
		i, ok := f.Int(2)
		if !ok || i < 0 {
			break
		}
		return g.recommendButton(t, kind, id, i, f.At(3))
	}
	t.Toast(txtStaleButton)
	return nil
}

// load reads a session, saying so when it does not exist.
func (g *Sessions) load(t *Turn, id string) (*karir.Sidang, bool, error) {
	s, err := g.Store.Sidang(t.Ctx, id)
	if errors.Is(err, karir.ErrNotFound) {
		t.Sayf(txtSdNotFound, esc(id))
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return s, true, nil
}

// loadOpen is load for a step that changes the session's record: a closed
// session is refused with a toast (false, nil).
func (g *Sessions) loadOpen(t *Turn, id string) (*karir.Sidang, bool, error) {
	s, ok, err := g.load(t, id)
	if !ok || err != nil {
		return nil, false, err
	}
	if s.Closed {
		t.Toast(txtSdIsClosedToast)
		return nil, false, nil
	}
	return s, true, nil
}

// show writes a session: its agenda with each post's recommendation, and
// the buttons of what the user may do next; editID > 0 edits that message.
func (g *Sessions) show(t *Turn, id string, editID int) error {
	s, ok, err := g.load(t, id)
	if !ok || err != nil {
		return err
	}
	t.Say(g.sessionReply(t, s, editID))
	return nil
}

func (g *Sessions) sessionReply(t *Turn, s *karir.Sidang, editID int) karir.Reply {
	var b strings.Builder
	state := txtSdOpen
	if s.Closed {
		state = fmt.Sprintf(txtSdClosedAt, karir.FormatDateTime(s.ClosedAt, g.Location))
	}
	done := len(s.Agenda) - len(s.Lacking())
	fmt.Fprintf(&b, txtSdHead, esc(s.ID), karir.FormatDate(s.Date, g.Location), state, len(s.Agenda), done)
	board := t.Role.Can(karir.RightBaperjakat)
	var rows [][]karir.Button
	for i, p := range s.Agenda {
		b.WriteString(agendaLine(i+1, p))
		if board && (!s.Closed || p.Returned != "") {
			label := clipLabel(fmt.Sprintf("📝 %d. ", i+1), p.Post, " ("+p.OPD+")")
			rows = append(rows, []karir.Button{{Text: label, Data: ButtonData("sidang", btnSdPost, s.ID, strconv.Itoa(i))}})
		}
	}
	files := []karir.Button{{Text: txtBtnSdPack, Data: ButtonData("sidang", btnSdPack, s.ID)}}
	if s.Closed {
		files = append(files, karir.Button{Text: txtBtnSdMinutes, Data: ButtonData("sidang", btnSdMinutes, s.ID)})
	} else if board {
		rows = append(rows, []karir.Button{{Text: fmt.Sprintf(txtBtnSdMembers, len(s.Members)), Data: ButtonData("sidang", btnSdMembers, s.ID)}})
		files = append(files, karir.Button{Text: txtBtnSdClose, Data: ButtonData("sidang", btnSdClose, s.ID)})
	}
	rows = append(rows, files)
	if board && !s.Closed {
		b.WriteString(txtSdBoardHint)
	}
	return karir.Reply{Text: b.String(), Buttons: rows, EditMessageID: editID}
}

// agendaLine is one agenda post with where its recommendation stands.
func agendaLine(n int, p karir.AgendaPost) string {
	head := fmt.Sprintf(txtSdAgendaLine, n, escName(p.Post), esc(p.OPD), p.Vacant, p.Seats, len(p.Nominees))
	switch {
	case p.Rec == nil && p.Returned != "":
		return head + fmt.Sprintf(txtSdReturned, esc(p.Returned))
	case p.Rec == nil:
		return head + txtSdLacking
	}
	return head + recText(p, *p.Rec)
}

// recText writes a recommendation: the names in order, or none, and the note.
func recText(p karir.AgendaPost, rec karir.BoardRecommendation) string {
	var b strings.Builder
	if rec.None {
		b.WriteString(txtSdRecNone)
	}
	for i, nip := range rec.NIPs {
		name := nip
		if n, ok := p.Nominee(nip); ok {
			name = n.Name
		}
		fmt.Fprintf(&b, txtSdRecName, i+1, escName(name))
	}
	if rec.Note != "" {
		fmt.Fprintf(&b, txtSdRecNote, esc(rec.Note))
	}
	return b.String()
}
