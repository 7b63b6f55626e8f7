package karir

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// nineBox is the talent box of each pair of performance (kinerja: below,
// meets, above expectations) and potential (potensial: low, middle, high),
// numbered as in the Lampiran of PermenPANRB 3/2020 (Manajemen Talenta ASN)
// and as BKN's SIMATA numbers them:
//
//	                   di bawah   sesuai   di atas   (kinerja)
//	potensial tinggi       6         8        9
//	potensial menengah     3         5        7
//	potensial rendah       1         2        4
//
// Boxes 7, 8 and 9 are the succession group (kelompok rencana suksesi).
// PermenPANRB 20/2025 amends PermenPANRB 3/2020; its Pasal 17 ayat (1)
// (pasal.id, checked December 2026) keeps both axes: kinerja "di atas
// ekspektasi; sesuai ekspektasi, dan di bawah ekspektasi", potensial
// "tinggi, menengah dan rendah". Whether it redrew the Lampiran's
// numbering was not found; the numbers stay as above.
// The Lampiran's own text was not found to quote (December 2026): the
// numbering is pinned by the table and agrees with the public
// implementations of agencies' talent systems that were found; the
// Lampiran's recommended treatment of each box is left out until its text
// is found (none of those copies names its source).
// The table indexes [performance][potential]; the talent issue's first
// table had the axes transposed (six boxes carried the wrong number).
var nineBox = [3][3]int{
	{1, 3, 6}, // kinerja di bawah ekspektasi: rendah, menengah, tinggi
	{2, 5, 8}, // kinerja sesuai ekspektasi
	{4, 7, 9}, // kinerja di atas ekspektasi
}

// ReadyFrom is the first box of the succession group: 7, 8, 9. Promotion
// goes first to the succession group (PP 11/2017 Pasal 200 ayat (2):
// "diprioritaskan bagi PNS yang masuk dalam kelompok rencana suksesi").
const ReadyFrom = 7

// InSuccessionGroup reports whether a box is one of 7, 8, 9.
func InSuccessionGroup(box int) bool { return box >= ReadyFrom && box <= 9 }

// BoxStanding orders boxes for ranking: the higher, the better. A box
// stands by the sum of its two axes (each 1 to 3), and on a tie by its
// potential, since the 9-box is for finding who can grow into a post. This
// is the order of the regulation's own numbers (9 > 8 > 7 > ... > 1: 8
// "sesuai/tinggi" above 7 "di atas/menengah", 6 "di bawah/tinggi" above 4
// "di atas/rendah"); it is written out so the ranking does not rest on the
// numbering by accident. 0 (no data) stands lowest.
func BoxStanding(box int) int {
	perf, pot := BoxAxes(box)
	if perf == 0 {
		return 0
	}
	return (int(perf)+pot.rank())*10 + pot.rank()
}

// BoxOf is the box of a performance and a potential; 0 when either is
// unknown.
func BoxOf(perf Performance, pot Potential) int {
	row, col := int(perf)-1, pot.rank()-1
	if row < 0 || row > 2 || col < 0 {
		return 0
	}
	return nineBox[row][col]
}

// BoxAxes is the performance and potential of a box (the inverse of BoxOf).
func BoxAxes(box int) (Performance, Potential) {
	pots := [3]Potential{PotentialLow, PotentialMiddle, PotentialHigh}
	for r, row := range nineBox {
		for c, b := range row {
			if b == box {
				return Performance(r + 1), pots[c]
			}
		}
	}
	return 0, ""
}

// ErrBox means a kotak or kuadran the 9-box does not know.
var ErrBox = errors.New("9-box box unknown")

// romanBoxes are the boxes as some SIMATA screens and agency apps write
// them.
var romanBoxes = map[string]int{"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9}

// ParseBox reads a box number as a talent file writes it: "8", "Kotak 8",
// "VIII".
func ParseBox(s string) (int, error) {
	v := strings.ToUpper(strings.TrimSpace(s))
	v = strings.TrimSpace(strings.TrimPrefix(v, "KOTAK"))
	if b, ok := romanBoxes[v]; ok {
		return b, nil
	}
	if b, err := strconv.Atoi(v); err == nil && b >= 1 && b <= 9 {
		return b, nil
	}
	return 0, fmt.Errorf("%w: %q", ErrBox, s)
}

// ParseKuadran reads SIMATA's two-digit kuadran code: the potential's
// level first, then the performance's, each 1 (low) to 3 (high), since
// SIMATA puts potential on its X axis and performance on its Y (BKN,
// "Pengelolaan Manajemen Talenta BKN", SE Kepala BKN 4/2023: "Sumbu X,
// merupakan nilai potensi ... Sumbu Y, merupakan nilai kinerja"). So "32"
// is potensial tinggi, kinerja sesuai ekspektasi: box 8.
func ParseKuadran(s string) (int, error) {
	v := strings.NewReplacer(" ", "", "-", "", "/", "", ".", "").Replace(strings.TrimSpace(s))
	if len(v) != 2 || v[0] < '1' || v[0] > '3' || v[1] < '1' || v[1] > '3' {
		return 0, fmt.Errorf("%w: %q", ErrBox, s)
	}
	pots := [3]Potential{PotentialLow, PotentialMiddle, PotentialHigh}
	return BoxOf(Performance(v[1]-'0'), pots[v[0]-'1']), nil
}

// KuadranCode is a box as SIMATA's kuadran code (the inverse of
// ParseKuadran); "" for no box.
func KuadranCode(box int) string {
	perf, pot := BoxAxes(box)
	if perf == 0 {
		return ""
	}
	return strconv.Itoa(pot.rank()) + strconv.Itoa(int(perf))
}

// BoxName is what a box means, for the map and the lists.
func BoxName(box int) string {
	perf, pot := BoxAxes(box)
	if perf == 0 {
		return "tanpa data talenta"
	}
	return "kinerja " + perf.Label() + ", potensial " + string(pot)
}

// TalentMap counts a group of ASN by box.
type TalentMap struct {
	// Boxes[b] is how many are in box b (1 to 9); Boxes[0] is unused.
	Boxes [10]int
	// WithoutData have no talent record: they are in no box.
	WithoutData int
	// Years counts the records by year, since each ASN's latest year counts.
	Years map[int]int
	// Names lists who is in each box, for a small group (a post's
	// candidates, in rank order); empty for a whole OPD.
	Names [10][]string
}

// Add counts one ASN with their latest record, nil for none.
func (m *TalentMap) Add(r *TalentRecord) {
	if r == nil {
		m.WithoutData++
		return
	}
	m.AddBox(r.Box(), r.Year)
}

// AddBox counts one ASN in a box (0: no data) by a record of the year.
func (m *TalentMap) AddBox(box, year int) {
	if box < 1 || box > 9 {
		m.WithoutData++
		return
	}
	m.Boxes[box]++
	if m.Years == nil {
		m.Years = map[int]int{}
	}
	m.Years[year]++
}

// Mapped is how many ASN are in a box.
func (m TalentMap) Mapped() int {
	n := 0
	for _, c := range m.Boxes {
		n += c
	}
	return n
}

// MapTalent counts ASN by the box of their latest record.
func MapTalent(nips []string, latest map[string]TalentRecord) TalentMap {
	var m TalentMap
	for _, nip := range nips {
		if r, ok := latest[nip]; ok {
			m.Add(&r)
		} else {
			m.Add(nil)
		}
	}
	return m
}
