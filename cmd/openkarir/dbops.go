package main

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/event"
)

// dbOps counts the database commands the bot sends, by command and
// collection ("find submissions"), with the time they took: the driver's
// command monitor, served on the debug server (DEBUG_ADDR) at /debug/dbops
// so a load run can read it before and after and divide by its updates.
type dbOps struct {
	mu       sync.Mutex
	inFlight map[int64]string // request ID -> key, until it finishes
	ops      map[string]DBOp
}

// DBOp is one command's tally.
type DBOp struct {
	Count  int64 `json:"count"`
	Micros int64 `json:"micros"` // time from sending to the answer, summed
}

func newDBOps() *dbOps {
	return &dbOps{inFlight: map[int64]string{}, ops: map[string]DBOp{}}
}

// Monitor is the command monitor to give the driver.
func (d *dbOps) Monitor() *event.CommandMonitor {
	return &event.CommandMonitor{
		Started: func(_ context.Context, e *event.CommandStartedEvent) {
			key := e.CommandName
			// A command's first element names it, its value the collection
			// (getMore's is the cursor: the collection comes later).
			if v, err := e.Command.LookupErr(e.CommandName); err == nil {
				if coll, ok := v.StringValueOK(); ok {
					key += " " + coll
				}
			}
			if v, err := e.Command.LookupErr("collection"); err == nil && e.CommandName == "getMore" {
				if coll, ok := v.StringValueOK(); ok {
					key += " " + coll
				}
			}
			d.mu.Lock()
			d.inFlight[e.RequestID] = key
			d.mu.Unlock()
		},
		Succeeded: func(_ context.Context, e *event.CommandSucceededEvent) { d.finish(e.RequestID, e.Duration) },
		Failed:    func(_ context.Context, e *event.CommandFailedEvent) { d.finish(e.RequestID, e.Duration) },
	}
}

func (d *dbOps) finish(id int64, took time.Duration) {
	d.mu.Lock()
	defer d.mu.Unlock()
	key, ok := d.inFlight[id]
	if !ok {
		return
	}
	delete(d.inFlight, id)
	op := d.ops[key]
	op.Count++
	op.Micros += took.Microseconds()
	d.ops[key] = op
}

// ServeHTTP answers the tallies so far as JSON.
func (d *dbOps) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	d.mu.Lock()
	snapshot := make(map[string]DBOp, len(d.ops))
	for k, v := range d.ops {
		snapshot[k] = v
	}
	d.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(snapshot)
}
