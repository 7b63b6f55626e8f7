package report

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"openkarir/karir"

	"github.com/xuri/excelize/v2"
)

// The meeting pack as a spreadsheet: the agenda, and one row per agenda
// post and candidate (the post repeated, so the sheet filters and sorts).

var sdAgendaHeader = []string{"No", "Jabatan", "Kode OPD", "OPD", "Jenis jabatan", "Kursi", "Kosong", "Pemegang sekarang",
	"Kandidat", "Pelamar", "Kelompok suksesi"}

var sdAgendaWidths = []float64{5, 34, 10, 30, 24, 7, 8, 34, 9, 9, 10}

var sdCandidateHeader = []string{"No jabatan", "Jabatan", "Kode OPD", "Peringkat", "Siap", "Nama", "NIP", "Jabatan sekarang", "Golongan",
	"Kotak 9-box", "Sumber", "Keinginan ASN", "Tahap pengajuan", "Memenuhi syarat", "Syarat terpenuhi", "Jumlah syarat",
	"Syarat tidak terpenuhi", "Belum dapat diperiksa", "Catatan", "Target tercapai", "Target tidak tercapai", "Nilai laporan (rata-rata)", "Jumlah laporan"}

var sdCandidateWidths = []float64{8, 30, 10, 9, 6, 26, 20, 32, 9, 8, 16, 28, 14, 10, 9, 9, 36, 36, 24, 9, 9, 10, 9}

// SidangPackXLSX implements flows.SidangReports.
func (Renderer) SidangPackXLSX(s karir.Sidang, loc *time.Location) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const agenda, cands = "Agenda", "Kandidat"
	if err := f.SetSheetName("Sheet1", agenda); err != nil {
		return nil, fmt.Errorf("xlsx sheet: %w", err)
	}
	if _, err := f.NewSheet(cands); err != nil {
		return nil, fmt.Errorf("xlsx sheet: %w", err)
	}
	intro := [][]string{
		{"Bahan sidang Baperjakat " + s.ID},
		{dayDate(s.Date, loc) + " · periode Open Karir " + orDash(s.Round)},
		{sdLegend},
		{},
	}
	for _, sheet := range []string{agenda, cands} {
		for i, r := range intro {
			if err := setRow(f, sheet, i+1, r); err != nil {
				return nil, err
			}
		}
	}
	first := len(intro) + 1
	if err := setRow(f, agenda, first, sdAgendaHeader); err != nil {
		return nil, err
	}
	if err := setRow(f, cands, first, sdCandidateHeader); err != nil {
		return nil, err
	}
	row := first + 1
	for i, p := range s.Agenda {
		applied := 0
		for _, n := range p.Nominees {
			if n.Applied {
				applied++
			}
		}
		if err := setRow(f, agenda, first+1+i, []any{i + 1, p.Post, p.OPD, p.OPDName, p.Level, p.Seats, p.Vacant,
			strings.Join(p.Holders, "; "), len(p.Nominees), applied, len(p.Nominees) - applied}); err != nil {
			return nil, err
		}
		for rank, n := range p.Nominees {
			if err := setRow(f, cands, row, sdCandidateRow(i+1, p, rank+1, n)); err != nil {
				return nil, err
			}
			if n.Box > 0 {
				if err := fillBoxAt(f, cands, row, 10, n.Box); err != nil {
					return nil, err
				}
			}
			row++
		}
	}
	if err := styleSheet(f, agenda, first, first+len(s.Agenda), sdAgendaWidths); err != nil {
		return nil, err
	}
	if err := styleSheet(f, cands, first, row-1, sdCandidateWidths); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("write xlsx: %w", err)
	}
	return buf.Bytes(), nil
}

// sdCandidateRow is one candidate of one post; numbers are numbers and
// NIPs text.
func sdCandidateRow(post int, p karir.AgendaPost, rank int, n karir.Nominee) []any {
	ready, eligible := "", "ya"
	if n.Ready {
		ready = "siap"
	}
	switch {
	case n.Stay:
		eligible = "pemegang, tidak diperiksa"
	case n.Checks == 0:
		eligible = "belum dapat diperiksa"
	case !n.Eligible:
		eligible = "tidak"
	}
	source := "kelompok suksesi"
	switch {
	case n.Applied && n.Pool:
		source = "pelamar dan kelompok suksesi"
	case n.Applied:
		source = "pelamar"
	}
	var box, rating any = "", ""
	if n.Box > 0 {
		box = n.Box
	}
	if n.Ratings > 0 {
		rating = math.Round(n.Rating*100) / 100
	}
	return []any{post, p.Post, p.OPD, rank, ready, n.Name, n.NIP, n.Now, n.Golongan, box, source, n.Wish, n.Stage,
		eligible, n.Met, n.Checks, strings.Join(n.Failed, "; "), strings.Join(n.Unchecked, "; "), strings.Join(n.Notes, "; "),
		n.TargetsMet, n.TargetsMissed, rating, n.Ratings}
}

// styleSheet sets the title, the header, the widths, the frozen header, a
// filter, and landscape printing one page wide.
func styleSheet(f *excelize.File, sheet string, header, last int, widths []float64) error {
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	if err != nil {
		return err
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE6F0"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	if err != nil {
		return err
	}
	lastCol, _ := excelize.ColumnNumberToName(len(widths))
	h := strconv.Itoa(header)
	if err := f.SetCellStyle(sheet, "A1", "A1", title); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A"+h, lastCol+h, head); err != nil {
		return err
	}
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: header, TopLeftCell: "A" + strconv.Itoa(header+1), ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("xlsx panes: %w", err)
	}
	if err := f.AutoFilter(sheet, "A"+h+":"+lastCol+strconv.Itoa(max(last, header+1)), nil); err != nil {
		return fmt.Errorf("xlsx filter: %w", err)
	}
	landscape, one, unbounded := "landscape", 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one, FitToHeight: &unbounded}); err != nil {
		return fmt.Errorf("xlsx page layout: %w", err)
	}
	fit := true
	return f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit})
}
