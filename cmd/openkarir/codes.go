package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"openkarir/flows"
	"openkarir/karir"
	"openkarir/report"
	"openkarir/store"
)

// issueCodes is openkarir codes [KODE_OPD] [-dir DIR]: an activation code
// for every ASN who has none and is not bound, one .xlsx per OPD in DIR
// (made new: codes are shown once, and an old file is never overwritten).
func issueCodes(ctx context.Context, getenv func(string) string, args []string, stdout, stderr io.Writer) error {
	opd, dir := "", ""
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "-dir" || a == "--dir":
			if i+1 == len(args) {
				return errors.New("codes: -dir needs a folder\n" + usage)
			}
			i++
			dir = args[i]
		case opd == "" && !strings.HasPrefix(a, "-"):
			opd = strings.ToUpper(a)
		default:
			return fmt.Errorf("codes: unexpected %q\n%s", a, usage)
		}
	}
	if dir == "" {
		dir = "kode-aktivasi-" + time.Now().Format("20060102-150405")
	}
	if err := os.Mkdir(dir, 0o700); err != nil {
		return fmt.Errorf("codes: make the folder for the files (it must not exist yet): %w", err)
	}
	return withStore(ctx, getenv, stderr, func(_ Config, st *store.Store, _ *slog.Logger) error {
		return writeCodes(ctx, st, opd, dir, stdout)
	})
}

// writeCodes issues the codes and writes them, one .xlsx per OPD in dir.
func writeCodes(ctx context.Context, st *store.Store, opd, dir string, stdout io.Writer) error {
	if opd != "" {
		if _, err := st.OPD(ctx, opd); err != nil {
			return fmt.Errorf("codes: OPD %s: %w", opd, err)
		}
	}
	issued, skipped, issueErr := karir.IssueCodes(ctx, st, opd, nil)
	if issueErr != nil && len(issued) == 0 {
		return fmt.Errorf("codes: %w", issueErr)
	}
	opds, rows := karir.CodeSheets(issued)
	for _, code := range opds {
		doc, err := report.Renderer{}.XLSX("Kode aktivasi", karir.CodeSheetHeader, rows[code])
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, flows.CodeFileName(code)), doc, 0o600)
		}
		if err != nil {
			return errors.Join(issueErr, fmt.Errorf("codes: write the file of %s (its codes are stored: re-issue them in the bot with /kode ulang NIP): %w", code, err))
		}
	}
	if len(issued) > 0 {
		audit := flows.NewAuditor(st, time.Now)
		detail := fmt.Sprintf("kode aktivasi diterbitkan: %d ASN di %d OPD (%s)", len(issued), len(opds), strings.Join(opds, ", "))
		if err := audit.RecordTerminal(ctx, "openkarir codes", "kode", detail); err != nil {
			return errors.Join(issueErr, err)
		}
	}
	fmt.Fprintf(stdout, "%d kode aktivasi baru untuk %d OPD, dalam %s (satu berkas per OPD); %d ASN dilewati (sudah punya kode atau sudah terhubung).\n"+
		"Kode hanya ada di berkas itu: bagikan kepada masing-masing ASN, lalu simpan atau hapus berkasnya dengan aman.\n",
		len(issued), len(opds), dir, skipped)
	if issueErr != nil {
		return fmt.Errorf("codes: stopped after %d codes (those in the files are valid; run again for the rest): %w", len(issued), issueErr)
	}
	return nil
}
