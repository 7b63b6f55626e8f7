package flows

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"openkarir/karir"
)

// TalentImporter loads talent data sent in chat with /impor; its
// ImportAll is RosterImporter's: all rows or none.
type TalentImporter interface{ RosterImporter }

// TalentReports renders the talent files admins receive.
type TalentReports interface {
	// NineBoxPNG draws the 9-box with the counts of m, title and note above.
	NineBoxPNG(m karir.TalentMap, title, note string) ([]byte, error)
	// CandidatesXLSX writes a post's ranked candidates for Baperjakat.
	CandidatesXLSX(v karir.PostView, at time.Time, loc *time.Location) ([]byte, error)
	// SuccessionXLSX writes the succession plan ("rencana suksesi").
	SuccessionXLSX(plans []karir.SuccessionPlan, scope string, at time.Time, loc *time.Location) ([]byte, error)
}

// talentImportStopped answers a talent file the database stopped: what
// was written stays, and sending the same file again completes it.
func (c *Console) talentImportStopped(t *Turn, f *FileRef, failure ImportFailure) error {
	_, added, changed := failure.WrittenSoFar()
	cause := failure.Error()
	if err := errors.Unwrap(failure); err != nil {
		cause = err.Error()
	}
	if added+changed == 0 {
		t.Sayf(txtImportFailedNothing, esc(cause))
		return nil
	}
	t.Sayf(txtTalentImportFailedPartly, esc(cause), added, changed)
	return c.audit.Record(t, "impor", fmt.Sprintf("%s: data talenta terhenti (gangguan basis data) setelah %d ditambahkan, %d diperbarui", f.Name, added, changed))
}

// Talent is the talent map for Baperjakat: /talenta (the 9-box of an OPD
// or of all) and /kandidat (the ranked candidates of each target post).
// Admins only: an ASN never sees anyone's box. An OPD admin sees their
// OPD's ASN on the map and their OPD's posts with every applicant to them.
type Talent struct {
	Deps
	audit *Auditor
}

// NewTalent builds /talenta and /kandidat.
func NewTalent(d Deps, audit *Auditor) *Talent { return &Talent{Deps: d, audit: audit} }

// Commands returns the commands to register.
func (g *Talent) Commands() []Command {
	return []Command{
		{Name: "talenta", Description: "peta talenta 9-box: /talenta [KODE_OPD]", Right: karir.RightTalent, Run: g.talentMap},
		{Name: "kandidat", Description: "kandidat per jabatan tujuan untuk Baperjakat: /kandidat [kata]", Right: karir.RightTalent,
			Run: g.candidates, Button: g.candidateButton},
		{Name: "suksesi", Description: "rencana suksesi: jabatan yang perlu diisi dan ASN yang siap: /suksesi [KODE_OPD]", Right: karir.RightTalent,
			Run: g.successionPlan, Button: g.successionButton},
	}
}

// talentMap is /talenta: the counts per box as text and as a PNG.
func (g *Talent) talentMap(t *Turn) error {
	arg := strings.ToUpper(strings.TrimSpace(t.In.Args))
	if ok, err := requireOPD(t, g.Store, arg); !ok || err != nil {
		return err
	}
	opd, ok := confineToOPD(t, arg)
	if !ok {
		return nil
	}
	m, err := g.Store.TalentMapOf(t.Ctx, opd)
	if err != nil {
		return err
	}
	if m.Mapped() == 0 {
		t.Sayf(txtTalentNone, scopeName(opd))
		return nil
	}
	t.SayLong(TalentMapText(m, scopeName(opd)))
	plain := "semua OPD"
	if opd != "" {
		plain = "OPD " + opd
	}
	png, err := g.Reports.NineBoxPNG(m, fmt.Sprintf(txtTalentPNGHead, plain), fmt.Sprintf(txtTalentPNGNote, m.Mapped(), m.WithoutData))
	if err != nil {
		return fmt.Errorf("9-box chart: %w", err)
	}
	t.Say(karir.Reply{Text: fmt.Sprintf(txtTalentChart, scopeName(opd)), Photo: &karir.File{Name: "peta-talenta.png", Data: png}})
	return nil
}

// TalentMapText is the /talenta answer: box 9 first, in the order of the
// boxes' standing (karir.BoxStanding), which is the regulation's numbering.
func TalentMapText(m karir.TalentMap, scope string) string {
	var b strings.Builder
	years := slices.Sorted(maps.Keys(m.Years))
	slices.Reverse(years)
	var ys []string
	for _, y := range years {
		ys = append(ys, fmt.Sprintf("%d (%d)", y, m.Years[y]))
	}
	yearText := ""
	if len(ys) > 0 {
		yearText = fmt.Sprintf(txtTalentYears, strings.Join(ys, ", "))
	}
	fmt.Fprintf(&b, txtTalentHead, scope, m.Mapped(), m.Mapped()+m.WithoutData, yearText, m.WithoutData)
	for box := 9; box >= 1; box-- {
		mark := ""
		if karir.InSuccessionGroup(box) {
			mark = "⭐ "
		}
		share := percentID(100 * float64(m.Boxes[box]) / float64(max(1, m.Mapped())))
		fmt.Fprintf(&b, txtTalentLine, mark, box, karir.BoxName(box), m.Boxes[box], share)
	}
	b.WriteString(txtTalentLegend)
	return b.String()
}
