package flows

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"openkarir/karir"
)

// The board's recommendation per agenda post: its secretary picks up to
// three of the post's candidates in order (or none) with buttons, then
// types a note, which records it. The picks wait in the conversation
// (PendingArgs) until the note comes.

// Keys of a recommendation being recorded, in Conversation.PendingArgs.
const (
	argSdID   = "sd"
	argSdPost = "p"
	argSdNIPs = "nips" // comma-separated, in order
	argSdNone = "none" // "1": tidak ada yang direkomendasikan
)

// maxNote bounds a recommendation's note, in characters.
const maxNote = 500

// picks is the recommendation being recorded.
type picks struct {
	id   string
	post int
	nips []string
	none bool
}

func (g *Sessions) picksOf(t *Turn) (picks, bool) {
	a := t.Conv.PendingArgs
	if t.Conv.Pending != "sidang" || a[argSdID] == "" {
		return picks{}, false
	}
	i, err := strconv.Atoi(a[argSdPost])
	if err != nil {
		return picks{}, false
	}
	p := picks{id: a[argSdID], post: i, none: a[argSdNone] == "1"}
	if a[argSdNIPs] != "" {
		p.nips = strings.Split(a[argSdNIPs], ",")
	}
	return p, true
}

func (g *Sessions) keep(t *Turn, p picks) {
	none := ""
	if p.none {
		none = "1"
	}
	t.Await("sidang", map[string]string{argSdID: p.id, argSdPost: strconv.Itoa(p.post),
		argSdNIPs: strings.Join(p.nips, ","), argSdNone: none})
}

// recommendButton handles the buttons of one post's recommendation.
func (g *Sessions) recommendButton(t *Turn, kind, id string, i int, nip string) error {
	s, ok, err := g.load(t, id)
	if !ok || err != nil {
		return err
	}
	if i >= len(s.Agenda) {
		t.Toast(txtStaleButton)
		return nil
	}
	post := s.Agenda[i]
	if s.Closed && post.Returned == "" {
		t.Toast(txtSdIsClosedToast)
		t.Sayf(txtSdIsClosed, esc(s.ID))
		return nil
	}
	if kind == btnSdPost {
		p := picks{id: s.ID, post: i}
		if post.Rec != nil {
			p.nips, p.none = slices.Clone(post.Rec.NIPs), post.Rec.None
		}
		g.keep(t, p)
		t.Say(g.picksReply(s, p, 0))
		return nil
	}
	p, ok := g.picksOf(t)
	if !ok || p.id != s.ID || p.post != i {
		t.Toast(txtSdPicksStale)
		return nil
	}
	msg := t.In.Callback.MessageID
	switch kind {
	case btnSdPick:
		if _, ok := post.Nominee(nip); !ok {
			t.Toast(txtSdNotNomineeToast)
			t.Sayf(txtSdNotNominee, escName(post.Post), esc(post.OPD))
			return nil
		}
		if j := slices.Index(p.nips, nip); j >= 0 {
			p.nips = slices.Delete(p.nips, j, j+1)
		} else if len(p.nips) >= karir.MaxRecommended {
			t.Toast(fmt.Sprintf(txtSdPicksFull, karir.MaxRecommended))
			return nil
		} else {
			p.nips, p.none = append(p.nips, nip), false
		}
	case btnSdNone:
		p.none, p.nips = !p.none, nil
	case btnSdNote:
		if len(p.nips) == 0 && !p.none {
			t.Toast(txtSdPickFirst)
			return nil
		}
		g.keep(t, p)
		t.Sayf(txtSdAskNote, escName(post.Post), esc(post.OPD), picksText(post, p))
		return nil
	}
	g.keep(t, p)
	t.Say(g.picksReply(s, p, msg))
	return nil
}

// picksReply is a post's candidates with buttons to pick them in order.
func (g *Sessions) picksReply(s *karir.Sidang, p picks, editID int) karir.Reply {
	post := s.Agenda[p.post]
	var b strings.Builder
	fmt.Fprintf(&b, txtSdPicksHead, escName(post.Post), esc(post.OPD), esc(s.ID), esc(post.Level), post.Seats, post.Vacant)
	if post.Returned != "" {
		fmt.Fprintf(&b, txtSdPicksReturned, esc(post.Returned))
	}
	if len(post.Nominees) == 0 {
		b.WriteString(txtSdNoNominees)
	}
	var rows [][]karir.Button
	data := func(kind string, nip ...string) string {
		return ButtonData("sidang", append([]string{kind, s.ID, strconv.Itoa(p.post)}, nip...)...)
	}
	for i, n := range post.Nominees {
		ready := ""
		if n.Ready {
			ready = "⭐ "
		}
		fmt.Fprintf(&b, txtSdNomineeLine, i+1, ready, escName(n.Name), esc(n.Now), esc(n.Line))
		prefix := fmt.Sprintf("%d. ", i+1)
		if j := slices.Index(p.nips, n.NIP); j >= 0 {
			prefix = fmt.Sprintf("✅ %d · ", j+1)
		}
		rows = append(rows, []karir.Button{{Text: clipLabel(prefix, n.Name, ""), Data: data(btnSdPick, n.NIP)}})
	}
	noneLabel := txtBtnSdNone
	if p.none {
		noneLabel = "✅ " + noneLabel
	}
	rows = append(rows, []karir.Button{{Text: noneLabel, Data: data(btnSdNone)}},
		[]karir.Button{{Text: txtBtnSdNote, Data: data(btnSdNote)}, {Text: txtBtnSdBack, Data: ButtonData("sidang", btnSdView, s.ID)}})
	fmt.Fprintf(&b, txtSdPicksNow, picksText(post, p), karir.MaxRecommended)
	return karir.Reply{Text: b.String(), Buttons: rows, EditMessageID: editID}
}

// picksText writes the picks so far.
func picksText(post karir.AgendaPost, p picks) string {
	switch {
	case p.none:
		return txtSdRecNoneShort
	case len(p.nips) == 0:
		return txtSdPicksEmpty
	}
	names := make([]string, len(p.nips))
	for i, nip := range p.nips {
		n, _ := post.Nominee(nip)
		names[i] = fmt.Sprintf("%d) %s", i+1, escName(n.Name))
	}
	return strings.Join(names, "; ")
}

// noteTyped takes the note and records the recommendation.
func (g *Sessions) noteTyped(t *Turn) error {
	if !t.Role.Can(karir.RightBaperjakat) {
		t.Done()
		refuse(t, karir.RightBaperjakat)
		return nil
	}
	if a := t.Conv.PendingArgs; t.Conv.Pending == "sidang" && a["act"] == argSdMembers && a[argSdID] != "" {
		return g.membersTyped(t, a[argSdID])
	}
	p, ok := g.picksOf(t)
	if !ok {
		t.Done()
		return nil
	}
	if len(p.nips) == 0 && !p.none {
		t.Sayf(txtSdPickFirstLong)
		return nil
	}
	note := karir.CleanText(strings.TrimSpace(t.In.Text))
	switch {
	case note == "":
		t.Sayf(txtSdNoteEmpty)
		return nil
	case utf8.RuneCountInString(note) > maxNote:
		t.Sayf(txtSdNoteLong, maxNote, utf8.RuneCountInString(note))
		return nil
	}
	s, ok, err := g.load(t, p.id)
	if !ok || err != nil {
		t.Done()
		return err
	}
	if p.post >= len(s.Agenda) {
		t.Done()
		return nil
	}
	post := s.Agenda[p.post]
	returned := post.Returned != ""
	rec := karir.BoardRecommendation{NIPs: p.nips, None: p.none, Note: note, By: t.In.UserID, At: g.Now()}
	saved, err := g.Store.RecordRecommendation(t.Ctx, s.ID, post.OPD, post.Post, rec, s.Version)
	switch {
	case errors.Is(err, karir.ErrNotNominee):
		t.Sayf(txtSdNotNominee, escName(post.Post), esc(post.OPD))
		return nil
	case errors.Is(err, karir.ErrSidangClosed):
		t.Done()
		t.Sayf(txtSdIsClosed, esc(s.ID))
		return nil
	case err != nil:
		return fmt.Errorf("record recommendation: %w", err)
	}
	t.Done()
	if err := g.audit.Record(t, "rekomendasi", fmt.Sprintf("sidang %s, %s (%s): %s; catatan: %s",
		s.ID, post.Post, post.OPD, plainRec(post, rec), note)); err != nil {
		return err
	}
	t.Sayf(txtSdRecorded, escName(post.Post), esc(post.OPD), recText(post, rec))
	t.Say(g.sessionReply(t, saved, 0))
	if returned && g.OnRecommendedAgain != nil {
		if err := g.OnRecommendedAgain(t.Ctx, *saved, p.post); err != nil {
			t.Sayf(txtSdHookFailed, esc(err.Error()))
		}
	}
	return nil
}

// plainRec writes a recommendation for the audit log.
func plainRec(post karir.AgendaPost, rec karir.BoardRecommendation) string {
	if rec.None {
		return "tidak ada yang direkomendasikan"
	}
	names := make([]string, len(rec.NIPs))
	for i, nip := range rec.NIPs {
		n, _ := post.Nominee(nip)
		names[i] = fmt.Sprintf("%d. %s (%s)", i+1, n.Name, nip)
	}
	return strings.Join(names, ", ")
}

// askClose checks every post has its recommendation, then asks.
func (g *Sessions) askClose(t *Turn, id string) error {
	s, ok, err := g.loadOpen(t, id)
	if !ok || err != nil {
		return err
	}
	if g.tooEarly(t, s) {
		return nil
	}
	if lacking := s.Lacking(); len(lacking) > 0 {
		t.Sayf(txtSdCannotClose, esc(s.ID), len(lacking), lackingText(s))
		return nil
	}
	t.Say(karir.Reply{Text: fmt.Sprintf(txtSdAskClose, esc(s.ID), len(s.Agenda)), Buttons: [][]karir.Button{{
		{Text: txtBtnSdCloseYes, Data: ButtonData("sidang", btnSdClosed, s.ID)},
		{Text: txtBtnSdCloseNo, Data: ButtonData("sidang", btnSdView, s.ID)},
	}}})
	return nil
}

func lackingText(s *karir.Sidang) string {
	var b strings.Builder
	for i, p := range s.Agenda {
		if p.Rec == nil {
			fmt.Fprintf(&b, "\n%d. %s (%s)", i+1, escName(p.Post), esc(p.OPD))
		}
	}
	return b.String()
}

// close closes the session, sends the minutes to who closed it and to who
// opened it, and tells OnClosed.
// tooEarly refuses closing a session before its date (karir.Sidang.Held),
// naming the date; nothing changes and the session's message stays.
func (g *Sessions) tooEarly(t *Turn, s *karir.Sidang) bool {
	if s.Held(g.Now(), g.Location) {
		return false
	}
	t.Sayf(txtSdTooEarly, esc(s.ID), karir.FormatDate(s.Date, g.Location), karir.DaysUntil(g.Now(), s.Date, g.Location))
	return true
}

func (g *Sessions) close(t *Turn, id string) error {
	s, ok, err := g.load(t, id)
	if !ok || err != nil {
		return err
	}
	if !s.Closed && g.tooEarly(t, s) {
		return nil
	}
	closed, err := g.Store.CloseSidang(t.Ctx, s.ID, t.In.UserID, g.Now(), s.Version)
	switch {
	case errors.Is(err, karir.ErrAgendaUnfinished):
		t.Sayf(txtSdCannotClose, esc(s.ID), len(s.Lacking()), lackingText(s))
		return nil
	case errors.Is(err, karir.ErrSidangClosed):
		t.Toast(txtSdIsClosedToast)
		return nil
	case err != nil:
		return fmt.Errorf("close sidang: %w", err)
	}
	var recs []string
	for _, p := range closed.Agenda {
		recs = append(recs, fmt.Sprintf("%s (%s): %s", p.Post, p.OPD, plainRec(p, *p.Rec)))
	}
	if err := g.audit.Record(t, "sidang", fmt.Sprintf("menutup sidang %s, %d jabatan: %s", closed.ID, len(closed.Agenda), strings.Join(recs, "; "))); err != nil {
		return err
	}
	minutes, err := g.minutesReply(closed, txtSdClosedMinutes)
	if err != nil {
		return err
	}
	t.Say(karir.Reply{Text: fmt.Sprintf(txtSdClosedDone, esc(closed.ID)), EditMessageID: t.In.Callback.MessageID})
	t.Say(minutes)
	if closed.OpenedBy != 0 && closed.OpenedBy != t.In.UserID {
		notice, err := g.minutesReply(closed, txtSdMinutesToOpener)
		if err != nil {
			return err
		}
		if _, err := g.Sender.Notify(t.Ctx, karir.Notice{Key: "sidang-minutes:" + closed.ID, ChatID: closed.OpenedBy, Reply: notice}); err != nil {
			return fmt.Errorf("send minutes: %w", err)
		}
	}
	if g.OnClosed != nil {
		if err := g.OnClosed(t.Ctx, *closed); err != nil {
			t.Sayf(txtSdHookFailed, esc(err.Error()))
			return g.audit.Record(t, "sidang", fmt.Sprintf("sidang %s ditutup, pemberitahuan ke Wali Kota gagal: %v", closed.ID, err))
		}
	}
	return nil
}
