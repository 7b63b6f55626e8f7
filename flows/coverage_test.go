package flows_test

import (
	"strings"
	"testing"

	"openkarir/karir"

	"openkarir/flows"
)

func TestSplitTextKeepsEverythingWithinTheLimit(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 500; i++ {
		b.WriteString("• BAPPEDA: 12/40 (30,0%) · bot 3 · tanpa bot 25 · tetap 10 · pindah 2\n")
	}
	b.WriteString(strings.Repeat("x", 5000) + "\n")
	text := b.String()
	parts := flows.SplitText(text, flows.MaxMessage)
	if len(parts) < 2 {
		t.Fatalf("%d parts", len(parts))
	}
	for i, p := range parts {
		if n := len([]rune(p)); n > flows.MaxMessage || n == 0 {
			t.Errorf("part %d has %d characters", i, n)
		}
	}
	if strings.Join(parts, "") != text {
		t.Error("the parts do not add up to the text")
	}
}

func TestComputeCoverage(t *testing.T) {
	sub := func(c karir.Choice) *karir.Submission { return &karir.Submission{Answers: karir.Answers{Choice: c}} }
	people := []karir.Standing{
		{Employee: karir.Employee{OPDCode: "A", Eselon: "II"}, Bound: true, Submission: sub(karir.ChoiceMove)},
		{Employee: karir.Employee{OPDCode: "A", Eselon: "Staf"}, Bound: true},
		{Employee: karir.Employee{NIP: "199203152023211004", OPDCode: "B", Eselon: "Staf"}},
		{Employee: karir.Employee{OPDCode: "B", Eselon: "Staf"}, Bound: true, Submission: sub(karir.ChoiceStay)},
		{Employee: karir.Employee{OPDCode: "B", Eselon: "IV"}},
	}
	c := karir.ComputeCoverage(karir.Round{ID: "r"}, people)
	want := karir.Tally{Total: 5, Filed: 2, BoundNotFiled: 1, NotBound: 2, Stay: 1, Move: 1}
	if c.All != want {
		t.Errorf("all = %+v, want %+v", c.All, want)
	}
	if len(c.ByOPD) != 2 || c.ByOPD[0].Key != "B" || c.ByOPD[0].Filed != 1 || c.ByOPD[0].Total != 3 {
		t.Errorf("by OPD (lowest first) = %+v", c.ByOPD)
	}
	if len(c.ByType) != 3 || c.ByType[0].Name != "JPT Pratama" || c.ByType[1].Name != "Pengawas" ||
		c.ByType[2].Name != "Pelaksana" || c.ByType[2].Total != 3 {
		t.Errorf("by type = %+v", c.ByType)
	}
	if len(c.ByKind) != 2 || c.ByKind[0].Key != "PNS" || c.ByKind[0].Total != 4 || c.ByKind[1].Key != "PPPK" || c.ByKind[1].Total != 1 {
		t.Errorf("by kind = %+v", c.ByKind)
	}
	text := flows.CoverageText(c, "semua OPD")
	if !strings.Contains(text, "2 dari 5 ASN sudah mengisi, 40,0%") {
		t.Errorf("text: %s", text)
	}
}
