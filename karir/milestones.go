package karir

import (
	"fmt"
	"slices"
	"time"
)

// Step is a milestone of a submission, from filing to the verdict on the
// performance target.
type Step string

const (
	StepSubmitted    Step = "diajukan"       // filed by the ASN
	StepReturned     Step = "dikembalikan"   // BKPSDM sent it back for correction
	StepVerified     Step = "diverifikasi"   // BKPSDM checked it
	StepBaperjakat   Step = "baperjakat"     // under review by Baperjakat
	StepApproved     Step = "disetujui"      // the decision: approved
	StepDeclined     Step = "ditolak"        // the decision: declined
	StepTargetActive Step = "target_aktif"   // the target's clock runs
	StepCheckIn      Step = "laporan"        // a monthly progress report
	StepMet          Step = "tercapai"       // evaluation: target met
	StepMissed       Step = "tidak_tercapai" // evaluation: target missed
	// StepStepDown follows a missed target by itself: the pledge of the
	// contract ("bersedia mundur dari jabatan"), pending the mayor's
	// decision. The stage stays StepMissed, the verdict.
	StepStepDown Step = "mundur"
)

// nextSteps is the whole milestone rule, read top to bottom: from each
// step, the steps that may follow it. Steps not listed are final. This
// table, needsNote and adminSteps are programme rules set by the Open
// Karir programme (Pemkot Bengkulu's filing, BKPSDM's check, Baperjakat's
// review, the mayor's decision, the performance target), not a
// regulation: no PP, PermenPANRB or Peraturan BKN prescribes these steps.
var nextSteps = map[Step][]Step{
	"":               {StepSubmitted},
	StepSubmitted:    {StepVerified, StepReturned},
	StepReturned:     {StepSubmitted},
	StepVerified:     {StepBaperjakat},
	StepBaperjakat:   {StepApproved, StepDeclined},
	StepApproved:     {StepTargetActive},
	StepTargetActive: {StepCheckIn, StepMet, StepMissed},
	StepCheckIn:      {StepCheckIn, StepMet, StepMissed},
}

// needsNote are the steps an admin must explain; Baperjakat's review
// carries its consideration.
var needsNote = []Step{StepReturned, StepBaperjakat, StepDeclined, StepMissed}

// adminSteps are the steps an admin records with /tinjau; the others are
// the ASN's own (filing, check-ins) or follow by themselves (target active).
var adminSteps = []Step{StepVerified, StepReturned, StepBaperjakat, StepApproved, StepDeclined, StepMet, StepMissed}

// TimelineSteps are the milestones /status shows, in order.
var TimelineSteps = []Step{StepSubmitted, StepVerified, StepBaperjakat, StepApproved, StepTargetActive, StepMet}

// CanFollow reports whether step may be recorded after current.
func CanFollow(current, step Step) bool { return slices.Contains(nextSteps[current], step) }

// NeedsNote reports whether an admin must write a note with the step.
func NeedsNote(s Step) bool { return slices.Contains(needsNote, s) }

// AdminNextSteps lists the steps an admin may record after current.
func AdminNextSteps(current Step) []Step {
	var out []Step
	for _, s := range nextSteps[current] {
		if slices.Contains(adminSteps, s) {
			out = append(out, s)
		}
	}
	return out
}

// Milestone is one step of a submission with who recorded it and when.
type Milestone struct {
	Step      Step      `bson:"step"`
	At        time.Time `bson:"at"`
	ActorID   int64     `bson:"actor_id,omitempty"` // 0 for the system
	ActorName string    `bson:"actor_name"`
	Note      string    `bson:"note,omitempty"`
	// Check-ins: progress in percent, evidence as Telegram's file id, and
	// the supervisor's rating once given.
	Percent  int     `bson:"percent,omitempty"`
	FileID   string  `bson:"file_id,omitempty"`
	FileKind string  `bson:"file_kind,omitempty"`
	Rating   *Rating `bson:"rating,omitempty"`
}

// ErrStepNotAllowed means a milestone out of order.
type ErrStepNotAllowed struct{ From, To Step }

func (e ErrStepNotAllowed) Error() string {
	return fmt.Sprintf("step %s cannot follow %s", e.To, e.From)
}

// Record appends a milestone if the rules allow it after the current stage;
// approval starts the target's clock at once ("sistem"). The target's
// months are counted on the calendar of loc, the bot's zone: the same
// instant is the 31st in one zone and the 1st in another, and a month
// after each differs by days.
func (s *Submission) Record(m Milestone, loc *time.Location) error {
	if !CanFollow(s.Stage, m.Step) {
		return ErrStepNotAllowed{From: s.Stage, To: m.Step}
	}
	s.Milestones = append(s.Milestones, m)
	s.Stage = m.Step
	if m.Step == StepMissed {
		s.Milestones = append(s.Milestones, Milestone{Step: StepStepDown, At: m.At, ActorName: ActorSystem, Note: StepDownPending})
	}
	if m.Step == StepApproved {
		s.Milestones = append(s.Milestones, Milestone{Step: StepTargetActive, At: m.At, ActorName: ActorSystem})
		s.Stage = StepTargetActive
		s.TargetDeadline = AddMonths(m.At, s.Answers.TermMonths, loc)
	}
	return nil
}

// StepDownPending is the note of the step-down milestone.
const StepDownPending = "menunggu keputusan Wali Kota"

// StepDown returns the step-down milestone of a missed target, or nil.
func (s *Submission) StepDown() *Milestone {
	if s.Stage != StepMissed {
		return nil
	}
	for i := len(s.Milestones) - 1; i >= 0; i-- {
		if s.Milestones[i].Step == StepStepDown {
			return &s.Milestones[i]
		}
	}
	return nil
}

// ActorSystem names the bot when it records a step itself.
const ActorSystem = "sistem"

// LastCheckIn returns the latest check-in, or nil.
func (s *Submission) LastCheckIn() *Milestone {
	for i := len(s.Milestones) - 1; i >= 0; i-- {
		if s.Milestones[i].Step == StepCheckIn {
			return &s.Milestones[i]
		}
	}
	return nil
}

// Reached returns when a step was (last) recorded, and whether it was.
func (s *Submission) Reached(step Step) (time.Time, bool) {
	for i := len(s.Milestones) - 1; i >= 0; i-- {
		if s.Milestones[i].Step == step {
			return s.Milestones[i].At, true
		}
	}
	return time.Time{}, false
}

// TargetRunning reports whether the target is active (check-ins allowed).
func (s *Submission) TargetRunning() bool {
	return s.Stage == StepTargetActive || s.Stage == StepCheckIn
}

// Editable reports whether the ASN may still change the answers: before
// BKPSDM verified them, or when BKPSDM returned them for correction.
func (s *Submission) Editable() bool {
	return s.Stage == StepSubmitted || s.Stage == StepReturned || s.Stage == ""
}

// StepLabel is the Indonesian name of a step.
func StepLabel(s Step) string {
	switch s {
	case StepSubmitted:
		return "Diajukan"
	case StepReturned:
		return "Dikembalikan untuk perbaikan"
	case StepVerified:
		return "Diverifikasi BKPSDM"
	case StepBaperjakat:
		return "Ditinjau Baperjakat"
	case StepApproved:
		return "Disetujui"
	case StepDeclined:
		return "Ditolak"
	case StepTargetActive:
		return "Target berjalan"
	case StepCheckIn:
		return "Laporan kemajuan"
	case StepMet:
		return "Target tercapai"
	case StepMissed:
		return "Target tidak tercapai"
	case StepStepDown:
		return "Mundur dari jabatan"
	}
	return string(s)
}

// AddMonths adds n calendar months to t as the calendar of loc counts
// them (time.AddDate counts in t's own zone).
func AddMonths(t time.Time, n int, loc *time.Location) time.Time {
	return t.In(loc).AddDate(0, n, 0)
}
