package flows

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"openkarir/karir"
)

// The succession plan: /suksesi [KODE_OPD] lists the posts to fill with
// their ready candidates from the whole roster (karir.Pool), and a post's
// pool from its /kandidat view. Gated like /kandidat.

// Button data of /suksesi, after "x:suksesi:".
const btnSuccXLSX = "x" // x, opd: the "rencana suksesi" spreadsheet

// Shown in chat: posts and candidates per post; the spreadsheet has more.
const (
	succPostsShown = 10
	succTopShown   = 3
	succTopFile    = 10
	poolShown      = 10
)

// succession gathers the city's succession group and the vacancies of
// opd ("" all).
func (g *Talent) succession(t *Turn, opd string) ([]karir.Vacancy, *karir.Pool, error) {
	emps, err := g.Store.EmployeesIn(t.Ctx, "")
	if err != nil {
		return nil, nil, err
	}
	subs, err := g.Store.ListSubmissions(t.Ctx, t.Round.ID)
	if err != nil {
		return nil, nil, err
	}
	maps, err := g.Store.PostMaps(t.Ctx)
	if err != nil {
		return nil, nil, err
	}
	vac := karir.Vacancies(emps, subs, maps, opd, g.Now())
	var levels []int
	for _, v := range vac {
		if v.Rung.Known {
			levels = append(levels, v.Rung.Level)
		}
	}
	if len(levels) == 0 {
		return vac, karir.NewPool(nil, nil, nil, nil, nil, g.Now()), nil
	}
	pool, err := g.pool(t, emps, subs, levels...)
	if err != nil {
		return nil, nil, err
	}
	return vac, pool, nil
}

// pool builds the succession group from the roster and the talent data.
func (g *Talent) pool(t *Turn, emps []karir.Employee, subs []karir.Submission, levels ...int) (*karir.Pool, error) {
	latest, err := g.Store.LatestTalent(t.Ctx)
	if err != nil {
		return nil, err
	}
	years, err := g.skpYears(t)
	if err != nil {
		return nil, err
	}
	records, err := g.Store.TrackRecords(t.Ctx)
	if err != nil {
		return nil, err
	}
	return karir.NewPool(emps, latest, years, subs, records, g.Now(), levels...), nil
}

// successionPlan is /suksesi: the posts to fill, each with its top three.
func (g *Talent) successionPlan(t *Turn) error {
	arg := strings.ToUpper(strings.TrimSpace(t.In.Args))
	if ok, err := requireOPD(t, g.Store, arg); !ok || err != nil {
		return err
	}
	opd, ok := confineToOPD(t, arg)
	if !ok {
		return nil
	}
	vac, pool, err := g.succession(t, opd)
	if err != nil {
		return err
	}
	if len(vac) == 0 {
		t.Sayf(txtSuccNone, scopeName(opd), karir.RetireWithin)
		return nil
	}
	plans := karir.PlanSuccession(vac, pool, succTopShown)
	free := 0
	for _, v := range vac {
		if v.Free() > 0 {
			free++
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, txtSuccHead, scopeName(opd), len(vac), free, len(vac)-free, karir.RetireWithin)
	for i, p := range plans[:min(len(plans), succPostsShown)] {
		b.WriteString(planText(i+1, p))
	}
	if len(plans) > succPostsShown {
		fmt.Fprintf(&b, txtSuccMore, len(plans)-succPostsShown)
	}
	b.WriteString(txtSuccLegend)
	t.Say(karir.Reply{Text: b.String(), Buttons: [][]karir.Button{{{Text: txtBtnSuccXLSX, Data: ButtonData("suksesi", btnSuccXLSX, opd)}}}})
	return nil
}

// planText is one post of the plan with its first candidates.
func planText(n int, p karir.SuccessionPlan) string {
	var b strings.Builder
	state := fmt.Sprintf(txtSuccFree, p.Free(), p.Seats)
	// A holder past the retirement age frees the seat now: said beside
	// it, so the roster's stale row is explained, not shown as soon.
	for _, r := range p.Retired {
		state += fmt.Sprintf(txtSuccRetired, esc(r.Name), karir.FormatDate(r.At, time.UTC))
	}
	if p.Free() == 0 && len(p.Retiring) > 0 {
		r := p.Retiring[0]
		state = fmt.Sprintf(txtSuccRetiring, esc(r.Name), karir.FormatDate(r.At, time.UTC))
	}
	fmt.Fprintf(&b, txtSuccPost, n, esc(p.Position), esc(p.OPDCode), p.Rung.Name(), state)
	if !p.Rung.Known {
		b.WriteString(txtSuccRungUnknown)
		return b.String()
	}
	if len(p.Candidates) == 0 {
		b.WriteString(txtSuccNobody)
	}
	for i, c := range p.Candidates {
		b.WriteString(poolLine(i+1, c))
	}
	return b.String()
}

// poolLine is one pool entry: name, post now, box, their wish.
func poolLine(rank int, c karir.Candidate) string {
	now := c.Now()
	wish := txtSuccNoWish
	switch c.Wish {
	case karir.WishApplied:
		wish = fmt.Sprintf(txtSuccApplied, c.Stage())
	case karir.WishElsewhere:
		p := c.Submission.TargetPost()
		wish = fmt.Sprintf(txtSuccElsewhere, esc(p.Position), esc(p.OPDCode))
	}
	return fmt.Sprintf(txtSuccLine, rank, esc(now.Name), esc(now.Position), esc(now.OPDCode), c.Box(), wish)
}

// successionButton answers /suksesi's spreadsheet button.
func (g *Talent) successionButton(t *Turn, f Fields) error {
	opd, ok := f.At(1), f.Kind() == btnSuccXLSX
	if !ok {
		t.Toast(txtStaleButton)
		return nil
	}
	if opd, ok = confineToOPD(t, opd); !ok {
		return nil
	}
	vac, pool, err := g.succession(t, opd)
	if err != nil {
		return err
	}
	plans := karir.PlanSuccession(vac, pool, succTopFile)
	doc, err := g.Reports.SuccessionXLSX(plans, scopeName(opd), g.Now(), g.Location)
	if err != nil {
		return fmt.Errorf("succession xlsx: %w", err)
	}
	name := "rencana-suksesi.xlsx"
	if opd != "" {
		name = "rencana-suksesi-" + slug(opd) + ".xlsx"
	}
	t.Say(karir.Reply{Text: fmt.Sprintf(txtSuccXLSX, scopeName(opd), len(plans)), Document: &karir.File{Name: name, Data: doc}})
	return g.audit.Record(t, "suksesi", fmt.Sprintf("Excel rencana suksesi %s, %d jabatan", scopeName(opd), len(plans)))
}

// showPool is a post's succession pool, from its /kandidat view.
func (g *Talent) showPool(t *Turn, id string) error {
	posts, subs, err := g.posts(t)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(posts, func(d karir.PostDemand) bool { return postID(d.Post) == id })
	if i < 0 {
		t.Toast(txtStaleButton)
		return nil
	}
	emps, err := g.Store.EmployeesIn(t.Ctx, "")
	if err != nil {
		return err
	}
	v := karir.PostView{Post: posts[i].Post}
	var holders []karir.Employee
	for _, e := range emps {
		if v.Is(e.OPDCode, e.Position) {
			holders = append(holders, e)
		}
	}
	// The post's type as the seat check and /suksesi read it: the peta
	// jabatan's over the holders' rows (karir.PlannedFacts).
	planned, _, err := plannedPost(t, g.Store, v.Post)
	if err != nil {
		return err
	}
	v.PostFacts = karir.PlannedFacts(v.Post, planned, holders)
	var pool *karir.Pool
	if v.Rung.Known {
		if pool, err = g.pool(t, emps, subs, v.Rung.Level); err != nil {
			return err
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, txtPoolHead, esc(v.Position), esc(v.OPDCode), v.Rung.Name())
	if !v.Rung.Known {
		b.WriteString(txtSuccRungUnknown)
		t.Say(karir.Reply{Text: b.String()})
		return nil
	}
	entries := pool.For(v.Post, v.PostFacts, poolShown)
	fmt.Fprintf(&b, txtPoolCount, pool.Size(v.Rung.Level), len(entries))
	if len(entries) == 0 {
		b.WriteString(txtSuccNobody)
	}
	for i, c := range entries {
		b.WriteString(poolLine(i+1, c))
	}
	b.WriteString(txtSuccLegend)
	t.Say(karir.Reply{Text: b.String()})
	return nil
}
