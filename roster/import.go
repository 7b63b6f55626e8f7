package roster

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"openkarir/karir"
)

// Writer is what an import reads and writes; the store implements it.
type Writer interface {
	ListEmployees(ctx context.Context) ([]karir.Employee, error)
	OPDs(ctx context.Context) ([]karir.OPD, error)
	// UpsertOPDs writes each agency's name and adds its positions to the
	// stored ones; it returns how many it wrote, also when it fails.
	UpsertOPDs(ctx context.Context, opds []karir.OPD) (int, error)
	// UpsertEmployees writes the roster's fields of each employee by NIP and
	// counts the new and the existing ones it wrote, also when it fails.
	UpsertEmployees(ctx context.Context, emps []karir.Employee) (added, updated int, err error)
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
	return ImportWithProgress(ctx, w, r, now, nil)
}

// ImportWithProgress is Import telling progress how far it is, at least
// every 10,000 rows read and written (the terminal's import-roster).
func ImportWithProgress(ctx context.Context, w Writer, r io.Reader, now time.Time, progress func(string)) (*Summary, error) {
	data, err := readRoster(r)
	if err != nil {
		return nil, err
	}
	if IsUnitMap(data) {
		return importUnitMap(ctx, w, data, false)
	}
	p, err := parseFor(ctx, w, data, now, progress)
	if err != nil {
		return nil, err
	}
	pl, err := newPlan(ctx, w, p)
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
	return ParseWith(bytes.NewReader(data), now, stored, rows)
}

// Strict imports a roster sent in chat: the whole file is checked before
// any write, and a file with a bad row changes nothing.
type Strict struct{ W Writer }

// ImportAll loads a roster sent in chat with /impor (flows.RosterImporter).
// A failure after the file was read is a *WriteError.
func (s Strict) ImportAll(ctx context.Context, r io.Reader, now time.Time) (string, []string, error) {
	data, err := readRoster(r)
	if err != nil {
		return "", nil, err
	}
	if IsUnitMap(data) {
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
	pl, err := newPlan(ctx, s.W, p)
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

// plan is an import compared with the stored roster: only what differs is
// written, so a re-import of 100,000 unchanged rows writes nothing, and one
// run again after a failure writes only what the failure left out.
type plan struct {
	progress func(string)
	sum      Summary
	opds     []karir.OPD
	emps     []karir.Employee
}

func newPlan(ctx context.Context, w Writer, p *Parsed) (*plan, error) {
	stored, err := w.ListEmployees(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the stored roster: %w", err)
	}
	storedOPDs, err := w.OPDs(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the stored OPDs: %w", err)
	}
	byNIP := make(map[string]karir.Employee, len(stored))
	for _, e := range stored {
		byNIP[e.NIP] = e
	}
	pl := &plan{sum: Summary{Rows: p.Rows, Rejected: slices.Clone(p.Rejected), Inactive: p.Inactive,
		Warnings: p.Warnings}}
	used := map[string]bool{} // OPDs of the rows kept
	for _, row := range p.Employees {
		e := row.Employee
		old, exists := byNIP[e.NIP]
		if exists {
			if row.Code == KeepCode {
				e.ActivationHash = old.ActivationHash
			}
			if row.KeepPhone {
				e.Phone = old.Phone
			}
			// Empty optional cells keep what is stored, as the store's
			// upsert does.
			e.Golongan = cmp.Or(e.Golongan, old.Golongan)
			e.SupervisorNIP = cmp.Or(e.SupervisorNIP, old.SupervisorNIP)
			e.Education = cmp.Or(e.Education, old.Education)
			if e.TMTJabatan.IsZero() {
				e.TMTJabatan = old.TMTJabatan
			}
			if e.BirthDate.IsZero() {
				e.BirthDate = old.BirthDate
			}
		}
		if e.Phone == "" && e.ActivationHash == "" {
			pl.sum.Rejected = append(pl.sum.Rejected, Rejected{Line: row.Line, NIP: e.NIP, Reason: txtNoProof})
			continue
		}
		used[e.OPDCode] = true
		if e.Kind == karir.PPPK {
			pl.sum.PPPK++
		} else {
			pl.sum.PNS++
		}
		if exists && sameRosterFields(old, e) {
			pl.sum.Unchanged++
			continue
		}
		pl.emps = append(pl.emps, e)
	}
	for _, o := range p.NewOPDs {
		if used[o.Code] {
			pl.sum.NewOPDs = append(pl.sum.NewOPDs, o)
		}
	}
	slices.SortStableFunc(pl.sum.Rejected, func(a, b Rejected) int { return cmp.Compare(a.Line, b.Line) })
	have := make(map[string]karir.OPD, len(storedOPDs))
	for _, o := range storedOPDs {
		have[o.Code] = o
	}
	for _, o := range p.OPDs {
		if !used[o.Code] {
			continue
		}
		old, ok := have[o.Code]
		if ok && old.Name == o.Name && containsAll(old.Positions, o.Positions) {
			continue
		}
		pl.opds = append(pl.opds, o)
	}
	return pl, nil
}

// sameRosterFields reports whether a row would change nothing the roster
// carries (the fields the store's UpsertEmployees writes, the time aside).
func sameRosterFields(a, b karir.Employee) bool {
	return a.Name == b.Name && a.OPDCode == b.OPDCode && a.OPDName == b.OPDName && a.Position == b.Position &&
		a.Eselon == b.Eselon && a.Phone == b.Phone && a.ActivationHash == b.ActivationHash &&
		a.Golongan == b.Golongan && a.SupervisorNIP == b.SupervisorNIP &&
		a.JabatanType == b.JabatanType && a.Kind == b.Kind && a.Education == b.Education &&
		a.TMTJabatan.Equal(b.TMTJabatan) && a.BirthDate.Equal(b.BirthDate)
}

func containsAll(have, want []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

func (pl *plan) write(ctx context.Context, w Writer) (*Summary, error) {
	sum := pl.sum
	opds, err := w.UpsertOPDs(ctx, pl.opds)
	if err != nil {
		return nil, &WriteError{Written: sum, OPDs: opds, Err: fmt.Errorf("write OPDs: %w", err)}
	}
	// In chunks, so a long import says how far it is.
	for start := 0; start < len(pl.emps); start += progressEvery {
		added, updated, err := w.UpsertEmployees(ctx, pl.emps[start:min(start+progressEvery, len(pl.emps))])
		sum.Added, sum.Updated = sum.Added+added, sum.Updated+updated
		if err != nil {
			return nil, &WriteError{Written: sum, OPDs: opds, Err: fmt.Errorf("write employees: %w", err)}
		}
		if pl.progress != nil {
			pl.progress(fmt.Sprintf("%d dari %d pegawai ditulis", sum.Added+sum.Updated, len(pl.emps)))
		}
	}
	return &sum, nil
}

// rejectedLines are refused rows as the chat lists them.
func rejectedLines(rs []Rejected) []string {
	out := make([]string, len(rs))
	for i, rj := range rs {
		out[i] = rj.String()
	}
	return out
}
