package report

import (
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"openkarir/karir"
)

// pdfTable draws a table whose cells wrap within their column; a row that
// does not fit on the page starts a new one, under the header again.
type pdfTable struct {
	pdf    *fpdf.Fpdf
	header []string
	widths []float64
	size   float64 // font size, pt
	line   float64 // line height, mm
}

const cellPad = 1.0

// lines wraps each cell's text (its own line breaks kept) to its column.
func (t *pdfTable) lines(cells []string) [][]string {
	out := make([][]string, len(cells))
	for i, c := range cells {
		w := t.widths[i] - 2*cellPad
		for _, para := range strings.Split(pdfLatin(c), "\n") {
			if para == "" {
				out[i] = append(out[i], "")
				continue
			}
			out[i] = append(out[i], t.pdf.SplitText(para, w)...)
		}
	}
	return out
}

// head draws the header row (bold, shaded).
func (t *pdfTable) head() {
	t.pdf.SetFont("sans", "B", t.size)
	t.pdf.SetFillColor(221, 230, 240)
	t.draw(t.lines(t.header), true, nil)
}

// row draws one row; n, when given, colours the box cell ("Kotak") as the
// 9-box map does.
func (t *pdfTable) row(cells []string, n *karir.Nominee) {
	t.pdf.SetFont("sans", "", t.size)
	ls := t.lines(cells)
	_, pageH := t.pdf.GetPageSize()
	limit := pageH - sdMargin - 6
	if t.pdf.GetY()+t.height(ls) > limit {
		t.pdf.AddPage()
		t.head()
		t.pdf.SetFont("sans", "", t.size)
	}
	// A row taller than a whole page is cut to what fits.
	room := int((limit - t.pdf.GetY() - 2*cellPad) / t.line)
	for i := range ls {
		if len(ls[i]) > room {
			ls[i] = append(ls[i][:room-1], "...")
		}
	}
	t.draw(ls, false, n)
}

func (t *pdfTable) height(ls [][]string) float64 {
	n := 1
	for _, l := range ls {
		n = max(n, len(l))
	}
	return float64(n)*t.line + 2*cellPad
}

func (t *pdfTable) draw(ls [][]string, fill bool, n *karir.Nominee) {
	pdf := t.pdf
	h := t.height(ls)
	x0, y := pdf.GetX(), pdf.GetY()
	x := x0
	for i, cell := range ls {
		w := t.widths[i]
		style := "D"
		switch {
		case fill:
			style = "FD"
		case n != nil && i == 3 && n.Box > 0:
			c := BoxColor(n.Box)
			pdf.SetFillColor(int(c.R), int(c.G), int(c.B))
			style = "FD"
		}
		pdf.Rect(x, y, w, h, style)
		for j, l := range cell {
			pdf.SetXY(x+cellPad, y+cellPad+float64(j)*t.line)
			pdf.CellFormat(w-2*cellPad, t.line, l, "", 0, "L", false, 0, "")
		}
		x += w
	}
	pdf.SetXY(x0, y+h)
}
