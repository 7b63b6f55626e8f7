package flows

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"openkarir/karir"
)

// cbSKSign is the confirmation of /sk ... ttd (after "x:sk:"): y:sidang.
const cbSKSign = "y"

// decree is /sk: the closed sessions, a session's lampiran (xlsx and
// PDF), or marking its SK signed.
func (g *Decide) decree(t *Turn) error {
	f := strings.Fields(t.In.Args)
	switch {
	case len(f) == 0:
		return g.decreeList(t)
	case len(f) == 1:
		return g.lampiran(t, f[0])
	case len(f) >= 4 && strings.EqualFold(f[1], "ttd"):
		return g.askSign(t, f[0], strings.Join(f[2:len(f)-1], " "), f[len(f)-1])
	}
	t.Sayf(txtSKUsage)
	return nil
}

// decreeList lists the closed sessions with their decisions and SK.
func (g *Decide) decreeList(t *Turn) error {
	closed, err := g.Store.ClosedSidangs(t.Ctx)
	if err != nil {
		return err
	}
	if len(closed) == 0 {
		t.Sayf(txtSKListNone)
		return nil
	}
	var b strings.Builder
	b.WriteString(txtSKListHead)
	for _, s := range closed {
		decs, err := g.Store.DecisionsOf(t.Ctx, s.ID)
		if err != nil {
			return err
		}
		state := txtSKDraft
		if d, err := g.Store.Decree(t.Ctx, s.ID); err == nil {
			state = fmt.Sprintf(txtSKSigned, esc(d.Number), karir.FormatDate(d.Date, g.Location))
		} else if !errors.Is(err, karir.ErrNotFound) {
			return err
		}
		fmt.Fprintf(&b, txtSKListLine, esc(s.ID), karir.FormatDate(s.Date, g.Location), len(decs), state)
	}
	b.WriteString("\n" + txtSKUsage)
	t.SayLong(b.String())
	return nil
}

// draft loads a closed session's lampiran; nil (and said why) when the
// session is not closed or has no decision carried out.
func (g *Decide) draft(t *Turn, sid string) (*karir.DecreeDraft, error) {
	s, err := g.Store.Sidang(t.Ctx, sid)
	if errors.Is(err, karir.ErrNotFound) || (err == nil && !s.Closed) {
		t.Sayf(txtSKNoSidang, esc(sid))
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	decs, err := g.Store.DecisionsOf(t.Ctx, s.ID)
	if err != nil {
		return nil, err
	}
	var signed *karir.Decree
	if d, err := g.Store.Decree(t.Ctx, s.ID); err == nil {
		signed = d
	} else if !errors.Is(err, karir.ErrNotFound) {
		return nil, err
	}
	d := karir.DraftOf(s.ID, s.Date, decs, signed, g.Signer, g.Location)
	if len(d.Rows) == 0 {
		t.Sayf(txtSKNoRows, esc(s.ID))
		return nil, nil
	}
	return &d, nil
}

// lampiran sends a session's SK lampiran as xlsx and PDF.
func (g *Decide) lampiran(t *Turn, sid string) error {
	d, err := g.draft(t, sid)
	if err != nil || d == nil {
		return err
	}
	xlsx, err := g.Reports.DecreeXLSX(*d, g.Location)
	if err != nil {
		return err
	}
	pdf, err := g.Reports.DecreePDF(*d, g.Location)
	if err != nil {
		return err
	}
	state := txtSKDraft
	if d.Signed != nil {
		state = fmt.Sprintf(txtSKSigned, esc(d.Signed.Number), karir.FormatDate(d.Signed.Date, g.Location))
	}
	name := "lampiran-sk-" + strings.ToLower(d.Sidang)
	caption := fmt.Sprintf(txtSKCaption, esc(d.Sidang), len(d.Rows), state)
	t.Say(karir.Reply{Text: caption, Document: &karir.File{Name: name + ".xlsx", Data: xlsx}})
	t.Say(karir.Reply{Text: caption, Document: &karir.File{Name: name + ".pdf", Data: pdf}})
	return g.audit.Record(t, "sk-lampiran", fmt.Sprintf("sidang %s: %d baris", d.Sidang, len(d.Rows)))
}

// parseSKDate reads the SK's date as 15-12-2026 or 2026-12-15.
func parseSKDate(s string, loc *time.Location) (time.Time, bool) {
	for _, layout := range []string{"02-01-2006", time.DateOnly, "02/01/2006"} {
		if d, err := time.ParseInLocation(layout, s, loc); err == nil {
			return d, true
		}
	}
	return time.Time{}, false
}

// askSign checks the SK's number and date and asks to confirm.
func (g *Decide) askSign(t *Turn, sid, number, date string) error {
	if n := utf8.RuneCountInString(number); n < 3 || n > 80 {
		t.Sayf(txtSKBadNumber)
		return nil
	}
	day, ok := parseSKDate(date, g.Location)
	if !ok {
		t.Sayf(txtSKBadDate, esc(date))
		return nil
	}
	d, err := g.draft(t, sid)
	if err != nil || d == nil {
		return err
	}
	if d.Signed != nil {
		t.Sayf(txtSKAlready, esc(d.Sidang), esc(d.Signed.Number), karir.FormatDate(d.Signed.Date, g.Location))
		return nil
	}
	t.Await("sk", map[string]string{"sidang": d.Sidang, "number": number, "date": day.Format(time.DateOnly)})
	t.Say(karir.Reply{Text: fmt.Sprintf(txtSKAskSign, esc(d.Sidang), esc(number), karir.FormatDate(day, g.Location), len(d.Rows)),
		Buttons: [][]karir.Button{{
			{Text: txtBtnSKYes, Data: ButtonData("sk", cbSKSign+":"+d.Sidang)},
			{Text: txtBtnPickNo, Data: ButtonData(decideCommand, cbPickNo)},
		}}})
	return nil
}

// decreeButton records the SK as signed and tells each ASN in it.
func (g *Decide) decreeButton(t *Turn, f Fields) error {
	kind, sid := f.Kind(), f.Rest(1)
	args := t.Conv.PendingArgs
	if kind != cbSKSign || t.Conv.Pending != "sk" || args["sidang"] != sid {
		t.Toast(txtStaleButton)
		return nil
	}
	t.Done()
	day, ok := parseSKDate(args["date"], g.Location)
	if !ok {
		t.Toast(txtStaleButton)
		return nil
	}
	name, err := actorName(t, g.Store)
	if err != nil {
		return err
	}
	sk := karir.Decree{Sidang: sid, Number: args["number"], Date: day, ByID: t.In.UserID, ByName: name, SignedAt: g.Now()}
	if err := g.Store.SignDecree(t.Ctx, sk); errors.Is(err, karir.ErrConflict) {
		d, err := g.Store.Decree(t.Ctx, sid)
		if err != nil {
			return err
		}
		if d.ByID != sk.ByID || d.Number != sk.Number || !d.Date.Equal(sk.Date) {
			t.Sayf(txtSKAlready, esc(sid), esc(d.Number), karir.FormatDate(d.Date, g.Location))
			return nil
		}
		// This very signing, repeated after a failure: the notices' keys
		// keep anyone from being told twice.
		sk = *d
	} else if err != nil {
		return err
	}
	d, err := g.draft(t, sid)
	if err != nil || d == nil {
		return err
	}
	told, untold := 0, 0
	var notices []karir.Notice
	for _, r := range d.Rows {
		b, err := g.Store.Binding(t.Ctx, r.NIP)
		if errors.Is(err, karir.ErrNotFound) {
			untold++
			continue
		}
		if err != nil {
			return err
		}
		told++
		notices = append(notices, karir.Notice{Key: "sk:" + sid + ":" + r.NIP, ChatID: b.TelegramID, Reply: karir.Reply{
			Text: fmt.Sprintf(txtSKNotice, esc(sk.Number), karir.FormatDate(sk.Date, g.Location), escName(r.NewPosition), escName(r.NewOPD),
				karir.FormatDate(r.Effective, g.Location))}})
	}
	if len(notices) > 0 {
		if _, err := g.Sender.Notify(t.Ctx, notices...); err != nil {
			return err
		}
	}
	t.Say(karir.Reply{Text: fmt.Sprintf(txtSKSignedOK, esc(sk.Number), karir.FormatDate(sk.Date, g.Location), esc(sid), told, untold),
		EditMessageID: t.In.Callback.MessageID})
	return g.audit.Record(t, "sk-ttd", fmt.Sprintf("sidang %s: SK %s tanggal %s, %d ASN", sid, sk.Number, day.Format("02-01-2006"), len(d.Rows)))
}
