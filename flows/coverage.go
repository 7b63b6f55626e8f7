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

// MaxMessage is Telegram's limit on a message's text.
const MaxMessage = 4096

// SplitText cuts a long text into messages within Telegram's limit, at line
// ends (a single over-long line is cut at the limit).
func SplitText(s string, limit int) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.SplitAfter(s, "\n") {
		for len([]rune(line)) > limit {
			r := []rune(line)
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
			out = append(out, string(r[:limit]))
			line = string(r[limit:])
		}
		if len([]rune(cur.String()))+len([]rune(line)) > limit {
			out = append(out, cur.String())
			cur.Reset()
		}
		cur.WriteString(line)
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

// SayLong sends a text that may pass Telegram's limit as several messages.
func (t *Turn) SayLong(text string) {
	for _, part := range SplitText(text, MaxMessage) {
		t.Say(karir.Reply{Text: part})
	}
}
