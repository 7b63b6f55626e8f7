package flows

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"openkarir/karir"
)

// The target post's pick list: the target OPD's peta jabatan, each post
// with its vacant seats ("lowong"), or, for an OPD without one, the posts
// its staff hold (OPD.Positions), as before there was a peta jabatan.

// postSource is what the form reads of the peta jabatan; a store without
// it (the flows' own tests) offers the roster's posts.
type postSource interface {
	PostMap(ctx context.Context, opd string) (*karir.PostMap, error)
	EmployeesIn(ctx context.Context, opd string) ([]karir.Employee, error)
}

// postChoice is one post of the pick list.
type postChoice struct {
	Name string
	// Planned: the post is in the peta jabatan, with Vacant seats.
	Planned bool
	Vacant  int
}

// label is the post's button: its name, and its vacancies when it has any.
func (p postChoice) label() string {
	if p.Planned && p.Vacant > 0 {
		return fmt.Sprintf(txtPostVacant, p.Name, p.Vacant)
	}
	return p.Name
}

// postChoices lists the posts of an OPD for the form.
func (f *Form) postChoices(t *Turn, o *karir.OPD) ([]postChoice, error) {
	if src, ok := f.store.(postSource); ok {
		m, err := src.PostMap(t.Ctx, o.Code)
		switch {
		case err == nil && len(m.Posts) > 0:
			emps, err := src.EmployeesIn(t.Ctx, o.Code)
			if err != nil {
				return nil, fmt.Errorf("holders of %s: %w", o.Code, err)
			}
			seats := karir.SeatsOf(*m, emps)
			out := make([]postChoice, len(seats))
			for i, s := range seats {
				out[i] = postChoice{Name: s.Name, Planned: true, Vacant: s.Vacant()}
			}
			return out, nil
		case err != nil && !errors.Is(err, karir.ErrNotFound):
			return nil, err
		}
	}
	out := make([]postChoice, len(o.Positions))
	for i, p := range o.Positions {
		out[i] = postChoice{Name: p}
	}
	return out, nil
}

// postNames are the names of the choices, in order.
func postNames(choices []postChoice) []string {
	names := make([]string, len(choices))
	for i, c := range choices {
		names[i] = c.Name
	}
	return names
}

// chosenPost is the post a pressed position button names (the button was
// checked against the list just shown, so its index is in it).
func (f *Form) chosenPost(t *Turn, index string) (string, error) {
	o, err := f.store.OPD(t.Ctx, t.Conv.Draft.TargetOPDCode)
	if err != nil {
		return "", fmt.Errorf("load target OPD: %w", err)
	}
	choices, err := f.postChoices(t, o)
	if err != nil {
		return "", err
	}
	i, err := strconv.Atoi(index)
	if err != nil || i < 0 || i >= len(choices) {
		return "", fmt.Errorf("position button %q out of the list of %d", index, len(choices))
	}
	return choices[i].Name, nil
}

// plannedPost is the post in its OPD's peta jabatan; ok is false when the
// OPD has none or it does not list the post.
func plannedPost(t *Turn, store karir.PostStore, post karir.Post) (karir.PlannedPost, bool, error) {
	m, err := store.PostMap(t.Ctx, post.OPDCode)
	if errors.Is(err, karir.ErrNotFound) {
		return karir.PlannedPost{}, false, nil
	}
	if err != nil {
		return karir.PlannedPost{}, false, err
	}
	p, ok := m.Find(post.Position)
	return p, ok, nil
}

// postPlan is the peta jabatan with its seats counted, for /peminat.
type postPlan map[string][]karir.PostSeats // OPD code -> posts

// postPlan counts the seats of every OPD's peta jabatan against the roster.
func (c *Console) postPlan(t *Turn, people []karir.Standing) (postPlan, error) {
	maps, err := c.Store.PostMaps(t.Ctx)
	if err != nil || len(maps) == 0 {
		return nil, err
	}
	emps := make([]karir.Employee, len(people))
	for i, p := range people {
		emps[i] = p.Employee
	}
	plan := postPlan{}
	for _, m := range maps {
		plan[m.OPDCode] = karir.SeatsOf(m, emps)
	}
	return plan, nil
}

// seatsText is a demanded post's seats, or that the OPD's peta jabatan
// does not list it; "" for an OPD without one.
func (p postPlan) seatsText(opd, position string) string {
	posts, ok := p[opd]
	if !ok {
		return ""
	}
	n := karir.NormalizePost(position)
	for _, s := range posts {
		if karir.NormalizePost(s.Name) == n {
			return fmt.Sprintf(txtDemandSeats, s.Seats, s.Vacant())
		}
	}
	return txtDemandNotInMap
}

// vacantText counts the vacant seats of the peta jabatan in scope.
func (p postPlan) vacantText(b *strings.Builder, scope string) {
	seats, posts, opds := 0, 0, 0
	for opd, list := range p {
		if scope != "" && opd != scope {
			continue
		}
		opds++
		for _, s := range list {
			if s.Vacant() > 0 {
				seats += s.Vacant()
				posts++
			}
		}
	}
	if opds > 0 {
		fmt.Fprintf(b, txtDemandVacant, seats, posts, opds)
	}
}
