package flows

import (
	"fmt"
	"strings"
	"time"

	"openkarir/karir"
)

// How the /tinjau card keeps within Telegram's 4,096 characters while
// monthly reports pile up (issue 24: with long answers the card passed the
// limit by the third report, and it holds the only rating and verdict
// buttons). The newest reports are shown whole; older ones one line each,
// their note cut, with a button that lists every report in full.
const (
	// fullReports is how many of the newest check-ins the card shows whole.
	fullReports = 2
	// shortNote is the length an older report's note is cut to.
	shortNote = 60
	// cbReports: r:view:nip  list every report of the form in full.
	cbReports = "r"
)

// cardDetail is how much the card shows: everything, older reports on one
// line, or also the answers cut short (the last resort before splitting).
type cardDetail int

const (
	detailFull cardDetail = iota
	detailCollapsed
	detailShort
)

// writeMilestones writes the card's timeline; it reports whether older
// reports were shortened (so the card offers the full list).
func writeMilestones(b *strings.Builder, sub *karir.Submission, detail cardDetail, loc *time.Location) (shortened bool) {
	b.WriteString(txtReviewMilestones)
	checkIns := 0
	for _, m := range sub.Milestones {
		if m.Step == karir.StepCheckIn {
			checkIns++
		}
	}
	seen := 0
	for _, m := range sub.Milestones {
		full := true
		if m.Step == karir.StepCheckIn {
			seen++
			full = detail == detailFull || checkIns-seen < fullReports
		}
		shortened = shortened || !full
		writeMilestone(b, m, full, loc)
	}
	return shortened
}

func writeMilestone(b *strings.Builder, m karir.Milestone, full bool, loc *time.Location) {
	fmt.Fprintf(b, "• %s — %s, %s", karir.StepLabel(m.Step), karir.FormatDateTime(m.At, loc), escName(m.ActorName))
	if m.Step == karir.StepCheckIn {
		fmt.Fprintf(b, " (%d%%)", m.Percent)
		if m.Rating != nil {
			fmt.Fprintf(b, txtReviewRating, ratingLine(*m.Rating), escName(m.Rating.RaterName))
		} else {
			b.WriteString(txtReviewUnrated)
		}
	}
	if note := m.Note; note != "" {
		if !full {
			note = karir.ClipText(strings.Join(strings.Fields(note), " "), shortNote)
		}
		fmt.Fprintf(b, ": <i>%s</i>", esc(note))
	}
	b.WriteString("\n")
}

// reports lists every monthly report of a form in full, in as many
// messages as it takes.
func (r *Review) reports(t *Turn, nip string) error {
	sub, err := r.find(t, nip)
	if err != nil || sub == nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, txtReportsHead, escName(sub.Name), esc(sub.Ref))
	n := 0
	for _, m := range sub.Milestones {
		if m.Step == karir.StepCheckIn {
			n++
			writeMilestone(&b, m, true, r.Location)
		}
	}
	if n == 0 {
		b.WriteString(txtReportsNone)
	}
	t.SayLong(b.String())
	return nil
}
