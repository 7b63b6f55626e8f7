package flows

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"openkarir/karir"
)

// belumPage is how many people one page of /belum lists.
const belumPage = 20

// notFiled lists who has not filed; notFiledPage turns its pages.
func (c *Console) notFiled(t *Turn) error {
	kind, args := kindArg(t.In.Args)
	opd, ok, err := c.opdScope(t, args)
	if err != nil || !ok {
		return err
	}
	if err := c.showNotFiled(t, opd, kind, 0, 0, true); err != nil || opd != "" {
		return err
	}
	return c.showOPDPicker(t, "belum", 0, 0, string(kind))
}

func (c *Console) notFiledPage(t *Turn, f Fields) error {
	switch f.Kind() {
	case "o": // an OPD from the picker: its list, with its file
		t.In.Args = f.At(1) + " " + f.At(2) // OPD, kind: as typed
		return c.notFiled(t)
	case "op":
		page, ok := f.Int(1)
		if !ok {
			break
		}
		return c.showOPDPicker(t, "belum", page, t.In.Callback.MessageID, f.At(2))
	}
	opd := f.At(0)
	var kind karir.ASNKind
	if kindWord := f.At(2); kindWord != "" {
		k, err := karir.ParseASNKind(kindWord)
		if err != nil {
			t.Toast(txtStaleButton)
			return nil
		}
		kind = k
	}
	p, ok := f.Int(1)
	if !ok || p < 0 {
		t.Toast(txtStaleButton)
		return nil
	}
	if t.Role.OPD != "" && opd != t.Role.OPD {
		t.Toast(txtStaleButton)
		return nil
	}
	return c.showNotFiled(t, opd, kind, p, t.In.Callback.MessageID, false)
}

// showNotFiled lists one page, a compact line per person with the roster's
// phone number (most who have not filed are not in the bot and must be
// called); with withFile and more than one page, the whole list follows as
// a spreadsheet and a CSV.
func (c *Console) showNotFiled(t *Turn, opd string, kind karir.ASNKind, page, editID int, withFile bool) error {
	if !t.Round.Opened() {
		t.Sayf(txtNoRoundAdmin)
		return nil
	}
	people, err := c.standings(t, t.Round, opd)
	if err != nil {
		return err
	}
	var missing []karir.Standing
	for _, p := range ofKind(people, kind) {
		if p.Submission == nil {
			missing = append(missing, p)
		}
	}
	slices.SortFunc(missing, func(a, b karir.Standing) int {
		return cmp.Or(strings.Compare(a.OPDCode, b.OPDCode), strings.Compare(sortKey(a.Name), sortKey(b.Name)), strings.Compare(a.NIP, b.NIP))
	})
	if len(missing) == 0 {
		t.Sayf(txtAllFiled, kindScope(scopeName(opd), kind))
		return nil
	}
	pages := pageCount(len(missing), belumPage)
	page = clamp(page, 0, pages-1)
	var b strings.Builder
	fmt.Fprintf(&b, txtNotFiledHead, len(missing), kindScope(scopeName(opd), kind), page+1, pages)
	for i, p := range pageOf(missing, page, belumPage) {
		fmt.Fprintf(&b, txtNotFiledLine, page*belumPage+i+1, escName(p.Name), esc(p.OPDCode), phoneOf(p.Employee), reachIcon(p))
	}
	b.WriteString(txtNotFiledLegend)
	var nav []karir.Button
	if page > 0 {
		nav = append(nav, karir.Button{Text: txtBtnPrev, Data: notFiledData(opd, page-1, kind)})
	}
	if page < pages-1 {
		nav = append(nav, karir.Button{Text: txtBtnNext, Data: notFiledData(opd, page+1, kind)})
	}
	r := karir.Reply{Text: b.String(), EditMessageID: editID}
	if len(nav) > 0 {
		r.Buttons = [][]karir.Button{nav}
	}
	t.Say(r)
	if !withFile || pages == 1 {
		return nil
	}
	header := []string{"nip", "nama", "kode_opd", "nama_opd", "jabatan", "jenis_jabatan", "eselon", "jenis_pegawai", "no_hp", "status_bot"}
	rows := make([][]string, len(missing))
	for i, p := range missing {
		rows[i] = []string{p.NIP, p.Name, p.OPDCode, p.OPDName, p.Position, p.Type().Name(), p.Eselon, string(p.ASN()), localPhone(p.Phone), plainReach(p)}
	}
	xlsx, err := c.Reports.XLSX("Belum mengisi", header, rows)
	if err != nil {
		return fmt.Errorf("not-filed xlsx: %w", err)
	}
	csv, err := c.Reports.CSV(header, rows)
	if err != nil {
		return fmt.Errorf("not-filed csv: %w", err)
	}
	t.Say(karir.Reply{Text: txtNotFiledFile, Document: &karir.File{Name: "belum-mengisi.xlsx", Data: xlsx}})
	t.Say(karir.Reply{Text: txtNotFiledCSV, Document: &karir.File{Name: "belum-mengisi.csv", Data: csv}})
	// Phone numbers leave the bot in a file: the audit log says who took them.
	return c.audit.Record(t, "belum", fmt.Sprintf(txtAuditNotFiled, len(missing), scopeName(opd)))
}

// phoneOf is the roster's phone number as people dial it.
func phoneOf(e karir.Employee) string {
	if e.Phone == "" {
		return txtNoPhone
	}
	return localPhone(e.Phone)
}

func reachIcon(p karir.Standing) string {
	switch {
	case p.Unreachable:
		return "⛔"
	case p.Bound:
		return "📲"
	}
	return "☎️"
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

// notFiledData is a /belum page button's data: OPD, page, and the kind
// when the list is of one.
func notFiledData(opd string, page int, kind karir.ASNKind) string {
	return ButtonData("belum", opd, strconv.Itoa(page), string(kind))
}
