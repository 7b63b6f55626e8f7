package flows

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"openkarir/karir"
)

// queuePage is how many forms one page of /antrean lists, each with its
// button.
const queuePage = 10

// queueView is the part of the review queue an admin works through: one
// stage or all, of one OPD or of their whole scope. It travels in button
// data as the stage key ("-" for all) followed by the OPD code.
type queueView struct {
	Stage string // karir.QueueStage.Key; empty for every stage
	OPD   string // empty for the admin's whole scope
}

func (v queueView) String() string {
	if v.Stage == "" {
		return "-" + v.OPD
	}
	return v.Stage + v.OPD
}

func parseView(s string) queueView {
	if s == "" {
		return queueView{}
	}
	v := queueView{Stage: s[:1], OPD: s[1:]}
	if v.Stage == "-" || karir.QueueStageByKey(v.Stage) == nil {
		v.Stage = ""
	}
	return v
}

// Callback data of the queue's buttons (after "x:antrean:"): "l" turns a
// page or a filter of the list in place; "a" opens the list anew, below a
// card or a digest, which stay.
const (
	cbListPage = "l" // l:view:page
	cbListOpen = "a" // a:view:page
)

// queueData is the callback data of a page of the queue's list.
func queueData(kind string, v queueView, page int) string {
	data := ButtonData("antrean", kind, v.String(), strconv.Itoa(page))
	if len(data) > maxCallbackData {
		return queueData(kind, queueView{Stage: v.Stage}, page)
	}
	return data
}

// stageShort names the queue's stages on their filter buttons.
var stageShort = map[string]string{"b": "Baru", "p": "Perbaikan", "v": "Verifikasi", "k": "Baperjakat", "e": "Evaluasi", "t": "Terlambat"}

// stageIcons mark the queue's stages in lists and buttons.
var stageIcons = map[string]string{"b": "🆕", "p": "🔁", "v": "☑️", "k": "🏛"}

func stageIcon(key string) string {
	if i, ok := stageIcons[key]; ok {
		return i
	}
	return "•"
}

// loadQueue builds the review queue the admin may see: their OPD only for
// an OPD admin, else the view's OPD (all when empty); and of the stages,
// those that wait for one of their roles (a Baperjakat member sees what
// waits for Baperjakat, not what waits verification).
func (r *Review) loadQueue(t *Turn, view queueView) (karir.Queue, error) {
	q, _, err := r.loadQueueForms(t, view)
	return q, err
}

// loadQueueForms is loadQueue with the forms it was built from.
func (r *Review) loadQueueForms(t *Turn, view queueView) (karir.Queue, []karir.Submission, error) {
	// Targets approved in an earlier round still come due here.
	subs, err := r.Rounds.AtSteps(t.Ctx, r.Store, karir.QueueSteps(), []karir.Step{karir.StepTargetActive, karir.StepCheckIn})
	if err != nil {
		return karir.Queue{}, nil, fmt.Errorf("review queue: %w", err)
	}
	opd := view.OPD
	if t.Role.OPD != "" {
		opd = t.Role.OPD
	}
	return karir.BuildQueue(subs, opd, r.Now(), r.Location).For(t.Role.Roles), subs, nil
}

// nextInQueue returns the first form of the view after anchor (from the
// start when anchor is nil or nothing follows it), never the form with the
// reference number self, and how many forms other than that one wait in
// the view.
func (r *Review) nextInQueue(t *Turn, view queueView, anchor *karir.Waiting, self string) (*karir.Waiting, int, error) {
	q, err := r.loadQueue(t, view)
	if err != nil {
		return nil, 0, err
	}
	entries := q.Of(view.Stage)
	var first, after *karir.Waiting
	others := 0
	for i, w := range entries {
		if w.Sub.Ref == self {
			continue
		}
		others++
		if first == nil {
			first = &entries[i]
		}
		if after == nil && anchor != nil && anchor.Before(w) {
			after = &entries[i]
		}
	}
	if after == nil {
		after = first
	}
	return after, others, nil
}

// next opens the card of the form after the position (since, ref).
func (r *Review) next(t *Turn, view queueView, since, ref string) error {
	var anchor *karir.Waiting
	if ms, err := strconv.ParseInt(since, 36, 64); err == nil && ms > 0 {
		anchor = &karir.Waiting{Since: time.UnixMilli(ms), Sub: &karir.Submission{Ref: ref}}
	}
	w, _, err := r.nextInQueue(t, view, anchor, ref)
	if err != nil {
		return err
	}
	if w == nil {
		t.Sayf(txtQueueEmptyView)
		return nil
	}
	card, err := r.card(t, w.Sub, view, w)
	if err != nil {
		return err
	}
	t.Say(card)
	return nil
}

// unix36 writes a time compactly for button data: milliseconds (what
// MongoDB keeps of a time), base 36.
func unix36(t time.Time) string { return strconv.FormatInt(t.UnixMilli(), 36) }

// queue is /antrean [KODE_OPD].
func (r *Review) queue(t *Turn) error {
	arg := strings.ToUpper(strings.TrimSpace(t.In.Args))
	if ok, err := requireOPD(t, r.Store, arg); !ok || err != nil {
		return err
	}
	opd, ok := confineToOPD(t, arg)
	if !ok {
		return nil
	}
	return r.showQueue(t, queueView{OPD: opd}, 0, 0)
}

// queuePage turns the list's pages and filters.
func (r *Review) queuePage(t *Turn, f Fields) error {
	page, ok := f.Int(2)
	if f.Len() != 3 || (f.Kind() != cbListPage && f.Kind() != cbListOpen) || !ok || page < 0 {
		t.Toast(txtStaleButton)
		return nil
	}
	view := parseView(f[1])
	if t.Role.OPD != "" {
		view.OPD = t.Role.OPD
	}
	edit := 0
	if f.Kind() == cbListPage {
		edit = t.In.Callback.MessageID
	}
	return r.showQueue(t, view, page, edit)
}

// workedStages are the queue's stages that wait for one of roles.
func workedStages(roles karir.Roles) []*karir.QueueStage {
	var out []*karir.QueueStage
	for i := range karir.QueueStages {
		if s := &karir.QueueStages[i]; s.WorkedBy(roles) {
			out = append(out, s)
		}
	}
	return out
}

func (r *Review) showQueue(t *Turn, view queueView, page, editID int) error {
	q, subs, err := r.loadQueueForms(t, view)
	if err != nil {
		return err
	}
	scope := scopeName(view.OPD)
	if t.Role.OPD != "" {
		scope = scopeName(t.Role.OPD)
	}
	reports := ""
	if t.Role.Can(karir.RightRate) && t.Role.Scope(karir.RightRate) == "" {
		// BKPSDM rates the check-ins of ASN whose supervisor is not in the bot.
		_, orphans, err := unratedReports(t.Ctx, r.Deps, subs, "", true)
		if err != nil {
			return fmt.Errorf("reports to rate: %w", err)
		}
		if len(orphans) > 0 {
			reports = fmt.Sprintf(txtQueueReports, len(orphans))
		}
	}
	if q.Total() == 0 {
		t.Say(karir.Reply{Text: fmt.Sprintf(txtQueueEmpty, scope) + reports, EditMessageID: editID})
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, txtQueueHead, scope)
	if worked := workedStages(t.Role.Roles); len(worked) < len(karir.QueueStages) {
		fmt.Fprintf(&b, txtQueueYours, esc(strings.Join(t.Role.Labels(), ", ")))
	}
	var filters []karir.Button
	for _, s := range workedStages(t.Role.Roles) {
		n := q.Counts[s.Key]
		fmt.Fprintf(&b, txtQueueCount, stageIcon(s.Key), esc(s.Label), n)
		if n > 0 && s.Key != view.Stage {
			// What it filters, in a word; the counts are in the message.
			filters = append(filters, karir.Button{Text: stageIcon(s.Key) + " " + stageShort[s.Key],
				Data: queueData(cbListPage, queueView{Stage: s.Key, OPD: view.OPD}, 0)})
		}
	}
	fmt.Fprintf(&b, txtQueueTotal, q.Total())
	b.WriteString(reports)
	if view.Stage != "" {
		filters = append(filters, karir.Button{Text: fmt.Sprintf(txtBtnAllStages, q.Total()), Data: queueData(cbListPage, queueView{OPD: view.OPD}, 0)})
	}

	entries := q.Of(view.Stage)
	pages := pageCount(len(entries), queuePage)
	page = clamp(page, 0, pages-1)
	list := txtQueueAllStages
	if s := karir.QueueStageByKey(view.Stage); s != nil {
		list = esc(s.Label)
	}
	fmt.Fprintf(&b, txtQueueListHead, list, page+1, pages)
	var rows [][]karir.Button
	now := r.Now()
	for i, w := range pageOf(entries, page, queuePage) {
		n := page*queuePage + i + 1
		fmt.Fprintf(&b, txtQueueLine, n, stageIcon(w.Stage.Key), escName(w.Sub.Name), esc(w.Sub.OPDCode), esc(w.Sub.Ref), waited(w.Since, now, r.Location))
		rows = append(rows, []karir.Button{{Text: clipLabel(fmt.Sprintf("%d. ", n), w.Sub.Name, ""), Data: cardData(cbOpen, view, w.Sub.NIP)}})
	}
	if len(entries) == 0 {
		b.WriteString(txtQueueEmptyView + "\n")
	} else {
		b.WriteString(txtQueueHint)
	}
	var nav []karir.Button
	if page > 0 {
		nav = append(nav, karir.Button{Text: txtBtnPrev, Data: queueData(cbListPage, view, page-1)})
	}
	if page < pages-1 {
		nav = append(nav, karir.Button{Text: txtBtnNext, Data: queueData(cbListPage, view, page+1)})
	}
	if len(nav) > 0 {
		rows = append(rows, nav)
	}
	for i := 0; i < len(filters); i += 2 {
		rows = append(rows, filters[i:min(i+2, len(filters))])
	}
	t.Say(karir.Reply{Text: b.String(), Buttons: rows, EditMessageID: editID})
	return nil
}
