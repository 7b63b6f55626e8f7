package report_test

import (
	"bytes"
	"image/png"
	"os"
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

// TestNineBoxPNGLayout pins where each box is drawn, by its colour in a
// corner of each cell: kinerja left to right (di bawah, sesuai, di atas),
// potensial bottom to top (rendah, menengah, tinggi), as the Lampiran of
// PermenPANRB 3/2020 draws it. OPENKARIR_NINEBOX_PNG=path keeps the image
// to look at.
func TestNineBoxPNGLayout(t *testing.T) {
	data, err := report.Renderer{}.NineBoxPNG(sampleMap(), "Peta talenta 9-box · semua OPD", "135 ASN dipetakan · 12 tanpa data talenta")
	if err != nil {
		t.Fatal(err)
	}
	if p := os.Getenv("OPENKARIR_NINEBOX_PNG"); p != "" {
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	// Rows from the top (potensial tinggi) down, columns from the left.
	grid := [3][3]int{
		{6, 8, 9},
		{3, 5, 7},
		{1, 2, 4},
	}
	const left, top, cellW, cellH = 120.0, 100.0, 760.0 / 3, 640.0 / 3
	for r, row := range grid {
		for c, box := range row {
			x, y := int(left+float64(c)*cellW)+8, int(top+float64(r+1)*cellH)-8 // bottom-left corner of the cell
			want := report.BoxColor(box)
			gr, gg, gb, _ := img.At(x, y).RGBA()
			if uint8(gr>>8) != want.R || uint8(gg>>8) != want.G || uint8(gb>>8) != want.B {
				t.Errorf("cell row %d col %d at (%d,%d) = %v, want the colour of box %d %v", r, c, x, y, img.At(x, y), box, want)
			}
		}
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
