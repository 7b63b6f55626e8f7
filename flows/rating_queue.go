package flows

import (
	"context"
	"fmt"
	"time"

	"openkarir/karir"
)

// rateItem is one unrated check-in: the form and the milestone's index.
type rateItem struct {
	sub   *karir.Submission
	index int
}

// at is when the check-in was reported.
func (it rateItem) at() time.Time { return it.sub.Milestones[it.index].At }

// unratedReports are the check-ins of subs that wait for a rating: those
// of the supervisor with NIP supervisor (none when empty), and, when bkpsdm,
// those BKPSDM rates because the ASN's supervisor is unknown or not in the
// bot. The caller passes the forms it loaded anyway (the queue's, the
// digest's), so counting them costs no second query of the forms.
func unratedReports(ctx context.Context, d Deps, subs []karir.Submission, supervisor string, bkpsdm bool) (mine, orphans []rateItem, err error) {
	waiting := false
	for i := range subs {
		if len(subs[i].Unrated()) > 0 {
			waiting = true
			break
		}
	}
	if !waiting {
		return nil, nil, nil // the common case: no roster to read
	}
	emps, err := d.Store.ListEmployees(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("list employees: %w", err)
	}
	binds, err := d.Store.ListBindings(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("list bindings: %w", err)
	}
	supervisorOf := make(map[string]string, len(emps))
	for _, e := range emps {
		supervisorOf[e.NIP] = e.SupervisorNIP
	}
	bound := make(map[string]bool, len(binds))
	for _, b := range binds {
		bound[b.NIP] = true
	}
	for i := range subs {
		s := &subs[i]
		sup := supervisorOf[s.NIP]
		for _, idx := range s.Unrated() {
			switch {
			case sup != "" && sup == supervisor:
				mine = append(mine, rateItem{s, idx})
			case bkpsdm && (sup == "" || !bound[sup]):
				orphans = append(orphans, rateItem{s, idx})
			}
		}
	}
	return mine, orphans, nil
}
