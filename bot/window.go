package bot

import (
	"sync"
	"time"
)

// offsetWindow is the account of updates received and not yet confirmed to
// Telegram: those still open (being handled, waiting their turn, or
// waiting for the database) and those done above the lowest open one. An
// open update kept in the inbox (parked) no longer holds the offset: it
// survives a crash there.
type offsetWindow struct {
	mu   sync.Mutex
	open map[int]*openUpdate
	done map[int]bool
	// highest is the highest update Telegram gave this process (parked
	// updates read back from the inbox at start do not count: Telegram
	// may still hold unconfirmed ones below them).
	highest int
	changed chan struct{} // closed and replaced when an update is done
}

// openUpdate is an update received and not yet done.
type openUpdate struct {
	at     time.Time // when it was received
	raw    []byte    // as Telegram sent it, to park
	parked bool      // kept in the inbox
}

func newOffsetWindow() *offsetWindow {
	return &offsetWindow{open: map[int]*openUpdate{}, done: map[int]bool{}, changed: make(chan struct{})}
}

// offset is what getUpdates confirms: every update below the lowest open
// one not parked (or all received, when none is open). changed is closed
// when it may have moved.
func (w *offsetWindow) offset() (offset int, changed <-chan struct{}) {
	w.mu.Lock()
	defer w.mu.Unlock()
	offset = w.highest + 1
	if w.highest == 0 {
		offset = 0
	}
	for id, u := range w.open {
		if !u.parked && offset > 0 {
			offset = min(offset, id)
		}
	}
	for id := range w.done {
		if id < offset {
			delete(w.done, id)
		}
	}
	return offset, w.changed
}

// seen reports whether an update was received before (it is open, or
// done and not yet confirmed). Telegram returns none below the offset it
// was given, and offset prunes only the done ones below it, so one not
// seen is new.
func (w *offsetWindow) seen(id int) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.open[id] != nil || w.done[id]
}

// admit opens an update Telegram sent, reporting false if it was seen.
func (w *offsetWindow) admit(id int, raw []byte, now time.Time) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.open[id] != nil || w.done[id] {
		return false
	}
	w.open[id] = &openUpdate{at: now, raw: raw}
	w.highest = max(w.highest, id)
	return true
}

// restore opens an update read back from the inbox, parked already.
func (w *offsetWindow) restore(id int, now time.Time) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.open[id] = &openUpdate{at: now, parked: true}
}

// finish marks an update done, reporting whether it was parked (and so is
// to be dropped from the inbox). A parked one is remembered as done too:
// after a crash between parking it and confirming it, Telegram gives it
// again.
func (w *offsetWindow) finish(id int) (parked bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if u := w.open[id]; u != nil {
		parked = u.parked
	}
	delete(w.open, id)
	w.done[id] = true
	close(w.changed)
	w.changed = make(chan struct{})
	return parked
}

// holding reports whether an open update holds the offset down: Telegram
// then answers getUpdates at once, with it.
func (w *offsetWindow) holding() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, u := range w.open {
		if !u.parked {
			return true
		}
	}
	return false
}

// stale returns the open updates not parked that were received before
// since, as Telegram sent them, if the lowest open one is among them.
func (w *offsetWindow) stale(since time.Time) map[int][]byte {
	w.mu.Lock()
	defer w.mu.Unlock()
	lowest := 0
	for id, u := range w.open {
		if !u.parked && (lowest == 0 || id < lowest) {
			lowest = id
		}
	}
	if lowest == 0 || !w.open[lowest].at.Before(since) {
		return nil
	}
	out := map[int][]byte{}
	for id, u := range w.open {
		if !u.parked && u.at.Before(since) {
			out[id] = u.raw
		}
	}
	return out
}

// park marks updates kept in the inbox: the offset may pass them. It
// returns those done meanwhile, written to the inbox after they were done:
// they are to be dropped from it.
func (w *offsetWindow) park(ids map[int][]byte) (gone []int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for id := range ids {
		if u := w.open[id]; u != nil {
			u.parked, u.raw = true, nil
		} else {
			gone = append(gone, id)
		}
	}
	close(w.changed)
	w.changed = make(chan struct{})
	return gone
}
