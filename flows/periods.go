package flows

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"openkarir/karir"
)

// Periods is /periode: the programme's rounds, and opening the next one. A
// new round opens only by this confirmed act (or the terminal's
// new-round): a changed FORM_DEADLINE opens nothing.
type Periods struct {
	Deps
	audit *Auditor
}

// NewPeriods builds /periode.
func NewPeriods(d Deps, audit *Auditor) *Periods { return &Periods{Deps: d, audit: audit} }

// Commands returns the commands to register.
func (p *Periods) Commands() []Command {
	return []Command{{
		Name: "periode", Description: "periode pengisian; buka yang baru: /periode baru TANGGAL", Right: karir.RightRounds,
		Run: p.run, Button: p.press,
	}}
}

func (p *Periods) run(t *Turn) error {
	verb, arg, _ := strings.Cut(strings.TrimSpace(t.In.Args), " ")
	if !strings.EqualFold(verb, "baru") {
		return p.list(t)
	}
	arg = strings.TrimSpace(arg)
	if arg == "" {
		return p.list(t)
	}
	day, err := karir.ParseDay(arg, p.Location)
	if err != nil {
		t.Sayf(txtDateForms, esc(arg), karir.DateForms)
		return nil
	}
	now := p.Now()
	if karir.DaysUntil(now, day, p.Location) < 0 {
		t.Sayf(txtDeadlinePast, karir.FormatDate(day, p.Location))
		return nil
	}
	rounds, err := p.Rounds.Rounds(t.Ctx)
	if err != nil {
		return err
	}
	next := karir.NextRoundID(rounds, day)
	cur, ok := karir.CurrentRound(rounds)
	buttons := [][]karir.Button{{
		{Text: txtBtnRoundOpen, Data: ButtonData("periode", "buka", cur.ID, day.Format(time.DateOnly))},
		{Text: txtBtnRoundKeep, Data: ButtonData("periode", "batal")},
	}}
	if !ok {
		t.Say(karir.Reply{Text: fmt.Sprintf(txtRoundConfirmFirst, esc(next), karir.FormatDate(day, p.Location)), Buttons: buttons})
		return nil
	}
	subs, err := p.Store.ListSubmissions(t.Ctx, cur.ID)
	if err != nil {
		return fmt.Errorf("count forms of round %s: %w", cur.ID, err)
	}
	id := esc(cur.ID)
	text := fmt.Sprintf(txtRoundConfirm, esc(next), karir.FormatDate(day, p.Location), id, len(subs), id, id)
	if cur.Round().IsOpen(now) {
		text += fmt.Sprintf(txtRoundStillOpen, id, karir.FormatDate(cur.Round().LastDay(), p.Location))
	}
	t.Say(karir.Reply{Text: text, Buttons: buttons})
	return nil
}

// list shows every round, the current one marked.
func (p *Periods) list(t *Turn) error {
	rounds, err := p.Rounds.Rounds(t.Ctx)
	if err != nil {
		return err
	}
	now := p.Now()
	var b strings.Builder
	b.WriteString(txtRoundsHead)
	if len(rounds) == 0 {
		b.WriteString(txtRoundsNone)
	}
	cur, _ := karir.CurrentRound(rounds)
	for _, r := range rounds {
		state := txtRoundsClosed
		if r.ID == cur.ID && r.Round().IsOpen(now) {
			state = fmt.Sprintf(txtRoundsOpen, karir.Countdown(now, r.Round().LastDay(), p.Location))
		}
		fmt.Fprintf(&b, txtRoundsLine, esc(r.ID), karir.FormatDate(r.Round().LastDay(), p.Location), state)
		if r.ID == cur.ID {
			b.WriteString(txtRoundsCurrent)
		}
		b.WriteString("\n")
	}
	b.WriteString(txtRoundsUsage)
	t.Sayf(b.String())
	return nil
}

// press answers the confirmation's buttons: "batal", or
// "buka:<current round>:<last day>". The round the admin saw travels in
// the button, so a second press (or another admin's round in between)
// opens nothing.
func (p *Periods) press(t *Turn, f Fields) error {
	verb, after, date := f.At(0), f.At(1), f.At(2)
	if verb != "buka" {
		if t.Round.Opened() {
			t.Sayf(txtRoundKept, esc(t.Round.ID))
		} else {
			t.Sayf(txtNoRoundAdmin)
		}
		return nil
	}
	day, err := time.ParseInLocation(time.DateOnly, date, p.Location)
	if err != nil {
		t.Toast(txtStaleButton)
		return nil
	}
	now := p.Now()
	if karir.DaysUntil(now, day, p.Location) < 0 {
		t.Sayf(txtDeadlinePast, karir.FormatDate(day, p.Location))
		return nil
	}
	round, err := p.Rounds.OpenRound(t.Ctx, after, day, now)
	if errors.Is(err, ErrRoundChanged) {
		cur, cerr := p.Rounds.CurrentRound(t.Ctx)
		if cerr != nil {
			return cerr
		}
		t.Sayf(txtRoundChanged, esc(cur.ID))
		return nil
	}
	if err != nil {
		return err
	}
	last := karir.FormatDate(day, p.Location)
	if after == "" {
		t.Sayf(txtRoundFirstOpened, esc(round.ID), last, karir.Countdown(now, day, p.Location))
	} else {
		a := esc(after)
		t.Sayf(txtRoundOpened, esc(round.ID), last, karir.Countdown(now, day, p.Location), a, a, a)
	}
	return p.audit.Record(t, "periode-baru", fmt.Sprintf("periode %s, batas pengisian %s (sebelumnya %s)", round.ID, date, after))
}

// NoRoundNotices ask the super admins to set the first deadline, when the
// bot starts with no round (once a day at most: the key holds the date).
func NoRoundNotices(admins []int64, now time.Time) []karir.Notice {
	var ns []karir.Notice
	for _, id := range admins {
		ns = append(ns, karir.Notice{Key: fmt.Sprintf("no-round:%d:%s", id, now.Format(time.DateOnly)), ChatID: id,
			Reply: karir.Reply{Text: txtNoRoundAdmin}})
	}
	return ns
}
