package flows

import (
	"fmt"
	"strconv"
	"strings"

	"openkarir/karir"
)

// How /kandidat writes one candidate: the line of a post's page, its
// checks, and a talent record.

// candidateLine is one candidate: name, post now, box and inputs, record,
// warnings.
func candidateLine(rank int, c karir.Candidate) string {
	now := c.Now()
	ready, stay, gol := "", "", ""
	if c.Ready {
		ready = txtCandReady
	}
	if c.Stay {
		stay = txtCandStay
	}
	if now.Golongan != "" {
		gol = fmt.Sprintf(txtCandGolongan, now.Golongan)
	}
	talent := txtCandNoTalent
	if r := c.Talent; r != nil {
		talent = TalentText(*r)
		if r.JPM != nil {
			talent += fmt.Sprintf(txtCandJPM, strings.Replace(strconv.FormatFloat(*r.JPM, 'f', -1, 64), ".", ",", 1))
		}
	}
	if c.Record.Met+c.Record.Missed > 0 {
		talent += fmt.Sprintf(txtCandRecord, c.Record.Met, c.Record.Missed)
	}
	if r := c.Record.Ratings; r.Count > 0 {
		talent += fmt.Sprintf(txtCandRating, decimalID(r.Average()), r.Count)
	}
	var b strings.Builder
	fmt.Fprintf(&b, txtCandLine, rank, ready, escName(now.Name), stay, c.Stage(), escName(now.Position), esc(now.OPDCode), esc(levelAndKind(now)), gol, talent)
	writeChecks(&b, c)
	return b.String()
}

// writeChecks writes a candidate's requirements as every list says them:
// failed ones as failures, undecidable ones with what is missing, notes as
// notes; the met ones are counted.
func writeChecks(b *strings.Builder, c karir.Candidate) {
	if c.Stay {
		return
	}
	failed, unchecked := c.Failed(), c.Unchecked()
	if len(c.Checks) > 0 {
		verdict := txtCandEligible
		if len(failed) > 0 {
			verdict = txtCandNotEligible
		}
		fmt.Fprintf(b, txtCandChecks, verdict, len(c.Checks)-len(failed)-len(unchecked), len(c.Checks))
	}
	for _, ch := range failed {
		fmt.Fprintf(b, txtCandFailed, esc(ch.Text()))
	}
	if len(unchecked) > 0 {
		missing := make([]string, len(unchecked))
		for i, ch := range unchecked {
			missing[i] = ch.Missing()
		}
		fmt.Fprintf(b, txtCandUnchecked, esc(strings.Join(missing, "; ")))
	}
	for _, n := range c.Notes {
		fmt.Fprintf(b, txtCandNote, esc(n))
	}
}

// TalentText is a talent record as a candidate's line shows it: the box,
// SIMATA's where given, and the inputs the file had.
func TalentText(r karir.TalentRecord) string {
	pred := txtCandNoPredikat
	if r.Predikat != "" {
		pred = r.Predikat.Label()
	}
	pot := r.Potential
	if pot == "" {
		_, pot = karir.BoxAxes(r.Box())
	}
	text := fmt.Sprintf(txtCandTalent, r.Box(), pred, r.Year, pot)
	if r.SIMATABox != 0 {
		text += txtCandSIMATA
		if r.BoxDiffers() {
			text += fmt.Sprintf(txtCandComputed, r.ComputedBox())
		}
	}
	return text
}
