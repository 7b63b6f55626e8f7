package store

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// An outbox row has one field per key: the struct codec need not drop a
// field (Go's inlining rules) to encode it, so the strict encoder takes
// it too, and the keyboard's rows are under "reply.buttons" as the rows
// already stored (and a process of an earlier build beside this one) have
// them, each {row: [...]}.
func TestOutboxRowHasOneFieldPerKey(t *testing.T) {
	at := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	m := karir.Outgoing{Key: "k", ChatID: 5, Status: karir.OutPending, NotBefore: at, CreatedAt: at,
		Reply: karir.Reply{Text: "hai", Buttons: [][]karir.Button{{{Text: "A", Data: "a"}, {Text: "B", Data: "b"}}, {{Text: "C", Data: "c"}}},
			Document: &karir.File{Name: "f.pdf", Data: []byte("%PDF")}}}
	var buf bytes.Buffer
	enc := bson.NewEncoder(bson.NewDocumentWriter(&buf))
	enc.ErrorOnInlineDuplicates()
	if err := enc.Encode(toDoc(m)); err != nil {
		t.Fatalf("strict encoding: %v", err)
	}
	rows, err := bson.Raw(buf.Bytes()).LookupErr("reply", "buttons")
	if err != nil {
		t.Fatalf("no reply.buttons: %v", err)
	}
	first, err := bson.RawArray(rows.Array()).IndexErr(0)
	if err != nil || first.Document().Lookup("row").Type != bson.TypeArray {
		t.Fatalf("reply.buttons = %s", rows)
	}

	// A row as the earlier build stored it reads back whole.
	old, err := bson.Marshal(bson.D{{Key: "_id", Value: "k"}, {Key: "chat_id", Value: int64(5)},
		{Key: "reply", Value: bson.D{{Key: "text", Value: "hai"},
			{Key: "document", Value: bson.D{{Key: "name", Value: "f.pdf"}, {Key: "data", Value: []byte("%PDF")}}},
			{Key: "buttons", Value: bson.A{
				bson.D{{Key: "row", Value: bson.A{bson.D{{Key: "text", Value: "A"}, {Key: "data", Value: "a"}}, bson.D{{Key: "text", Value: "B"}, {Key: "data", Value: "b"}}}}},
				bson.D{{Key: "row", Value: bson.A{bson.D{{Key: "text", Value: "C"}, {Key: "data", Value: "c"}}}}},
			}}}},
		{Key: "status", Value: karir.OutPending}, {Key: "attempts", Value: 0}, {Key: "not_before", Value: at}, {Key: "created_at", Value: at}})
	if err != nil {
		t.Fatal(err)
	}
	var d outgoingDoc
	if err := bson.Unmarshal(old, &d); err != nil {
		t.Fatalf("read an earlier row: %v", err)
	}
	if got := fromDoc(d); !reflect.DeepEqual(got, m) {
		t.Errorf("an earlier row read back as\n%+v\nwant\n%+v", got, m)
	}
	// And this build's row reads back the same.
	var back outgoingDoc
	if err := bson.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if got := fromDoc(back); !reflect.DeepEqual(got, m) {
		t.Errorf("a row read back as\n%+v\nwant\n%+v", got, m)
	}
}
