package bot

import (
	"sync"
	"time"
)

// floodGuard slows down a user who sends more than limit updates a minute:
// past the limit their updates are dropped, and they are told once per
// minute. It keeps one small counter per active user.
type floodGuard struct {
	limit int
	now   func() time.Time

	mu      sync.Mutex
	windows map[int64]*window
}

type window struct {
	start  time.Time
	count  int
	warned bool
}

func newFloodGuard(limit int, now func() time.Time) *floodGuard {
	return &floodGuard{limit: limit, now: now, windows: map[int64]*window{}}
}

// allow counts an update of the user; it reports whether to handle it, and
// whether to warn them (once a minute).
func (g *floodGuard) allow(user int64) (ok, warn bool) {
	if g.limit <= 0 {
		return true, false
	}
	now := g.now()
	g.mu.Lock()
	defer g.mu.Unlock()
	w, found := g.windows[user]
	if !found || now.Sub(w.start) >= time.Minute {
		if len(g.windows) > 10000 {
			g.windows = map[int64]*window{}
		}
		w = &window{start: now}
		g.windows[user] = w
	}
	w.count++
	if w.count <= g.limit {
		return true, false
	}
	warn = !w.warned
	w.warned = true
	return false, warn
}
