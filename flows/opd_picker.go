package flows

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"openkarir/karir"
)

// opdPickerPage is how many OPD buttons one page of the picker shows.
const opdPickerPage = 8

// opdPicker is the message under an overall view (/cakupan, /belum) that
// drills down to one OPD with a button, instead of a typed OPD code. Its
// buttons carry ButtonData(command, "o", code, extra...) to open an OPD
// and ButtonData(command, "op", page, extra...) to turn its page; extra is
// what the command needs besides (the round of /cakupan).
func opdPicker(opds []karir.OPD, command string, page int, extra ...string) karir.Reply {
	// By code, as the admin reads them: the store keeps the roster's order.
	opds = slices.SortedFunc(slices.Values(opds), func(a, b karir.OPD) int { return strings.Compare(a.Code, b.Code) })
	pages := pageCount(len(opds), opdPickerPage)
	page = clamp(page, 0, pages-1)
	var buttons []karir.Button
	for _, o := range pageOf(opds, page, opdPickerPage) {
		buttons = append(buttons, karir.Button{Text: o.Code, Data: ButtonData(command, append([]string{"o", o.Code}, extra...)...)})
	}
	var rows [][]karir.Button
	for i := 0; i < len(buttons); i += 2 {
		rows = append(rows, buttons[i:min(i+2, len(buttons))])
	}
	var nav []karir.Button
	if page > 0 {
		nav = append(nav, karir.Button{Text: txtBtnPrev, Data: ButtonData(command, append([]string{"op", strconv.Itoa(page - 1)}, extra...)...)})
	}
	if page < pages-1 {
		nav = append(nav, karir.Button{Text: txtBtnNext, Data: ButtonData(command, append([]string{"op", strconv.Itoa(page + 1)}, extra...)...)})
	}
	if len(nav) > 0 {
		rows = append(rows, nav)
	}
	return karir.Reply{Text: fmt.Sprintf(txtOPDPicker, page+1, pages), Buttons: rows}
}

// showOPDPicker adds the picker under an overall view; an OPD admin, who
// sees one OPD, gets none.
func (c *Console) showOPDPicker(t *Turn, command string, page, editID int, extra ...string) error {
	if t.Role.OPD != "" {
		return nil
	}
	opds, err := c.Store.OPDs(t.Ctx)
	if err != nil {
		return fmt.Errorf("list OPDs: %w", err)
	}
	if len(opds) < 2 {
		return nil
	}
	r := opdPicker(opds, command, page, extra...)
	r.EditMessageID = editID
	t.Say(r)
	return nil
}
