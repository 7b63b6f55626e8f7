package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"openkarir/flows"
	"openkarir/karir"
	"openkarir/store"
)

// openRounds serves the rounds kept in the store. FORM_DEADLINE (named by
// ROUND_ID) only seeds the first round: once there is one, admins own it,
// and a setting that differs is logged with the date in force and how to
// change it, and opens nothing. A past FORM_DEADLINE seeds nothing: the
// start fails. Without one, the bot runs with no round: ASN are told
// filing has not opened, the super admins are asked to set a deadline.
func openRounds(ctx context.Context, cfg Config, st *store.Store, log *slog.Logger, now time.Time) (*flows.StoredRounds, error) {
	list, err := st.ListRounds(ctx)
	if err != nil {
		return nil, err
	}
	day := func(t time.Time) string { return t.In(cfg.Location).Format(time.DateOnly) }
	cur, ok := karir.CurrentRound(list)
	id, closes := "", time.Time{}
	switch {
	case ok:
		if !cfg.Deadline.IsZero() && !karir.ClosesAfter(cfg.Deadline, cfg.Location).Equal(cur.Closes) {
			log.Warn("FORM_DEADLINE is ignored: it only sets the first round's deadline, and admins own the rounds since",
				"FORM_DEADLINE", day(cfg.Deadline), "round", cur.ID, "deadline_in_force", day(cur.Round().LastDay()),
				"to_change_it", "/tenggat YYYY-MM-DD in the bot; a new round: /periode baru YYYY-MM-DD, or openkarir new-round")
		}
		if cfg.RoundID != "" && cfg.RoundID != cur.ID {
			log.Warn("ROUND_ID is ignored: it only names the first round", "ROUND_ID", cfg.RoundID, "round", cur.ID,
				"new_round", "/periode baru YYYY-MM-DD in the bot, or openkarir new-round YYYY-MM-DD")
		}
	case cfg.Deadline.IsZero():
		log.Warn("no round yet: filing has not opened. A super admin sets the deadline in the bot with /tenggat YYYY-MM-DD " +
			"(or run openkarir new-round YYYY-MM-DD --yes)")
	case karir.DaysUntil(now, cfg.Deadline, cfg.Location) < 0:
		return nil, fmt.Errorf("FORM_DEADLINE %s has passed: set a later date, or leave it empty and set the deadline in the bot with /tenggat",
			day(cfg.Deadline))
	default:
		id = cmp.Or(cfg.RoundID, fmt.Sprintf("%d-1", cfg.Deadline.Year()))
		closes = karir.ClosesAfter(cfg.Deadline, cfg.Location)
		log.Info("first round opened from FORM_DEADLINE", "round", id, "deadline", day(cfg.Deadline))
	}
	return flows.NewStoredRounds(ctx, st, id, closes, now)
}

// newRound opens the next round from a terminal: openkarir new-round
// YYYY-MM-DD --yes. Without --yes it says what it would do, and does
// nothing.
func newRound(ctx context.Context, getenv func(string) string, args []string, stdout, stderr io.Writer) error {
	yes, date := false, ""
	for _, a := range args {
		switch {
		case a == "--yes" || a == "-y":
			yes = true
		case date == "":
			date = a
		default:
			return errors.New("new-round needs the new round's last day to file, YYYY-MM-DD\n" + usage)
		}
	}
	return withStore(ctx, getenv, stderr, func(cfg Config, st *store.Store, _ *slog.Logger) error {
		return openNewRound(ctx, cfg, st, date, yes, stdout)
	})
}

// openNewRound opens the round whose last day to file is date, or with
// yes unset says what it would do.
func openNewRound(ctx context.Context, cfg Config, st *store.Store, date string, yes bool, stdout io.Writer) error {
	lastDay, err := time.ParseInLocation(time.DateOnly, date, cfg.Location)
	if err != nil {
		return fmt.Errorf("new-round: %q is not a date YYYY-MM-DD", date)
	}
	now := time.Now()
	if karir.DaysUntil(now, lastDay, cfg.Location) < 0 {
		return fmt.Errorf("new-round: %s has passed", date)
	}
	rounds, err := flows.NewStoredRounds(ctx, st, "", time.Time{}, now)
	if err != nil {
		return err
	}
	list, err := rounds.Rounds(ctx)
	if err != nil {
		return err
	}
	cur, hasCurrent := karir.CurrentRound(list)
	next := karir.NextRoundID(list, lastDay)
	if !yes {
		if hasCurrent {
			subs, err := st.ListSubmissions(ctx, cur.ID)
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "Periode sekarang: %s (batas pengisian %s, %d formulir); formulirnya tetap tersimpan (openkarir export FILE %s).\n",
				cur.ID, karir.FormatDate(cur.Round().LastDay(), cfg.Location), len(subs), cur.ID)
		}
		fmt.Fprintf(stdout, "Akan dibuka periode baru %s dengan batas pengisian %s. Jalankan lagi dengan --yes untuk membukanya.\n",
			next, karir.FormatDate(lastDay, cfg.Location))
		return nil
	}
	r, err := rounds.OpenRound(ctx, cur.ID, lastDay, now)
	if err != nil {
		return fmt.Errorf("new-round: %w", err)
	}
	audit := flows.NewAuditor(st, time.Now)
	detail := fmt.Sprintf("periode %s, batas pengisian %s (sebelumnya %s)", r.ID, date, cur.ID)
	if err := audit.RecordTerminal(ctx, "openkarir new-round", "periode-baru", detail); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Periode %s dibuka, batas pengisian %s.\n", r.ID, karir.FormatDate(lastDay, cfg.Location))
	return nil
}

// exportRound is the round openkarir export writes: the one named, or the
// current one.
func exportRound(ctx context.Context, st *store.Store, id string) (string, error) {
	list, err := st.ListRounds(ctx)
	if err != nil {
		return "", err
	}
	if id == "" {
		cur, ok := karir.CurrentRound(list)
		if !ok {
			return "", errors.New("export: no round yet")
		}
		return cur.ID, nil
	}
	for _, r := range list {
		if r.ID == id {
			return id, nil
		}
	}
	return "", fmt.Errorf("export: no round %q", id)
}
