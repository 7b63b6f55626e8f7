package flows

import (
	"context"
	"errors"
	"fmt"
	"time"

	"openkarir/karir"
)

// Digest tells each admin of the forms that arrived in their review queue
// since their last digest, in the stages that wait for their roles (new
// and corrected forms for the verifier, verified ones for Baperjakat,
// reviewed ones for the pencatat; every stage of their OPD for an OPD
// admin, and of all for the super admin): at most one
// message per admin per period, in working hours, through the outbox, with
// a button to the queue.
type Digest struct {
	Deps
	plan  ReminderPlan
	every time.Duration
	// sent remembers the period each admin was last sent a digest in, by
	// this process; the outbox key keeps a second one out across processes.
	sent map[int64]int64
}

// NewDigest builds the digest; every is ADMIN_DIGEST_MINUTES (0: off) and
// plan gives the working hours.
func NewDigest(d Deps, plan ReminderPlan, every time.Duration) *Digest {
	return &Digest{Deps: d.forPhones(), plan: plan, every: every, sent: map[int64]int64{}}
}

// digestAdmin is an admin with their roles and scope.
type digestAdmin struct {
	id    int64
	roles karir.Roles
	opd   string
}

// Tick queues the digests due now and returns how many were new.
func (g *Digest) Tick(ctx context.Context) (int, error) {
	now := g.Now()
	if g.every <= 0 || !g.plan.InWorkHours(now, g.Location) {
		return 0, nil
	}
	period := now.Unix() / int64(g.every/time.Second)
	admins, err := g.admins(ctx)
	if err != nil {
		return 0, err
	}
	var due []digestAdmin
	for _, a := range admins {
		if g.sent[a.id] != period {
			due = append(due, a)
		}
	}
	if len(due) == 0 {
		return 0, nil
	}
	round, err := g.Rounds.CurrentRound(ctx)
	if err != nil {
		return 0, fmt.Errorf("current round: %w", err)
	}
	subs, err := g.Store.SubmissionsAt(ctx, round.ID, karir.QueueSteps())
	if err != nil {
		return 0, fmt.Errorf("review queue: %w", err)
	}
	// Check-ins BKPSDM rates (no supervisor in the bot) wait too: admins of
	// every OPD hear of them.
	_, reports, err := unratedReports(ctx, g.Deps, subs, "", true)
	if err != nil {
		return 0, fmt.Errorf("reports to rate: %w", err)
	}
	queued := 0
	for _, a := range due {
		var mine []rateItem
		if a.roles.Can(karir.RightRate) && a.roles.Scope(karir.RightRate) == "" {
			mine = reports
		}
		q := karir.BuildQueue(subs, a.opd, now, g.Location).For(a.roles)
		n, err := g.digest(ctx, a, period, q, mine)
		if err != nil {
			return queued, err
		}
		queued += n
	}
	return queued, nil
}

// digest queues one admin's digest if anything arrived since their last.
func (g *Digest) digest(ctx context.Context, a digestAdmin, period int64, q karir.Queue, reports []rateItem) (int, error) {
	last, err := g.Store.LastDigest(ctx, a.id)
	if err != nil {
		return 0, err
	}
	// Arrivals per stage; overdue check-ins are chased with /ingatkan,
	// not announced.
	arrived := map[string]int{}
	for _, w := range q.Entries {
		if w.Since.After(last) && w.Stage.Key != "t" {
			arrived[w.Stage.Key]++
		}
	}
	newReports := 0
	for _, it := range reports {
		if it.at().After(last) {
			newReports++
		}
	}
	fresh, fixed := arrived["b"], arrived["p"]
	total := newReports
	for _, n := range arrived {
		total += n
	}
	if total == 0 {
		return 0, nil // nothing new: ask again at the next tick
	}
	text := fmt.Sprintf(txtDigestHead, scopeName(a.opd))
	if stage := karir.QueueStageByKey("b"); stage.WorkedBy(a.roles) {
		if last.IsZero() {
			text += fmt.Sprintf(txtDigestFirst, fresh, fixed)
		} else {
			text += fmt.Sprintf(txtDigestSince, karir.FormatDateTime(last, g.Location), fresh, fixed)
		}
	} else if !last.IsZero() {
		text += fmt.Sprintf(txtDigestSinceOnly, karir.FormatDateTime(last, g.Location))
	}
	for _, s := range karir.QueueStages {
		if n := arrived[s.Key]; n > 0 && s.Key != "b" && s.Key != "p" {
			text += fmt.Sprintf(txtDigestStage, stageIcon(s.Key), esc(s.Label), n)
		}
	}
	text += fmt.Sprintf(txtDigestTotal, q.Total())
	if len(reports) > 0 {
		text += fmt.Sprintf(txtDigestReports, len(reports), newReports)
	}
	n, err := g.Sender.Notify(ctx, karir.Notice{
		Key:    fmt.Sprintf("digest:%d:%d", a.id, period),
		ChatID: a.id,
		Reply:  karir.Reply{Text: text, Buttons: [][]karir.Button{{{Text: txtBtnOpenQueue, Data: queueData(cbListOpen, queueView{}, 0)}}}},
	})
	if err != nil {
		return 0, fmt.Errorf("queue digest: %w", err)
	}
	g.sent[a.id] = period
	if n == 0 {
		// Another process (or this one before a restart) sent this
		// period's: what arrived since stays for the next one.
		return 0, nil
	}
	return n, g.Store.SetLastDigest(ctx, a.id, g.Now())
}

// admins are the super admins of the settings (all OPDs) and those granted
// in chat, each once.
func (g *Digest) admins(ctx context.Context) ([]digestAdmin, error) {
	grants, err := g.Store.ListAdmins(ctx)
	if err != nil {
		return nil, fmt.Errorf("list admins: %w", err)
	}
	seen := map[int64]bool{}
	var out []digestAdmin
	for _, id := range g.Supers {
		if !seen[id] {
			seen[id] = true
			out = append(out, digestAdmin{id: id, roles: karir.Roles{Super: true}})
		}
	}
	for _, gr := range grants {
		roles := karir.RolesOf(&gr, false)
		if !seen[gr.TelegramID] && roles.Can(karir.RightCards) {
			seen[gr.TelegramID] = true
			out = append(out, digestAdmin{id: gr.TelegramID, roles: roles, opd: roles.Scope(karir.RightCards)})
		}
	}
	return out, nil
}

// Ticks runs several scheduled jobs as one, for RunScheduler: each runs
// even when another failed; it returns how many messages all queued.
func Ticks(jobs ...func(context.Context) (int, error)) func(context.Context) (int, error) {
	return func(ctx context.Context) (int, error) {
		total := 0
		var errs []error
		for _, job := range jobs {
			n, err := job(ctx)
			total += n
			errs = append(errs, err)
		}
		return total, errors.Join(errs...)
	}
}
