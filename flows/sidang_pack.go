package flows

import (
	"fmt"
	"strings"

	"openkarir/karir"
)

// The meeting pack: per agenda post its seats and holders and its
// candidates, the applicants (karir.ViewPost) and the succession pool
// (karir.Pool), ranked together as /kandidat ranks them. They are fixed
// with the session (karir.Nominee), so the pack, the recommendation and
// the minutes speak of the same people.

const (
	// packApplicants and packPool bound a post's candidates in the pack:
	// the first applicants, and the first of the pool who did not apply.
	packApplicants = 10
	packPool       = 5
)

// agendaOf gathers the agenda posts with their candidates: the roster,
// the round's requests and the talent data are read once for all posts.
func (g *Sessions) agendaOf(t *Turn, chosen []proposal) ([]karir.AgendaPost, error) {
	emps, err := g.Store.EmployeesIn(t.Ctx, "")
	if err != nil {
		return nil, err
	}
	subs, err := g.Store.ListSubmissions(t.Ctx, t.Round.ID)
	if err != nil {
		return nil, err
	}
	latest, err := g.Store.LatestTalent(t.Ctx)
	if err != nil {
		return nil, err
	}
	records, err := g.Store.TrackRecords(t.Ctx)
	if err != nil {
		return nil, err
	}
	years, err := g.talent.skpYears(t)
	if err != nil {
		return nil, err
	}
	history := years.History()
	maps, err := g.Store.PostMaps(t.Ctx)
	if err != nil {
		return nil, err
	}
	planned := map[string]karir.PlannedPost{}
	for _, m := range maps {
		for _, p := range m.Posts {
			planned[karir.Post{OPDCode: m.OPDCode, Position: p.Name}.Key()] = p
		}
	}
	views := make([]karir.PostView, len(chosen))
	var levels []int
	for i, c := range chosen {
		v := karir.ViewPost(c.Post, subs, emps, latest, history, records, g.Now())
		if p, ok := planned[c.Key()]; ok {
			v.Plan(p, history, g.Now())
		}
		views[i] = v
		if v.Rung.Known {
			levels = append(levels, v.Rung.Level)
		}
	}
	pool := karir.NewPool(nil, nil, nil, nil, nil, g.Now())
	if len(levels) > 0 {
		pool = karir.NewPool(emps, latest, years, subs, records, g.Now(), levels...)
	}
	opdNames := map[string]string{}
	// A post as the peta jabatan or the roster spells it, not as typed.
	names := map[string]string{}
	for _, e := range emps {
		opdNames[e.OPDCode] = e.OPDName
		names[karir.Post{OPDCode: e.OPDCode, Position: e.Position}.Key()] = e.Position
	}
	for _, m := range maps {
		for _, p := range m.Posts {
			names[karir.Post{OPDCode: m.OPDCode, Position: p.Name}.Key()] = p.Name
		}
	}
	spell := func(p karir.Post) string {
		if n, ok := names[p.Key()]; ok {
			return n
		}
		return p.Position
	}
	agenda := make([]karir.AgendaPost, len(chosen))
	for i, c := range chosen {
		v := views[i]
		occ := karir.OccupancyOf(c.Post, "", planned[c.Key()], emps, subs, g.Now())
		level := txtSdLevelUnknown
		if v.Type != "" {
			level = karir.JabatanLabel(v.Type, v.Eselon)
		} else if v.Rung.Known {
			level = v.Rung.Name()
		}
		name := c.OPDName
		if name == "" {
			name = opdNames[c.OPDCode]
		}
		agenda[i] = karir.AgendaPost{OPD: c.OPDCode, OPDName: name, Post: c.Position, Seats: occ.Seats,
			Vacant: max(0, occ.Seats-occ.Taken()), Level: level, Holders: append(occ.Holders, occ.Approved...),
			Nominees: nominees(v, pool.For(c.Post, v.PostFacts, packPool+packApplicants), spell)}
	}
	return agenda, nil
}

// nominees merges a post's applicants and its pool into one ranking: the
// first packApplicants applicants and the first packPool of the pool who
// did not apply.
func nominees(v karir.PostView, pool []karir.Candidate, spell func(karir.Post) string) []karir.Nominee {
	inPool := map[string]bool{}
	for _, c := range pool {
		inPool[c.Submission.NIP] = true
	}
	var all []karir.Candidate
	applied := map[string]bool{}
	for _, c := range v.Candidates[:min(len(v.Candidates), packApplicants)] {
		applied[c.Submission.NIP] = true
		all = append(all, c)
	}
	n := 0
	for _, c := range pool {
		if applied[c.Submission.NIP] || n == packPool {
			continue
		}
		// An applicant ranked past packApplicants stays out: the pack
		// keeps the first of each.
		if c.Wish == karir.WishApplied {
			continue
		}
		all = append(all, c)
		n++
	}
	karir.RankCandidates(all)
	out := make([]karir.Nominee, len(all))
	for i, c := range all {
		out[i] = nomineeOf(c, applied[c.Submission.NIP], inPool[c.Submission.NIP], spell)
	}
	return out
}

// nomineeOf is a candidate as the pack keeps them.
func nomineeOf(c karir.Candidate, applied, pool bool, spell func(karir.Post) string) karir.Nominee {
	now := c.Now()
	n := karir.Nominee{NIP: now.NIP, Name: now.Name, Now: now.Position + ", " + now.OPDCode, Golongan: now.Golongan,
		Box: c.Box(), Ready: c.Ready, Applied: applied, Stay: c.Stay, Pool: pool, Eligible: c.Eligible(),
		Checks: len(c.Checks), TargetsMet: c.Record.Met, TargetsMissed: c.Record.Missed, Notes: c.Notes}
	if applied {
		n.Stage = c.Stage()
	}
	failed, unchecked := c.Failed(), c.Unchecked()
	n.Met = len(c.Checks) - len(failed) - len(unchecked)
	for _, ch := range failed {
		n.Failed = append(n.Failed, ch.Text())
	}
	for _, ch := range unchecked {
		n.Unchecked = append(n.Unchecked, ch.Missing())
	}
	if r := c.Record.Ratings; r.Count > 0 {
		n.Rating, n.Ratings = r.Average(), r.Count
	}
	switch {
	case c.Stay:
		n.Wish = txtNomStay
	case applied:
		n.Wish = txtNomApplied
	case c.Wish == karir.WishElsewhere:
		p := c.Submission.TargetPost()
		n.Wish = fmt.Sprintf(txtNomElsewhere, spell(p), p.OPDCode)
		n.Stage = c.Stage()
	default:
		n.Wish = txtNomNoWish
	}
	n.Line = nomineeLine(n)
	return n
}

// nomineeLine is the one-line record of a nominee, plain text: box,
// requirements, wish, record.
func nomineeLine(n karir.Nominee) string {
	parts := []string{fmt.Sprintf(txtNomBox, n.Box)}
	if n.Box == 0 {
		parts[0] = txtNomNoBox
	}
	switch {
	case n.Stay:
	case n.Checks == 0:
		parts = append(parts, txtNomNoChecks)
	case n.Eligible:
		parts = append(parts, fmt.Sprintf(txtNomEligible, n.Met, n.Checks))
	default:
		parts = append(parts, fmt.Sprintf(txtNomNotEligible, n.Met, n.Checks))
	}
	// "3 of 6 met" alone reads as a failure where the other 3 are only
	// not yet checkable (no data), not failed.
	if u := len(n.Unchecked); u > 0 && n.Checks > 0 && !n.Stay {
		parts[len(parts)-1] += fmt.Sprintf(txtNomUnchecked, u)
	}
	parts = append(parts, n.Wish)
	if n.TargetsMet+n.TargetsMissed > 0 {
		parts = append(parts, fmt.Sprintf(txtNomTargets, n.TargetsMet, n.TargetsMissed))
	}
	if n.Ratings > 0 {
		parts = append(parts, fmt.Sprintf(txtNomRating, decimalID(n.Rating)))
	}
	return strings.Join(parts, " · ")
}

// packReplies are the meeting pack's two files.
func (g *Sessions) packReplies(t *Turn, s *karir.Sidang) error {
	pdf, err := g.Reports.SidangPackPDF(*s, g.Signer, g.Location)
	if err != nil {
		return fmt.Errorf("sidang pack pdf: %w", err)
	}
	xlsx, err := g.Reports.SidangPackXLSX(*s, g.Location)
	if err != nil {
		return fmt.Errorf("sidang pack xlsx: %w", err)
	}
	name := "bahan-sidang-" + strings.ToLower(s.ID)
	t.Say(karir.Reply{Text: fmt.Sprintf(txtSdPackPDF, esc(s.ID), len(s.Agenda)), Document: &karir.File{Name: name + ".pdf", Data: pdf}})
	t.Say(karir.Reply{Text: txtSdPackXLSX, Document: &karir.File{Name: name + ".xlsx", Data: xlsx}})
	return nil
}

// sendPack is the pack button.
func (g *Sessions) sendPack(t *Turn, id string) error {
	s, ok, err := g.load(t, id)
	if !ok || err != nil {
		return err
	}
	if err := g.packReplies(t, s); err != nil {
		return err
	}
	return g.audit.Record(t, "sidang", "mengunduh bahan sidang "+s.ID)
}

// sendMinutes is the minutes button of a closed session.
func (g *Sessions) sendMinutes(t *Turn, id string) error {
	s, ok, err := g.load(t, id)
	if !ok || err != nil {
		return err
	}
	if !s.Closed {
		t.Toast(txtSdNotClosed)
		return nil
	}
	reply, err := g.minutesReply(s, txtSdMinutes)
	if err != nil {
		return err
	}
	t.Say(reply)
	return nil
}

// minutesReply is the berita acara as a PDF with a caption (format with
// the session's ID).
func (g *Sessions) minutesReply(s *karir.Sidang, caption string) (karir.Reply, error) {
	pdf, err := g.Reports.SidangMinutesPDF(*s, g.Signer, g.Location)
	if err != nil {
		return karir.Reply{}, fmt.Errorf("sidang minutes: %w", err)
	}
	return karir.Reply{Text: fmt.Sprintf(caption, esc(s.ID)),
		Document: &karir.File{Name: "berita-acara-" + strings.ToLower(s.ID) + ".pdf", Data: pdf}}, nil
}
