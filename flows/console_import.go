package flows

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"openkarir/karir"
)

// RosterFile tells whether a file can be a roster: a document named .csv,
// .txt or .xlsx (the roster package reads both kinds).
func RosterFile(f *FileRef) bool {
	ext := strings.ToLower(path.Ext(f.Name))
	return f.Kind == "document" && (ext == ".csv" || ext == ".txt" || ext == ".xlsx")
}

// MaxDownload is the largest file a bot may download (getFile's limit,
// Telegram Bot API: "bots can download files of up to 20MB in size").
const MaxDownload = 20 << 20

// ErrFileTooBig is a download Telegram refused for the file's size ("file
// is too big"), when the update did not say its size.
var ErrFileTooBig = errors.New("file is too big to download")

// megabytes is a file size as people read it: "21,3 MB", or "lebih dari
// 20 MB" when the size is not known.
func megabytes(n int) string {
	if n <= 0 {
		return "lebih dari 20 MB"
	}
	return strings.Replace(fmt.Sprintf("%.1f MB", float64(n)/(1<<20)), ".", ",", 1)
}

// importRoster loads a roster CSV sent with the caption /impor, or talent
// data when the header is the talent file's. A file with any bad row
// changes nothing. The import runs beside the chat (a city's roster takes
// most of a minute), with a message that shows how far it got.
func (c *Console) importRoster(t *Turn) error {
	f := t.In.File
	if f == nil {
		t.Sayf(txtImportHow + txtImportKinds)
		return nil
	}
	if !RosterFile(f) {
		t.Sayf(txtImportWrongType)
		return nil
	}
	// Telegram does not let a bot download a file over 20 MB: say so once,
	// from the size the update gave, rather than try (and retry) in vain.
	if f.Size > MaxDownload {
		t.Sayf(txtImportTooBig, megabytes(f.Size))
		return nil
	}
	name := esc(f.Name)
	t.Beside(fmt.Sprintf(txtImportStarted, name), fmt.Sprintf(txtImportFinished, name), func(w *Turn, progress func(string)) error {
		return c.importFile(w, f, func(size int) { progress(fmt.Sprintf(txtImportChecking, name, megabytes(size))) })
	})
	return nil
}

// importFile downloads and imports the file, telling downloaded the size
// of what it then checks and writes.
func (c *Console) importFile(t *Turn, f *FileRef, downloaded func(size int)) error {
	data, err := c.Files.Download(t.Ctx, f.ID)
	if errors.Is(err, ErrFileTooBig) {
		t.Sayf(txtImportTooBig, megabytes(f.Size))
		return nil
	}
	if err != nil {
		return fmt.Errorf("download roster: %w", err)
	}
	downloaded(len(data))
	file, kind := io.Reader(bytes.NewReader(data)), karir.ImportRoster
	if c.Uploads != nil {
		// Read once, whichever import the header calls for.
		if file, kind, err = c.Uploads.ReadUpload(data); err != nil {
			t.Sayf(txtImportUnreadable+txtImportKinds, esc(err.Error()))
			return nil
		}
	}
	switch {
	case kind == karir.ImportForms && c.Forms != nil:
		return c.importForms(t, f, file)
	case kind == karir.ImportPosts && c.Posts != nil:
		return c.importPosts(t, f, file)
	}
	importer, done, stopped, talent := c.Importer, txtImported, c.importStopped, false
	if kind == karir.ImportTalent && c.Talent != nil {
		importer, done, stopped, talent = c.Talent, txtTalentImported, c.talentImportStopped, true
	}
	summary, problems, err := importer.ImportAll(t.Ctx, file, c.Now())
	if failure, ok := errors.AsType[ImportFailure](err); ok {
		return stopped(t, f, failure)
	}
	if err != nil {
		// Not a file of any kind /impor knows, or one missing a column:
		// the headers of each kind.
		t.Sayf(txtImportUnreadable+txtImportKinds, esc(err.Error()))
		return nil
	}
	if len(problems) > 0 {
		return c.rejectedRows(t, problems)
	}
	// A talent import's list of boxes SIMATA gave otherwise than the bot
	// computes follows the counts after a blank line: shown apart, and
	// kept out of the audit line.
	var differ string
	if talent {
		summary, differ, _ = strings.Cut(summary, "\n\n")
	}
	t.Sayf(done, esc(summary))
	if differ != "" {
		if err := c.boxDiffs(t, differ); err != nil {
			return err
		}
	}
	return c.audit.Record(t, "impor", fmt.Sprintf("%s: %s", f.Name, strings.ReplaceAll(summary, "\n", "; ")))
}

// shownDiffs is how many differing boxes the message lists; a longer list
// comes whole in a file.
const shownDiffs = 30

// boxDiffs lists the ASN whose SIMATA box differs from the computed one:
// the head line, then one line each.
func (c *Console) boxDiffs(t *Turn, differ string) error {
	lines := strings.Split(differ, "\n")
	if len(lines) <= shownDiffs+1 {
		t.SayLong(esc(differ))
		return nil
	}
	t.SayLong(esc(strings.Join(lines[:shownDiffs+1], "\n")) + fmt.Sprintf(txtTalentDiffMore, len(lines)-1-shownDiffs))
	rows := make([][]string, 0, len(lines)-1)
	for _, l := range lines[1:] {
		rows = append(rows, []string{strings.TrimPrefix(l, "- ")})
	}
	doc, err := c.Reports.CSV([]string{"kotak berbeda"}, rows)
	if err != nil {
		return err
	}
	t.Say(karir.Reply{Text: fmt.Sprintf(txtTalentDiffFile, len(rows)), Document: &karir.File{Name: "kotak-berbeda.csv", Data: doc}})
	return nil
}

// Rejected rows are listed in the message, up to shownProblems of them; a
// longer list comes whole in a file beside the message, and the message
// says how many more it holds.
const shownProblems = 15

// The file of rejected rows lists at most fileProblems of them, each
// clipped to problemChars: far inside Telegram's 50 MB for a document
// (a zip bomb's rows made 58 MB), and still every row a real roster could
// get wrong. Past the cap, its last line says how many it leaves out.
const (
	fileProblems = 20_000
	problemChars = 500
)

// rejectedRowsFile is the rows of the file of rejected rows.
func rejectedRowsFile(problems []string) [][]string {
	listed := problems[:min(len(problems), fileProblems)]
	rows := make([][]string, 0, len(listed)+1)
	for _, p := range listed {
		rows = append(rows, []string{karir.ClipText(p, problemChars)})
	}
	if left := len(problems) - len(listed); left > 0 {
		rows = append(rows, []string{fmt.Sprintf(txtImportRowsLeftOut, left)})
	}
	return rows
}

// rejectedRows tells the admin that the file changed nothing, and why.
func (c *Console) rejectedRows(t *Turn, problems []string) error {
	text := fmt.Sprintf(txtImportRejected, len(problems))
	shown := make([]string, 0, shownProblems)
	for _, p := range problems[:min(len(problems), shownProblems)] {
		shown = append(shown, karir.ClipText(p, problemChars))
	}
	if len(problems) <= shownProblems {
		t.SayLong(text + esc(strings.Join(shown, "\n")))
		return nil
	}
	t.SayLong(text + esc(strings.Join(shown, "\n")) +
		fmt.Sprintf(txtImportMoreRows, len(problems)-shownProblems, len(problems)))
	doc, err := c.Reports.CSV([]string{"masalah"}, rejectedRowsFile(problems))
	if err != nil {
		return err
	}
	t.Say(karir.Reply{Text: fmt.Sprintf(txtImportRowsFile, len(problems)), Document: &karir.File{Name: "baris-ditolak.csv", Data: doc}})
	return nil
}

// importStopped tells the admin that the database stopped an import, and
// what it had written: sending the same file again completes it.
func (c *Console) importStopped(t *Turn, f *FileRef, failure ImportFailure) error {
	opds, added, updated := failure.WrittenSoFar()
	cause := failure.Error()
	if err := errors.Unwrap(failure); err != nil {
		cause = err.Error() // the counts are said below, in Indonesian
	}
	if opds+added+updated == 0 {
		t.Sayf(txtImportFailedNothing, esc(cause))
		return nil
	}
	t.Sayf(txtImportFailedPartly, esc(cause), opds, added, updated)
	return c.audit.Record(t, "impor", fmt.Sprintf("%s: terhenti (gangguan basis data) setelah %d OPD, %d pegawai ditambahkan, %d diperbarui",
		f.Name, opds, added, updated))
}
