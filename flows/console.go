package flows

import (
	"fmt"
	"strings"

	"openkarir/karir"
)

// Console is the admin console in chat: roles, coverage, who has not
// filed, demand, export, roster import, rebinding, audit.
type Console struct {
	Deps
	audit *Auditor
}

// NewConsole builds the admin console.
func NewConsole(d Deps, audit *Auditor) *Console { return &Console{Deps: d, audit: audit} }

// Commands returns the console's commands to register.
func (c *Console) Commands() []Command {
	return []Command{
		{Name: "admin", Description: "kelola admin: /admin tambah|hapus|daftar", Access: SuperOnly, Run: c.admin},
		{Name: "audit", Description: "catatan tindakan admin terbaru", Access: SuperOnly, Run: c.auditLog},
		{Name: "cakupan", Description: "cakupan pengisian per OPD dan eselon, dengan grafik", Access: AdminOnly, Run: c.coverage},
		{Name: "belum", Description: "daftar yang belum mengisi: /belum [KODE_OPD]", Access: AdminOnly, Run: c.notFiled, Button: c.notFiledPage},
		{Name: "peminat", Description: "peta minat: jabatan tujuan dan peminatnya", Access: AdminOnly, Run: c.demand},
		{Name: "ekspor", Description: "unduh formulir periode ini (.xlsx dan .csv)", Access: AdminOnly, Run: c.export},
		{Name: "impor", Description: "kirim berkas CSV data pegawai dengan keterangan /impor", Access: SuperOnly, Run: c.importRoster},
		{Name: "lepas", Description: "lepaskan NIP dari akun Telegram-nya: /lepas NIP", Access: SuperOnly, Run: c.unbind},
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

func (c *Console) standings(t *Turn, opd string) ([]karir.Standing, karir.Round, error) {
	round, err := c.Rounds.CurrentRound(t.Ctx)
	if err != nil {
		return nil, round, fmt.Errorf("current round: %w", err)
	}
	unreachable, err := c.Store.Unreachable(t.Ctx)
	if err != nil {
		return nil, round, err
	}
	people, err := karir.Standings(t.Ctx, c.Store, round.ID, opd, unreachable)
	return people, round, err
}
