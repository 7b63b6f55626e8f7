package flows

import (
	"fmt"
	"strings"
)

// opdHelp is the /bantuan line of a command for an admin limited to one
// OPD (an admin OPD), %s their OPD's code, where the command's Description
// says what only BKPSDM does (every OPD, recording the stages, "per OPD").
// A command not here gets its Description narrowed (scopedDescription).
var opdHelp = map[string]string{
	"antrean":  "formulir ASN OPD %s yang sedang diproses: /antrean",
	"belum":    "daftar ASN OPD %s yang belum mengisi: /belum",
	"cakupan":  "cakupan pengisian OPD %s per eselon, dengan grafik: /cakupan [PERIODE]",
	"ekspor":   "unduh formulir ASN OPD %s (.xlsx dan .csv): /ekspor [PERIODE]",
	"ingatkan": "kirim pengingat sekarang ke ASN OPD %s yang belum mengisi: /ingatkan",
	"kandidat": "kandidat per jabatan tujuan di OPD %s: /kandidat [kata]",
	"peminat":  "peta minat: jabatan di OPD %s yang diminati dan peminatnya",
	"suksesi":  "rencana suksesi OPD %s: jabatan yang perlu diisi dan ASN yang siap: /suksesi",
	"talenta":  "peta talenta 9-box ASN OPD %s: /talenta",
	"teladan":  "ASN teladan OPD %s menurut nilai laporan bulanan: /teladan [BULAN]",
	"tinjau":   "lihat formulir ASN OPD %s dan beri rekomendasi OPD: /tinjau NIP atau nomor referensi",
}

// describe is c's /bantuan line for a user whose right to it is confined
// to opd ("" for every OPD).
func (c Command) describe(opd string) string {
	if line, ok := opdHelp[c.Name]; ok && opd != "" {
		return fmt.Sprintf(line, opd)
	}
	return scopedDescription(c.Description, opd)
}

// scopedDescription is a command's /bantuan line as a user confined to
// one OPD (an admin OPD, Roles.Scope) can use it: the OPD code argument,
// which for them is their own OPD or refused (confineToOPD), left out, and
// "semua ASN" named as their OPD's ASN. opd "" (every OPD) changes nothing.
func scopedDescription(d, opd string) string {
	if opd == "" {
		return d
	}
	d = strings.ReplaceAll(d, " [KODE_OPD]", "")
	return strings.ReplaceAll(d, "semua ASN", "ASN OPD "+opd)
}
