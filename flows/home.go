package flows

import (
	"fmt"
	"strings"

	"openkarir/karir"
)

// home is /start for whoever holds a role: an admin home with today's
// numbers (forms waiting per stage, coverage) and buttons to the queue,
// coverage and the list of who has not filed; and, since an admin in the
// roster must file too, a button to their own form. Everyone else gets
// the form's /start.
type home struct {
	Deps
	router *Router
	review *Review
	// asn is the form's own /start, which the home takes the place of.
	asn func(t *Turn) error
}

// homeButtons are the commands the home's buttons open, by button data.
var homeButtons = map[string]string{"cakupan": "cakupan", "belum": "belum"}

func homeCommand(d Deps, r *Router) Command {
	h := &home{Deps: d, router: r, review: NewReview(d, nil), asn: r.form.start}
	return Command{Name: "start", Run: h.start, Button: h.press, ButtonRight: func(f Fields) karir.Right {
		if name, ok := homeButtons[f.Kind()]; ok {
			return r.commands[name].Right
		}
		return ""
	}}
}

func (h *home) start(t *Turn) error {
	roles, err := h.router.admins.Roles(t.Ctx, t.In.UserID)
	if err != nil {
		return fmt.Errorf("roles of the user: %w", err)
	}
	if !roles.Any() {
		return h.asn(t)
	}
	t.Role = Role{Roles: roles}
	// The menu may have been set before a role changed elsewhere (another
	// process): /start puts it right. A failure leaves the old menu until
	// the next start; the home is shown all the same.
	_ = h.router.setMenu(t.Ctx, t.In.UserID)
	return h.show(t)
}

func (h *home) show(t *Turn) error {
	roles := t.Role.Roles
	var b strings.Builder
	fmt.Fprintf(&b, txtHomeHead, esc(strings.Join(roles.Labels(), ", ")))
	if t.Round.Opened() {
		fmt.Fprintf(&b, txtHomeRound, esc(t.Round.ID), karir.FormatDate(t.Round.LastDay(), h.Location), karir.Countdown(h.Now(), t.Round.LastDay(), h.Location))
	} else {
		b.WriteString(txtHomeNoRound)
	}
	var rows [][]karir.Button
	if roles.Can(karir.RightCards) {
		t.Role.OPD = roles.Scope(karir.RightCards)
		q, err := h.review.loadQueue(t, queueView{})
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, txtHomeQueue, scopeName(t.Role.OPD), q.Total())
		for _, st := range karir.QueueStages {
			if n := len(q.Of(st.Key)); n > 0 {
				fmt.Fprintf(&b, "%s %s: <b>%d</b>\n", stageIcon(st.Key), esc(st.Label), n)
			}
		}
		rows = append(rows, []karir.Button{{Text: txtBtnHomeQueue, Data: queueData(cbListOpen, queueView{}, 0)}})
	}
	if roles.Can(karir.RightCoverage) && t.Round.Opened() {
		opd := roles.Scope(karir.RightCoverage)
		people, err := karir.Standings(t.Ctx, h.Store, t.Round.ID, opd, nil)
		if err != nil {
			return fmt.Errorf("coverage for the home: %w", err)
		}
		all := karir.ComputeCoverage(t.Round, people).All
		fmt.Fprintf(&b, txtHomeCoverage, scopeName(opd), all.Filed, all.Total, percentID(all.Percent()))
		rows = append(rows, []karir.Button{
			{Text: txtBtnHomeCoverage, Data: ButtonData("start", "cakupan")},
			{Text: txtBtnHomeNotFiled, Data: ButtonData("start", "belum")},
		})
	}
	b.WriteString(txtHomeHelp)
	rows = append(rows, []karir.Button{{Text: txtBtnHomeOwnForm, Data: ButtonData("start", "asn")}})
	t.Say(karir.Reply{Text: b.String(), Buttons: rows})
	return nil
}

// press opens what a home button names: coverage, the list, or the
// user's own form (as an ASN: the form's /start).
func (h *home) press(t *Turn, f Fields) error {
	if f.Kind() == "asn" {
		t.In.Command = "start"
		return h.asn(t)
	}
	name, ok := homeButtons[f.Kind()]
	if !ok {
		t.Toast(txtStaleButton)
		return nil
	}
	t.In.Args = ""
	return h.router.commands[name].Run(t)
}
