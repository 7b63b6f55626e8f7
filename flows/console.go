package flows

import (
	"context"
	"strings"

	"openkarir/karir"
)

// Console is the admin console in chat: roles, coverage, who has not
// filed, demand, export, roster import, rebinding, audit.
type Console struct {
	Deps
	audit *Auditor
	// menus sets a user's command menu after their roles changed; nil
	// sets none.
	menus func(ctx context.Context, userID int64) error
}

// NewConsole builds the admin console.
func NewConsole(d Deps, audit *Auditor) *Console { return &Console{Deps: d, audit: audit} }

// Commands returns the console's commands to register.
func (c *Console) Commands() []Command {
	return []Command{
		{Name: "admin", Description: "kelola peran: /admin tambah|hapus|daftar", Right: karir.RightRoles, Run: c.admin, Button: c.adminPress},
		{Name: "audit", Description: "catatan tindakan admin terbaru", Right: karir.RightRoles, Run: c.auditLog},
		{Name: "cakupan", Description: "cakupan pengisian per OPD dan eselon, dengan grafik: /cakupan [PERIODE] [KODE_OPD]", Right: karir.RightCoverage, Run: c.coverage, Button: c.coverageButton},
		{Name: "belum", Description: "daftar yang belum mengisi: /belum [KODE_OPD]", Right: karir.RightCoverage, Run: c.notFiled, Button: c.notFiledPage},
		{Name: "peminat", Description: "peta minat: jabatan tujuan dan peminatnya", Right: karir.RightLists, Run: c.demand},
		{Name: "ekspor", Description: "unduh formulir (.xlsx dan .csv): /ekspor [PERIODE]", Right: karir.RightLists, Run: c.export},
		{Name: "impor", Description: "kirim berkas CSV data pegawai dengan keterangan /impor", Right: karir.RightImport, Run: c.importRoster},
		{Name: "lepas", Description: "lepaskan NIP dari akun Telegram-nya: /lepas NIP", Right: karir.RightRoles, Run: c.unbind},
	}
}

// opdScope reads an optional OPD code argument; an OPD admin is held to
// their own OPD.
func (c *Console) opdScope(t *Turn, arg string) (opd string, ok bool, err error) {
	arg = strings.ToUpper(strings.TrimSpace(arg))
	if ok, err := requireOPD(t, c.Store, arg); !ok || err != nil {
		return "", false, err
	}
	opd, ok = confineToOPD(t, arg)
	return opd, ok, nil
}

func (c *Console) standings(t *Turn, round karir.Round, opd string) ([]karir.Standing, error) {
	unreachable, err := c.Store.Unreachable(t.Ctx)
	if err != nil {
		return nil, err
	}
	return karir.Standings(t.Ctx, c.Store, round.ID, opd, unreachable)
}

// roundArg takes a round id off the front of args ("/cakupan 2026-1
// DINKES"): that round, or else the current one. ok is false when there is
// no such round, or none at all (the admin was told).
func (c *Console) roundArg(t *Turn, args string) (round karir.Round, rest string, ok bool, err error) {
	args = strings.TrimSpace(args)
	first, after, _ := strings.Cut(args, " ")
	if first != "" {
		r, found, err := c.Rounds.Find(t.Ctx, first)
		if err != nil {
			return round, "", false, err
		}
		if found {
			return r, strings.TrimSpace(after), true, nil
		}
		if looksLikeRoundID(first) {
			return round, "", false, c.unknownRound(t, first)
		}
	}
	if !t.Round.Opened() {
		t.Sayf(txtNoRoundAdmin)
		return round, "", false, nil
	}
	return t.Round, args, true, nil
}

// looksLikeRoundID tells a round id as the bot names them ("2026-1") from
// an OPD code.
func looksLikeRoundID(s string) bool {
	year, n, ok := strings.Cut(s, "-")
	return ok && len(year) == 4 && digits(year) == 4 && n != "" && digits(n) == len(n)
}

func (c *Console) unknownRound(t *Turn, id string) error {
	rounds, err := c.Rounds.Rounds(t.Ctx)
	if err != nil {
		return err
	}
	ids := make([]string, len(rounds))
	for i, r := range rounds {
		ids[i] = esc(r.ID)
	}
	t.Sayf(txtRoundUnknown, esc(id), strings.Join(ids, ", "))
	return nil
}
