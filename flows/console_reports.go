package flows

import (
	"fmt"
	"openkarir/karir"
	"strings"
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
	b.WriteString(txtCoveragePerEselon)
	for _, e := range c.ByEselon {
		fmt.Fprintf(&b, txtCoverageLine, esc(e.Name), e.Filed, e.Total, percentID(e.Percent()), e.BoundNotFiled, e.NotBound, e.Stay, e.Move)
	}
	b.WriteString(txtCoverageLegend)
	return b.String()
}
