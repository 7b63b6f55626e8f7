package roster

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"openkarir/karir"
)

// rowResult is what parseRow made of a row besides the employee: why it
// is refused, what was guessed, whether it is skipped as not in service.
type rowResult struct {
	reason   string
	warnings []string
	// inactive is the kedudukan hukum of a row not in service ("Pensiun");
	// the row's NIP is read, nothing else.
	inactive string
}

// parseRow checks one row; field reads a column by its canonical name and
// has tells which columns the file has. Whether a row without a phone has
// a code is known only beside the stored roster (see plan).
func parseRow(cell func(string) string, has func(string) bool, now time.Time) (Row, rowResult) {
	field := func(col string) string { return cleanCell(cell(col)) }
	var row Row
	var res rowResult
	if active, known := kedudukan(field("kedudukan")); !active {
		res.inactive = field("kedudukan")
		row.NIP = karir.NormalizeNIP(field("nip"))
		return row, res
	} else if !known {
		res.warnings = append(res.warnings, fmt.Sprintf("kedudukan hukum tidak dikenal (%s): dianggap aktif", field("kedudukan")))
	}
	e := &row.Employee
	*e = karir.Employee{
		NIP:      karir.NormalizeNIP(field("nip")),
		Name:     displayName(field("gelar_depan"), field("nama"), field("gelar_belakang")),
		OPDCode:  strings.ToUpper(field("kode_opd")),
		OPDName:  field("nama_opd"),
		Position: field("jabatan"),
		Eselon:   karir.NormalizeEselon(field("eselon")),
	}
	row.Unit = field("unit")
	if e.OPDName == "" {
		e.OPDName = row.Unit
	}
	if res.reason = checkNumber(e, field("jenis_pegawai"), now, &res.warnings); res.reason != "" {
		if raw := field("nip"); strings.ContainsAny(raw, "Ee") && strings.Contains(raw, "+") {
			// "1,97007E+17": a CSV saved from a sheet that held NIPs as numbers.
			res.reason = fmt.Sprintf("NIP tersimpan sebagai angka (%s) dan digit terakhirnya hilang: simpan kolom NIP sebagai teks di Excel, ketik ulang NIP-nya, lalu simpan ulang", raw)
		}
		return row, res
	}
	switch {
	case field("nama") == "":
		res.reason = "nama kosong"
	case e.OPDCode == "" && e.OPDName == "":
		res.reason = "OPD kosong (kode_opd, nama_opd atau UNOR_INDUK_NAMA)"
	case e.Position == "":
		res.reason = "jabatan kosong"
	}
	if res.reason == "" {
		res.reason = tooLong(e)
	}
	if res.reason != "" {
		return row, res
	}
	t, ok := karir.ClassifyJabatan(field("jenis_jabatan"), field("eselon"), e.Position)
	e.JabatanType = t
	if !ok {
		res.warnings = append(res.warnings, "jabatan tidak dikenali: dianggap pelaksana")
	}
	row.KeepPhone = !has(colPhone)
	if p := field(colPhone); p != "" {
		if e.Phone = karir.NormalizePhone(p); e.Phone == "" {
			res.reason = fmt.Sprintf("nomor HP tidak valid (%s)", p)
			return row, res
		}
	}
	switch code := field(colCode); code {
	case "":
		row.Code = KeepCode
	case clearCode:
		row.Code = ClearCode
	default:
		row.Code, e.ActivationHash = SetCode, karir.HashActivationCode(e.NIP, code)
	}
	res.reason = optionalColumns(e, field, now, &res.warnings)
	return row, res
}

// checkNumber validates the NIP or NI PPPK and sets the employee's kind
// from it, checked against a jenis_pegawai cell when the file has one.
func checkNumber(e *karir.Employee, kindCell string, now time.Time, warnings *[]string) string {
	byNumber := karir.KindOfNumber(e.NIP)
	if err := karir.ValidateNIP(e.NIP, now); err != nil {
		if byNumber == karir.PPPK {
			return "NI PPPK tidak valid: " + nipReason(err)
		}
		return "NIP tidak valid: " + nipReason(err)
	}
	e.Kind = byNumber
	if kindCell == "" {
		return ""
	}
	said, err := karir.ParseASNKind(kindCell)
	switch {
	case errors.Is(err, karir.ErrASNKind):
		*warnings = append(*warnings, fmt.Sprintf("jenis pegawai tidak dikenal (%s): dibaca dari nomornya (%s)", kindCell, byNumber))
	case said == karir.PPPK && byNumber != karir.PPPK:
		return "NI PPPK: kode 21 tidak pada tempatnya (angka ke-13 dan ke-14 harus 21)"
	case said == karir.PNS && byNumber == karir.PPPK:
		return "NIP PNS berkode 21 pada angka ke-13 dan ke-14 (itu bentuk NI PPPK): periksa jenis pegawai"
	}
	return ""
}
