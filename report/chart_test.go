package report_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"testing"
	"time"

	"openkarir/karir"
	"openkarir/report"
)

// sampleCoverage has an OPD in each band, with ASN of all three kinds.
func sampleCoverage() karir.Coverage {
	tally := func(key string, filed, bound, notBound int) karir.GroupTally {
		return karir.GroupTally{Key: key, Tally: karir.Tally{Total: filed + bound + notBound, Filed: filed, BoundNotFiled: bound, NotBound: notBound, Stay: filed}}
	}
	opds := []karir.GroupTally{tally("DPUPR", 1, 2, 7), tally("DINKES", 6, 2, 2), tally("BKPSDM", 9, 1, 0)}
	all := karir.Tally{Total: 30, Filed: 16, BoundNotFiled: 5, NotBound: 9, Stay: 16}
	return karir.Coverage{Round: karir.Round{ID: "2026-1", Closes: time.Date(2026, 12, 16, 0, 0, 0, 0, time.UTC)}, All: all, ByOPD: opds}
}

// TestCoverageChartColours: the filed share of each OPD in its band's
// colour, and the rest split into "can be reminded" and "never bound".
// CHART_OUT=FILE keeps the picture.
func TestCoverageChartColours(t *testing.T) {
	data, err := report.Renderer{}.CoverageChart(sampleCoverage(), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if out := os.Getenv("CHART_OUT"); out != "" {
		_ = os.WriteFile(out, data, 0o644)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	count := map[color.RGBA]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			count[color.RGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(bl >> 8), A: uint8(a >> 8)}]++
		}
	}
	for name, c := range map[string]color.RGBA{
		"under 50% (red)":    {R: 0xd9, G: 0x3f, B: 0x3f, A: 0xff},
		"50-79% (amber)":     {R: 0xf0, G: 0xa2, B: 0x02, A: 0xff},
		"80% and up (green)": {R: 0x2e, G: 0x9e, B: 0x4f, A: 0xff},
		"bound, not filed":   {R: 0xa9, G: 0xcc, B: 0xee, A: 0xff},
		"not bound":          {R: 0xdd, G: 0xdd, B: 0xdd, A: 0xff},
	} {
		if count[c] < 200 {
			t.Errorf("%s: %d pixels of %v in a %v chart", name, count[c], c, b.Size())
		}
	}
	_ = image.Point{}
}

func TestPercentUsesDecimalComma(t *testing.T) {
	if got := report.Percent(100 * 6.0 / 7.0); got != "85,7%" {
		t.Errorf("Percent = %q", got)
	}
}

// TestCoverageChartFitsAPhone: drawn 10 cm across (756 px at 192 dpi), so
// a phone showing it 400 px wide halves it, not a sixth more; the legend's
// colour keys sit on the left, not at the right edge.
func TestCoverageChartFitsAPhone(t *testing.T) {
	data, err := report.Renderer{}.CoverageChart(sampleCoverage(), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	if b.Dx() < 700 || b.Dx() > 800 {
		t.Errorf("chart %d px wide, want about 756 (10 cm at 192 dpi)", b.Dx())
	}
	notBound := color.RGBA{R: 0xdd, G: 0xdd, B: 0xdd, A: 0xff}
	leftmost := b.Max.X
	for y := b.Min.Y; y < b.Min.Y+b.Dy()/3; y++ { // the legend, above the bars
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			if (color.RGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(bl >> 8), A: uint8(a >> 8)}) == notBound {
				leftmost = min(leftmost, x)
			}
		}
	}
	if leftmost > b.Dx()/2 {
		t.Errorf("the legend's first colour key starts at x=%d of %d: on the right edge", leftmost, b.Dx())
	}
}

// The chart leaves a margin at its left and right edges: a phone shows the
// picture edge to edge, and an OPD's label or "100%" drawn to the very
// edge reads cut off ("KPSDM (9/10)").
func TestCoverageChartKeepsOffTheEdges(t *testing.T) {
	data, err := report.Renderer{}.CoverageChart(sampleCoverage(), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	const edge = 6 // pixels
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for i := range 2 * edge {
			x := b.Min.X + i
			if i >= edge {
				x = b.Max.X - 2*edge + i
			}
			if r, g, bl, _ := img.At(x, y).RGBA(); r>>8 < 0xf0 || g>>8 < 0xf0 || bl>>8 < 0xf0 {
				t.Fatalf("ink at (%d, %d) of a %v chart: within %d px of its edge", x, y, b.Size(), edge)
			}
		}
	}
}
