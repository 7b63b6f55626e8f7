package store

import (
	"testing"

	"openkarir/karir"
)

// TestHotDocsKeepsNoStaleRead: a read from the database that a write
// overtook is not kept, absences are remembered, a filled collection knows
// every absent id, and callers get copies.
func TestHotDocsKeepsNoStaleRead(t *testing.T) {
	h := newHotCaches().grants
	if _, known := h.get("u:1"); known {
		t.Fatal("an empty cache answered")
	}
	gen := h.begin()
	h.saved("u:1", &karir.AdminGrant{ID: "u:1", Roles: []karir.Role{karir.RoleVerifier}})
	h.loaded(gen, "u:1", nil) // read before the write: stale
	g, known := h.get("u:1")
	if !known || g == nil || g.Roles[0] != karir.RoleVerifier {
		t.Fatalf("after the write: %+v, %v", g, known)
	}
	g.Roles[0] = karir.RoleOPDAdmin
	if again, _ := h.get("u:1"); again.Roles[0] != karir.RoleVerifier {
		t.Error("a caller changed the cached grant")
	}
	h.loaded(h.begin(), "u:2", nil)
	if g, known := h.get("u:2"); !known || g != nil {
		t.Errorf("a known absence: %+v, %v", g, known)
	}
	if _, known := h.get("u:3"); known {
		t.Error("an id never read is known")
	}
	h.filled(h.begin(), map[string]karir.AdminGrant{"u:1": {ID: "u:1"}})
	if g, known := h.get("u:3"); !known || g != nil {
		t.Errorf("absent from the filled collection: %+v, %v", g, known)
	}
	h.forget("u:1")
	if _, known := h.get("u:3"); known {
		t.Error("still complete after a write that failed")
	}
	var none *hotDocs[karir.PostMap] // a server's
	if _, known := none.get("X"); known {
		t.Error("a server's cache answered")
	}
	none.saved("X", nil)
	none.loaded(none.begin(), "X", nil)
}
