package roster

import (
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
}

// Text is the summary for a terminal or a chat.
func (s *Summary) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Baris dibaca: %d\nDitambahkan: %d\nDiperbarui: %d\nTidak berubah: %d\nDitolak: %d",
		s.Rows, s.Added, s.Updated, s.Unchanged, len(s.Rejected))
	for _, r := range s.Rejected {
		b.WriteString("\n- " + r.String())
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
	p, err := Parse(r, now)
	if err != nil {
		return nil, err
	}
	pl, err := newPlan(ctx, w, p)
	if err != nil {
		return nil, &WriteError{Written: Summary{Rows: p.Rows}, Err: err}
	}
	return pl.write(ctx, w)
}

// Strict imports a roster sent in chat: the whole file is checked before
// any write, and a file with a bad row changes nothing.
type Strict struct{ W Writer }

// ImportAll loads a roster sent in chat with /impor (flows.RosterImporter).
// A failure after the file was read is a *WriteError.
func (s Strict) ImportAll(ctx context.Context, r io.Reader, now time.Time) (string, []string, error) {
	p, err := Parse(r, now)
	if err != nil {
		return "", nil, err
	}
	pl, err := newPlan(ctx, s.W, p)
	if err != nil {
		return "", nil, &WriteError{Written: Summary{Rows: p.Rows}, Err: err}
	}
	if len(pl.sum.Rejected) > 0 {
		problems := make([]string, len(pl.sum.Rejected))
		for i, rj := range pl.sum.Rejected {
			problems[i] = rj.String()
		}
		return "", problems, nil
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
	sum  Summary
	opds []karir.OPD
	emps []karir.Employee
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
	pl := &plan{sum: Summary{Rows: p.Rows, Rejected: slices.Clone(p.Rejected)}}
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
		if exists && sameRosterFields(old, e) {
			pl.sum.Unchanged++
			continue
		}
		pl.emps = append(pl.emps, e)
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
	sum.Added, sum.Updated, err = w.UpsertEmployees(ctx, pl.emps)
	if err != nil {
		return nil, &WriteError{Written: sum, OPDs: opds, Err: fmt.Errorf("write employees: %w", err)}
	}
	return &sum, nil
}
