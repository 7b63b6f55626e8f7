package karir

// nineBox is the talent box of each pair of performance (rows, below to
// above expectations) and potential (columns, low to high), numbered as in
// the 9-box of PermenPANRB 3/2020 (Manajemen Talenta ASN):
//
//	                      rendah  menengah  tinggi
//	di atas ekspektasi       6        8        9
//	sesuai ekspektasi        3        5        7
//	di bawah ekspektasi      1        2        4
var nineBox = [3][3]int{
	{1, 2, 4}, // di bawah ekspektasi
	{3, 5, 7}, // sesuai ekspektasi
	{6, 8, 9}, // di atas ekspektasi
}

// ReadyFrom is the first box ready for promotion ("siap"): boxes 7, 8, 9.
const ReadyFrom = 7

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
