package flows

import (
	"errors"
	"fmt"
	"strings"

	"openkarir/karir"
)

// Codes is /kode: activation codes made by the bot for the ASN who have no
// phone number in the roster that Telegram could match, or whose number
// is not the one on their Telegram account.
type Codes struct {
	Deps
	audit *Auditor
}

// NewCodes builds the /kode command.
func NewCodes(d Deps, audit *Auditor) *Codes { return &Codes{Deps: d, audit: audit} }

// Commands returns /kode.
func (g *Codes) Commands() []Command {
	return []Command{{Name: "kode", Description: "terbitkan kode aktivasi: /kode [KODE_OPD], /kode ulang NIP",
		Right: karir.RightImport, Run: g.kode}}
}

func (g *Codes) kode(t *Turn) error {
	args := strings.Fields(t.In.Args)
	if len(args) > 0 && strings.EqualFold(args[0], "ulang") {
		if len(args) != 2 {
			t.Sayf(txtCodeUsage)
			return nil
		}
		return g.reissue(t, karir.NormalizeNIP(args[1]))
	}
	if len(args) > 1 {
		t.Sayf(txtCodeUsage)
		return nil
	}
	opd := ""
	if len(args) == 1 {
		opd = strings.ToUpper(args[0])
		if ok, err := requireOPD(t, g.Store, opd); !ok || err != nil {
			return err
		}
	}
	issued, skipped, err := karir.IssueCodes(t.Ctx, g.Store, opd, nil)
	if err != nil && len(issued) == 0 {
		return err
	}
	if len(issued) == 0 {
		t.Sayf(txtCodeNoneNeeded, scopeName(opd), skipped)
		return nil
	}
	opds, rows := karir.CodeSheets(issued)
	t.Sayf(txtCodeIssued, len(issued), len(opds), scopeName(opd), skipped)
	if err != nil {
		// Some hashes were written before the failure: their codes are
		// valid and handed out below; the next /kode issues the rest.
		t.Sayf(txtCodePartly, len(issued))
	}
	for _, code := range opds {
		doc, xerr := g.Reports.XLSX("Kode aktivasi", karir.CodeSheetHeader, rows[code])
		if xerr != nil {
			return errors.Join(err, fmt.Errorf("codes xlsx of %s: %w", code, xerr))
		}
		t.Say(karir.Reply{Text: fmt.Sprintf(txtCodeFile, esc(code), len(rows[code])),
			Document: &karir.File{Name: CodeFileName(code), Data: doc}})
	}
	return g.audit.Record(t, "kode", fmt.Sprintf("kode aktivasi diterbitkan: %d ASN di %d OPD (%s)", len(issued), len(opds), strings.Join(opds, ", ")))
}

// CodeFileName is the file of one OPD's new codes.
func CodeFileName(opd string) string { return "kode-aktivasi-" + strings.ToLower(opd) + ".xlsx" }

// reissue replaces one ASN's code: the old one stops working.
func (g *Codes) reissue(t *Turn, nip string) error {
	emp, err := g.Store.Employee(t.Ctx, nip)
	if errors.Is(err, karir.ErrNotFound) {
		t.Sayf(txtCodeNotInRoster, esc(nip))
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := g.Store.Binding(t.Ctx, nip); err == nil {
		t.Sayf(txtCodeBound, esc(nip))
		return nil
	} else if !errors.Is(err, karir.ErrNotFound) {
		return err
	}
	code, err := karir.ReissueCode(t.Ctx, g.Store, *emp, nil)
	if err != nil {
		return err
	}
	had := "belum punya kode"
	if emp.ActivationHash != "" {
		had = "kode lama tidak berlaku lagi"
	}
	t.Sayf(txtCodeReissued, esc(nip), escName(emp.Name), code, had)
	return g.audit.Record(t, "kode-ulang", fmt.Sprintf("kode aktivasi baru untuk NIP %s (%s)", nip, had))
}
