package report

import (
	"bytes"
	"fmt"
	"strconv"
	"time"

	"openkarir/karir"

	"github.com/xuri/excelize/v2"
)

// successionHeader names the columns of the "rencana suksesi" sheet: one
// row per post and candidate, the post repeated so the sheet filters.
var successionHeader = []string{
	"No", "Jabatan", "OPD", "Jenjang", "Keadaan", "Peringkat", "Nama", "NIP", "Jabatan sekarang", "OPD sekarang",
	"Kotak 9-box", "Keinginan ASN", "Tahap pengajuan", "Belum dapat diperiksa",
}

var successionWidths = []float64{5, 28, 12, 16, 26, 9, 24, 20, 28, 12, 8, 30, 14, 40}

// SuccessionXLSX writes the succession plan for a Baperjakat meeting: each
// post to fill with its pool's first candidates, marked with their wish.
func (Renderer) SuccessionXLSX(plans []karir.SuccessionPlan, scope string, at time.Time, loc *time.Location) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Rencana suksesi"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, fmt.Errorf("xlsx sheet: %w", err)
	}
	intro := [][]string{
		{"Rencana suksesi (" + scope + ")"},
		// A holder past the retirement age (PP 11/2017 Pasal 239) frees
		// the seat now: said here as the Keadaan column says it.
		{"Jabatan yang perlu diisi: kosong sekarang (termasuk kursi yang pemegangnya sudah melewati batas usia pensiun, " +
			"tertulis \"sudah pensiun sejak\" di kolom Keadaan), atau pemegangnya pensiun dalam " + strconv.Itoa(karir.RetireWithin) + " bulan. " +
			"Kandidat: ASN seluruh data pegawai di kotak 7 sampai 9 (PermenPANRB 3/2020) yang memenuhi syarat jabatan, satu jenjang di bawah atau setingkat."},
		{karir.LegendRequirements},
		{"Dibuat " + at.In(loc).Format("02-01-2006 15:04")},
		{},
		successionHeader,
	}
	for i, r := range intro {
		if err := setRow(f, sheet, i+1, r); err != nil {
			return nil, err
		}
	}
	row := len(intro) + 1
	for n, p := range plans {
		// A holder past the retirement age frees the seat now: said
		// beside it, as /suksesi says it, so the roster's stale row is
		// explained and not read as a retirement to come.
		state := fmt.Sprintf("kosong %d dari %d kursi", p.Free(), p.Seats)
		for _, r := range p.Retired {
			state += " (" + retirementText(r, at) + ")"
		}
		if p.Free() == 0 && len(p.Retiring) > 0 {
			state = retirementText(p.Retiring[0], at)
		}
		post := []any{n + 1, p.Position, p.OPDCode, p.Rung.Name(), state}
		if len(p.Candidates) == 0 {
			if err := setRow(f, sheet, row, append(post, "", "belum ada ASN yang siap")); err != nil {
				return nil, err
			}
			row++
			continue
		}
		for i, c := range p.Candidates {
			now := c.Now()
			wish := "tidak mengajukan pindah"
			stage := ""
			switch c.Wish {
			case karir.WishApplied:
				wish, stage = "mengajukan jabatan ini", c.Stage()
			case karir.WishElsewhere:
				t := c.Submission.TargetPost()
				wish, stage = fmt.Sprintf("berminat lain: %s (%s)", t.Position, t.OPDCode), c.Stage()
			}
			values := append(append([]any{}, post...), i+1, now.Name, now.NIP, now.Position, now.OPDCode, c.Box(), wish, stage,
				checkTexts(c.Unchecked(), karir.Check.Missing))
			if err := setRow(f, sheet, row, values); err != nil {
				return nil, err
			}
			if err := fillBoxAt(f, sheet, row, 11, c.Box()); err != nil {
				return nil, err
			}
			row++
		}
	}
	for i, w := range successionWidths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, w); err != nil {
			return nil, err
		}
	}
	hdr := strconv.Itoa(len(intro))
	last, _ := excelize.ColumnNumberToName(len(successionHeader))
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: len(intro), TopLeftCell: "A" + strconv.Itoa(len(intro)+1), ActivePane: "bottomLeft"}); err != nil {
		return nil, fmt.Errorf("xlsx panes: %w", err)
	}
	if err := f.AutoFilter(sheet, "A"+hdr+":"+last+strconv.Itoa(max(row-1, len(intro)+1)), nil); err != nil {
		return nil, fmt.Errorf("xlsx filter: %w", err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("write xlsx: %w", err)
	}
	return buf.Bytes(), nil
}

// retirementText says when a holder retires (PP 11/2017 Pasal 239): "Nama
// sudah pensiun sejak 04-2027" once the date is past at, "Nama pensiun
// 04-2027" before it. The date is a birthday's, a calendar day at UTC
// midnight as /suksesi writes it, so it is not moved to the city's zone.
func retirementText(r karir.Retirement, at time.Time) string {
	month := r.At.UTC().Format("01-2006")
	if !r.At.After(at) {
		return r.Name + " sudah pensiun sejak " + month
	}
	return r.Name + " pensiun " + month
}
