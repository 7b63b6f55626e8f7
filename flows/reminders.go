package flows

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"

	"openkarir/karir"
)

// ReminderPlan says when the automatic reminders go out.
type ReminderPlan struct {
	// DaysBefore the form deadline on which the ASN who have not filed are
	// reminded (0 is the last day).
	DaysBefore []int
	// Reminders go out only from WorkStart until WorkEnd (times of day, as
	// durations since midnight in the bot's zone), never at night.
	WorkStart, WorkEnd time.Duration
}

// DefaultReminderPlan is H-7, H-3, H-1 and the last day, 07:00 to 20:00.
func DefaultReminderPlan() ReminderPlan {
	return ReminderPlan{DaysBefore: []int{7, 3, 1, 0}, WorkStart: 7 * time.Hour, WorkEnd: 20 * time.Hour}
}

// InWorkHours reports whether t, in loc, falls within the working hours.
func (p ReminderPlan) InWorkHours(t time.Time, loc *time.Location) bool {
	t = t.In(loc)
	sinceMidnight := time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute
	return sinceMidnight >= p.WorkStart && sinceMidnight < p.WorkEnd
}

// ParseReminderPlan reads "7,3,1,0" and "07:00-20:00".
func ParseReminderPlan(days, hours string) (ReminderPlan, error) {
	p := DefaultReminderPlan()
	if days != "" {
		p.DaysBefore = nil
		for _, f := range strings.Split(days, ",") {
			d, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || d < 0 {
				return p, fmt.Errorf("reminder day %q is not a number of days", f)
			}
			p.DaysBefore = append(p.DaysBefore, d)
		}
	}
	if hours != "" {
		from, to, ok := strings.Cut(hours, "-")
		start, err1 := parseClock(from)
		end, err2 := parseClock(to)
		if !ok || err1 != nil || err2 != nil || start >= end {
			return p, fmt.Errorf("working hours %q are not HH:MM-HH:MM with the start before the end", hours)
		}
		p.WorkStart, p.WorkEnd = start, end
	}
	return p, nil
}

// parseClock reads a time of day "HH:MM" (up to "24:00") as the time
// since midnight.
func parseClock(s string) (time.Duration, error) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || len(m) != 2 || hh < 0 || mm < 0 || mm > 59 || hh*60+mm > 24*60 {
		return 0, fmt.Errorf("%q is not a time HH:MM", s)
	}
	return time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute, nil
}

// Reminders runs the automatic reminder plan.
type Reminders struct {
	Deps
	plan ReminderPlan
	// done remembers the plan steps already queued by this process; the
	// outbox keys make a repeat harmless anyway.
	done map[string]bool
}

// NewReminders builds the reminder plan's runner.
func NewReminders(d Deps, plan ReminderPlan) *Reminders {
	return &Reminders{Deps: d.forPhones(), plan: plan, done: map[string]bool{}}
}

// Tick queues the reminders due now and returns how many were new.
func (r *Reminders) Tick(ctx context.Context) (int, error) {
	now := r.Now().In(r.Location)
	if !r.plan.InWorkHours(now, r.Location) {
		return 0, nil
	}
	round, err := r.Rounds.CurrentRound(ctx)
	if err != nil {
		return 0, fmt.Errorf("current round: %w", err)
	}
	n, err := r.targetReminders(ctx, now)
	if err != nil {
		return n, err
	}
	if !round.IsOpen(now) {
		return n, nil
	}
	m, err := r.formReminders(ctx, round, now)
	return n + m, err
}

// formReminders reminds the bound ASN who have not filed, and those whose
// form was returned for correction, on the plan's days.
func (r *Reminders) formReminders(ctx context.Context, round karir.Round, now time.Time) (int, error) {
	days := karir.DaysUntil(now, round.LastDay(), r.Location)
	step := fmt.Sprintf("%s:h-%d", round.ID, days)
	if !slices.Contains(r.plan.DaysBefore, days) || r.done[step] {
		return 0, nil
	}
	people, err := karir.Recipients(ctx, r.Store, round.ID, "")
	if err != nil {
		return 0, fmt.Errorf("list recipients: %w", err)
	}
	var notices []karir.Notice
	for _, p := range people {
		reply := ReminderReply(round, now, r.Location)
		switch {
		case p.ToFix:
			reply = FixReminderReply(round, now, r.Location)
		case p.Filed:
			continue
		}
		notices = append(notices, karir.Notice{
			Key:    fmt.Sprintf("remind:%s:%s:h-%d", round.ID, p.NIP, days),
			ChatID: p.TelegramID,
			Reply:  reply,
		})
	}
	n, err := r.Sender.Notify(ctx, notices...)
	if err != nil {
		return n, fmt.Errorf("queue reminders: %w", err)
	}
	r.done[step] = true
	return n, nil
}

// ReminderReply is the reminder to file, with a button that opens the form.
func ReminderReply(round karir.Round, now time.Time, loc *time.Location) karir.Reply {
	return karir.Reply{
		Text:    fmt.Sprintf(txtReminder, karir.FormatDate(round.LastDay(), loc), karir.Countdown(now, round.LastDay(), loc)),
		Buttons: [][]karir.Button{{{Text: txtBtnFill, Data: btnMenuFill}}},
	}
}

// FixReminderReply is the reminder to an ASN whose form was returned for
// correction and not sent again, with the button that opens it.
func FixReminderReply(round karir.Round, now time.Time, loc *time.Location) karir.Reply {
	return karir.Reply{
		Text:    fmt.Sprintf(txtReminderToFix, karir.FormatDate(round.LastDay(), loc), karir.Countdown(now, round.LastDay(), loc)),
		Buttons: [][]karir.Button{{{Text: txtBtnFix, Data: btnMenuFill}}},
	}
}

// RunScheduler runs tick every interval while this process holds the
// "scheduler" lease, so two processes never both run the plan. It gives the
// lease up when it stops.
func RunScheduler(ctx context.Context, leases karir.Leases, holder string, every time.Duration, now func() time.Time, log *slog.Logger, tick func(context.Context) (int, error)) error {
	t := time.NewTicker(every)
	defer t.Stop()
	defer func() {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if err := leases.ReleaseLease(ctx, "scheduler", holder); err != nil {
			log.Warn("release the scheduler lease", "err", err)
		}
	}()
	for {
		ok, err := leases.AcquireLease(ctx, "scheduler", holder, now(), 3*every)
		switch {
		case err != nil:
			log.Warn("scheduler lease", "err", err)
		case ok:
			if n, err := tick(ctx); err != nil {
				log.Error("scheduled job", "err", err)
			} else if n > 0 {
				log.Info("scheduled messages queued", "count", n)
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// NewBatchID names a reminder run or broadcast.
func NewBatchID(kind string, now time.Time) string {
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%s-%s-%s", kind, now.UTC().Format("20060102T150405"), hex.EncodeToString(b))
}

// targetReminders asks the ASN with an active target, of any round, for
// their monthly check-in, warns them 14 and 3 days before the target's
// deadline, reminds them once per gap when no check-in came for
// karir.OverdueAfter, and tells them once when the deadline has passed that
// the target is under evaluation. It runs once a day per process; the
// outbox keys keep repeats out.
func (r *Reminders) targetReminders(ctx context.Context, now time.Time) (int, error) {
	day := "targets:" + now.Format(time.DateOnly)
	if r.done[day] {
		return 0, nil
	}
	rounds, err := r.Rounds.Rounds(ctx)
	if err != nil {
		return 0, fmt.Errorf("list rounds: %w", err)
	}
	var subs []karir.Submission
	for _, round := range rounds {
		s, err := r.Store.ListSubmissions(ctx, round.ID)
		if err != nil {
			return 0, fmt.Errorf("list submissions: %w", err)
		}
		subs = append(subs, s...)
	}
	binds, err := r.Store.ListBindings(ctx)
	if err != nil {
		return 0, fmt.Errorf("list bindings: %w", err)
	}
	chat := make(map[string]int64, len(binds))
	for _, b := range binds {
		chat[b.NIP] = b.TelegramID
	}
	var notices []karir.Notice
	for i := range subs {
		s := &subs[i]
		tg, ok := chat[s.NIP]
		if !ok || !s.TargetRunning() {
			continue
		}
		if s.DueForEvaluation(now, r.Location) {
			notices = append(notices, karir.Notice{Key: "evaluasi:" + s.ID, ChatID: tg, Reply: underEvaluation(s, r.Location)})
			continue // the term is over: no more check-in reminders
		}
		if s.CheckInOverdue(now) {
			// Keyed by the last report: one reminder per gap.
			notices = append(notices, karir.Notice{Key: fmt.Sprintf("overdue:%s:%d", s.ID, s.LastReport().Unix()), ChatID: tg,
				Reply: overdueReply(s, now, r.Location)})
		}
		start, _ := s.Reached(karir.StepTargetActive)
		// The latest whole month since the target started (on the bot's
		// calendar), unless a check-in came after it.
		month := 0
		for karir.AddMonths(start, month+1, r.Location).Before(now) {
			month++
		}
		last := s.LastCheckIn()
		if month > 0 && (last == nil || last.At.Before(karir.AddMonths(start, month, r.Location))) {
			notices = append(notices, karir.Notice{Key: fmt.Sprintf("checkin:%s:m%d", s.ID, month), ChatID: tg,
				Reply: checkInReply(txtCheckInDue, s, now, r.Location)})
		}
		if d := karir.DaysUntil(now, s.TargetDeadline, r.Location); d == 14 || d == 3 {
			notices = append(notices, karir.Notice{Key: fmt.Sprintf("target:%s:h-%d", s.ID, d), ChatID: tg,
				Reply: checkInReply(txtTargetSoon, s, now, r.Location)})
		}
	}
	n, err := r.Sender.Notify(ctx, notices...)
	if err != nil {
		return n, fmt.Errorf("queue check-in reminders: %w", err)
	}
	r.done[day] = true
	return n, nil
}

// overdueReply reminds the ASN that no check-in came for too long.
func overdueReply(s *karir.Submission, now time.Time, loc *time.Location) karir.Reply {
	return karir.Reply{
		Text: fmt.Sprintf(txtCheckInOverdue, karir.FormatDate(s.LastReport(), loc), esc(s.Answers.Target),
			karir.FormatDate(s.TargetDeadline, loc), karir.Countdown(now, s.TargetDeadline, loc)),
		Buttons: [][]karir.Button{{{Text: txtBtnReport, Data: ButtonData("lapor", "start")}}},
	}
}

// underEvaluation tells the ASN the term is over and BKPSDM evaluates it.
func underEvaluation(s *karir.Submission, loc *time.Location) karir.Reply {
	last := txtNoReportYet
	if m := s.LastCheckIn(); m != nil {
		last = fmt.Sprintf("%d%%, %s", m.Percent, karir.FormatDate(m.At, loc))
	}
	return karir.Reply{Text: fmt.Sprintf(txtUnderEvaluation, karir.FormatDate(s.TargetDeadline, loc), last)}
}

func checkInReply(format string, s *karir.Submission, now time.Time, loc *time.Location) karir.Reply {
	return karir.Reply{
		Text:    fmt.Sprintf(format, esc(s.Answers.Target), karir.FormatDate(s.TargetDeadline, loc), karir.Countdown(now, s.TargetDeadline, loc)),
		Buttons: [][]karir.Button{{{Text: txtBtnReport, Data: ButtonData("lapor", "start")}}},
	}
}
