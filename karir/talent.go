package karir

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Talent data are the two inputs of the 9-box (ninebox.go): the yearly SKP
// rating and the potential from an assessment, one record per ASN and year.
// The latest year counts; earlier years are kept as history.

// Predikat is the yearly SKP rating ("predikat kinerja pegawai") of
// PermenPANRB 6/2022.
type Predikat string

const (
	PredikatSangatBaik     Predikat = "sangat_baik"
	PredikatBaik           Predikat = "baik"
	PredikatButuhPerbaikan Predikat = "butuh_perbaikan"
	PredikatKurang         Predikat = "kurang" // "Kurang/Misconduct" in the regulation
	PredikatSangatKurang   Predikat = "sangat_kurang"
)

// predikatLabels are the ratings as the regulation and the files write them.
var predikatLabels = map[Predikat]string{
	PredikatSangatBaik:     "Sangat Baik",
	PredikatBaik:           "Baik",
	PredikatButuhPerbaikan: "Butuh Perbaikan",
	PredikatKurang:         "Kurang",
	PredikatSangatKurang:   "Sangat Kurang",
}

// Label is the rating as users read it ("Sangat Baik").
func (p Predikat) Label() string {
	if l, ok := predikatLabels[p]; ok {
		return l
	}
	return string(p)
}

// Errors of the talent file's fields.
var (
	ErrPredikat  = errors.New("predikat kinerja unknown")
	ErrPotential = errors.New("potential unknown")
)

// ParsePredikat reads a rating however a spreadsheet writes it: any case,
// spaces, "_" or "-" between the words; "Kurang/Misconduct" is Kurang.
func ParsePredikat(s string) (Predikat, error) {
	v := strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == ' ' || r == '_' || r == '-' || r == '\t'
	}), " ")
	switch v {
	case "kurang/misconduct", "kurang / misconduct", "misconduct":
		return PredikatKurang, nil
	}
	for p, l := range predikatLabels {
		if v == strings.ToLower(l) {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w: %q", ErrPredikat, s)
}

// Performance is the 9-box's performance axis.
type Performance int

const (
	PerformanceBelow Performance = iota + 1 // di bawah ekspektasi
	PerformanceMeets                        // sesuai ekspektasi
	PerformanceAbove                        // di atas ekspektasi
)

// Performance places the rating on the 9-box's axis: Sangat Baik is above
// expectations, Baik meets them, the three lower ratings are below.
func (p Predikat) Performance() Performance {
	switch p {
	case PredikatSangatBaik:
		return PerformanceAbove
	case PredikatBaik:
		return PerformanceMeets
	case PredikatButuhPerbaikan, PredikatKurang, PredikatSangatKurang:
		return PerformanceBelow
	}
	return 0
}

// Label is the axis value as users read it.
func (p Performance) Label() string {
	switch p {
	case PerformanceAbove:
		return "di atas ekspektasi"
	case PerformanceMeets:
		return "sesuai ekspektasi"
	case PerformanceBelow:
		return "di bawah ekspektasi"
	}
	return "tidak diketahui"
}

// Potential is the 9-box's potential axis, as the talent file states it or
// as it follows from an assessment's job-person match (JPM).
type Potential string

const (
	PotentialLow    Potential = "rendah"
	PotentialMiddle Potential = "menengah"
	PotentialHigh   Potential = "tinggi"
)

// The JPM thresholds, in percent, and the one place they are written:
// from JPMHigh up the potential is high, from JPMMiddle up to below JPMHigh
// it is middle, below JPMMiddle low.
const (
	JPMHigh   = 80.0
	JPMMiddle = 68.0
)

// PotentialFromJPM places a job-person match percentage on the axis.
func PotentialFromJPM(pct float64) Potential {
	switch {
	case pct >= JPMHigh:
		return PotentialHigh
	case pct >= JPMMiddle:
		return PotentialMiddle
	}
	return PotentialLow
}

// ParsePotential reads "tinggi", "menengah" or "rendah" (any case), or a JPM
// percentage ("79,99", "79.99", "85%"); jpm is set only for a percentage.
func ParsePotential(s string) (p Potential, jpm *float64, err error) {
	v := strings.ToLower(strings.TrimSpace(s))
	switch Potential(v) {
	case PotentialHigh, PotentialMiddle, PotentialLow:
		return Potential(v), nil, nil
	}
	num := strings.TrimSpace(strings.TrimSuffix(v, "%"))
	pct, perr := strconv.ParseFloat(strings.Replace(num, ",", ".", 1), 64)
	if perr != nil || pct < 0 || pct > 100 || num == "" {
		return "", nil, fmt.Errorf("%w: %q", ErrPotential, s)
	}
	return PotentialFromJPM(pct), &pct, nil
}

// rank orders the potential: 1 low to 3 high, 0 unknown.
func (p Potential) rank() int {
	switch p {
	case PotentialLow:
		return 1
	case PotentialMiddle:
		return 2
	case PotentialHigh:
		return 3
	}
	return 0
}

// TalentRecord is one ASN's talent data for one year. Its ID is TalentID.
type TalentRecord struct {
	ID        string    `bson:"_id" json:"-"`
	NIP       string    `bson:"nip" json:"nip"`
	Year      int       `bson:"year" json:"tahun"`
	Predikat  Predikat  `bson:"predikat" json:"predikat_kinerja"`
	Potential Potential `bson:"potential" json:"potensial"`
	// JPM is the assessment's job-person match in percent, when the file
	// gave one (Potential follows from it).
	JPM *float64 `bson:"jpm,omitempty" json:"jpm_persen,omitempty"`
	// SIMATABox is the box BKN's SIMATA gave (the file's kotak or kuadran),
	// 0 when the file had none. Where set, it is the box used.
	SIMATABox  int       `bson:"simata_box,omitempty" json:"kotak_simata,omitempty"`
	ImportedAt time.Time `bson:"imported_at" json:"diimpor"`
}

// TalentID is the key of one NIP's record of one year.
func TalentID(nip string, year int) string { return nip + ":" + strconv.Itoa(year) }

// Box is the record's 9-box number, 1 to 9 (0 unknown): SIMATA's where the
// file gave it, since agencies must use SIMATA's map from 2026; otherwise
// the one computed from predikat and potential.
func (r TalentRecord) Box() int {
	if r.SIMATABox >= 1 && r.SIMATABox <= 9 {
		return r.SIMATABox
	}
	return r.ComputedBox()
}

// ComputedBox is the box the bot computes from predikat and potential, 0
// when either is missing.
func (r TalentRecord) ComputedBox() int { return BoxOf(r.Predikat.Performance(), r.Potential) }

// BoxDiffers reports whether SIMATA's box and the computed one are both
// known and disagree: the import lists these.
func (r TalentRecord) BoxDiffers() bool {
	c := r.ComputedBox()
	return r.SIMATABox != 0 && c != 0 && c != r.SIMATABox
}

// SameData reports whether two records say the same (when they were
// imported aside): a re-import of the same data writes nothing.
func (r TalentRecord) SameData(o TalentRecord) bool {
	sameJPM := (r.JPM == nil) == (o.JPM == nil) && (r.JPM == nil || *r.JPM == *o.JPM)
	return r.ID == o.ID && r.NIP == o.NIP && r.Year == o.Year && r.Predikat == o.Predikat &&
		r.Potential == o.Potential && sameJPM && r.SIMATABox == o.SIMATABox
}

// potentialScore orders candidates of one box by potential: the JPM where
// there is one, otherwise the lowest JPM of the stated level (a plain
// "tinggi" counts as 80), so the order is the same for every pair.
func (r TalentRecord) potentialScore() float64 {
	pot := r.Potential
	if r.SIMATABox != 0 {
		_, pot = BoxAxes(r.SIMATABox) // SIMATA's box says the potential
	}
	if r.JPM != nil && PotentialFromJPM(*r.JPM) == pot {
		return *r.JPM
	}
	switch pot {
	case PotentialHigh:
		return JPMHigh
	case PotentialMiddle:
		return JPMMiddle
	}
	return 0
}

// HistoryFromYears is a TalentHistory over the records of a few years
// (TalentOfYear's maps), oldest first.
func HistoryFromYears(years ...map[string]TalentRecord) TalentHistory {
	return func(nip string) []TalentRecord {
		var out []TalentRecord
		for _, y := range years {
			if r, ok := y[nip]; ok {
				out = append(out, r)
			}
		}
		return out
	}
}

// TrackRecord is what the programme itself knows of an ASN: performance
// targets met and missed, over all rounds.
type TrackRecord struct {
	Met, Missed int
	// Ratings are the supervisors' ratings of the check-ins.
	Ratings RatingSummary
}

// Count adds a submission to the record: the verdict on its target and the
// ratings of its check-ins.
func (r *TrackRecord) Count(stage Step, milestones []Milestone) {
	switch stage {
	case StepMet:
		r.Met++
	case StepMissed:
		r.Missed++
	}
	for _, m := range milestones {
		if m.Step == StepCheckIn && m.Rating != nil {
			r.Ratings.Add(*m.Rating)
		}
	}
}

// Empty reports whether the record knows nothing of the ASN.
func (r TrackRecord) Empty() bool { return r.Met == 0 && r.Missed == 0 && r.Ratings.Count == 0 }

// TalentStore keeps the talent data.
type TalentStore interface {
	// SaveTalent stores records by NIP and year, replacing that year's
	// record; a record equal to the stored one is not written again. It
	// counts the new and the changed records.
	SaveTalent(ctx context.Context, recs []TalentRecord) (added, changed int, err error)
	// TalentOf returns one ASN's records, oldest year first; none is no error.
	TalentOf(ctx context.Context, nip string) ([]TalentRecord, error)
	// LatestTalent returns each ASN's record of their latest year, by NIP.
	// The map may be shared with other callers: read it, never change it.
	LatestTalent(ctx context.Context) (map[string]TalentRecord, error)
	// TalentOfYear returns the records of one year, by NIP: the SKP of
	// a past year for the requirements, in one read for a whole city.
	// The map may be shared: read it, never change it.
	TalentOfYear(ctx context.Context, year int) (map[string]TalentRecord, error)
	// TrackRecords returns, by NIP, the targets met and missed in every
	// round; NIPs with neither are left out.
	TrackRecords(ctx context.Context) (map[string]TrackRecord, error)
	// EmployeesIn returns the employees of one OPD, or all when opd is
	// empty, in no particular order.
	EmployeesIn(ctx context.Context, opd string) ([]Employee, error)
	// TalentMapOf counts the employees of one OPD (all when opd is empty)
	// by the box of their latest record: MapTalent of their NIPs.
	TalentMapOf(ctx context.Context, opd string) (TalentMap, error)
}
