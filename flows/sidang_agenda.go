package flows

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"openkarir/karir"
)

// /sidangbaru TANGGAL: the agenda is proposed (the peta jabatan's vacant
// posts first, then every post someone applied for), edited with buttons,
// and the session opened with it; the draft lives in the conversation
// (PendingArgs) until then.

// Kinds of /sidangbaru's buttons (the first field).
const (
	btnAgToggle = "t" // t, post id, page: add or remove a post
	btnAgPage   = "p" // p, page
	btnAgOpen   = "ok"
	btnAgClear  = "clear"
	btnAgCancel = "no"
)

const (
	// agendaPage is how many proposed posts one page lists.
	agendaPage = 8
	// maxAgenda bounds a session's agenda: a meeting weighs tens of posts,
	// and the pack prints a page or two per post.
	maxAgenda = 30
	// agendaPreselected are the first proposals on the agenda at once.
	agendaPreselected = 20
)

// Keys of the draft in Conversation.PendingArgs.
const (
	argAgDate = "date" // the meeting's date, 2006-01-02
	argAgSel  = "sel"  // the chosen posts' ids (postID), comma-separated
)

// proposal is a post that may go on the agenda.
type proposal struct {
	karir.Post
	Seats, Vacant, Applicants int
}

// proposals are the posts to propose: the vacant ones first (a free seat
// now, karir.Vacancies: the peta jabatan's order), then the posts with
// applicants and no free seat, most applicants first.
func (g *Sessions) proposals(t *Turn) ([]proposal, error) {
	emps, err := g.Store.EmployeesIn(t.Ctx, "")
	if err != nil {
		return nil, err
	}
	subs, err := g.Store.ListSubmissions(t.Ctx, t.Round.ID)
	if err != nil {
		return nil, err
	}
	maps, err := g.Store.PostMaps(t.Ctx)
	if err != nil {
		return nil, err
	}
	demand := karir.Demand(subs, "")
	applicants := make(map[string]int, len(demand))
	for _, d := range demand {
		applicants[d.Key()] = d.Applicants()
	}
	var out []proposal
	seen := map[string]bool{}
	vacant := karir.Vacancies(emps, subs, maps, "", g.Now())
	// The leadership posts first (JPT, administrator, pengawas): the
	// board's main business; Vacancies' order (by OPD) within a level.
	slices.SortStableFunc(vacant, func(a, b karir.Vacancy) int { return cmp.Compare(rungRank(b.Rung), rungRank(a.Rung)) })
	for _, v := range vacant {
		if v.Free() == 0 {
			continue
		}
		seen[v.Key()] = true
		out = append(out, proposal{Post: v.Post, Seats: v.Seats, Vacant: v.Free(), Applicants: applicants[v.Key()]})
	}
	planned := map[string]karir.PlannedPost{}
	// A post as the peta jabatan or the roster spells it, not as typed.
	names := map[string]string{}
	for _, e := range emps {
		names[karir.Post{OPDCode: e.OPDCode, Position: e.Position}.Key()] = e.Position
	}
	for _, m := range maps {
		for _, p := range m.Posts {
			key := karir.Post{OPDCode: m.OPDCode, Position: p.Name}.Key()
			planned[key], names[key] = p, p.Name
		}
	}
	for i := range out {
		if n, ok := names[out[i].Key()]; ok {
			out[i].Position = n
		}
	}
	for _, d := range demand {
		if seen[d.Key()] {
			continue
		}
		if n, ok := names[d.Key()]; ok {
			d.Position = n
		}
		occ := karir.OccupancyOf(d.Post, "", planned[d.Key()], emps, subs, g.Now())
		out = append(out, proposal{Post: d.Post, Seats: occ.Seats, Vacant: max(0, occ.Seats-occ.Taken()), Applicants: d.Applicants()})
	}
	return out, nil
}

// rungRank orders posts by level, the unknown last.
func rungRank(r karir.Rung) int {
	if !r.Known {
		return -1
	}
	return r.Level
}

// openDraft is /sidangbaru TANGGAL.
func (g *Sessions) openDraft(t *Turn) error {
	arg := strings.TrimSpace(t.In.Args)
	if arg == "" {
		t.Sayf(txtAgUsage)
		return nil
	}
	date, err := karir.ParseDay(arg, g.Location)
	if err != nil {
		t.Sayf(txtDateForms, esc(arg), karir.DateForms)
		return nil
	}
	props, err := g.proposals(t)
	if err != nil {
		return err
	}
	if len(props) == 0 {
		t.Sayf(txtAgNothing)
		return nil
	}
	sel := make([]string, 0, agendaPreselected)
	for _, p := range props[:min(len(props), agendaPreselected)] {
		sel = append(sel, postID(p.Post))
	}
	t.Await("sidangbaru", map[string]string{argAgDate: date.Format(time.DateOnly), argAgSel: strings.Join(sel, ",")})
	t.Say(g.draftReply(t, props, sel, date, 0, 0))
	return nil
}

// draft reads the draft from the conversation; ok is false when there is
// none (a button of a draft already opened or cancelled).
func (g *Sessions) draft(t *Turn) (date time.Time, sel []string, ok bool) {
	if t.Conv.Pending != "sidangbaru" {
		return time.Time{}, nil, false
	}
	date, err := time.ParseInLocation(time.DateOnly, t.Conv.PendingArgs[argAgDate], g.Location)
	if err != nil {
		return time.Time{}, nil, false
	}
	if s := t.Conv.PendingArgs[argAgSel]; s != "" {
		sel = strings.Split(s, ",")
	}
	return date, sel, true
}

func (g *Sessions) draftButton(t *Turn, f Fields) error {
	date, sel, ok := g.draft(t)
	if !ok {
		t.Toast(txtAgStale)
		return nil
	}
	msg := t.In.Callback.MessageID
	switch f.Kind() {
	case btnAgCancel:
		t.Done()
		t.Say(karir.Reply{Text: txtAgCancelled, EditMessageID: msg})
		return nil
	case btnAgOpen:
		return g.openSession(t, date, sel)
	case btnAgClear:
		props, err := g.proposals(t)
		if err != nil {
			return err
		}
		t.Conv.PendingArgs[argAgSel] = ""
		t.Say(g.draftReply(t, props, nil, date, 0, msg))
		return nil
	case btnAgPage:
		page, ok := f.Int(1)
		if !ok || page < 0 {
			break
		}
		props, err := g.proposals(t)
		if err != nil {
			return err
		}
		t.Say(g.draftReply(t, props, sel, date, page, msg))
		return nil
	case btnAgToggle:
		id := f.At(1)
		page, ok := f.Int(2)
		if !ok || page < 0 {
			break
		}
		props, err := g.proposals(t)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(props, func(p proposal) bool { return postID(p.Post) == id }) {
			t.Toast(txtStaleButton)
			return nil
		}
		if i := slices.Index(sel, id); i >= 0 {
			sel = slices.Delete(sel, i, i+1)
		} else if len(sel) >= maxAgenda {
			t.Toast(fmt.Sprintf(txtAgFull, maxAgenda))
			return nil
		} else {
			sel = append(sel, id)
		}
		t.Conv.PendingArgs[argAgSel] = strings.Join(sel, ",")
		t.Say(g.draftReply(t, props, sel, date, page, msg))
		return nil
	}
	t.Toast(txtStaleButton)
	return nil
}

// draftTyped answers a message typed while the draft waits.
func (g *Sessions) draftTyped(t *Turn) error {
	t.Sayf(txtAgUseButtons)
	return nil
}

// draftReply is one page of the proposals with the chosen ones marked.
func (g *Sessions) draftReply(t *Turn, props []proposal, sel []string, date time.Time, page, editID int) karir.Reply {
	pages := pageCount(len(props), agendaPage)
	page = clamp(page, 0, pages-1)
	var b strings.Builder
	fmt.Fprintf(&b, txtAgHead, karir.FormatDate(date, g.Location), len(props), len(sel), maxAgenda, page+1, pages)
	var rows [][]karir.Button
	for i, p := range pageOf(props, page, agendaPage) {
		id := postID(p.Post)
		mark := "⬜"
		if slices.Contains(sel, id) {
			mark = "✅"
		}
		fmt.Fprintf(&b, txtAgLine, page*agendaPage+i+1, mark, escName(p.Position), esc(p.OPDCode), p.Vacant, p.Seats, p.Applicants)
		rows = append(rows, []karir.Button{{Text: clipLabel(fmt.Sprintf("%s %d. ", mark, page*agendaPage+i+1), p.Position, " ("+p.OPDCode+")"),
			Data: ButtonData("sidangbaru", btnAgToggle, id, strconv.Itoa(page))}})
	}
	var nav []karir.Button
	if page > 0 {
		nav = append(nav, karir.Button{Text: txtBtnPrev, Data: ButtonData("sidangbaru", btnAgPage, strconv.Itoa(page-1))})
	}
	if page < pages-1 {
		nav = append(nav, karir.Button{Text: txtBtnNext, Data: ButtonData("sidangbaru", btnAgPage, strconv.Itoa(page+1))})
	}
	if len(nav) > 0 {
		rows = append(rows, nav)
	}
	if len(sel) > 0 {
		rows = append(rows, []karir.Button{{Text: txtBtnAgClear, Data: ButtonData("sidangbaru", btnAgClear)}})
	}
	rows = append(rows, []karir.Button{
		{Text: fmt.Sprintf(txtBtnAgOpen, len(sel)), Data: ButtonData("sidangbaru", btnAgOpen)},
		{Text: txtBtnAgCancel, Data: ButtonData("sidangbaru", btnAgCancel)},
	})
	return karir.Reply{Text: b.String(), Buttons: rows, EditMessageID: editID}
}

// openSession opens the session with the chosen posts: the pack's
// candidates are gathered now and kept with it, the session stored and
// audited, and the pack sent.
func (g *Sessions) openSession(t *Turn, date time.Time, sel []string) error {
	if len(sel) == 0 {
		t.Toast(txtAgEmptyToast)
		t.Sayf(txtAgEmpty)
		return nil
	}
	props, err := g.proposals(t)
	if err != nil {
		return err
	}
	var chosen []proposal
	for _, p := range props {
		if slices.Contains(sel, postID(p.Post)) {
			chosen = append(chosen, p)
		}
	}
	if len(chosen) == 0 {
		t.Sayf(txtAgEmpty)
		return nil
	}
	agenda, err := g.agendaOf(t, chosen)
	if err != nil {
		return err
	}
	s, err := g.Store.CreateSidang(t.Ctx, karir.Sidang{Date: date, Round: t.Round.ID, Agenda: agenda,
		OpenedBy: t.In.UserID, OpenedAt: g.Now()})
	if err != nil {
		return fmt.Errorf("open sidang: %w", err)
	}
	t.Done()
	names := make([]string, len(s.Agenda))
	for i, p := range s.Agenda {
		names[i] = p.Post + " (" + p.OPD + ")"
	}
	if err := g.audit.Record(t, "sidang", fmt.Sprintf("membuka sidang %s tanggal %s, %d jabatan: %s",
		s.ID, karir.FormatDate(s.Date, g.Location), len(s.Agenda), strings.Join(names, "; "))); err != nil {
		return err
	}
	t.Say(karir.Reply{Text: fmt.Sprintf(txtAgOpened, esc(s.ID), karir.FormatDate(s.Date, g.Location), len(s.Agenda)),
		EditMessageID: t.In.Callback.MessageID})
	t.Say(g.sessionReply(t, &s, 0))
	return g.packReplies(t, &s)
}
