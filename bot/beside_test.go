package bot_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"openkarir/flows"
	"openkarir/karir"
	"openkarir/roster"
)

// heldImporter is the roster importer with its first import (the read of
// the file, or its import) held until the test lets it go, so the test
// knows an import is running. Once let
// go, a held import that was given up (its process "died") fails; later
// ones go through.
type heldImporter struct {
	inner   flows.RosterImporter
	begun   chan struct{}
	release chan struct{}
	once    sync.Once
	freed   sync.Once
	dead    bool
}

func newHeldImporter(h *harness) *heldImporter {
	return &heldImporter{inner: roster.Strict{W: h.store}, begun: make(chan struct{}), release: make(chan struct{})}
}

func (i *heldImporter) ImportAll(ctx context.Context, r io.Reader, now time.Time) (string, []string, error) {
	if err := i.hold(); err != nil {
		return "", nil, err
	}
	return i.inner.ImportAll(ctx, r, now)
}

// ReadUpload is roster.Uploads', held as ImportAll (flows.UploadReader).
func (i *heldImporter) ReadUpload(data []byte) (io.Reader, karir.ImportKind, error) {
	if err := i.hold(); err != nil {
		return nil, "", err
	}
	return roster.Uploads{}.ReadUpload(data)
}

// hold holds the first call until the test lets it go.
func (i *heldImporter) hold() error {
	first := false
	i.once.Do(func() { first = true; close(i.begun) })
	if first {
		<-i.release
		if i.dead {
			return errors.New("the process died")
		}
	}
	return nil
}

func (i *heldImporter) free() { i.freed.Do(func() { close(i.release) }) }

// paddedRoster is the sample roster and n more employees, each row carrying
// a note column of pad characters (the importer keeps the known columns).
func paddedRoster(n, pad int) []byte {
	var b bytes.Buffer
	lines := strings.Split(strings.TrimSpace(string(roster.Sample)), "\n")
	b.WriteString(lines[0] + ";catatan\n")
	for _, l := range lines[1:] {
		b.WriteString(l + ";\n")
	}
	note := strings.Repeat("x", pad)
	for i := range n {
		birth := time.Date(1975, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/500)
		nip := fmt.Sprintf("%s200003%d%03d", birth.Format("20060102"), 1+i%2, i%500)
		fmt.Fprintf(&b, "%s;ASN Impor %d;OPD%02d;Dinas %02d;Analis %d;IV;0813%08d;;%s\n", nip, i, i%40, i%40, i%9, i, note)
	}
	return b.Bytes()
}

// TestImportRunsBesideTheChats: while a super admin's roster imports (20
// MB of it, or a file with one 2 MB field), another user's /status and the
// admin's own /bantuan are answered (the import is held until they are,
// so they came first), and the import's progress message is edited to its
// end.
func TestImportRunsBesideTheChats(t *testing.T) {
	rows, pad := 5000, 3950
	if testing.Short() {
		rows, pad = 500, 100
	}
	field := strings.Replace(string(paddedRoster(10, 10)), ";xxxxxxxxxx\n", ";"+strings.Repeat("y", 2<<20)+"\n", 1)
	for _, c := range []struct {
		name string
		data []byte
		rows int    // employees after the import
		want string // in its report
	}{
		{"20MB", paddedRoster(rows, pad), rows + 40, "Data pegawai diimpor"},
		{"Field2MB", []byte(field), 40, "lebih dari 4.000 karakter"},
	} {
		t.Run(c.name, func(t *testing.T) { importBeside(t, c.data, c.rows, c.want) })
	}
}

func importBeside(t *testing.T, data []byte, rows int, want string) {
	h := newHarness(t)
	const user = 1361
	h.bindByCode(user, nipCode, codeText)
	h.stopBot()
	imp := newHeldImporter(h)
	h.importer, h.uploads = imp, imp // the file's check is held too: a 2 MB field stops there
	h.start()
	t.Cleanup(imp.free) // before the bot stops, which waits for the import
	t.Logf("roster file: %.1f MB", float64(len(data))/(1<<20))
	mark := h.tg.Seq()
	upload := h.tg.SendDocument(adminID, "pegawai.csv", data, "/impor")
	h.waitMessageSince(adminID, mark, "sedang diimpor")
	waitClosed(t, imp.begun, "the import begun")

	statusMark := h.tg.Seq()
	asked := time.Now()
	h.tg.SendText(user, "/status")
	h.waitMessageSince(user, statusMark, "belum mengisi")
	t.Logf("/status answered in %v while the import ran", time.Since(asked).Round(time.Millisecond))
	adminMark := h.tg.Seq()
	h.tg.SendText(adminID, "/bantuan")
	h.waitMessageSince(adminID, adminMark, "Bantuan Open Karir")

	imp.free()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	started := time.Now()
	if err := h.tg.WaitHandled(ctx, upload); err != nil {
		t.Fatal(err)
	}
	t.Logf("the import took %v once let go", time.Since(started).Round(time.Millisecond))
	got := h.tg.Since(adminID, mark)
	mustSee(t, got, want, "selesai diproses")
	if n := countTexts(got, want); n != 1 {
		t.Errorf("import reported %d times:\n%s", n, dump(got))
	}
	for _, m := range got {
		if strings.Contains(m.Text, "selesai diproses") && !m.Edited {
			t.Errorf("the progress message was sent anew, not edited: %q", m.Text)
		}
	}
	if emps, err := h.store.ListEmployees(ctx); err != nil || len(emps) != rows {
		t.Errorf("%d employees after the import, want %d (%v)", len(emps), rows, err)
	}
}

// TestImportInterruptedIsCompletedByTheNextProcess: the process dies
// while an import runs. Telegram still has the update (it is confirmed
// only once the import is done), so the next process imports the file
// again, completely, and reports it once.
func TestImportInterruptedIsCompletedByTheNextProcess(t *testing.T) {
	h := newHarness(t)
	h.stopBot()
	imp := newHeldImporter(h)
	imp.dead = true
	h.importer = imp
	h.start()
	t.Cleanup(imp.free)
	data := paddedRoster(200, 10)
	mark := h.tg.Seq()
	upload := h.tg.SendDocument(adminID, "pegawai.csv", data, "/impor")
	waitClosed(t, imp.begun, "the import begun")
	h.crash()

	h.start()
	waitHandled(t, h, upload)
	got := h.tg.Since(adminID, mark)
	if n := countTexts(got, "Data pegawai diimpor"); n != 1 {
		t.Errorf("import reported %d times:\n%s", n, dump(got))
	}
	if emps, err := h.store.ListEmployees(context.Background()); err != nil || len(emps) != 240 {
		t.Errorf("%d employees after the restart, want 240 (%v)", len(emps), err)
	}
}
