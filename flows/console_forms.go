package flows

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"openkarir/karir"
)

// FormsImporter loads forms filed outside the bot (on paper, with Google
// Forms), sent in chat with /impor.
type FormsImporter interface {
	// ImportForms writes the forms only when every row is valid, as
	// RosterImporter.ImportAll; rows of ASN who filed in the bot are
	// reported in the summary, not overwritten.
	ImportForms(ctx context.Context, r io.Reader, b karir.FormsImport) (summary string, problems []string, err error)
}

// importForms loads a paper forms file into the current round.
func (c *Console) importForms(t *Turn, f *FileRef, file io.Reader) error {
	if !t.Round.Opened() {
		t.Sayf(txtNoRoundAdmin)
		return nil
	}
	name, err := actorName(t, c.Store)
	if err != nil {
		return err
	}
	b := karir.FormsImport{Round: t.Round.ID, File: f.Name, ActorID: t.In.UserID, ActorName: name, Now: c.Now(), Loc: c.Location}
	summary, problems, err := c.Forms.ImportForms(t.Ctx, file, b)
	return c.importAnswered(t, f, "formulir", txtFormsImported, summary, problems, err)
}

// importAnswered tells the admin how an import of one kind went: done,
// refused rows, an unreadable file, or stopped by the database.
func (c *Console) importAnswered(t *Turn, f *FileRef, kind, done, summary string, problems []string, err error) error {
	if failure, ok := errors.AsType[ImportFailure](err); ok {
		_, added, updated := failure.WrittenSoFar()
		cause := failure.Error()
		if err := errors.Unwrap(failure); err != nil {
			cause = err.Error()
		}
		if added+updated == 0 {
			t.Sayf(txtImportFailedNothing, esc(cause))
			return nil
		}
		t.Sayf(txtImportKindFailedPartly, esc(cause), added, updated)
		return c.audit.Record(t, "impor", fmt.Sprintf("%s: %s terhenti (gangguan basis data) setelah %d ditambahkan, %d diperbarui",
			f.Name, kind, added, updated))
	}
	if err != nil {
		t.Sayf(txtImportUnreadable, esc(err.Error()))
		return nil
	}
	if len(problems) > 0 {
		return c.rejectedRows(t, problems)
	}
	t.SayLong(fmt.Sprintf(done, esc(summary)))
	return c.audit.Record(t, "impor", fmt.Sprintf("%s: %s: %s", f.Name, kind, strings.ReplaceAll(summary, "\n", "; ")))
}
