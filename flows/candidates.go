package flows

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"openkarir/karir"
)

// /kandidat: the target posts with applicants, and each post's candidates
// ranked for Baperjakat (karir.ViewPost), with its spreadsheet and 9-box.

// Pages of /kandidat.
const (
	postsPage      = 8
	candidatesPage = 8
	// candidatesBudget is the characters of candidates' lines on one page:
	// with the head and the legend, within Telegram's 4,096.
	candidatesBudget = 2900
	// maxSearch keeps a search within a page button's 64 bytes.
	maxSearch = 40
)

// Button data of /kandidat, after "x:kandidat:".
const (
	btnCandList  = "l" // l, page, search: the list of posts
	btnCandPost  = "v" // v, post id: a post's candidates as a new message
	btnCandPage  = "p" // p, post id, page: another page of them
	btnCandXLSX  = "x" // x, post id: the spreadsheet
	btnCandMapOf = "g" // g, post id: the candidates' 9-box
	btnCandPool  = "s" // s, post id: the post's succession pool
)

// postID names a post in button data: a post's name can pass 64 bytes.
func postID(p karir.Post) string {
	sum := sha256.Sum256([]byte(p.Key()))
	return hex.EncodeToString(sum[:8])
}

func (g *Talent) candidates(t *Turn) error {
	if !t.Round.Opened() {
		t.Sayf(txtNoRoundAdmin)
		return nil
	}
	return g.showPosts(t, searchTerm(t.In.Args), 0, 0)
}

// searchTerm trims a search to what a page button can carry.
func searchTerm(s string) string {
	s = strings.TrimSpace(s)
	for len(s) > maxSearch {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	return s
}

// posts are the target posts the admin may see (their OPD's, for an OPD
// admin) with the current round's submissions (none before a round opens).
func (g *Talent) posts(t *Turn) ([]karir.PostDemand, []karir.Submission, error) {
	subs, err := g.Store.ListSubmissions(t.Ctx, t.Round.ID)
	if err != nil {
		return nil, nil, err
	}
	posts := karir.Demand(subs, t.Role.OPD)
	// Named as the roster names them: a typed position keeps the case it
	// was typed in, unless the roster has it.
	opds, err := g.Store.OPDs(t.Ctx)
	if err != nil {
		return nil, nil, err
	}
	byCode := make(map[string]karir.OPD, len(opds))
	for _, o := range opds {
		byCode[o.Code] = o
	}
	for i := range posts {
		o, ok := byCode[posts[i].OPDCode]
		if !ok {
			continue
		}
		posts[i].OPDName = o.Name
		if j := slices.IndexFunc(o.Positions, func(p string) bool { return strings.EqualFold(p, posts[i].Position) }); j >= 0 {
			posts[i].Position = o.Positions[j]
		}
	}
	return posts, subs, nil
}

func (g *Talent) showPosts(t *Turn, search string, page, editID int) error {
	all, _, err := g.posts(t)
	if err != nil {
		return err
	}
	found := all
	if search != "" {
		q := strings.ToLower(search)
		found = slices.DeleteFunc(slices.Clone(all), func(d karir.PostDemand) bool {
			return !strings.Contains(strings.ToLower(d.Position+" "+d.OPDCode+" "+d.OPDName), q)
		})
	}
	switch {
	case len(all) == 0:
		t.Sayf(txtCandNoDemand, scopeName(t.Role.OPD))
		return nil
	case len(found) == 0:
		t.Sayf(txtCandNoMatch, esc(search))
		return nil
	}
	pages := pageCount(len(found), postsPage)
	page = clamp(page, 0, pages-1)
	searchText := ""
	if search != "" {
		searchText = fmt.Sprintf(txtCandListSearch, esc(search))
	}
	var rows [][]karir.Button
	var names strings.Builder
	for _, d := range pageOf(found, page, postsPage) {
		// The count first, where a cut label cannot hide it.
		post := d.Position + " (" + d.OPDCode + ")"
		label := clipLabel(fmt.Sprintf(txtCandListButton, d.Applicants()), post, "")
		if !strings.Contains(label, post) {
			fmt.Fprintf(&names, txtCutName, esc(label), esc(post))
		}
		rows = append(rows, []karir.Button{{Text: label, Data: ButtonData("kandidat", btnCandPost, postID(d.Post))}})
	}
	var nav []karir.Button
	if page > 0 {
		nav = append(nav, karir.Button{Text: txtBtnPrev, Data: ButtonData("kandidat", btnCandList, strconv.Itoa(page-1), search)})
	}
	if page < pages-1 {
		nav = append(nav, karir.Button{Text: txtBtnNext, Data: ButtonData("kandidat", btnCandList, strconv.Itoa(page+1), search)})
	}
	if len(nav) > 0 {
		rows = append(rows, nav)
	}
	t.Say(karir.Reply{Text: fmt.Sprintf(txtCandListHead, scopeName(t.Role.OPD), searchText, len(found), page+1, pages) + names.String(),
		Buttons: rows, EditMessageID: editID})
	return nil
}

func (g *Talent) candidateButton(t *Turn, f Fields) error {
	switch kind := f.Kind(); kind {
	case btnCandList:
		page, ok := f.Int(1)
		if !ok || page < 0 {
			break
		}
		return g.showPosts(t, f.Rest(2), page, t.In.Callback.MessageID)
	case btnCandPost:
		return g.showPost(t, f.At(1), 0, 0)
	case btnCandPage:
		page, ok := f.Int(2)
		if !ok || page < 0 {
			break
		}
		return g.showPost(t, f.At(1), page, t.In.Callback.MessageID)
	case btnCandXLSX, btnCandMapOf:
		return g.postFile(t, f.At(1), kind == btnCandXLSX)
	case btnCandPool:
		return g.showPool(t, f.At(1))
	}
	t.Toast(txtStaleButton)
	return nil
}

// view finds a post the admin may see by its id and ranks its candidates;
// ok is false for a post that has no applicant any more (or another OPD's).
func (g *Talent) view(t *Turn, id string) (v karir.PostView, ok bool, err error) {
	posts, subs, err := g.posts(t)
	if err != nil {
		return v, false, err
	}
	i := slices.IndexFunc(posts, func(d karir.PostDemand) bool { return postID(d.Post) == id })
	if i < 0 {
		return v, false, nil
	}
	post := posts[i].Post
	// The post's OPD (its holders) and the applicants from elsewhere.
	emps, err := g.Store.EmployeesIn(t.Ctx, post.OPDCode)
	if err != nil {
		return v, false, err
	}
	here := make(map[string]bool, len(emps))
	for _, e := range emps {
		here[e.NIP] = true
	}
	for j := range subs {
		if s := &subs[j]; !here[s.NIP] && s.AppliesFor(post) {
			e, err := g.Store.Employee(t.Ctx, s.NIP)
			switch {
			case err == nil:
				emps = append(emps, *e)
			case !errors.Is(err, karir.ErrNotFound): // gone from the roster: shown as filed
				return v, false, err
			}
		}
	}
	latest, err := g.Store.LatestTalent(t.Ctx)
	if err != nil {
		return v, false, err
	}
	records, err := g.Store.TrackRecords(t.Ctx)
	if err != nil {
		return v, false, err
	}
	history, err := g.skpHistory(t)
	if err != nil {
		return v, false, err
	}
	v = karir.ViewPost(post, subs, emps, latest, history, records, g.Now())
	planned, ok, err := plannedPost(t, g.Store, post)
	if err != nil {
		return v, false, err
	}
	if ok {
		v.Plan(planned, history, g.Now())
	}
	return v, true, nil
}

func (g *Talent) showPost(t *Turn, id string, page, editID int) error {
	v, ok, err := g.view(t, id)
	if err != nil || !ok {
		if !ok {
			t.Toast(txtStaleButton)
		}
		return err
	}
	movers := 0
	for _, c := range v.Candidates {
		if !c.Stay {
			movers++
		}
	}
	lines := make([]string, len(v.Candidates))
	for i, c := range v.Candidates {
		lines[i] = candidateLine(i+1, c)
	}
	starts := packPages(lines, candidatesPage, candidatesBudget)
	pages := len(starts)
	page = clamp(page, 0, pages-1)
	end := len(lines)
	if page+1 < pages {
		end = starts[page+1]
	}
	var b strings.Builder
	eselon := txtCandEselonNone
	if v.Type != "" {
		eselon = karir.JabatanLabel(v.Type, v.Eselon)
	}
	fmt.Fprintf(&b, txtCandHead, escName(v.Position), escName(v.OPDName), esc(v.OPDCode), eselon, v.Holders,
		movers, len(v.Candidates)-movers, page+1, pages)
	if p := v.Planned; p != nil {
		fmt.Fprintf(&b, txtCandSeats, esc(p.Type.Name()), p.Seats, p.Holders, p.Vacant())
	}
	for _, l := range lines[starts[page]:end] {
		b.WriteString(l)
	}
	b.WriteString(txtCandLegend)
	var rows [][]karir.Button
	var nav []karir.Button
	if page > 0 {
		nav = append(nav, karir.Button{Text: txtBtnPrev, Data: ButtonData("kandidat", btnCandPage, id, strconv.Itoa(page-1))})
	}
	if page < pages-1 {
		nav = append(nav, karir.Button{Text: txtBtnNext, Data: ButtonData("kandidat", btnCandPage, id, strconv.Itoa(page+1))})
	}
	if len(nav) > 0 {
		rows = append(rows, nav)
	}
	rows = append(rows, []karir.Button{
		{Text: txtBtnCandXLSX, Data: ButtonData("kandidat", btnCandXLSX, id)},
		{Text: txtBtnCandMap, Data: ButtonData("kandidat", btnCandMapOf, id)},
	}, []karir.Button{{Text: txtBtnCandPool, Data: ButtonData("kandidat", btnCandPool, id)}})
	t.Say(karir.Reply{Text: b.String(), Buttons: rows, EditMessageID: editID})
	return nil
}

// packPages splits lines into pages of at most size lines and budget
// characters (a line longer than budget gets a page of its own); it
// returns each page's first line, at least one page.
func packPages(lines []string, size, budget int) []int {
	starts := []int{0}
	n, chars := 0, 0
	for i, l := range lines {
		c := utf8.RuneCountInString(l)
		if n > 0 && (n == size || chars+c > budget) {
			starts = append(starts, i)
			n, chars = 0, 0
		}
		n++
		chars += c
	}
	return starts
}

// skpHistory is the talent data of the two years the SKP requirement
// reads (karir.CheckRequirements: the two calendar years before now), one
// read per year for the whole city.
func (g *Talent) skpHistory(t *Turn) (karir.TalentHistory, error) {
	years, err := g.skpYears(t)
	if err != nil {
		return nil, err
	}
	return years.History(), nil
}

// skpYears are the talent records of the two years before now's, by year:
// the SKP the requirements read.
func (g *Talent) skpYears(t *Turn) (karir.TalentYears, error) {
	y := g.Now().Year()
	years := karir.TalentYears{}
	for _, year := range []int{y - 2, y - 1} {
		recs, err := g.Store.TalentOfYear(t.Ctx, year)
		if err != nil {
			return nil, err
		}
		years[year] = recs
	}
	return years, nil
}

// postFile sends a post's candidates as a spreadsheet, or their 9-box.
func (g *Talent) postFile(t *Turn, id string, spreadsheet bool) error {
	v, ok, err := g.view(t, id)
	if err != nil || !ok {
		if !ok {
			t.Toast(txtStaleButton)
		}
		return err
	}
	if !spreadsheet {
		m := v.TalentMap()
		png, err := g.Reports.NineBoxPNG(m, fmt.Sprintf(txtCandPNGHead, v.Position, v.OPDCode),
			fmt.Sprintf(txtCandPNGNote, len(v.Candidates), m.WithoutData))
		if err != nil {
			return fmt.Errorf("candidates' 9-box: %w", err)
		}
		t.Say(karir.Reply{Text: fmt.Sprintf(txtCandMap, escName(v.Position), esc(v.OPDCode)), Photo: &karir.File{Name: "peta-kandidat.png", Data: png}})
		return nil
	}
	doc, err := g.Reports.CandidatesXLSX(v, g.Now(), g.Location)
	if err != nil {
		return fmt.Errorf("candidates xlsx: %w", err)
	}
	t.Say(karir.Reply{Text: fmt.Sprintf(txtCandXLSX, escName(v.Position), esc(v.OPDCode), len(v.Candidates)),
		Document: &karir.File{Name: "kandidat-" + slug(v.OPDCode+" "+v.Position) + ".xlsx", Data: doc}})
	return g.audit.Record(t, "kandidat", fmt.Sprintf("%s (%s), %d orang, Excel", v.Position, v.OPDCode, len(v.Candidates)))
}

// slug makes a file name part of a post: lower case letters and digits
// joined by "-", at most 60 bytes.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()[:min(60, b.Len())]
}
