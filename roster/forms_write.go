package roster

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"openkarir/karir"
)

// FormsWriter is what a paper forms import reads and writes; the store
// implements it.
type FormsWriter interface {
	EmployeesIn(ctx context.Context, opd string) ([]karir.Employee, error)
	OPDs(ctx context.Context) ([]karir.OPD, error)
	ListSubmissions(ctx context.Context, round string) ([]karir.Submission, error)
	SaveSubmission(ctx context.Context, s *karir.Submission) error
	PostMaps(ctx context.Context) ([]karir.PostMap, error)
}

// FormsSummary is what a forms import did.
type FormsSummary struct {
	Rows, Added, Updated, Unchanged int
	// Kept are rows of ASN who filed in the bot (or whose imported form
	// moved on since): reported, not overwritten.
	Kept     []Rejected
	Rejected []Rejected
}

// Text is the summary for a terminal or a chat.
func (s *FormsSummary) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Baris dibaca: %d\nFormulir ditambahkan: %d\nDiperbarui: %d\nTidak berubah: %d\nTidak ditimpa: %d\nDitolak: %d",
		s.Rows, s.Added, s.Updated, s.Unchanged, len(s.Kept), len(s.Rejected))
	listRows(&b, s.Kept)
	listRows(&b, s.Rejected)
	return b.String()
}

// listedRows is how many rows of a kind a summary lists.
const listedRows = 15

func listRows(b *strings.Builder, rows []Rejected) {
	for _, r := range rows[:min(len(rows), listedRows)] {
		b.WriteString("\n- " + r.String())
	}
	if len(rows) > listedRows {
		fmt.Fprintf(b, "\n- … dan %d baris lain", len(rows)-listedRows)
	}
}

// FormsWriteError is a forms import the database stopped after the file
// was read: each form is one document, so what was written stands, and
// the same file imported again writes only the rest.
type FormsWriteError struct {
	Added, Updated int
	Err            error
}

func (e *FormsWriteError) Error() string {
	return fmt.Sprintf("write imported forms (%d added and %d updated before the failure): %v", e.Added, e.Updated, e.Err)
}

func (e *FormsWriteError) Unwrap() error { return e.Err }

// WrittenSoFar implements flows.ImportFailure: no agencies, forms added
// and updated.
func (e *FormsWriteError) WrittenSoFar() (opds, added, updated int) { return 0, e.Added, e.Updated }

// formsPlan is a parsed file compared with the round's submissions.
type formsPlan struct {
	sum   FormsSummary
	subs  []*karir.Submission
	added int // of subs, the new ones (first)
}

// parseFormsFor reads the file against the stored roster and forms.
func parseFormsFor(ctx context.Context, w FormsWriter, r io.Reader, b karir.FormsImport) (*formsPlan, error) {
	emps, err := w.EmployeesIn(ctx, "")
	if err != nil {
		return nil, &FormsWriteError{Err: fmt.Errorf("read the roster: %w", err)}
	}
	opds, err := w.OPDs(ctx)
	if err != nil {
		return nil, &FormsWriteError{Err: fmt.Errorf("read the OPDs: %w", err)}
	}
	maps, err := w.PostMaps(ctx)
	if err != nil {
		return nil, &FormsWriteError{Err: err}
	}
	lk := formLookup{emps: make(map[string]karir.Employee, len(emps)), opds: opds, planned: map[string][]string{}}
	for _, m := range maps {
		for _, p := range m.Posts {
			lk.planned[m.OPDCode] = append(lk.planned[m.OPDCode], p.Name)
		}
	}
	for _, e := range emps {
		lk.emps[e.NIP] = e
	}
	p, err := ParseForms(r, lk, b.Now, b.Loc)
	if err != nil {
		return nil, err
	}
	subs, err := w.ListSubmissions(ctx, b.Round)
	if err != nil {
		return nil, &FormsWriteError{Err: fmt.Errorf("read the round's forms: %w", err)}
	}
	filed := make(map[string]*karir.Submission, len(subs))
	for i := range subs {
		filed[subs[i].NIP] = &subs[i]
	}
	pl := &formsPlan{sum: FormsSummary{Rows: p.Rows, Rejected: p.Rejected}}
	var updates []*karir.Submission
	for _, f := range p.Forms {
		old, ok := filed[f.NIP]
		switch {
		case !ok:
			sub, err := importedSubmission(lk.emps[f.NIP], f, b)
			if err != nil {
				return nil, err
			}
			pl.subs = append(pl.subs, sub)
		case old.ImportedFrom == "" || old.TelegramID != 0:
			pl.sum.Kept = append(pl.sum.Kept, Rejected{Line: f.Line, NIP: f.NIP, Reason: "sudah mengisi lewat bot; tidak ditimpa"})
		case old.Stage != karir.StepSubmitted:
			pl.sum.Kept = append(pl.sum.Kept, Rejected{Line: f.Line, NIP: f.NIP,
				Reason: "formulir impor sebelumnya sudah diproses (" + karir.StepLabel(old.Stage) + "); tidak ditimpa"})
		case old.Answers == f.Answers:
			pl.sum.Unchanged++
		default:
			// The same ASN's paper form corrected: imported again.
			old.Revisions = append(old.Revisions, karir.Revision{At: b.Now, Old: old.Answers, New: f.Answers})
			old.Answers, old.ImportedFrom, old.UpdatedAt = f.Answers, b.File, b.Now
			updates = append(updates, old)
		}
	}
	pl.added = len(pl.subs)
	pl.subs = append(pl.subs, updates...)
	return pl, nil
}

// importedSubmission is a paper form as the submission of the round,
// filed on its date, its first milestone naming the file and the admin.
func importedSubmission(e karir.Employee, f FormRow, b karir.FormsImport) (*karir.Submission, error) {
	ref, err := karir.RandomCode(nil, 6)
	if err != nil {
		return nil, err
	}
	sub := &karir.Submission{
		ID: karir.SubmissionID(b.Round, e.NIP), Round: b.Round, NIP: e.NIP, Ref: "OK-" + ref,
		Name: e.Name, OPDCode: e.OPDCode, OPDName: e.OPDName, Position: e.Position, Eselon: e.Eselon,
		Answers: f.Answers, ImportedFrom: b.File, SubmittedAt: f.Filed, UpdatedAt: b.Now,
	}
	m := karir.Milestone{Step: karir.StepSubmitted, At: f.Filed, ActorID: b.ActorID, ActorName: b.ActorName,
		Note: fmt.Sprintf("diimpor dari formulir di luar bot (berkas %s, baris %d)", b.File, f.Line)}
	if err := sub.Record(m, b.Loc); err != nil {
		return nil, err
	}
	return sub, nil
}

// formWriters is how many forms are saved at once: the store groups
// concurrent commits into one write (store/committer.go). 10,000 forms
// took 44 s with 8 and 32 s with 32, on the shared machine at load 22.
const formWriters = 32

// write saves the planned forms; a failure is a *FormsWriteError with the
// counts of what landed.
func (pl *formsPlan) write(ctx context.Context, w FormsWriter) (*FormsSummary, error) {
	sum := pl.sum
	var (
		mu   sync.Mutex
		errs []error
		wg   sync.WaitGroup
	)
	next := make(chan int)
	for range formWriters {
		wg.Go(func() {
			for i := range next {
				err := w.SaveSubmission(ctx, pl.subs[i])
				mu.Lock()
				switch {
				case err != nil:
					errs = append(errs, fmt.Errorf("save form of %s: %w", pl.subs[i].NIP, err))
				case i < pl.added:
					sum.Added++
				default:
					sum.Updated++
				}
				mu.Unlock()
			}
		})
	}
	for i := range pl.subs {
		mu.Lock()
		stop := len(errs) > 0
		mu.Unlock()
		if stop {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if len(errs) > 0 {
		return nil, &FormsWriteError{Added: sum.Added, Updated: sum.Updated, Err: errors.Join(errs...)}
	}
	return &sum, nil
}

// ImportForms loads paper forms from a terminal: the good rows are
// written, the bad ones listed.
func ImportForms(ctx context.Context, w FormsWriter, r io.Reader, b karir.FormsImport) (*FormsSummary, error) {
	pl, err := parseFormsFor(ctx, w, r, b)
	if err != nil {
		return nil, err
	}
	return pl.write(ctx, w)
}

// StrictForms imports paper forms sent in chat: a file with a bad row
// changes nothing (flows.FormsImporter).
type StrictForms struct{ W FormsWriter }

// ImportForms implements flows.FormsImporter.
func (s StrictForms) ImportForms(ctx context.Context, r io.Reader, b karir.FormsImport) (string, []string, error) {
	pl, err := parseFormsFor(ctx, s.W, r, b)
	var rejected []Rejected
	if pl != nil {
		rejected = pl.sum.Rejected
	}
	return strictly(pl, rejected, err, func(pl *formsPlan) (*FormsSummary, error) { return pl.write(ctx, s.W) })
}
