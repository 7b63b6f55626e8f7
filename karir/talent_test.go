package karir_test

import (
	"errors"
	"testing"

	"openkarir/karir"
)

// TestNineBox pins every cell of the 9-box of PermenPANRB 3/2020 (and
// BKN's SIMATA), from the two inputs as the talent file states them:
// 1 di bawah/rendah, 2 sesuai/rendah, 3 di bawah/menengah, 4 di
// atas/rendah, 5 sesuai/menengah, 6 di bawah/tinggi, 7 di atas/menengah,
// 8 sesuai/tinggi, 9 di atas/tinggi.
func TestNineBox(t *testing.T) {
	for _, tc := range []struct {
		predikat, potensial string
		box                 int
		name                string
	}{
		{"Sangat Kurang", "rendah", 1, "kinerja di bawah ekspektasi, potensial rendah"},
		{"Kurang", "rendah", 1, "kinerja di bawah ekspektasi, potensial rendah"},
		{"Butuh Perbaikan", "rendah", 1, "kinerja di bawah ekspektasi, potensial rendah"},
		{"Baik", "rendah", 2, "kinerja sesuai ekspektasi, potensial rendah"},
		{"Butuh Perbaikan", "menengah", 3, "kinerja di bawah ekspektasi, potensial menengah"},
		{"Kurang/Misconduct", "menengah", 3, "kinerja di bawah ekspektasi, potensial menengah"},
		{"Sangat Baik", "rendah", 4, "kinerja di atas ekspektasi, potensial rendah"},
		{"Baik", "menengah", 5, "kinerja sesuai ekspektasi, potensial menengah"},
		{"Sangat Kurang", "tinggi", 6, "kinerja di bawah ekspektasi, potensial tinggi"},
		{"Butuh Perbaikan", "tinggi", 6, "kinerja di bawah ekspektasi, potensial tinggi"},
		{"Sangat Baik", "menengah", 7, "kinerja di atas ekspektasi, potensial menengah"},
		{"Baik", "tinggi", 8, "kinerja sesuai ekspektasi, potensial tinggi"},
		{"Sangat Baik", "tinggi", 9, "kinerja di atas ekspektasi, potensial tinggi"},
	} {
		t.Run(tc.predikat+"/"+tc.potensial, func(t *testing.T) {
			pred, err := karir.ParsePredikat(tc.predikat)
			if err != nil {
				t.Fatal(err)
			}
			pot, _, err := karir.ParsePotential(tc.potensial)
			if err != nil {
				t.Fatal(err)
			}
			r := karir.TalentRecord{Predikat: pred, Potential: pot}
			if got := r.Box(); got != tc.box {
				t.Errorf("box = %d, want %d", got, tc.box)
			}
			perf, p := karir.BoxAxes(tc.box)
			if perf != pred.Performance() || p != pot {
				t.Errorf("BoxAxes(%d) = %v, %v", tc.box, perf, p)
			}
			if got := karir.BoxName(tc.box); got != tc.name {
				t.Errorf("BoxName(%d) = %q, want %q", tc.box, got, tc.name)
			}
			if got, want := karir.InSuccessionGroup(tc.box), tc.box >= 7; got != want {
				t.Errorf("InSuccessionGroup(%d) = %v", tc.box, got)
			}
		})
	}
	if karir.BoxOf(0, karir.PotentialHigh) != 0 || karir.BoxOf(karir.PerformanceAbove, "") != 0 {
		t.Error("a box without both inputs")
	}
	if got := karir.BoxName(0); got != "tanpa data talenta" {
		t.Errorf("BoxName(0) = %q", got)
	}
	if karir.InSuccessionGroup(0) || karir.InSuccessionGroup(10) {
		t.Error("succession group outside 7 to 9")
	}
}

func TestParsePredikat(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want karir.Predikat
		perf karir.Performance
	}{
		{"Sangat Baik", karir.PredikatSangatBaik, karir.PerformanceAbove},
		{"  SANGAT   baik ", karir.PredikatSangatBaik, karir.PerformanceAbove},
		{"sangat_baik", karir.PredikatSangatBaik, karir.PerformanceAbove},
		{"Baik", karir.PredikatBaik, karir.PerformanceMeets},
		{"Butuh Perbaikan", karir.PredikatButuhPerbaikan, karir.PerformanceBelow},
		{"butuh-perbaikan", karir.PredikatButuhPerbaikan, karir.PerformanceBelow},
		{"Kurang", karir.PredikatKurang, karir.PerformanceBelow},
		{"Kurang/Misconduct", karir.PredikatKurang, karir.PerformanceBelow},
		{"Sangat Kurang", karir.PredikatSangatKurang, karir.PerformanceBelow},
	} {
		got, err := karir.ParsePredikat(tc.in)
		if err != nil || got != tc.want || got.Performance() != tc.perf {
			t.Errorf("ParsePredikat(%q) = %q (%v), %v; want %q (%v)", tc.in, got, got.Performance(), err, tc.want, tc.perf)
		}
	}
	for _, in := range []string{"", "Cukup", "Amat Baik", "baik sekali", "4"} {
		if _, err := karir.ParsePredikat(in); !errors.Is(err, karir.ErrPredikat) {
			t.Errorf("ParsePredikat(%q) = %v, want ErrPredikat", in, err)
		}
	}
}

func TestParsePotential(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want karir.Potential
		jpm  float64 // -1: none
	}{
		{"tinggi", karir.PotentialHigh, -1},
		{"Menengah", karir.PotentialMiddle, -1},
		{" RENDAH ", karir.PotentialLow, -1},
		{"100", karir.PotentialHigh, 100},
		{"80", karir.PotentialHigh, 80},
		{"80,00", karir.PotentialHigh, 80},
		{"79.99", karir.PotentialMiddle, 79.99},
		{"79,99", karir.PotentialMiddle, 79.99},
		{"68", karir.PotentialMiddle, 68},
		{"68%", karir.PotentialMiddle, 68},
		{"67.99", karir.PotentialLow, 67.99},
		{"67,99 %", karir.PotentialLow, 67.99},
		{"0", karir.PotentialLow, 0},
	} {
		got, jpm, err := karir.ParsePotential(tc.in)
		if err != nil || got != tc.want || (jpm == nil) != (tc.jpm < 0) || (jpm != nil && *jpm != tc.jpm) {
			t.Errorf("ParsePotential(%q) = %q, %v, %v; want %q, %v", tc.in, got, jpm, err, tc.want, tc.jpm)
		}
	}
	for _, in := range []string{"", "sedang", "100.5", "-1", "%", "tinggi sekali", "8o"} {
		if _, _, err := karir.ParsePotential(in); !errors.Is(err, karir.ErrPotential) {
			t.Errorf("ParsePotential(%q) = %v, want ErrPotential", in, err)
		}
	}
	// The thresholds themselves.
	for pct, want := range map[float64]karir.Potential{80: "tinggi", 79.99: "menengah", 68: "menengah", 67.99: "rendah"} {
		if got := karir.PotentialFromJPM(pct); got != want {
			t.Errorf("PotentialFromJPM(%v) = %q, want %q", pct, got, want)
		}
	}
}

func TestParseGolongan(t *testing.T) {
	for in, want := range map[string]string{
		"III/c": "III/c", "iii/C": "III/c", "III c": "III/c", "IIIc": "III/c", "3/c": "III/c", "3c": "III/c",
		"III-c": "III/c", "IV/e": "IV/e", "I/a": "I/a", "II/d": "II/d",
	} {
		if got, err := karir.ParseGolongan(in); err != nil || got != want {
			t.Errorf("ParseGolongan(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "III", "IV", "III/e", "V/a", "II/e", "c", "5a", "III/cc"} {
		if _, err := karir.ParseGolongan(in); !errors.Is(err, karir.ErrGolongan) {
			t.Errorf("ParseGolongan(%q) = %v, want ErrGolongan", in, err)
		}
	}
}

func TestPostEselon(t *testing.T) {
	holders := func(es ...string) []karir.Employee {
		var out []karir.Employee
		for _, e := range es {
			out = append(out, karir.Employee{Eselon: e})
		}
		return out
	}
	for _, tc := range []struct {
		holders []karir.Employee
		want    string
	}{
		{nil, ""},
		{holders("IV"), "IV"},
		{holders("Staf", "Staf", "IV"), "IV"}, // staff have no eselon
		{holders("III.a", "III.b", "III.b"), "III.b"},
		{holders("IV", "III"), "III"},
		{holders("III", "IV", "IV"), "IV"},
		{holders("IV", "III", "IV", "III"), "III"},
	} {
		if got := karir.PostEselon(tc.holders); got != tc.want {
			t.Errorf("PostEselon(%v) = %q, want %q", tc.holders, got, tc.want)
		}
	}
}

// TestSIMATABox: SIMATA's box as a talent file writes it, kotak or
// kuadran code (potential first, then performance, as SIMATA's X and Y
// axes), and the box a record uses.
func TestSIMATABox(t *testing.T) {
	for in, want := range map[string]int{"1": 1, "9": 9, " 8 ": 8, "Kotak 7": 7, "kotak 3": 3, "VIII": 8, "ix": 9, "IV": 4} {
		if got, err := karir.ParseBox(in); err != nil || got != want {
			t.Errorf("ParseBox(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "10", "X", "tinggi", "3.5"} {
		if _, err := karir.ParseBox(in); !errors.Is(err, karir.ErrBox) {
			t.Errorf("ParseBox(%q) = %v, want ErrBox", in, err)
		}
	}
	// Every kuadran code: potensial digit, then kinerja digit.
	for code, want := range map[string]int{
		"11": 1, "12": 2, "13": 4, // potensial rendah: kinerja di bawah, sesuai, di atas
		"21": 3, "22": 5, "23": 7, // potensial menengah
		"31": 6, "32": 8, "33": 9, // potensial tinggi
	} {
		got, err := karir.ParseKuadran(code)
		if err != nil || got != want {
			t.Errorf("ParseKuadran(%q) = %d, %v; want %d", code, got, err, want)
		}
		if back := karir.KuadranCode(want); back != code {
			t.Errorf("KuadranCode(%d) = %q, want %q", want, back, code)
		}
	}
	if got, _ := karir.ParseKuadran("3-2"); got != 8 {
		t.Errorf("ParseKuadran(3-2) = %d", got)
	}
	for _, in := range []string{"", "8", "40", "34", "321", "ab"} {
		if _, err := karir.ParseKuadran(in); !errors.Is(err, karir.ErrBox) {
			t.Errorf("ParseKuadran(%q) = %v, want ErrBox", in, err)
		}
	}

	computed := karir.TalentRecord{Predikat: karir.PredikatBaik, Potential: karir.PotentialMiddle} // box 5
	if computed.Box() != 5 || computed.BoxDiffers() {
		t.Errorf("no SIMATA box: %d, differs %v", computed.Box(), computed.BoxDiffers())
	}
	simata := computed
	simata.SIMATABox = 8
	if simata.Box() != 8 || simata.ComputedBox() != 5 || !simata.BoxDiffers() {
		t.Errorf("SIMATA 8 over computed 5: box %d, computed %d, differs %v", simata.Box(), simata.ComputedBox(), simata.BoxDiffers())
	}
	if simata.SameData(computed) {
		t.Error("a record with SIMATA's box is the same data as one without")
	}
	only := karir.TalentRecord{SIMATABox: 9}
	if only.Box() != 9 || only.ComputedBox() != 0 || only.BoxDiffers() {
		t.Errorf("SIMATA only: box %d, computed %d, differs %v", only.Box(), only.ComputedBox(), only.BoxDiffers())
	}
}
