package flows

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"openkarir/karir"
)

// percentID writes a percentage the Indonesian way: "50,0%".
func percentID(p float64) string {
	return strings.Replace(fmt.Sprintf("%.1f%%", p), ".", ",", 1)
}

// CoverageText is the /cakupan answer.
func CoverageText(c karir.Coverage, scope string) string {
	var b strings.Builder
	fmt.Fprintf(&b, txtCoverageHead, esc(c.Round.ID), scope)
	fmt.Fprintf(&b, txtCoverageAll, c.All.Filed, c.All.Total, percentID(c.All.Percent()))
	fmt.Fprintf(&b, txtCoverageBreakdown, c.All.BoundNotFiled, c.All.NotBound, c.All.Stay, c.All.Move)
	b.WriteString(txtCoveragePerOPD)
	for _, o := range c.ByOPD {
		fmt.Fprintf(&b, txtCoverageLine, esc(o.Key), o.Filed, o.Total, percentID(o.Percent()), o.BoundNotFiled, o.NotBound, o.Stay, o.Move)
	}
	b.WriteString(txtCoveragePerType)
	for _, e := range c.ByType {
		fmt.Fprintf(&b, txtCoverageLine, escName(e.Name), e.Filed, e.Total, percentID(e.Percent()), e.BoundNotFiled, e.NotBound, e.Stay, e.Move)
	}
	b.WriteString(txtCoveragePerKind)
	for _, e := range c.ByKind {
		fmt.Fprintf(&b, txtCoverageLine, escName(e.Name), e.Filed, e.Total, percentID(e.Percent()), e.BoundNotFiled, e.NotBound, e.Stay, e.Move)
	}
	b.WriteString(txtCoverageLegend)
	return b.String()
}

// coverage is /cakupan [PERIODE] [KODE_OPD] [PNS|PPPK]: the current
// round, or an earlier one named.
func (c *Console) coverage(t *Turn) error {
	kind, args := kindArg(t.In.Args)
	round, rest, ok, err := c.roundArg(t, args)
	if err != nil || !ok {
		return err
	}
	opd, ok, err := c.opdScope(t, rest)
	if err != nil || !ok {
		return err
	}
	people, err := c.standings(t, round, opd)
	if err != nil {
		return err
	}
	cov := karir.ComputeCoverage(round, ofKind(people, kind))
	t.SayLong(CoverageText(cov, kindScope(scopeName(opd), kind)))
	png, err := c.Reports.CoverageChart(cov, c.Location)
	if err != nil {
		return fmt.Errorf("coverage chart: %w", err)
	}
	t.Say(karir.Reply{Text: fmt.Sprintf(txtCoverageChart, karir.FormatDate(round.LastDay(), c.Location)), Photo: &karir.File{Name: "cakupan.png", Data: png}})
	if opd != "" {
		return nil
	}
	return c.showOPDPicker(t, "cakupan", 0, 0, round.ID, string(kind))
}

// coverageButton drills /cakupan down to one OPD, or turns the picker's page.
func (c *Console) coverageButton(t *Turn, f Fields) error {
	switch f.Kind() {
	case "o":
		t.In.Args = f.At(2) + " " + f.At(1) + " " + f.At(3) // round, OPD, kind: as typed
		return c.coverage(t)
	case "op":
		page, ok := f.Int(1)
		if ok {
			return c.showOPDPicker(t, "cakupan", page, t.In.Callback.MessageID, f.At(2), f.At(3))
		}
	}
	t.Toast(txtStaleButton)
	return nil
}

// demand shows, per target OPD and position, how many asked to move there
// and how many hold it now.
func (c *Console) demand(t *Turn) error {
	if !t.Round.Opened() {
		t.Sayf(txtNoRoundAdmin)
		return nil
	}
	people, err := c.standings(t, t.Round, "")
	if err != nil {
		return err
	}
	type key struct{ opd, opdName, position string }
	asked := map[key]int{}
	holders := map[string]int{}
	for _, p := range people {
		holders[p.OPDCode+"\x00"+strings.ToLower(p.Position)]++
		if s := p.Submission; s != nil && s.Answers.Choice == karir.ChoiceMove {
			if t.Role.OPD != "" && s.Answers.TargetOPDCode != t.Role.OPD {
				continue
			}
			asked[key{s.Answers.TargetOPDCode, s.Answers.TargetOPDName, s.Answers.TargetPosition}]++
		}
	}
	if len(asked) == 0 {
		t.Sayf(txtNoDemand)
		return nil
	}
	keys := make([]key, 0, len(asked))
	for k := range asked {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int {
		if d := asked[b] - asked[a]; d != 0 {
			return d
		}
		return strings.Compare(a.opd+a.position, b.opd+b.position)
	})
	plan, err := c.postPlan(t, people)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(txtDemandHead)
	for _, k := range keys {
		mark := ""
		if asked[k] > 1 {
			mark = " ⚠️"
		}
		fmt.Fprintf(&b, txtDemandLine, esc(k.position), esc(k.opd), asked[k], holders[k.opd+"\x00"+strings.ToLower(k.position)],
			plan.seatsText(k.opd, k.position)+mark)
	}
	b.WriteString(txtDemandLegend)
	plan.vacantText(&b, t.Role.OPD)
	t.SayLong(b.String())
	return nil
}

// SubmissionsOf returns the round's submissions, of one OPD when opd is set.
func SubmissionsOf(ctx context.Context, dir karir.Directory, round, opd string) ([]karir.Submission, error) {
	subs, err := dir.ListSubmissions(ctx, round)
	if err != nil {
		return nil, err
	}
	if opd == "" {
		return subs, nil
	}
	var out []karir.Submission
	for _, s := range subs {
		if s.OPDCode == opd {
			out = append(out, s)
		}
	}
	return out, nil
}

// export is /ekspor [PERIODE]: the forms of the current round, or of an
// earlier one named.
func (c *Console) export(t *Turn) error {
	kind, args := kindArg(t.In.Args)
	round, rest, ok, err := c.roundArg(t, args)
	if err != nil || !ok {
		return err
	}
	if rest != "" {
		t.Sayf(txtExportUsage)
		return nil
	}
	// A city's forms take a while to write: beside the chat.
	t.Beside(fmt.Sprintf(txtExportStarted, esc(round.ID)), fmt.Sprintf(txtExportFinished, esc(round.ID)),
		func(w *Turn, _ func(string)) error { return c.exportFiles(w, round, kind) })
	return nil
}

// exportFiles writes the round's forms as a spreadsheet and a CSV.
func (c *Console) exportFiles(t *Turn, round karir.Round, kind karir.ASNKind) error {
	subs, err := SubmissionsOf(t.Ctx, c.Store, round.ID, t.Role.OPD)
	if err != nil {
		return err
	}
	roster, err := c.Store.ListEmployees(t.Ctx)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	subs = subsOfKind(subs, roster, kind)
	xlsx, err := c.Reports.ExportXLSX(subs, roster, c.Location)
	if err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	csv, err := c.Reports.ExportCSV(subs, roster, c.Location)
	if err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	name := "open-karir-" + round.ID
	if t.Role.OPD != "" {
		name += "-" + t.Role.OPD
	}
	if kind != "" {
		name += "-" + string(kind)
	}
	t.Say(karir.Reply{Text: fmt.Sprintf(txtExported, len(subs), esc(round.ID), kindScope(scopeName(t.Role.OPD), kind)), Document: &karir.File{Name: name + ".xlsx", Data: xlsx}})
	t.Say(karir.Reply{Text: txtExportedCSV, Document: &karir.File{Name: name + ".csv", Data: csv}})
	return c.audit.Record(t, "ekspor", fmt.Sprintf("%d formulir periode %s, %s", len(subs), round.ID, scopeName(t.Role.OPD)))
}

// subsOfKind keeps the forms of ASN of one kind (all when kind is ""),
// the kind as the roster has it, else as the number says.
func subsOfKind(subs []karir.Submission, roster []karir.Employee, kind karir.ASNKind) []karir.Submission {
	if kind == "" {
		return subs
	}
	kinds := make(map[string]karir.ASNKind, len(roster))
	for _, e := range roster {
		kinds[e.NIP] = e.ASN()
	}
	out := subs[:0:0]
	for _, s := range subs {
		k, ok := kinds[s.NIP]
		if !ok {
			k = karir.KindOfNumber(s.NIP)
		}
		if k == kind {
			out = append(out, s)
		}
	}
	return out
}
