package flows

import (
	"fmt"
	"strings"
	"time"

	"openkarir/karir"
)

// DeadlineCommand is /tenggat TANGGAL: a super admin moves the form
// deadline, or sets the first one. It shows the old and the new last day
// and how many have not filed, and changes nothing until confirmed.
func DeadlineCommand(d Deps, audit *Auditor) Command {
	dl := deadline{Deps: d, audit: audit}
	return Command{
		Name: "tenggat", Description: "ubah batas pengisian: /tenggat TANGGAL (mis. 2027-01-20 atau 20 Januari 2027)", Right: karir.RightRounds,
		Run: dl.ask, Button: dl.press,
	}
}

type deadline struct {
	Deps
	audit *Auditor
}

func (dl deadline) ask(t *Turn) error {
	loc := dl.Location
	arg := strings.TrimSpace(t.In.Args)
	if arg == "" {
		if !t.Round.Opened() {
			t.Sayf(txtNoRoundAdmin)
			return nil
		}
		t.Sayf(txtDeadlineUsage, karir.FormatDate(t.Round.LastDay(), loc))
		return nil
	}
	day, err := karir.ParseDay(arg, loc)
	if err != nil {
		t.Sayf(txtDateForms, esc(arg), karir.DateForms)
		return nil
	}
	now := dl.Now()
	if karir.DaysUntil(now, day, loc) < 0 {
		t.Sayf(txtDeadlinePast, karir.FormatDate(day, loc))
		return nil
	}
	buttons := [][]karir.Button{{
		{Text: txtBtnDeadlineYes, Data: ButtonData("tenggat", "ya", t.Round.ID, day.Format(time.DateOnly))},
		{Text: txtBtnDeadlineNo, Data: ButtonData("tenggat", "batal")},
	}}
	if !t.Round.Opened() {
		t.Say(karir.Reply{Text: fmt.Sprintf(txtDeadlineAskFirst, karir.FormatDate(day, loc), karir.Countdown(now, day, loc)), Buttons: buttons})
		return nil
	}
	notFiled, total, err := dl.notFiled(t, t.Round.ID)
	if err != nil {
		return err
	}
	old := t.Round.LastDay()
	if karir.DaysUntil(old, day, loc) == 0 {
		t.Sayf(txtDeadlineSame, karir.FormatDate(day, loc))
		return nil
	}
	t.Say(karir.Reply{Text: fmt.Sprintf(txtDeadlineAsk, esc(t.Round.ID), karir.FormatDate(old, loc), karir.FormatDate(day, loc),
		karir.Countdown(now, day, loc), notFiled, total), Buttons: buttons})
	return nil
}

// notFiled counts the roster's ASN without a form in round.
func (dl deadline) notFiled(t *Turn, round string) (notFiled, total int, err error) {
	people, err := karir.Standings(t.Ctx, dl.Store, round, "", nil)
	if err != nil {
		return 0, 0, fmt.Errorf("count who has not filed: %w", err)
	}
	for _, p := range people {
		if p.Submission == nil {
			notFiled++
		}
	}
	return notFiled, len(people), nil
}

// press answers "ya:<round>:<day>" or "batal". The round the admin saw
// travels in the button: after another round opened, nothing changes.
func (dl deadline) press(t *Turn, f Fields) error {
	loc, msg := dl.Location, t.In.Callback.MessageID
	if f.Kind() != "ya" || f.Len() != 3 {
		t.Say(karir.Reply{Text: txtDeadlineKept, EditMessageID: msg})
		return nil
	}
	if f[1] != t.Round.ID {
		t.Toast(txtStaleButton)
		t.Say(karir.Reply{Text: fmt.Sprintf(txtRoundChanged, esc(t.Round.ID)), EditMessageID: msg})
		return nil
	}
	day, err := time.ParseInLocation(time.DateOnly, f[2], loc)
	if err != nil {
		t.Toast(txtStaleButton)
		return nil
	}
	now := dl.Now()
	if karir.DaysUntil(now, day, loc) < 0 {
		t.Sayf(txtDeadlinePast, karir.FormatDate(day, loc))
		return nil
	}
	old := t.Round
	round, err := dl.Rounds.SetDeadline(t.Ctx, day, now)
	if err != nil {
		return err
	}
	if !old.Opened() {
		t.Say(karir.Reply{Text: fmt.Sprintf(txtRoundFirstOpened, esc(round.ID), karir.FormatDate(day, loc), karir.Countdown(now, day, loc)), EditMessageID: msg})
		return dl.audit.Record(t, "periode-baru", fmt.Sprintf("periode %s, batas pengisian %s (dikonfirmasi)", round.ID, f[2]))
	}
	t.Say(karir.Reply{Text: fmt.Sprintf(txtDeadlineSet, karir.FormatDate(day, loc), karir.Countdown(now, day, loc)), EditMessageID: msg})
	return dl.audit.Record(t, "tenggat", fmt.Sprintf("periode %s, batas pengisian %s (sebelumnya %s, dikonfirmasi)",
		round.ID, f[2], old.LastDay().In(loc).Format(time.DateOnly)))
}
