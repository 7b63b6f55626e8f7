package karir

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"
)

// QueueStage is one place in the admins' review queue: forms that wait
// for an admin's step, for the same reason.
type QueueStage struct {
	// Key is one letter, kept in button data (Telegram allows 64 bytes).
	Key string
	// Label names the stage for admins, in Indonesian.
	Label string
	// Steps are the submission stages the queue stage draws from: what the
	// store is asked for.
	Steps []Step
	// Since reports whether s waits in this stage at now (days counted in
	// loc), and since when (the order of the queue: the longest waiting
	// first).
	Since func(s *Submission, now time.Time, loc *time.Location) (time.Time, bool)
	// Rights are those of who acts on the forms waiting here: the role
	// that records their next step (separation of duties, roles.go).
	Rights []Right
}

// QueueStages is the review queue, in the order admins work through it
// (a programme rule set by the Open Karir programme, not a regulation:
// its stages follow the milestones of milestones.go and the 35 days of
// OverdueAfter),
// read top to bottom: each entry is computed from a submission and the
// clock alone. The last two follow the performance contract: a target whose
// deadline day has passed waits for its evaluation, and a running target
// with no check-in for OverdueAfter is listed so admins can chase it.
var QueueStages = []QueueStage{
	{Key: "b", Label: "Baru, menunggu verifikasi", Steps: []Step{StepSubmitted}, Rights: []Right{RightVerify},
		Since: func(s *Submission, _ time.Time, _ *time.Location) (time.Time, bool) {
			if s.Stage != StepSubmitted || s.WasReturned() {
				return time.Time{}, false
			}
			return s.lastAt(StepSubmitted), true
		}},
	{Key: "p", Label: "Diperbaiki dan dikirim lagi", Steps: []Step{StepSubmitted}, Rights: []Right{RightVerify},
		Since: func(s *Submission, _ time.Time, _ *time.Location) (time.Time, bool) {
			if s.Stage != StepSubmitted || !s.WasReturned() {
				return time.Time{}, false
			}
			return s.lastAt(StepSubmitted), true
		}},
	{Key: "v", Label: "Terverifikasi, menunggu diteruskan ke Baperjakat", Steps: []Step{StepVerified},
		Since: atStage(StepVerified), Rights: []Right{RightBaperjakat}},
	// The decision is the mayor's (the PPK), which the pencatat records.
	{Key: "k", Label: "Di Baperjakat, menunggu keputusan", Steps: []Step{StepBaperjakat},
		Since: atStage(StepBaperjakat), Rights: []Right{RightDecide, RightAppoint}},
	{Key: "e", Label: "Siap dievaluasi (batas target lewat)", Steps: []Step{StepTargetActive, StepCheckIn}, Rights: []Right{RightDecide},
		Since: func(s *Submission, now time.Time, loc *time.Location) (time.Time, bool) {
			return s.TargetDeadline, s.DueForEvaluation(now, loc)
		}},
	// Chased by who sends reminders (the verifier, the OPD admin).
	{Key: "t", Label: "Laporan kemajuan terlambat (lebih dari 35 hari)", Steps: []Step{StepTargetActive, StepCheckIn}, Rights: []Right{RightRemind},
		Since: func(s *Submission, now time.Time, _ *time.Location) (time.Time, bool) {
			return s.LastReport().Add(OverdueAfter), s.CheckInOverdue(now)
		}},
}

// atStage waits while the submission stands at step, since it got there.
func atStage(step Step) func(*Submission, time.Time, *time.Location) (time.Time, bool) {
	return func(s *Submission, _ time.Time, _ *time.Location) (time.Time, bool) {
		if s.Stage != step {
			return time.Time{}, false
		}
		return s.lastAt(step), true
	}
}

// lastAt is when step was last recorded (zero when never).
func (s *Submission) lastAt(step Step) time.Time {
	at, _ := s.Reached(step)
	return at
}

// WasReturned reports whether BKPSDM ever sent the form back for correction.
func (s *Submission) WasReturned() bool {
	_, ok := s.Reached(StepReturned)
	return ok
}

// QueueStageByKey returns the stage with the key, or nil.
func QueueStageByKey(key string) *QueueStage {
	for i := range QueueStages {
		if QueueStages[i].Key == key {
			return &QueueStages[i]
		}
	}
	return nil
}

// QueueSteps are the submission stages any queue stage draws from.
func QueueSteps() []Step {
	var out []Step
	for _, q := range QueueStages {
		for _, s := range q.Steps {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// Waiting is a submission's place in the queue.
type Waiting struct {
	Stage *QueueStage
	Since time.Time
	Sub   *Submission
}

// Before reports whether w comes before o in the queue: the longest
// waiting first, then by reference number, so the order is total.
func (w Waiting) Before(o Waiting) bool { return compareWaiting(w, o) < 0 }

func compareWaiting(a, b Waiting) int {
	return cmp.Or(a.Since.Compare(b.Since), strings.Compare(a.Sub.Ref, b.Sub.Ref), strings.Compare(a.Sub.NIP, b.Sub.NIP))
}

// PlaceInQueue returns where s waits at now, if it waits for an admin.
func PlaceInQueue(s *Submission, now time.Time, loc *time.Location) (Waiting, bool) {
	for i := range QueueStages {
		if since, ok := QueueStages[i].Since(s, now, loc); ok {
			return Waiting{Stage: &QueueStages[i], Since: since, Sub: s}, true
		}
	}
	return Waiting{}, false
}

// Queue is the review queue of a scope: how many wait in each stage and
// who, the longest waiting first.
type Queue struct {
	Counts  map[string]int // by QueueStage.Key
	Entries []Waiting
}

// Total is how many forms wait.
func (q Queue) Total() int { return len(q.Entries) }

// BuildQueue places the submissions in the queue at now, keeping those of
// one OPD when opd is set.
func BuildQueue(subs []Submission, opd string, now time.Time, loc *time.Location) Queue {
	q := Queue{Counts: map[string]int{}}
	for i := range subs {
		s := &subs[i]
		if opd != "" && s.OPDCode != opd {
			continue
		}
		if w, ok := PlaceInQueue(s, now, loc); ok {
			q.Counts[w.Stage.Key]++
			q.Entries = append(q.Entries, w)
		}
	}
	slices.SortFunc(q.Entries, compareWaiting)
	return q
}

// WorkedBy reports whether a user with roles acts on the forms waiting in
// the stage: the super admin and an OPD admin (who follows every form of
// their OPD and gives its recommendation) on every stage, anyone else on
// the stages whose next step their role records.
func (s *QueueStage) WorkedBy(r Roles) bool {
	if r.Super || r.Has(RoleOPDAdmin) {
		return true
	}
	return slices.ContainsFunc(s.Rights, r.Can)
}

// For keeps the stages a user with roles works (QueueStage.WorkedBy).
func (q Queue) For(r Roles) Queue {
	out := Queue{Counts: map[string]int{}}
	for _, w := range q.Entries {
		if w.Stage.WorkedBy(r) {
			out.Counts[w.Stage.Key]++
			out.Entries = append(out.Entries, w)
		}
	}
	return out
}

// Of keeps the entries of one stage (all when key is empty).
func (q Queue) Of(key string) []Waiting {
	if key == "" {
		return q.Entries
	}
	var out []Waiting
	for _, w := range q.Entries {
		if w.Stage.Key == key {
			out = append(out, w)
		}
	}
	return out
}

// ReviewQueue finds the forms admins act on.
type ReviewQueue interface {
	// SubmissionsAt returns the round's submissions whose Stage is one of
	// steps.
	SubmissionsAt(ctx context.Context, round string, steps []Step) ([]Submission, error)
	// SubmissionByRef returns the round's submission with the reference
	// number, or ErrNotFound.
	SubmissionByRef(ctx context.Context, round, ref string) (*Submission, error)
}

// DigestLog remembers when each admin was last sent the digest of the
// review queue, so the next one tells what arrived since.
type DigestLog interface {
	// LastDigest returns the zero time for an admin who never had one.
	LastDigest(ctx context.Context, admin int64) (time.Time, error)
	SetLastDigest(ctx context.Context, admin int64, at time.Time) error
}
