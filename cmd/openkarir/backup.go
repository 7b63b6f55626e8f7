package main

import (
	"context"
	"fmt"
	"io"

	"openkarir/store"
)

// backupOrRestore runs `openkarir backup FILE` or `openkarir restore FILE`
// on the store the settings name (see README, "Backups").
func backupOrRestore(ctx context.Context, getenv func(string) string, cmd, path string, stdout, stderr io.Writer) error {
	cfg, err := loadConfig(getenv, false)
	if err != nil {
		return err
	}
	scfg := store.Config{URI: cfg.MongoURI, Database: cfg.Database, DataDir: cfg.DataDir, Logger: newLogger(cfg, stderr)}
	if cmd == "backup" {
		sum, err := store.BackupFile(ctx, scfg, path)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Cadangan ditulis ke %s: %d koleksi, %d dokumen.\n", path, len(sum.Collections), sum.Documents())
		return nil
	}
	sum, err := store.RestoreFile(ctx, scfg, path)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Cadangan %s dipulihkan: %d koleksi, %d dokumen.\n", path, len(sum.Collections), sum.Documents())
	return nil
}
