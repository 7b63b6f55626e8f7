package report_test

import (
	"bytes"
	"image/png"
	"testing"

	"openkarir/karir"
	"openkarir/report"
)

func sampleMap() karir.TalentMap {
	m := karir.TalentMap{WithoutData: 12, Years: map[int]int{2025: 150}}
	for b := 1; b <= 9; b++ {
		m.Boxes[b] = b * 3
	}
	m.Names[9] = []string{"Nadia Putri Maharani, S.Psi.", "Rahmat Saputra, S.Kom.", "A", "B", "C", "D"}
	return m
}

func TestNineBoxPNG(t *testing.T) {
	data, err := report.Renderer{}.NineBoxPNG(sampleMap(), "Peta talenta 9-box · semua OPD", "135 ASN dipetakan")
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	size := img.Bounds()
	if size.Dx() != 900 || size.Dy() != 820 {
		t.Errorf("size %v", size)
	}
	// Box 9 (top right) is green, box 1 (bottom left) red.
	top, bottom := img.At(size.Dx()*9/10, size.Dy()*3/10), img.At(size.Dx()*2/10, size.Dy()*8/10)
	if r, g, _, _ := top.RGBA(); g <= r {
		t.Errorf("box 9 is not green: %v", top)
	}
	if r, g, _, _ := bottom.RGBA(); r <= g {
		t.Errorf("box 1 is not red: %v", bottom)
	}
}

func BenchmarkNineBoxPNG(bm *testing.B) {
	m := sampleMap()
	for range bm.N {
		if _, err := (report.Renderer{}).NineBoxPNG(m, "Peta", "catatan"); err != nil {
			bm.Fatal(err)
		}
	}
}
