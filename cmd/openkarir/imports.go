package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"openkarir/roster"
	"openkarir/store"
)

// importRoster loads the employee roster from a file: good rows are
// written, bad ones listed with their line.
func importRoster(ctx context.Context, getenv func(string) string, path string, stdout, stderr io.Writer) error {
	return importFile(ctx, getenv, "roster", path, stdout, stderr, func(st *store.Store, f *os.File) (string, error) {
		sum, err := roster.Import(ctx, st, f, time.Now())
		if err != nil {
			return "", err
		}
		return sum.Text(), nil
	})
}

// importTalent loads a talent file (nip,tahun,predikat_kinerja,potensial)
// the same way.
func importTalent(ctx context.Context, getenv func(string) string, path string, stdout, stderr io.Writer) error {
	return importFile(ctx, getenv, "talent", path, stdout, stderr, func(st *store.Store, f *os.File) (string, error) {
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
	load func(*store.Store, *os.File) (string, error)) error {
	cfg, err := loadConfig(getenv, false)
	if err != nil {
		return err
	}
	log := newLogger(cfg, stderr)
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("import %s: %w", what, err)
	}
	defer f.Close()
	st, err := openStore(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer closeStore(ctx, st, log)
	sum, err := load(st, f)
	if err != nil {
		return fmt.Errorf("import %s %s: %w", what, path, err)
	}
	fmt.Fprintln(stdout, sum)
	return nil
}
