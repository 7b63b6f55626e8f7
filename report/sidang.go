package report

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansitalic"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-pdf/fpdf"

	"openkarir/karir"
)

// The files of a Baperjakat session: the meeting pack (landscape A4: the
// candidates' table needs the width) with a portrait berita acara page to
// fill in at the meeting, and the berita acara of the closed session.

const sdMargin = 12.0

// sdLegend is the pack's legend, LegendRequirements without its marks
// (the PDF font has no emoji).
const sdLegend = "Kandidat tiap jabatan: pelamar Open Karir (yang mengajukan jabatan itu, atau pemegangnya yang ingin tetap) " +
	"dan kelompok suksesi (ASN di kotak 7 sampai 9 menurut PermenPANRB 3/2020 yang memenuhi syarat, satu jenjang di bawah atau setingkat), " +
	"diurutkan bersama: memenuhi syarat dulu, lalu kotak 9-box, potensial, dan target Open Karir yang tercapai. " +
	"Siap = memenuhi syarat dan di kotak 7 sampai 9. Memenuhi syarat = tidak ada syarat jabatan (PP 11/2017 jo. PP 17/2020) yang terbukti tidak dipenuhi; " +
	"belum dapat diperiksa = datanya belum ada, bukan lulus dan bukan gagal. Baperjakat yang menimbang dan merekomendasikan paling banyak tiga nama per jabatan."

var weekdaysID = [...]string{"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"}

// newSidangPDF starts a document with the sans fonts and a footer.
func newSidangPDF(orientation, title, footer string, at time.Time) *fpdf.Fpdf {
	pdf := fpdf.New(orientation, "mm", "A4", "")
	pdf.SetMargins(sdMargin, sdMargin, sdMargin)
	pdf.SetAutoPageBreak(true, sdMargin+4)
	pdf.AddUTF8FontFromBytes("sans", "", liberationsansregular.TTF)
	pdf.AddUTF8FontFromBytes("sans", "B", liberationsansbold.TTF)
	pdf.AddUTF8FontFromBytes("sans", "I", liberationsansitalic.TTF)
	pdf.SetCreationDate(at)
	pdf.SetModificationDate(at)
	pdf.SetTitle(title, true)
	pdf.SetFooterFunc(func() {
		pdf.SetY(-sdMargin)
		pdf.SetFont("sans", "I", 7.5)
		pdf.CellFormat(0, 4, fmt.Sprintf("%s · Halaman %d", footer, pdf.PageNo()), "", 0, "C", false, 0, "")
	})
	return pdf
}

// SidangPackPDF implements flows.SidangReports.
func (Renderer) SidangPackPDF(s karir.Sidang, signer karir.Signer, loc *time.Location) ([]byte, error) {
	agency := signer.Agency
	pdf := newSidangPDF("L", "Bahan sidang Baperjakat "+s.ID, "Bahan sidang Baperjakat "+s.ID+" · terbatas untuk anggota Baperjakat", s.OpenedAt)
	pdf.AddPage()
	pdf.SetFont("sans", "B", 13)
	pdf.CellFormat(0, 6, "BAHAN SIDANG BADAN PERTIMBANGAN JABATAN DAN KEPANGKATAN (BAPERJAKAT)", "", 1, "C", false, 0, "")
	pdf.SetFont("sans", "B", 11)
	pdf.CellFormat(0, 6, strings.ToUpper(pdfLatin(agency)), "", 1, "C", false, 0, "")
	pdf.SetFont("sans", "", 10)
	pdf.CellFormat(0, 6, fmt.Sprintf("Sidang %s · %s · periode Open Karir %s", s.ID, dayDate(s.Date, loc), orDash(s.Round)), "", 1, "C", false, 0, "")
	pdf.Ln(2)
	pdf.SetFont("sans", "", 8.5)
	pdf.MultiCell(0, 4, sdLegend, "", "J", false)
	pdf.Ln(3)
	pdf.SetFont("sans", "B", 10)
	pdf.CellFormat(0, 6, fmt.Sprintf("Agenda: %d jabatan", len(s.Agenda)), "", 1, "L", false, 0, "")
	agenda := pdfTable{pdf: pdf, size: 8.5, line: 4,
		header: []string{"No", "Jabatan", "OPD", "Jenis jabatan", "Kursi", "Kosong", "Pemegang sekarang", "Kandidat (pelamar / kelompok suksesi)"},
		widths: []float64{9, 60, 50, 40, 13, 16, 45, 40}}
	agenda.head()
	for i, p := range s.Agenda {
		applied, pool := 0, 0
		for _, n := range p.Nominees {
			if n.Applied {
				applied++
			} else {
				pool++
			}
		}
		agenda.row([]string{strconv.Itoa(i + 1), p.Post, opdText(p), p.Level, strconv.Itoa(p.Seats), strconv.Itoa(p.Vacant),
			orDash(strings.Join(p.Holders, "; ")), fmt.Sprintf("%d (%d / %d)", len(p.Nominees), applied, pool)}, nil)
	}
	for i, p := range s.Agenda {
		packPost(pdf, i+1, len(s.Agenda), p)
	}
	minutesPage(pdf, s, signer, loc, false)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("render sidang pack %s: %w", s.ID, err)
	}
	return buf.Bytes(), nil
}

// packWidths of the pack's table of one post's candidates (273 mm).
var packWidths = []float64{11, 50, 44, 12, 28, 62, 34, 16, 16}

// packPost is one agenda post: its facts and its candidates.
func packPost(pdf *fpdf.Fpdf, n, total int, p karir.AgendaPost) {
	pdf.AddPage()
	pdf.SetFont("sans", "B", 12)
	pdf.MultiCell(0, 6, pdfLatin(fmt.Sprintf("Jabatan %d dari %d: %s", n, total, p.Post)), "", "L", false)
	pdf.SetFont("sans", "", 9.5)
	pdf.MultiCell(0, 5, pdfLatin(fmt.Sprintf("%s · %s · %d kursi, kosong %d · pemegang sekarang: %s", opdText(p), p.Level, p.Seats, p.Vacant,
		orDash(strings.Join(p.Holders, "; ")))), "", "L", false)
	pdf.Ln(2)
	if len(p.Nominees) == 0 {
		pdf.SetFont("sans", "I", 9.5)
		pdf.MultiCell(0, 5, "Tidak ada kandidat: tidak ada pelamar, dan tidak ada ASN di kelompok suksesi yang memenuhi syarat jabatan ini.", "", "L", false)
		return
	}
	t := pdfTable{pdf: pdf, size: 8, line: 3.8, widths: packWidths,
		header: []string{"No", "Nama, NIP, golongan", "Jabatan sekarang", "Kotak", "Syarat jabatan", "Tidak terpenuhi / belum dapat diperiksa / catatan",
			"Keinginan dan tahap", "Target dulu (capai / tidak)", "Nilai laporan"}}
	t.head()
	for i, c := range p.Nominees {
		t.row(nomineeCells(i+1, c), &c)
	}
}

// nomineeCells are one candidate's cells in the pack.
func nomineeCells(rank int, c karir.Nominee) []string {
	no := strconv.Itoa(rank)
	if c.Ready {
		no += "\nsiap"
	}
	who := c.Name + "\nNIP " + c.NIP
	if c.Golongan != "" {
		who += "\ngol. " + c.Golongan
	}
	box := "-"
	if c.Box > 0 {
		box = strconv.Itoa(c.Box)
	}
	var checks string
	switch {
	case c.Stay:
		checks = "pemegang, ingin tetap (tidak diperiksa)"
	case c.Checks == 0:
		checks = "belum dapat diperiksa"
	case c.Eligible:
		checks = fmt.Sprintf("memenuhi syarat\n%d dari %d terpenuhi", c.Met, c.Checks)
	default:
		checks = fmt.Sprintf("TIDAK memenuhi syarat\n%d dari %d terpenuhi", c.Met, c.Checks)
	}
	var notes []string
	for _, f := range c.Failed {
		notes = append(notes, "Tidak terpenuhi: "+f)
	}
	if len(c.Unchecked) > 0 {
		notes = append(notes, "Belum dapat diperiksa: "+strings.Join(c.Unchecked, "; "))
	}
	for _, n := range c.Notes {
		notes = append(notes, "Catatan: "+n)
	}
	wish := c.Wish
	if c.Stage != "" {
		wish += "\ntahap: " + c.Stage
	}
	switch {
	case c.Applied && c.Pool:
		wish += "\n(pelamar, juga kelompok suksesi)"
	case c.Applied:
		wish += "\n(pelamar)"
	default:
		wish += "\n(kelompok suksesi)"
	}
	rating := "-"
	if c.Ratings > 0 {
		rating = fmt.Sprintf("%s\n(%d laporan)", strings.Replace(strconv.FormatFloat(c.Rating, 'f', 1, 64), ".", ",", 1), c.Ratings)
	}
	return []string{no, who, c.Now, box, checks, orDash(strings.Join(notes, "\n")), wish,
		fmt.Sprintf("%d / %d", c.TargetsMet, c.TargetsMissed), rating}
}

// SidangMinutesPDF implements flows.SidangReports.
func (Renderer) SidangMinutesPDF(s karir.Sidang, signer karir.Signer, loc *time.Location) ([]byte, error) {
	pdf := newSidangPDF("P", "Berita acara sidang Baperjakat "+s.ID, "Berita acara sidang Baperjakat "+s.ID, s.ClosedAt)
	minutesPage(pdf, s, signer, loc, true)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("render sidang minutes %s: %w", s.ID, err)
	}
	return buf.Bytes(), nil
}

// minutesPage is the berita acara on a portrait page: blank to fill in at
// the meeting (the pack's last page), or with what was recorded. Its
// opening names the day and the place (karir.Signer.Where: PEMDA_TEMPAT,
// else read from the agency's name), as a berita acara does.
func minutesPage(pdf *fpdf.Fpdf, s karir.Sidang, signer karir.Signer, loc *time.Location, filled bool) {
	agency := signer.Agency
	when := dayDate(s.Date, loc)
	if place := signer.Where(); place != "" {
		when += ", bertempat di " + place
	}
	pdf.AddPageFormat("P", pdf.GetPageSizeStr("A4"))
	pdf.SetFont("sans", "B", 12)
	pdf.MultiCell(0, 6, "BERITA ACARA SIDANG\nBADAN PERTIMBANGAN JABATAN DAN KEPANGKATAN (BAPERJAKAT)", "", "C", false)
	pdf.SetFont("sans", "B", 10.5)
	pdf.CellFormat(0, 6, strings.ToUpper(pdfLatin(agency)), "", 1, "C", false, 0, "")
	pdf.SetFont("sans", "", 10)
	pdf.CellFormat(0, 6, "Nomor: ........................................ (sidang "+s.ID+")", "", 1, "C", false, 0, "")
	pdf.Ln(3)
	pdf.MultiCell(0, 5, pdfLatin(fmt.Sprintf("Pada hari ini, %s, Badan Pertimbangan Jabatan dan Kepangkatan %s telah bersidang untuk memberikan "+
		"pertimbangan kepada Wali Kota selaku Pejabat Pembina Kepegawaian atas pengisian %d jabatan berikut, dengan rekomendasi "+
		"paling banyak tiga nama per jabatan sesuai urutan:", when, agency, len(s.Agenda))), "", "J", false)
	pdf.Ln(2)
	t := pdfTable{pdf: pdf, size: 8.5, line: 4, widths: []float64{9, 55, 70, 52},
		header: []string{"No", "Jabatan dan OPD", "Rekomendasi Baperjakat (urutan)", "Catatan"}}
	t.head()
	for i, p := range s.Agenda {
		rec, note := "\n\n\n\n\n", "" // room to write three names
		if filled && p.Rec != nil {
			rec, note = recLines(p, *p.Rec), p.Rec.Note
		}
		t.row([]string{strconv.Itoa(i + 1), p.Post + "\n" + opdText(p), rec, note}, nil)
	}
	pdf.Ln(3)
	pdf.SetFont("sans", "", 10)
	if filled {
		pdf.MultiCell(0, 5, fmt.Sprintf("Rekomendasi dicatat di bot Open Karir; sidang ditutup %s.", karir.FormatDateTime(s.ClosedAt, loc)), "", "L", false)
	}
	pdf.MultiCell(0, 5, "Demikian berita acara ini dibuat untuk dipergunakan sebagaimana mestinya.", "", "L", false)
	members := s.Members
	if len(members) == 0 { // blank lines to sign at the meeting
		members = []karir.BoardMember{{Role: karir.MemberKetua}, {Role: karir.MemberSekretaris}, {Role: karir.MemberAnggota},
			{Role: karir.MemberAnggota}, {Role: karir.MemberAnggota}, {Role: karir.MemberAnggota}}
	}
	signatureGrid(pdf, members)
}

// recLines writes a recommendation, one name a line.
func recLines(p karir.AgendaPost, rec karir.BoardRecommendation) string {
	if rec.None {
		return "Tidak ada yang direkomendasikan"
	}
	lines := make([]string, len(rec.NIPs))
	for i, nip := range rec.NIPs {
		name := nip
		if n, ok := p.Nominee(nip); ok {
			name = n.Name
		}
		lines[i] = fmt.Sprintf("%d. %s\n    NIP %s", i+1, name, nip)
	}
	return strings.Join(lines, "\n")
}

// signatureGrid puts the members' signature lines two to a row.
// A member with a name has it printed under the line, else dots.
func signatureGrid(pdf *fpdf.Fpdf, roles []karir.BoardMember) {
	const block = 32.0
	pageW, pageH := pdf.GetPageSize()
	col := (pageW - 2*sdMargin) / 2
	for i := 0; i < len(roles); i += 2 {
		if pdf.GetY()+block > pageH-sdMargin-6 {
			pdf.AddPageFormat("P", pdf.GetPageSizeStr("A4"))
		}
		pdf.Ln(3)
		y := pdf.GetY()
		for j := i; j < min(i+2, len(roles)); j++ {
			x := sdMargin + float64(j-i)*col
			pdf.SetXY(x, y)
			pdf.SetFont("sans", "B", 9.5)
			pdf.CellFormat(col, 5, roles[j].Role, "", 2, "C", false, 0, "")
			pdf.SetXY(x, y+20)
			pdf.SetFont("sans", "", 9.5)
			name := "(......................................................)"
			if roles[j].Name != "" {
				name = "( " + pdfLatin(roles[j].Name) + " )"
			}
			pdf.CellFormat(col, 5, name, "", 2, "C", false, 0, "")
			pdf.SetX(x)
			pdf.CellFormat(col, 5, "NIP ............................................", "", 2, "C", false, 0, "")
		}
		pdf.SetXY(sdMargin, y+block)
	}
}

func opdText(p karir.AgendaPost) string {
	if p.OPDName == "" || p.OPDName == p.OPD {
		return p.OPD
	}
	return p.OPDName + " (" + p.OPD + ")"
}

// dayDate writes "Kamis, 10 Desember 2026".
func dayDate(t time.Time, loc *time.Location) string {
	return weekdaysID[t.In(loc).Weekday()] + ", " + karir.FormatDate(t, loc)
}

// orDash prints a missing value as a dash.
func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
