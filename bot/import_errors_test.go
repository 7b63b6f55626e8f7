package bot_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"openkarir/karir"
	"openkarir/roster"
	"openkarir/store"
)

// rosterWriterThatFails writes through the store until the database
// fails: its agencies at once, or after the first employees.
type rosterWriterThatFails struct {
	*store.Store
	opdsFail      bool
	employeesKept int
}

func (w rosterWriterThatFails) UpsertOPDs(ctx context.Context, opds []karir.OPD) (int, error) {
	if w.opdsFail {
		return 0, errors.New("connection reset by peer")
	}
	return w.Store.UpsertOPDs(ctx, opds)
}

func (w rosterWriterThatFails) WriteRoster(ctx context.Context, fresh, known []karir.RosterRow) (int, int, error) {
	fresh = fresh[:min(w.employeesKept, len(fresh))]
	known = known[:min(w.employeesKept-len(fresh), len(known))]
	added, updated, err := w.Store.WriteRoster(ctx, fresh, known)
	if err != nil {
		return added, updated, err
	}
	return added, updated, errors.New("i/o timeout")
}

// TestImportSaysWhatWasWritten: a database failure in the middle of /impor
// is not "the file cannot be read": the admin learns what happened and what
// was written, and sending the same file again completes the import.
func TestImportSaysWhatWasWritten(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	renamed := strings.ReplaceAll(string(roster.Sample), ", S.", ", Dr. S.")
	if n := strings.Count(renamed, "Dr. S."); n < 20 {
		t.Fatalf("the changed roster changes only %d rows", n)
	}

	t.Run("NothingWritten", func(t *testing.T) {
		h.stopBot()
		h.importer = roster.Strict{W: rosterWriterThatFails{Store: h.store, opdsFail: true}}
		h.start()
		got := h.tg.Upload(t, adminID, "roster.csv", []byte(renamed), "/impor")
		mustSee(t, got, "basis data", "connection reset by peer", "Tidak ada data yang diubah", "kirim ulang")
		mustNotSee(t, got, "tidak dapat dibaca")
	})
	t.Run("PartlyWritten", func(t *testing.T) {
		h.stopBot()
		h.importer = roster.Strict{W: rosterWriterThatFails{Store: h.store, employeesKept: 10}}
		h.start()
		got := h.tg.Upload(t, adminID, "roster.csv", []byte(renamed), "/impor")
		mustSee(t, got, "basis data", "i/o timeout", "Sebagian", "10 diperbarui", "kirim ulang")
		mustNotSee(t, got, "Tidak ada data yang diubah")
		mustSee(t, h.say(adminID, "/audit"), "impor")
	})
	t.Run("SentAgain", func(t *testing.T) {
		h.stopBot()
		h.importer = nil
		h.start()
		got := h.tg.Upload(t, adminID, "roster.csv", []byte(renamed), "/impor")
		changed := strings.Count(renamed, "Dr. S.")
		mustSee(t, got, "Data pegawai diimpor", fmt.Sprintf("Diperbarui: %d", changed-10), fmt.Sprintf("Tidak berubah: %d", 40-changed+10))
		emps, err := h.store.ListEmployees(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range emps {
			if strings.Contains(renamed, e.NIP+";"+strings.ReplaceAll(e.Name, "Dr. S.", "S.")+";") && strings.Contains(e.Name, ", S.") {
				t.Errorf("%s not renamed: %q", e.NIP, e.Name)
			}
		}
	})
	t.Run("FileUnreadable", func(t *testing.T) {
		got := h.tg.Upload(t, adminID, "roster.csv", []byte("\n\n"), "/impor")
		mustSee(t, got, "tidak dapat dibaca", "Tidak ada data yang diubah")
	})
}
