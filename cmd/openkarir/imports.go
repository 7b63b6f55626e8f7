package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"openkarir/karir"
	"openkarir/roster"
	"openkarir/store"
)

// importRoster loads the employee roster from a file (our header, a
// SIASN/SIMPEG export, or a unit map): good rows are written, bad ones
// listed with their line; a line on stderr every 10,000 rows says how far
// it is.
func importRoster(ctx context.Context, getenv func(string) string, path string, stdout, stderr io.Writer) error {
	return importFile(ctx, getenv, "roster", path, stdout, stderr, func(cfg Config, st *store.Store, f *os.File) (string, error) {
		progress := func(line string) { fmt.Fprintln(stderr, line) }
		lim := roster.Limits{MaxText: cfg.ImportMaxText, Raise: "naikkan IMPORT_MAX_UNZIPPED_MB"}
		sum, err := roster.ImportWithProgress(ctx, st, f, time.Now(), lim, progress)
		if err != nil {
			return "", err
		}
		return sum.Text(), nil
	})
}

// importTalent loads a talent file (nip,tahun,predikat_kinerja,potensial)
// the same way.
func importTalent(ctx context.Context, getenv func(string) string, path string, stdout, stderr io.Writer) error {
	return importFile(ctx, getenv, "talent", path, stdout, stderr, func(_ Config, st *store.Store, f *os.File) (string, error) {
		sum, err := roster.ImportTalent(ctx, st, f, time.Now())
		if err != nil {
			return "", err
		}
		return sum.Text(), nil
	})
}

// importFile opens the file and the store, runs load, and prints the
// summary it returns.
func importFile(ctx context.Context, getenv func(string) string, what, path string, stdout, stderr io.Writer,
	load func(Config, *store.Store, *os.File) (string, error)) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("import %s: %w", what, err)
	}
	defer f.Close()
	return withStore(ctx, getenv, stderr, func(cfg Config, st *store.Store, _ *slog.Logger) error {
		sum, err := load(cfg, st, f)
		if err != nil {
			return fmt.Errorf("import %s %s: %w", what, path, err)
		}
		fmt.Fprintln(stdout, sum)
		return nil
	})
}

// importPosts loads a peta jabatan (kode_opd/nama_opd, jabatan,
// jenis_jabatan/eselon, kebutuhan): each OPD in the file gets its posts.
func importPosts(ctx context.Context, getenv func(string) string, path string, stdout, stderr io.Writer) error {
	return importFile(ctx, getenv, "peta jabatan", path, stdout, stderr, func(_ Config, st *store.Store, f *os.File) (string, error) {
		sum, err := roster.ImportPosts(ctx, st, f, time.Now())
		if err != nil {
			return "", err
		}
		return sum.Text(), nil
	})
}

// importForms loads forms filed outside the bot into the current round,
// as the terminal's act (named in each form's first milestone).
func importForms(ctx context.Context, getenv func(string) string, path string, stdout, stderr io.Writer) error {
	return importFile(ctx, getenv, "forms", path, stdout, stderr, func(cfg Config, st *store.Store, f *os.File) (string, error) {
		// The first round opens from FORM_DEADLINE, as when the bot starts.
		rounds, err := openRounds(ctx, cfg, st, newLogger(cfg, stderr), time.Now())
		if err != nil {
			return "", err
		}
		round, err := rounds.CurrentRound(ctx)
		if err != nil {
			return "", err
		}
		if !round.Opened() {
			return "", errors.New("no round yet: set FORM_DEADLINE, or open one (openkarir new-round YYYY-MM-DD --yes)")
		}
		b := karir.FormsImport{Round: round.ID, File: filepath.Base(path), ActorName: "terminal (openkarir import-forms)",
			Now: time.Now(), Loc: cfg.Location}
		sum, err := roster.ImportForms(ctx, st, f, b)
		if err != nil {
			return "", err
		}
		return sum.Text(), nil
	})
}
