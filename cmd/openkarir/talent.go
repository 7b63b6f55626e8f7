package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"openkarir/roster"
)

// importTalent loads a talent file (nip,tahun,predikat_kinerja,potensial):
// good rows are written, bad ones listed with their line.
func importTalent(ctx context.Context, getenv func(string) string, path string, stdout, stderr io.Writer) error {
	cfg, err := loadConfig(getenv, false)
	if err != nil {
		return err
	}
	log := newLogger(cfg, stderr)
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("import talent: %w", err)
	}
	defer f.Close()
	st, err := openStore(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer closeStore(ctx, st, log)
	sum, err := roster.ImportTalent(ctx, st, f, time.Now())
	if err != nil {
		return fmt.Errorf("import talent %s: %w", path, err)
	}
	fmt.Fprintln(stdout, sum.Text())
	return nil
}
