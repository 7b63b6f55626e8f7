package report

import (
	"bytes"
	"fmt"
	"image/color"
	"image/png"
	"math"
	"strings"

	"openkarir/karir"

	xfont "golang.org/x/image/font"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// boxColors run from weak (box 1, red) to strong (box 9, green), so the
// map reads at a glance.
var boxColors = [10]color.RGBA{
	{0xEE, 0xEE, 0xEE, 0xFF}, // unused
	{0xE5, 0x73, 0x73, 0xFF},
	{0xF0, 0x96, 0x6B, 0xFF},
	{0xF6, 0xB2, 0x6B, 0xFF},
	{0xF9, 0xCB, 0x74, 0xFF},
	{0xFB, 0xE0, 0x8A, 0xFF},
	{0xE6, 0xE8, 0x86, 0xFF},
	{0xB9, 0xDC, 0x84, 0xFF},
	{0x8C, 0xCB, 0x7E, 0xFF},
	{0x5C, 0xB8, 0x6A, 0xFF},
}

// BoxColor is the fill of a box on the map and in the spreadsheets.
func BoxColor(box int) color.RGBA {
	if box < 1 || box > 9 {
		return boxColors[0]
	}
	return boxColors[box]
}

var ink = color.RGBA{0x21, 0x21, 0x21, 0xFF}

func textStyle(size vg.Length, bold bool, x text.XAlignment, y text.YAlignment) draw.TextStyle {
	f := font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
	if bold {
		f.Weight = xfont.WeightBold
	}
	return draw.TextStyle{Color: ink, Font: f, XAlign: x, YAlign: y, Handler: plot.DefaultTextHandler}
}

// NineBoxPNG draws the 9-box as the Lampiran of PermenPANRB 3/2020 does:
// performance (kinerja) on the horizontal axis, below expectations on the
// left; potential on the vertical, low at the bottom. So box 1 sits bottom
// left, 9 top right, and the succession group (7, 8, 9) along the top and
// the right. Each box with its number, its meaning, how many are in it and
// their share; title and note are written above.
func (Renderer) NineBoxPNG(m karir.TalentMap, title, note string) ([]byte, error) {
	const (
		width, height = 900, 820
		left, right   = 120, 20
		top, bottom   = 100, 80
	)
	// 72 dpi, a pixel per point: 900 x 820 pixels, about what a phone
	// shows. At 96 dpi the map took twice as long (150 against 77 ms on the
	// shared 2 cores), most of it in PNG encoding.
	c := vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(72), vgimg.UseBackgroundColor(color.White))
	dc := draw.New(c)
	dc.FillText(textStyle(20, true, draw.XLeft, draw.YTop), vg.Point{X: 20, Y: height - 16}, title)
	dc.FillText(textStyle(13, false, draw.XLeft, draw.YTop), vg.Point{X: 20, Y: height - 50}, note)

	cellW := vg.Length(width-left-right) / 3
	cellH := vg.Length(height-top-bottom) / 3
	mapped := m.Mapped()
	perfs := []karir.Performance{karir.PerformanceBelow, karir.PerformanceMeets, karir.PerformanceAbove}
	pots := []karir.Potential{karir.PotentialLow, karir.PotentialMiddle, karir.PotentialHigh}
	for r, pot := range pots {
		y0 := vg.Length(bottom) + vg.Length(r)*cellH
		for col, perf := range perfs {
			box := karir.BoxOf(perf, pot)
			x0 := vg.Length(left) + vg.Length(col)*cellW
			drawBox(dc, vg.Rectangle{Min: vg.Point{X: x0, Y: y0}, Max: vg.Point{X: x0 + cellW, Y: y0 + cellH}}, box, m.Boxes[box], mapped, m.Names[box])
		}
		// The row's label, turned to read upwards beside the grid.
		lbl := textStyle(13, true, draw.XCenter, draw.YCenter)
		lbl.Rotation = math.Pi / 2
		dc.FillText(lbl, vg.Point{X: left - 22, Y: y0 + cellH/2}, "Potensial "+string(pot))
	}
	for col, perf := range perfs {
		x := vg.Length(left) + vg.Length(col)*cellW + cellW/2
		dc.FillText(textStyle(13, true, draw.XCenter, draw.YTop), vg.Point{X: x, Y: bottom - 8}, capitalise(perf.Label()))
	}
	axis := textStyle(14, true, draw.XCenter, draw.YCenter)
	dc.FillText(axis, vg.Point{X: left + 3*cellW/2, Y: 22}, "KINERJA (predikat SKP) →")
	axis.Rotation = math.Pi / 2
	dc.FillText(axis, vg.Point{X: 40, Y: bottom + 3*cellH/2}, "POTENSIAL →")

	// The fastest compression: the encoding is most of a map's cost, and
	// /talenta must answer within 300 ms.
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, c.Image()); err != nil {
		return nil, fmt.Errorf("render 9-box: %w", err)
	}
	return buf.Bytes(), nil
}

// namesPerBox is how many names a box lists; the rest are counted.
const namesPerBox = 4

// drawBox fills one box and writes its number, meaning, count, and the
// names in it when there are (a post's candidates).
func drawBox(dc draw.Canvas, r vg.Rectangle, box, count, mapped int, names []string) {
	const pad = 10
	dc.SetColor(boxColors[box])
	dc.Fill(r.Path())
	dc.SetColor(color.White)
	dc.SetLineWidth(3)
	dc.Stroke(r.Path())

	dc.FillText(textStyle(30, true, draw.XLeft, draw.YTop), vg.Point{X: r.Min.X + pad, Y: r.Max.Y - pad}, fmt.Sprint(box))
	if karir.InSuccessionGroup(box) {
		dc.FillText(textStyle(11, true, draw.XRight, draw.YTop), vg.Point{X: r.Max.X - pad, Y: r.Max.Y - pad}, "KELOMPOK SUKSESI")
	}
	perf, pot := karir.BoxAxes(box)
	name := textStyle(12, false, draw.XLeft, draw.YTop)
	dc.FillText(name, vg.Point{X: r.Min.X + pad, Y: r.Max.Y - pad - 38}, "Kinerja "+perf.Label())
	dc.FillText(name, vg.Point{X: r.Min.X + pad, Y: r.Max.Y - pad - 54}, "Potensial "+string(pot))

	person := textStyle(12, true, draw.XLeft, draw.YTop)
	for i, n := range names {
		y := r.Max.Y - pad - 76 - vg.Length(i)*15
		if i == namesPerBox {
			dc.FillText(name, vg.Point{X: r.Min.X + pad, Y: y}, fmt.Sprintf("dan %d lainnya", len(names)-namesPerBox))
			break
		}
		dc.FillText(person, vg.Point{X: r.Min.X + pad, Y: y}, "• "+fit(n, 34))
	}

	mid := vg.Point{X: (r.Min.X + r.Max.X) / 2, Y: r.Min.Y + 42}
	dc.FillText(textStyle(26, true, draw.XCenter, draw.YCenter), mid, fmt.Sprintf("%d ASN", count))
	if mapped > 0 {
		share := strings.Replace(fmt.Sprintf("%.1f%%", 100*float64(count)/float64(mapped)), ".", ",", 1)
		dc.FillText(textStyle(13, false, draw.XCenter, draw.YCenter), vg.Point{X: mid.X, Y: r.Min.Y + 16}, share)
	}
}

// fit shortens a name to n characters with an ellipsis.
func fit(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
