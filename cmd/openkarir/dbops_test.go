package main

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/event"
)

// TestDBOpsCountsByCommandAndCollection feeds the monitor the events the
// driver sends and reads the tallies as the load tool does.
func TestDBOpsCountsByCommandAndCollection(t *testing.T) {
	ops := newDBOps()
	m := ops.Monitor()
	send := func(id int64, cmd bson.D, name string, took time.Duration, fail bool) {
		raw, err := bson.Marshal(cmd)
		if err != nil {
			t.Fatal(err)
		}
		m.Started(context.Background(), &event.CommandStartedEvent{Command: raw, CommandName: name, RequestID: id})
		done := event.CommandFinishedEvent{CommandName: name, RequestID: id, Duration: took}
		if fail {
			m.Failed(context.Background(), &event.CommandFailedEvent{CommandFinishedEvent: done})
		} else {
			m.Succeeded(context.Background(), &event.CommandSucceededEvent{CommandFinishedEvent: done})
		}
	}
	send(1, bson.D{{Key: "find", Value: "submissions"}}, "find", time.Millisecond, false)
	send(2, bson.D{{Key: "find", Value: "submissions"}}, "find", 2*time.Millisecond, true)
	send(3, bson.D{{Key: "getMore", Value: int64(7)}, {Key: "collection", Value: "employees"}}, "getMore", time.Millisecond, false)
	send(4, bson.D{{Key: "ping", Value: 1}}, "ping", 0, false)

	rec := httptest.NewRecorder()
	ops.ServeHTTP(rec, httptest.NewRequest("GET", "/debug/dbops", nil))
	var got map[string]DBOp
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]DBOp{"find submissions": {2, 3000}, "getMore employees": {1, 1000}, "ping": {1, 0}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: got %+v, want %+v", k, got[k], w)
		}
	}
	if len(ops.inFlight) != 0 {
		t.Errorf("finished commands still in flight: %v", ops.inFlight)
	}
}
