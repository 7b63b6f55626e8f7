package flows

import "strings"

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
