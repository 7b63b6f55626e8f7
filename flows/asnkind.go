package flows

import (
	"strings"

	"openkarir/karir"
)

// The admin lists can be limited to PNS or to PPPK: /cakupan PPPK,
// /belum DINKES PPPK, /ekspor 2026-1 PNS.

// kindArg takes a PNS or PPPK word out of a command's arguments; "" when
// there is none (everyone).
func kindArg(args string) (karir.ASNKind, string) {
	words := strings.Fields(args)
	for i, w := range words {
		if k, err := karir.ParseASNKind(w); err == nil && (strings.EqualFold(w, "PNS") || strings.EqualFold(w, "PPPK")) {
			return k, strings.Join(append(words[:i:i], words[i+1:]...), " ")
		}
	}
	return "", strings.TrimSpace(args)
}

// ofKind keeps the standings of one kind (all when kind is "").
func ofKind(people []karir.Standing, kind karir.ASNKind) []karir.Standing {
	if kind == "" {
		return people
	}
	out := people[:0:0]
	for _, p := range people {
		if p.ASN() == kind {
			out = append(out, p)
		}
	}
	return out
}

// kindScope is a list's scope with its kind: "semua OPD, PPPK saja".
func kindScope(scope string, kind karir.ASNKind) string {
	if kind == "" {
		return scope
	}
	return scope + ", " + string(kind) + " saja"
}

// levelAndKind is an ASN's level as a candidate's line shows it, with
// "PPPK" for a PPPK.
func levelAndKind(e karir.Employee) string {
	if e.ASN() == karir.PPPK {
		return e.Level() + " · PPPK"
	}
	return e.Level()
}
