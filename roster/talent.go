package roster

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"openkarir/karir"
)

// SampleTalent is talent data for the sample roster (most of its 40 ASN,
// some with two years), for demos and tests.
//
//go:embed contoh_talenta.csv
var SampleTalent []byte

// talentColumns are the talent file's columns, in the header's words.
var talentColumns = []string{"nip", "tahun", "predikat_kinerja", "potensial"}

// The box as BKN's SIMATA gives it, beside or instead of predikat and
// potensial: kotak (1 to 9, "VIII"), or kuadran (SIMATA's code, "32").
const (
	colBox     = "kotak"
	colKuadran = "kuadran"
)

// IsTalentFile reports whether data's header is the talent file's (it
// names tahun, predikat_kinerja, potensial, kotak or kuadran, which a
// roster has not), so a file sent with /impor is told from a roster by its
// header alone, and a talent file missing a column is answered about the
// talent columns.
func IsTalentFile(data []byte) bool {
	u, err := ReadUpload(data, ChatLimits())
	return err == nil && u.Kind() == karir.ImportTalent
}

// talentMarkers are the columns that tell a talent file (Upload.Kind).
func talentMarkers() []string { return append(slices.Clone(talentColumns[1:]), colBox, colKuadran) }

// BoxDiff is an ASN whose box from SIMATA differs from the one the bot
// computes from the same row's predikat and potential.
type BoxDiff struct {
	NIP              string
	Year             int
	SIMATA, Computed int
}

// String is the difference as the import lists it.
func (d BoxDiff) String() string {
	return fmt.Sprintf("%s (%d): SIMATA kotak %d, dihitung dari predikat dan potensial kotak %d", d.NIP, d.Year, d.SIMATA, d.Computed)
}

// ParsedTalent is a talent file read: the good rows, and why each bad one
// was refused.
type ParsedTalent struct {
	Records  []karir.TalentRecord
	Rejected []Rejected
	Rows     int
	// Differ are the good rows whose SIMATA box is not the computed one.
	Differ []BoxDiff
}

// firstTalentYear is the earliest year a talent file may speak of: a year
// before it, or after the current one, is a typo.
const firstTalentYear = 2000

// ParseTalent reads a talent file (the roster's rules: comma or semicolon,
// BOM, header case and spacing). inRoster tells whether a NIP is in the
// roster: talent data of someone else is refused. An error means the file
// as a whole cannot be read.
func ParseTalent(r io.Reader, now time.Time, inRoster func(nip string) (bool, error)) (*ParsedTalent, error) {
	tab, err := openFile(r, "talent file", talentColumns[:2], nil, "")
	if err != nil {
		return nil, err
	}
	if !tab.has(colBox) && !tab.has(colKuadran) {
		// Without SIMATA's box, the two inputs of the computed one.
		var missing []string
		for _, c := range talentColumns[2:] {
			if !tab.has(c) {
				missing = append(missing, c)
			}
		}
		if len(missing) > 0 {
			return nil, fmt.Errorf("kolom tidak ada: %s (judul yang diperlukan: %s, atau kolom %s / %s dari SIMATA)",
				strings.Join(missing, ", "), strings.Join(talentColumns, ","), colBox, colKuadran)
		}
	}
	p := &ParsedTalent{}
	seen := map[string]int{} // TalentID -> line
	for {
		rw, err := tab.next()
		if errors.Is(err, io.EOF) {
			return p, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read talent file: %w", err)
		}
		p.Rows++
		if rw.Unreadable != "" {
			p.Rejected = append(p.Rejected, Rejected{Line: rw.Line, Reason: rw.Unreadable})
			continue
		}
		rec, reason := parseTalentRow(rw, now)
		if reason == "" {
			ok, err := inRoster(rec.NIP)
			if err != nil {
				return nil, fmt.Errorf("look up NIP: %w", err)
			}
			if !ok {
				reason = "NIP tidak ada di data pegawai"
			}
		}
		if reason == "" {
			if first, dup := seen[rec.ID]; dup {
				reason = fmt.Sprintf("NIP dan tahun ganda dalam berkas (sama dengan baris %d)", first)
			}
		}
		if reason != "" {
			p.Rejected = append(p.Rejected, Rejected{Line: rw.Line, NIP: rec.NIP, Reason: reason})
			continue
		}
		seen[rec.ID] = rw.Line
		p.Records = append(p.Records, rec)
		if rec.BoxDiffers() {
			p.Differ = append(p.Differ, BoxDiff{NIP: rec.NIP, Year: rec.Year, SIMATA: rec.SIMATABox, Computed: rec.ComputedBox()})
		}
	}
}

// parseTalentRow checks one row; a non-empty reason refuses it.
func parseTalentRow(rw row, now time.Time) (karir.TalentRecord, string) {
	rec := karir.TalentRecord{NIP: karir.NormalizeNIP(rw.Field("nip")), ImportedAt: now}
	if err := karir.ValidateNIP(rec.NIP, now); err != nil {
		return rec, "NIP tidak valid: " + nipReason(err)
	}
	year, err := strconv.Atoi(rw.Field("tahun"))
	if err != nil || year < firstTalentYear || year > now.Year() {
		return rec, fmt.Sprintf("tahun tidak valid (%s): tulis 4 angka, %d sampai %d", rw.Field("tahun"), firstTalentYear, now.Year())
	}
	rec.Year, rec.ID = year, karir.TalentID(rec.NIP, year)
	if reason := simataBox(&rec, rw); reason != "" {
		return rec, reason
	}
	// With SIMATA's box, predikat and potensial may be left empty (or
	// given one without the other: the predikat still counts for the SKP
	// requirement); without it both are needed.
	pred, pot := rw.Field("predikat_kinerja"), rw.Field("potensial")
	if rec.SIMATABox == 0 || pred != "" {
		if rec.Predikat, err = karir.ParsePredikat(pred); err != nil {
			return rec, fmt.Sprintf("predikat kinerja tidak dikenal (%s): Sangat Baik, Baik, Butuh Perbaikan, Kurang atau Sangat Kurang", pred)
		}
	}
	if rec.SIMATABox == 0 || pot != "" {
		if rec.Potential, rec.JPM, err = karir.ParsePotential(pot); err != nil {
			return rec, fmt.Sprintf("potensial tidak dikenal (%s): tinggi, menengah, rendah, atau persentase JPM 0 sampai 100", pot)
		}
	}
	return rec, ""
}

// simataBox reads the row's kotak and kuadran into rec.SIMATABox; a
// non-empty reason refuses the row.
func simataBox(rec *karir.TalentRecord, rw row) string {
	box, kuadran := rw.Field(colBox), rw.Field(colKuadran)
	var fromBox, fromKuadran int
	var err error
	if box != "" {
		if fromBox, err = karir.ParseBox(box); err != nil {
			return fmt.Sprintf("kotak tidak dikenal (%s): angka 1 sampai 9 (atau I sampai IX)", box)
		}
	}
	if kuadran != "" {
		if fromKuadran, err = karir.ParseKuadran(kuadran); err != nil {
			return fmt.Sprintf("kuadran tidak dikenal (%s): kode SIMATA dua angka, potensial lalu kinerja, masing-masing 1 sampai 3 (misalnya 32)", kuadran)
		}
	}
	if fromBox != 0 && fromKuadran != 0 && fromBox != fromKuadran {
		return fmt.Sprintf("kotak %d dan kuadran %s tidak sama (kuadran %s adalah kotak %d)", fromBox, kuadran, kuadran, fromKuadran)
	}
	rec.SIMATABox = max(fromBox, fromKuadran)
	return ""
}

// TalentWriter is what a talent import reads and writes; the store
// implements it.
type TalentWriter interface {
	// NIPsIn lists the roster's NIPs (opd ""): one read, where a look-up
	// per row cost a round trip each on a database server (10,000 rows
	// took longer than a chat waits).
	NIPsIn(ctx context.Context, opd string) ([]string, error)
	SaveTalent(ctx context.Context, recs []karir.TalentRecord) (added, changed int, err error)
}

// TalentSummary is what a talent import did.
type TalentSummary struct {
	Rows, Added, Changed, Unchanged int
	Rejected                        []Rejected
	// Differ lists the ASN whose SIMATA box is not the computed one; the
	// SIMATA box is the one stored and used.
	Differ []BoxDiff
}

// DifferHead opens the list of boxes that differ, after the counts and a
// blank line (flows shows the list apart from the counts).
const DifferHead = "Kotak SIMATA berbeda dari hitungan bot (kotak SIMATA yang dipakai): %d ASN"

// Text is the summary for a terminal or a chat.
func (s *TalentSummary) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Baris dibaca: %d\nDitambahkan: %d\nDiperbarui: %d\nTidak berubah: %d\nDitolak: %d",
		s.Rows, s.Added, s.Changed, s.Unchanged, len(s.Rejected))
	for _, r := range s.Rejected {
		b.WriteString("\n- " + r.String())
	}
	if len(s.Differ) > 0 {
		fmt.Fprintf(&b, "\n\n"+DifferHead, len(s.Differ))
		for _, d := range s.Differ {
			b.WriteString("\n- " + d.String())
		}
	}
	return b.String()
}

func parseTalentFor(ctx context.Context, w TalentWriter, r io.Reader, now time.Time) (*ParsedTalent, error) {
	nips, err := w.NIPsIn(ctx, "")
	if err != nil {
		// The database, not the file: nothing was written.
		return nil, &TalentWriteError{Err: fmt.Errorf("read the roster: %w", err)}
	}
	roster := make(map[string]bool, len(nips))
	for _, n := range nips {
		roster[n] = true
	}
	return ParseTalent(r, now, func(nip string) (bool, error) { return roster[nip], nil })
}

// TalentWriteError is a talent import the database stopped after the file
// was read: what it wrote before is kept (flows.ImportFailure), and the
// same file imported again completes it.
type TalentWriteError struct {
	Added, Changed int
	Err            error
}

func (e *TalentWriteError) Error() string {
	return fmt.Sprintf("write talent data (%d added and %d changed before the failure): %v", e.Added, e.Changed, e.Err)
}

func (e *TalentWriteError) Unwrap() error { return e.Err }

// WrittenSoFar is what was written before the failure: no agencies, and
// talent records added and changed.
func (e *TalentWriteError) WrittenSoFar() (opds, added, updated int) { return 0, e.Added, e.Changed }

func saveTalent(ctx context.Context, w TalentWriter, p *ParsedTalent) (*TalentSummary, error) {
	added, changed, err := w.SaveTalent(ctx, p.Records)
	if err != nil {
		return nil, &TalentWriteError{Added: added, Changed: changed, Err: err}
	}
	return &TalentSummary{Rows: p.Rows, Added: added, Changed: changed,
		Unchanged: len(p.Records) - added - changed, Rejected: p.Rejected, Differ: p.Differ}, nil
}

// ImportTalent loads a talent file from a terminal: the good rows are
// written, the bad ones listed.
func ImportTalent(ctx context.Context, w TalentWriter, r io.Reader, now time.Time) (*TalentSummary, error) {
	p, err := parseTalentFor(ctx, w, r, now)
	if err != nil {
		return nil, err
	}
	return saveTalent(ctx, w, p)
}

// StrictTalent imports talent data sent in chat: a file with a bad row
// changes nothing, as with the roster (flows.TalentImporter).
type StrictTalent struct{ W TalentWriter }

// ImportAll implements flows.TalentImporter.
func (s StrictTalent) ImportAll(ctx context.Context, r io.Reader, now time.Time) (string, []string, error) {
	p, err := parseTalentFor(ctx, s.W, r, now)
	var rejected []Rejected
	if p != nil {
		rejected = p.Rejected
	}
	return strictly(p, rejected, err, func(p *ParsedTalent) (*TalentSummary, error) { return saveTalent(ctx, s.W, p) })
}
