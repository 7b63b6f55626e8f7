package roster

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"openkarir/karir"
)

// Writer is what an import reads and writes; the store implements it.
type Writer interface {
	OPDs(ctx context.Context) ([]karir.OPD, error)
	// UpsertOPDs writes each agency's name and adds its positions to the
	// stored ones; it returns how many it wrote, also when it fails.
	UpsertOPDs(ctx context.Context, opds []karir.OPD) (int, error)
	// RosterIndex returns what the last import wrote of each NIP; ok is
	// false when there is none to trust, and the roster is read instead
	// (EmployeesIn with no OPD: all of it).
	RosterIndex(ctx context.Context) (entries map[string]karir.RosterEntry, ok bool, err error)
	EmployeesIn(ctx context.Context, opd string) ([]karir.Employee, error)
	// StaleRosterIndex stops the index being trusted until
	// SaveRosterIndex, which writes the entries of the changed NIPs.
	StaleRosterIndex(ctx context.Context) error
	SaveRosterIndex(ctx context.Context, all map[string]karir.RosterEntry, changed []string) error
	// WriteRoster inserts the fresh rows and updates the known ones, and
	// counts the new and the existing ones written, also when it fails.
	WriteRoster(ctx context.Context, fresh, known []karir.RosterRow) (added, updated int, err error)
	// SetInactive marks employees as no longer in service, with the
	// reason of each; it returns how many it wrote, also when it fails.
	SetInactive(ctx context.Context, reasons map[string]string, at time.Time) (int, error)
}

// Summary is what an import did.
type Summary struct {
	Rows                      int
	Added, Updated, Unchanged int
	Rejected                  []Rejected
	// Inactive rows were skipped (not in service); Warnings were taken
	// with a guess; NewOPDs got a code made from their name.
	Inactive int
	Warnings []Rejected
	NewOPDs  []karir.OPD
	// Kinds counts the rows kept by PNS and PPPK.
	PNS, PPPK int
	// NoPhone counts the rows kept that give no phone number and no
	// activation code: those ASN can prove their NIP only with a code.
	NoPhone int
	// Deactivated counts the stored ASN this import found no longer in
	// service: by their kedudukan hukum, or absent from a personnel
	// export of their OPD (see plan.absent). KeptActive says, per OPD,
	// why the absent ones of an OPD were left as they were.
	Deactivated int
	KeptActive  []string
	// A unit map's import: the units written, and their OPDs.
	unitMap    bool
	Units      int
	MappedOPDs []karir.OPD
}

// shownWarnings is how many warnings a summary lists one by one.
const shownWarnings = 10

// Text is the summary for a terminal or a chat.
func (s *Summary) Text() string {
	if s.unitMap {
		return s.unitMapText()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Baris dibaca: %d\nDitambahkan: %d\nDiperbarui: %d\nTidak berubah: %d\nDitolak: %d",
		s.Rows, s.Added, s.Updated, s.Unchanged, len(s.Rejected))
	if s.PPPK > 0 {
		fmt.Fprintf(&b, "\nPNS: %d, PPPK: %d", s.PNS, s.PPPK)
	}
	if s.Inactive > 0 {
		fmt.Fprintf(&b, "\n%d tidak aktif, dilewati", s.Inactive)
	}
	if s.Deactivated > 0 {
		fmt.Fprintf(&b, "\n%d tidak aktif lagi: tidak lagi wajib mengisi, riwayatnya tetap tersimpan", s.Deactivated)
	}
	for _, k := range s.KeptActive {
		b.WriteString("\n- " + k)
	}
	if s.NoPhone > 0 {
		fmt.Fprintf(&b, "\n%d ASN tanpa nomor HP maupun kode aktivasi di berkas: mereka hanya dapat masuk dengan kode aktivasi; "+
			"buat kode dengan /kode (atau openkarir codes) bagi yang belum punya", s.NoPhone)
	}
	for _, r := range s.Rejected {
		b.WriteString("\n- " + r.String())
	}
	if len(s.NewOPDs) > 0 {
		fmt.Fprintf(&b, "\nOPD baru (kode dibuat dari nama; ganti dengan berkas nama_unit;kode_opd;nama_opd bila perlu): %d", len(s.NewOPDs))
		for _, o := range s.NewOPDs {
			fmt.Fprintf(&b, "\n- %s = %s", o.Code, o.Name)
		}
	}
	if len(s.Warnings) > 0 {
		fmt.Fprintf(&b, "\nPeringatan (baris tetap dimuat): %d", len(s.Warnings))
		for i, w := range s.Warnings {
			if i == shownWarnings {
				fmt.Fprintf(&b, "\n… dan %d peringatan lainnya", len(s.Warnings)-shownWarnings)
				break
			}
			b.WriteString("\n- " + w.String())
		}
	}
	return b.String()
}

// WriteError is a roster that was read but not wholly written (reading the
// stored roster to compare, or writing, failed). Every write
// of an import is idempotent and rows already stored count as unchanged, so
// running the same import again completes it.
type WriteError struct {
	// Written is what was acknowledged before the failure (Unchanged and
	// Rejected as planned); the write that failed may have landed in part.
	Written Summary
	OPDs    int // agencies written
	Err     error
}

func (e *WriteError) Error() string {
	if !e.Wrote() {
		return fmt.Sprintf("write the roster (nothing written): %v", e.Err)
	}
	return fmt.Sprintf("write the roster (%d OPDs written, %d employees added and %d updated before the failure): %v",
		e.OPDs, e.Written.Added, e.Written.Updated, e.Err)
}

func (e *WriteError) Unwrap() error { return e.Err }

// Wrote reports whether any write was acknowledged before the failure.
func (e *WriteError) Wrote() bool { return e.OPDs+e.Written.Added+e.Written.Updated > 0 }

// WrittenSoFar is what was written before the failure: agencies, and
// employees added and updated (flows.ImportFailure).
func (e *WriteError) WrittenSoFar() (opds, added, updated int) {
	return e.OPDs, e.Written.Added, e.Written.Updated
}

// Import parses the roster and writes what changed in its good rows;
// agencies first, so every employee's OPD exists. A failure after the file
// was read is a *WriteError.
func Import(ctx context.Context, w Writer, r io.Reader, now time.Time) (*Summary, error) {
	return ImportWithProgress(ctx, w, r, now, ChatLimits(), nil)
}

// ImportWithProgress is Import within lim (the terminal's import-roster
// may allow a larger file than a chat), telling progress how far it is,
// at least every 10,000 rows read and written.
func ImportWithProgress(ctx context.Context, w Writer, r io.Reader, now time.Time, lim Limits, progress func(string)) (*Summary, error) {
	data, err := readRoster(r, lim)
	if err != nil {
		return nil, err
	}
	if isUnitMap(data) {
		return importUnitMap(ctx, w, data, false)
	}
	p, err := parseFor(ctx, w, data, now, progress)
	if err != nil {
		return nil, err
	}
	pl, err := newPlan(ctx, w, p, now)
	if err != nil {
		return nil, &WriteError{Written: Summary{Rows: p.Rows}, Err: err}
	}
	if p.Rows >= progressEvery {
		pl.progress = progress // a short file needs no progress lines
	}
	return pl.write(ctx, w)
}

// parseFor reads the roster beside the stored OPDs.
func parseFor(ctx context.Context, w Writer, data []byte, now time.Time, progress func(string)) (*Parsed, error) {
	stored, err := w.OPDs(ctx)
	if err != nil {
		return nil, &WriteError{Err: fmt.Errorf("read the stored OPDs: %w", err)}
	}
	var rows func(int)
	if progress != nil {
		rows = func(n int) { progress(fmt.Sprintf("%d baris dibaca", n)) }
	}
	return ParseWith(&Upload{Reader: bytes.NewReader(data), text: data}, now, stored, rows)
}

// Strict imports a roster sent in chat: the whole file is checked before
// any write, and a file with a bad row changes nothing.
type Strict struct{ W Writer }

// ImportAll loads a roster sent in chat with /impor (flows.RosterImporter).
// A failure after the file was read is a *WriteError.
func (s Strict) ImportAll(ctx context.Context, r io.Reader, now time.Time) (string, []string, error) {
	data, err := readRoster(r, ChatLimits())
	if err != nil {
		return "", nil, err
	}
	if isUnitMap(data) {
		sum, err := importUnitMap(ctx, s.W, data, true)
		if err != nil {
			return "", nil, err
		}
		if len(sum.Rejected) > 0 {
			return "", rejectedLines(sum.Rejected), nil
		}
		return sum.Text(), nil, nil
	}
	p, err := parseFor(ctx, s.W, data, now, nil)
	if err != nil {
		return "", nil, err
	}
	pl, err := newPlan(ctx, s.W, p, now)
	if err != nil {
		return "", nil, &WriteError{Written: Summary{Rows: p.Rows}, Err: err}
	}
	if len(pl.sum.Rejected) > 0 {
		return "", rejectedLines(pl.sum.Rejected), nil
	}
	sum, err := pl.write(ctx, s.W)
	if err != nil {
		return "", nil, err
	}
	return sum.Text(), nil, nil
}

// rejectedLines are refused rows as the chat lists them.
func rejectedLines(rs []Rejected) []string {
	out := make([]string, len(rs))
	for i, rj := range rs {
		out[i] = rj.String()
	}
	return out
}
