package store

import (
	"slices"
	"testing"

	"openkarir/karir"
)

// TestSortOPDsIgnoresInputOrder: OPDs of the same name (or none) come out
// in one order, by code, whether they came from the collection's order or
// the cache's: the pick lists did not change between the first call and
// the next.
func TestSortOPDsIgnoresInputOrder(t *testing.T) {
	a := []karir.OPD{{Code: "KEC03", Name: "Kecamatan"}, {Code: "BKPSDM", Name: "Badan Kepegawaian"}, {Code: "KEC01", Name: "Kecamatan"}, {Code: "KEC02", Name: "Kecamatan"}}
	b := slices.Clone(a)
	slices.Reverse(b)
	sortOPDs(a)
	sortOPDs(b)
	codes := func(opds []karir.OPD) []string {
		var out []string
		for _, o := range opds {
			out = append(out, o.Code)
		}
		return out
	}
	want := []string{"BKPSDM", "KEC01", "KEC02", "KEC03"}
	if !slices.Equal(codes(a), want) || !slices.Equal(codes(b), want) {
		t.Errorf("sorted %v and %v, want %v", codes(a), codes(b), want)
	}
}
