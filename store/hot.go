package store

import (
	"slices"
	"sync"

	"openkarir/karir"
)

// hotDocs keeps small documents the embedded store reads on the hot path
// (an activation code's wrong tries, an admin's grant, an OPD's peta
// jabatan) in memory, and remembers the ids it found absent: each was one
// to three FerretDB lookups per update on the one connection (issue 26).
// The embedded store belongs to this process (lock_unix.go), so what this
// process last read or wrote is the truth. A read from the database is kept
// only if nothing of the collection was written or forgotten while it ran
// (gen), so a slow read never puts back what a write replaced.
type hotDocs[T any] struct {
	mu    sync.Mutex
	gen   uint64
	docs  map[string]*T // nil: known absent
	clone func(T) T     // a copy that shares nothing a caller may change
	// complete: docs holds the whole collection (filled), so an id not
	// in it is absent.
	complete bool
	fills    int // times filled
}

func newHotDocs[T any](clone func(T) T) *hotDocs[T] {
	return &hotDocs[T]{docs: map[string]*T{}, clone: clone}
}

// get returns a copy of id's document; known is false when the cache
// cannot answer (there is none: a server, or id was not read yet). A nil
// *hotDocs knows nothing.
func (h *hotDocs[T]) get(id string) (doc *T, known bool) {
	if h == nil {
		return nil, false
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	d, ok := h.docs[id]
	if !ok || d == nil {
		return nil, ok || h.complete
	}
	c := h.clone(*d)
	return &c, true
}

// begin is called before a read from the database; its result goes to
// loaded.
func (h *hotDocs[T]) begin() uint64 {
	if h == nil {
		return 0
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.gen
}

// loaded keeps what a read begun at gen found (nil: nothing), unless a
// write came meanwhile.
func (h *hotDocs[T]) loaded(gen uint64, id string, doc *T) {
	if h == nil {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.gen != gen {
		return
	}
	if doc != nil {
		c := h.clone(*doc)
		doc = &c
	}
	h.docs[id] = doc
}

// filled keeps the whole collection, read by a read begun at gen, unless
// a write came meanwhile.
func (h *hotDocs[T]) filled(gen uint64, all map[string]T) {
	if h == nil {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.gen != gen {
		return
	}
	for id, d := range all {
		c := h.clone(d)
		h.docs[id] = &c
	}
	h.complete = true
	h.fills++
}

// filledOnce reports whether the collection was read whole before (a
// failed write since sends single ids to the database again, rather than
// the whole collection each time).
func (h *hotDocs[T]) filledOnce() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.fills > 0
}

// saved keeps what a write just stored as id (nil: deleted).
func (h *hotDocs[T]) saved(id string, doc *T) {
	if h == nil {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.gen++
	if doc != nil {
		c := h.clone(*doc)
		doc = &c
	}
	h.docs[id] = doc
}

// forget drops id (a write that failed, or whose outcome is unknown): its
// next read goes to the database.
func (h *hotDocs[T]) forget(id string) {
	if h == nil {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.gen++
	delete(h.docs, id)
	h.complete = false
}

// hotCaches are the embedded store's hotDocs; on a server all are nil
// (several processes write there, and its indexes answer).
type hotCaches struct {
	tries    *hotDocs[karir.CodeAttempts]
	grants   *hotDocs[karir.AdminGrant]
	postMaps *hotDocs[karir.PostMap]
}

func newHotCaches() hotCaches {
	return hotCaches{
		tries: newHotDocs(func(a karir.CodeAttempts) karir.CodeAttempts { return a }),
		grants: newHotDocs(func(g karir.AdminGrant) karir.AdminGrant {
			g.Roles = slices.Clone(g.Roles)
			return g
		}),
		postMaps: newHotDocs(func(m karir.PostMap) karir.PostMap {
			m.Posts = slices.Clone(m.Posts)
			return m
		}),
	}
}
