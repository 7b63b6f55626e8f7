package flows

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"openkarir/karir"
	"slices"
	"strconv"
	"strings"
)

// Console is the admin console in chat: roles, coverage, who has not
// filed, demand, export, roster import, rebinding, audit.
type Console struct {
	Deps
	audit *Auditor
}

// NewConsole builds the admin console.
func NewConsole(d Deps, audit *Auditor) *Console { return &Console{Deps: d, audit: audit} }

// belumPage is how many people one page of /belum lists.
const belumPage = 20

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

// admin grants, revokes and lists admins.
func (c *Console) admin(t *Turn) error {
	verb, rest, _ := strings.Cut(strings.TrimSpace(t.In.Args), " ")
	switch strings.ToLower(verb) {
	case "daftar", "":
		grants, err := c.Store.ListAdmins(t.Ctx)
		if err != nil {
			return err
		}
		var b strings.Builder
		b.WriteString(txtAdminListHead)
		if len(grants) == 0 {
			b.WriteString(txtAdminListEmpty)
		}
		for _, g := range grants {
			scope := "semua OPD"
			if g.OPD != "" {
				scope = "OPD " + g.OPD
			}
			fmt.Fprintf(&b, "• %s (id %d): %s\n", esc(g.Name), g.TelegramID, esc(scope))
		}
		b.WriteString(txtAdminUsage)
		t.SayLong(b.String())
		return nil
	case "tambah", "hapus":
	default:
		t.Sayf(txtAdminUsage)
		return nil
	}
	who, opd, _ := strings.Cut(strings.TrimSpace(rest), " ")
	target, err := c.findAccount(t, who)
	if err != nil || target == nil {
		return err
	}
	name := displayName(target)
	if strings.EqualFold(verb, "hapus") {
		if err := c.Store.RevokeAdmin(t.Ctx, target.UserID); err != nil {
			return err
		}
		t.Sayf(txtAdminRevoked, esc(name))
		return c.audit.Record(t, "admin-hapus", fmt.Sprintf("%s (id %d)", name, target.UserID))
	}
	opd = strings.ToUpper(strings.TrimSpace(opd))
	if ok, err := requireOPD(t, c.Store, opd); !ok || err != nil {
		return err
	}
	g := karir.AdminGrant{TelegramID: target.UserID, Name: name, OPD: opd, GrantedBy: t.In.UserID, GrantedAt: c.Now()}
	if err := c.Store.GrantAdmin(t.Ctx, g); err != nil {
		return err
	}
	t.Sayf(txtAdminGranted, esc(name), scopeName(opd))
	return c.audit.Record(t, "admin-tambah", fmt.Sprintf("%s (id %d), %s", name, target.UserID, scopeName(opd)))
}

// findAccount resolves a Telegram id or the @username of an account that
// bound its NIP.
func (c *Console) findAccount(t *Turn, who string) (*karir.Conversation, error) {
	if who == "" {
		t.Sayf(txtAdminUsage)
		return nil, nil
	}
	var conv *karir.Conversation
	var err error
	if id, perr := strconv.ParseInt(who, 10, 64); perr == nil {
		conv, err = c.Store.LoadConversation(t.Ctx, id)
	} else {
		conv, err = c.Store.ConversationByUsername(t.Ctx, strings.ToLower(strings.TrimPrefix(who, "@")))
		if errors.Is(err, karir.ErrNotFound) {
			conv, err = &karir.Conversation{}, nil
		}
	}
	if err != nil {
		return nil, err
	}
	if conv.NIP == "" {
		t.Sayf(txtAccountNotBound, esc(who))
		return nil, nil
	}
	return conv, nil
}

func (c *Console) auditLog(t *Turn) error {
	entries, err := c.Store.RecentAudit(t.Ctx, 30)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(txtAuditHead)
	if len(entries) == 0 {
		b.WriteString(txtAuditEmpty)
	}
	for _, e := range entries {
		fmt.Fprintf(&b, "• %s — %s: <b>%s</b> %s\n", karir.FormatDateTime(e.At, c.Location), esc(e.ActorName), esc(e.Action), esc(e.Detail))
	}
	t.SayLong(b.String())
	return nil
}

func (c *Console) coverage(t *Turn) error {
	opd, ok, err := c.opdScope(t, t.In.Args)
	if err != nil || !ok {
		return err
	}
	people, round, err := c.standings(t, opd)
	if err != nil {
		return err
	}
	cov := karir.ComputeCoverage(round, people)
	t.SayLong(CoverageText(cov, scopeName(opd)))
	png, err := c.Reports.CoverageChart(cov, c.Location)
	if err != nil {
		return fmt.Errorf("coverage chart: %w", err)
	}
	t.Say(karir.Reply{Text: fmt.Sprintf(txtCoverageChart, karir.FormatDate(round.LastDay(), c.Location)), Photo: &karir.File{Name: "cakupan.png", Data: png}})
	return nil
}

// notFiled lists who has not filed; notFiledPage turns its pages.
func (c *Console) notFiled(t *Turn) error {
	opd, ok, err := c.opdScope(t, t.In.Args)
	if err != nil || !ok {
		return err
	}
	return c.showNotFiled(t, opd, 0, 0, true)
}

func (c *Console) notFiledPage(t *Turn, data string) error {
	opd, page, _ := strings.Cut(data, ":")
	p, err := strconv.Atoi(page)
	if err != nil || p < 0 {
		t.Toast(txtStaleButton)
		return nil
	}
	if t.Role.OPD != "" && opd != t.Role.OPD {
		t.Toast(txtStaleButton)
		return nil
	}
	return c.showNotFiled(t, opd, p, t.In.Callback.MessageID, false)
}

func (c *Console) showNotFiled(t *Turn, opd string, page, editID int, withFile bool) error {
	people, _, err := c.standings(t, opd)
	if err != nil {
		return err
	}
	var missing []karir.Standing
	for _, p := range people {
		if p.Submission == nil {
			missing = append(missing, p)
		}
	}
	slices.SortFunc(missing, func(a, b karir.Standing) int {
		return strings.Compare(a.OPDCode+a.Name, b.OPDCode+b.Name)
	})
	if len(missing) == 0 {
		t.Sayf(txtAllFiled, scopeName(opd))
		return nil
	}
	pages := pageCount(len(missing), belumPage)
	page = clamp(page, 0, pages-1)
	var b strings.Builder
	fmt.Fprintf(&b, txtNotFiledHead, len(missing), scopeName(opd), page+1, pages)
	for i, p := range pageOf(missing, page, belumPage) {
		fmt.Fprintf(&b, "%d. %s — %s\n    %s, %s · %s\n", page*belumPage+i+1, esc(p.Name), p.NIP, esc(p.Position), esc(p.OPDCode), reach(p))
	}
	var nav []karir.Button
	if page > 0 {
		nav = append(nav, karir.Button{Text: txtBtnPrev, Data: ButtonData("belum", fmt.Sprintf("%s:%d", opd, page-1))})
	}
	if page < pages-1 {
		nav = append(nav, karir.Button{Text: txtBtnNext, Data: ButtonData("belum", fmt.Sprintf("%s:%d", opd, page+1))})
	}
	r := karir.Reply{Text: b.String(), EditMessageID: editID}
	if len(nav) > 0 {
		r.Buttons = [][]karir.Button{nav}
	}
	t.Say(r)
	if withFile && pages > 1 {
		rows := make([][]string, len(missing))
		for i, p := range missing {
			rows[i] = []string{p.NIP, p.Name, p.OPDCode, p.OPDName, p.Position, p.Eselon, plainReach(p)}
		}
		data, err := c.Reports.CSV([]string{"nip", "nama", "kode_opd", "nama_opd", "jabatan", "eselon", "status_bot"}, rows)
		if err != nil {
			return err
		}
		t.Say(karir.Reply{Text: txtNotFiledFile, Document: &karir.File{Name: "belum-mengisi.csv", Data: data}})
	}
	return nil
}

func reach(p karir.Standing) string {
	switch {
	case p.Unreachable:
		return txtReachBlocked
	case p.Bound:
		return txtReachBot
	}
	return txtReachNone
}

func plainReach(p karir.Standing) string {
	switch {
	case p.Unreachable:
		return "memblokir bot"
	case p.Bound:
		return "terhubung"
	}
	return "belum terhubung"
}

// demand shows, per target OPD and position, how many asked to move there
// and how many hold it now.
func (c *Console) demand(t *Turn) error {
	people, _, err := c.standings(t, "")
	if err != nil {
		return err
	}
	type key struct{ opd, opdName, position string }
	asked := map[key]int{}
	holders := map[string]int{}
	for _, p := range people {
		holders[p.OPDCode+"\x00"+strings.ToLower(p.Position)]++
		if s := p.Submission; s != nil && s.Answers.Choice == karir.ChoiceMove {
			if t.Role.OPD != "" && s.Answers.TargetOPDCode != t.Role.OPD {
				continue
			}
			asked[key{s.Answers.TargetOPDCode, s.Answers.TargetOPDName, s.Answers.TargetPosition}]++
		}
	}
	if len(asked) == 0 {
		t.Sayf(txtNoDemand)
		return nil
	}
	keys := make([]key, 0, len(asked))
	for k := range asked {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int {
		if d := asked[b] - asked[a]; d != 0 {
			return d
		}
		return strings.Compare(a.opd+a.position, b.opd+b.position)
	})
	var b strings.Builder
	b.WriteString(txtDemandHead)
	for _, k := range keys {
		mark := ""
		if asked[k] > 1 {
			mark = " ⚠️"
		}
		fmt.Fprintf(&b, txtDemandLine, esc(k.position), esc(k.opd), asked[k], holders[k.opd+"\x00"+strings.ToLower(k.position)], mark)
	}
	b.WriteString(txtDemandLegend)
	t.SayLong(b.String())
	return nil
}

// SubmissionsOf returns the round's submissions, of one OPD when opd is set.
func SubmissionsOf(ctx context.Context, dir karir.Directory, round, opd string) ([]karir.Submission, error) {
	subs, err := dir.ListSubmissions(ctx, round)
	if err != nil {
		return nil, err
	}
	if opd == "" {
		return subs, nil
	}
	var out []karir.Submission
	for _, s := range subs {
		if s.OPDCode == opd {
			out = append(out, s)
		}
	}
	return out, nil
}

func (c *Console) export(t *Turn) error {
	round, err := c.Rounds.CurrentRound(t.Ctx)
	if err != nil {
		return fmt.Errorf("current round: %w", err)
	}
	subs, err := SubmissionsOf(t.Ctx, c.Store, round.ID, t.Role.OPD)
	if err != nil {
		return err
	}
	xlsx, err := c.Reports.ExportXLSX(subs, c.Location)
	if err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	csv, err := c.Reports.ExportCSV(subs, c.Location)
	if err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	name := "open-karir-" + round.ID
	if t.Role.OPD != "" {
		name += "-" + t.Role.OPD
	}
	t.Say(karir.Reply{Text: fmt.Sprintf(txtExported, len(subs), scopeName(t.Role.OPD)), Document: &karir.File{Name: name + ".xlsx", Data: xlsx}})
	t.Say(karir.Reply{Text: txtExportedCSV, Document: &karir.File{Name: name + ".csv", Data: csv}})
	return c.audit.Record(t, "ekspor", fmt.Sprintf("%d formulir, %s", len(subs), scopeName(t.Role.OPD)))
}

// importRoster loads a roster CSV sent with the caption /impor. A file with
// any bad row changes nothing.
func (c *Console) importRoster(t *Turn) error {
	f := t.In.File
	if f == nil || f.Kind != "document" {
		t.Sayf(txtImportHow)
		return nil
	}
	data, err := c.Files.Download(t.Ctx, f.ID)
	if err != nil {
		return fmt.Errorf("download roster: %w", err)
	}
	summary, problems, err := c.Importer.ImportAll(t.Ctx, bytes.NewReader(data), c.Now())
	if err != nil {
		t.Sayf(txtImportUnreadable, esc(err.Error()))
		return nil
	}
	if len(problems) > 0 {
		text := fmt.Sprintf(txtImportRejected, len(problems))
		if len(problems) <= 15 {
			t.SayLong(text + esc(strings.Join(problems, "\n")))
			return nil
		}
		rows := make([][]string, len(problems))
		for i, p := range problems {
			rows[i] = []string{p}
		}
		doc, err := c.Reports.CSV([]string{"masalah"}, rows)
		if err != nil {
			return err
		}
		t.Say(karir.Reply{Text: text + txtImportSeeFile, Document: &karir.File{Name: "baris-ditolak.csv", Data: doc}})
		return nil
	}
	t.Sayf(txtImported, esc(summary))
	return c.audit.Record(t, "impor", fmt.Sprintf("%s: %s", f.Name, strings.ReplaceAll(summary, "\n", "; ")))
}

// unbind frees a NIP from its Telegram account (a lost phone, a new
// number); the submissions stay.
func (c *Console) unbind(t *Turn) error {
	nip := karir.NormalizeNIP(t.In.Args)
	if nip == "" {
		t.Sayf(txtUnbindUsage)
		return nil
	}
	b, err := c.Store.Binding(t.Ctx, nip)
	if errors.Is(err, karir.ErrNotFound) {
		t.Sayf(txtUnbindNone, nip)
		return nil
	}
	if err != nil {
		return err
	}
	if err := c.Store.Unbind(t.Ctx, nip); err != nil {
		return err
	}
	// The old account starts again from the NIP, with nothing half-filled.
	for attempt := 0; attempt < maxAttempts; attempt++ {
		conv, err := c.Store.LoadConversation(t.Ctx, b.TelegramID)
		if err != nil {
			return err
		}
		if conv.NIP != nip {
			break
		}
		conv.NIP, conv.State, conv.Draft, conv.Editing = "", karir.StateStart, karir.Answers{}, false
		conv.Pending, conv.PendingArgs = "", nil
		err = c.Store.SaveConversation(t.Ctx, conv)
		if errors.Is(err, karir.ErrConflict) {
			continue
		}
		if err != nil {
			return err
		}
		break
	}
	t.Sayf(txtUnbound, nip, b.TelegramID)
	return c.audit.Record(t, "lepas", fmt.Sprintf("NIP %s dari akun id %d", nip, b.TelegramID))
}
