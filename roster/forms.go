package roster

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"openkarir/karir"
)

// Forms filed before the bot: BKPSDM starts the programme with forms
// collected on paper or with Google Forms (about half of them after the
// first week, in Bengkulu). Imported, each becomes the ASN's submission of
// the current round, so nobody is asked to file twice.

// SampleForms are three paper forms of ASN of the sample roster.
//
//go:embed contoh_formulir_kertas.csv
var SampleForms []byte

// formColumns are the paper forms file's columns; opd_tujuan and
// jabatan_tujuan are needed only on the rows of a move, tanggal may be
// left out (the import's time).
var formColumns = []string{"nip", "pilihan", "opd_tujuan", "jabatan_tujuan", "alasan", "target", "jangka_bulan", "tanggal"}

// requiredFormColumns must be in the header.
var requiredFormColumns = []string{"nip", "pilihan", "alasan", "target", "jangka_bulan"}

// Lengths of a form's texts, in characters: the chat's upper bound; a
// paper form's reason may be shorter than the chat asks for.
const (
	maxFormText = 1000
	minPostText = 3
	maxPostText = 100
)

// formsMarkers are the columns that tell a paper forms file (Upload.Kind):
// names jangka_bulan or opd_tujuan, which no other file has. Not pilihan
// or jabatan_tujuan: /ekspor's file has them, and goes back as a roster.
var formsMarkers = []string{"jangka_bulan", "opd_tujuan"}

// FormRow is one good row: the answers, the filing time and its line.
type FormRow struct {
	Line    int
	NIP     string
	Answers karir.Answers
	Filed   time.Time
}

// ParsedForms is a paper forms file read.
type ParsedForms struct {
	Rows     int
	Forms    []FormRow
	Rejected []Rejected
}

// formLookup is what a row is checked against: the roster and its OPDs.
type formLookup struct {
	emps map[string]karir.Employee
	opds []karir.OPD
	// planned are the posts of each OPD's peta jabatan, by OPD code.
	planned map[string][]string
}

// ParseForms reads a paper forms file; now bounds the filing dates and
// stands for an empty one, loc reads them.
func ParseForms(r io.Reader, lk formLookup, now time.Time, loc *time.Location) (*ParsedForms, error) {
	tab, err := openFile(r, "forms file", requiredFormColumns, nil, "")
	if err != nil {
		return nil, err
	}
	p := &ParsedForms{}
	seen := map[string]int{}
	for {
		rw, err := tab.next()
		if errors.Is(err, io.EOF) {
			return p, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read forms file: %w", err)
		}
		p.Rows++
		if rw.Unreadable != "" {
			p.Rejected = append(p.Rejected, Rejected{Line: rw.Line, Reason: rw.Unreadable})
			continue
		}
		f, reason := parseFormRow(rw, lk, now, loc)
		if reason == "" {
			if first, dup := seen[f.NIP]; dup {
				reason = fmt.Sprintf("NIP ganda dalam berkas (sama dengan baris %d)", first)
			}
		}
		if reason != "" {
			p.Rejected = append(p.Rejected, Rejected{Line: rw.Line, NIP: f.NIP, Reason: reason})
			continue
		}
		seen[f.NIP] = rw.Line
		p.Forms = append(p.Forms, f)
	}
}

// parseFormRow checks one row; a non-empty reason refuses it.
func parseFormRow(rw row, lk formLookup, now time.Time, loc *time.Location) (FormRow, string) {
	f := FormRow{Line: rw.Line, NIP: karir.NormalizeNIP(rw.Field("nip"))}
	if err := karir.ValidateNIP(f.NIP, now); err != nil {
		return f, "NIP tidak valid: " + nipReason(err)
	}
	emp, ok := lk.emps[f.NIP]
	if !ok {
		return f, "NIP tidak ada di data pegawai"
	}
	a := &f.Answers
	switch choice := strings.ToLower(rw.Field("pilihan")); {
	case strings.HasPrefix(choice, string(karir.ChoiceStay)):
		a.Choice = karir.ChoiceStay
	case strings.HasPrefix(choice, string(karir.ChoiceMove)):
		a.Choice = karir.ChoiceMove
	default:
		return f, fmt.Sprintf("pilihan tidak dikenal (%s): tulis tetap atau pindah", rw.Field("pilihan"))
	}
	if a.Choice == karir.ChoiceMove {
		o, ok := findOPD(lk.opds, rw.Field("opd_tujuan"))
		if !ok {
			return f, fmt.Sprintf("OPD tujuan tidak dikenal (%s): tulis kode OPD (misalnya %s) atau namanya seperti di data pegawai",
				rw.Field("opd_tujuan"), emp.OPDCode)
		}
		post := karir.CleanText(rw.Field("jabatan_tujuan"))
		if n := utf8.RuneCountInString(post); n < minPostText || n > maxPostText {
			return f, fmt.Sprintf("jabatan tujuan harus %d sampai %d karakter (sekarang %d)", minPostText, maxPostText, n)
		}
		// A post the OPD knows (its peta jabatan's, or one its staff hold)
		// keeps the list's spelling, as in the chat.
		known := append(slices.Clone(lk.planned[o.Code]), o.Positions...)
		if i := slices.IndexFunc(known, func(p string) bool { return karir.NormalizePost(p) == karir.NormalizePost(post) }); i >= 0 {
			post = known[i]
		}
		a.TargetOPDCode, a.TargetOPDName, a.TargetPosition = o.Code, o.Name, post
	}
	for _, field := range []struct {
		name string
		into *string
	}{{"alasan", &a.Reason}, {"target", &a.Target}} {
		text := karir.CleanText(rw.Field(field.name))
		switch n := utf8.RuneCountInString(text); {
		case n == 0:
			return f, field.name + " kosong"
		case n > maxFormText:
			return f, fmt.Sprintf("%s terlalu panjang: %d karakter, paling banyak %d", field.name, n, maxFormText)
		}
		*field.into = text
	}
	term, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.ToLower(rw.Field("jangka_bulan")), "bulan")))
	if err != nil || !slices.Contains(karir.Terms, term) {
		return f, fmt.Sprintf("jangka waktu tidak valid (%s): 3, 6 atau 12 bulan", rw.Field("jangka_bulan"))
	}
	a.TermMonths = term
	f.Filed = now
	if s := rw.Field("tanggal"); s != "" {
		filed, ok := parseFormDate(s, loc)
		switch {
		case !ok:
			return f, fmt.Sprintf("tanggal tidak dikenali (%s): tulis seperti 2026-11-20 atau 20/11/2026", s)
		case filed.After(now):
			return f, fmt.Sprintf("tanggal %s belum tiba", s)
		}
		f.Filed = filed
	}
	return f, ""
}

// findOPD finds an OPD by its code or its name, case and spacing aside.
func findOPD(opds []karir.OPD, s string) (karir.OPD, bool) {
	s = karir.NormalizePost(s)
	for _, o := range opds {
		if s != "" && (karir.NormalizePost(o.Code) == s || karir.NormalizePost(o.Name) == s) {
			return o, true
		}
	}
	return karir.OPD{}, false
}

// formDateLayouts are how spreadsheets and Google Forms write a date (day
// before month, as in the Indonesian locale), with or without the time.
var formDateLayouts = []string{
	"2006-01-02", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05",
	"2/1/2006", "2/1/2006 15:04:05", "2/1/2006 15:04", "2-1-2006", "2.1.2006",
}

// parseFormDate reads a filing date, or an Excel serial day number.
func parseFormDate(s string, loc *time.Location) (time.Time, bool) {
	for _, layout := range formDateLayouts {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, true
		}
	}
	// A date cell read as its number: days since 30 December 1899.
	if f, err := strconv.ParseFloat(s, 64); err == nil && f > 30000 && f < 80000 {
		base := time.Date(1899, 12, 30, 0, 0, 0, 0, loc)
		return base.Add(time.Duration(f * 24 * float64(time.Hour))).Round(time.Second), true
	}
	return time.Time{}, false
}
