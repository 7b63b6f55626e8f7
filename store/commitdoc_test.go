package store_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"

	"openkarir/store"
)

// commitLog is the hour of the commit log a commit made at t goes to last.
func commitLog(t time.Time) string {
	return "commits_" + strconv.FormatInt(t.UnixNano()/int64(time.Hour), 10)
}

// The embedded store keeps a commit's document as one binary value (FerretDB
// converts a nested document field by field on every insert); a server keeps
// it nested, which a process of an earlier build beside it still reads.
func TestCommitDocumentForm(t *testing.T) {
	clockedModes(t, beforeTheHour, func(t *testing.T, c *clock, s *store.Store, _ func() *store.Store) {
		ctx := context.Background()
		conv, err := s.LoadConversation(ctx, 5)
		if err != nil {
			t.Fatal(err)
		}
		conv.State = karir.StateConsent
		if err := s.SaveConversation(ctx, conv); err != nil {
			t.Fatal(err)
		}
		var got bson.Raw
		if err := s.DB().Collection(commitLog(c.Now())).FindOne(ctx, bson.D{{Key: "_id", Value: "conversations/tg:5@1"}}).Decode(&got); err != nil {
			t.Fatal(err)
		}
		want := bson.TypeEmbeddedDocument
		if strings.HasSuffix(t.Name(), "/Embedded") {
			want = bson.TypeBinary
		}
		if typ := got.Lookup("doc").Type; typ != want {
			t.Errorf("the commit's document is a %s; want a %s", typ, want)
		}
	})
}

// Commits an earlier build wrote (the document nested) are still read by
// the embedded store after an upgrade: a conversation and a form whose main
// documents a crash kept from being written.
func TestEmbeddedReadsNestedCommits(t *testing.T) {
	ctx := context.Background()
	c := newClock(beforeTheHour)
	cfg := store.Config{DataDir: t.TempDir(), Logger: quiet, Now: c.Now}
	s, err := store.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	at := c.Now()
	for _, doc := range []bson.D{
		{{Key: "_id", Value: "conversations/tg:7@1"}, {Key: "coll", Value: "conversations"}, {Key: "at", Value: at},
			{Key: "doc", Value: bson.D{{Key: "_id", Value: "tg:7"}, {Key: "user_id", Value: int64(7)}, {Key: "chat_id", Value: int64(7)},
				{Key: "state", Value: string(karir.StateConsent)}, {Key: "updated_at", Value: at}, {Key: "version", Value: int64(1)}}}},
		{{Key: "_id", Value: "submissions/2026-1:199001012020011001@1"}, {Key: "coll", Value: "submissions"}, {Key: "at", Value: at},
			{Key: "doc", Value: bson.D{{Key: "_id", Value: "2026-1:199001012020011001"}, {Key: "round", Value: "2026-1"},
				{Key: "nip", Value: "199001012020011001"}, {Key: "ref", Value: "OK-TEST01"}, {Key: "stage", Value: string(karir.StepSubmitted)},
				{Key: "version", Value: int64(1)}}}},
	} {
		if _, err := s.DB().Collection(commitLog(at)).InsertOne(ctx, doc); err != nil {
			t.Fatal(err)
		}
	}
	mustClose(t, s)

	s, err = store.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer mustClose(t, s)
	// The warm-up tries again after a failure: a reader refusing the
	// nested form shows as a warm-up that never ends.
	wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := s.Warm(wctx); err != nil {
		t.Fatal(err)
	}
	if conv, err := s.LoadConversation(ctx, 7); err != nil || conv.Version != 1 || conv.State != karir.StateConsent {
		t.Errorf("conversation from a nested commit: %+v, %v", conv, err)
	}
	if sub, err := s.Submission(ctx, "2026-1", "199001012020011001"); err != nil || sub.Version != 1 || sub.Ref != "OK-TEST01" {
		t.Errorf("form from a nested commit: %+v, %v", sub, err)
	}
}

// A reply is stored without its empty fields, and one stored with them (as
// builds before did: buttons, contact, keyboard, edit, document and photo
// always written) reads back the same.
func TestReplyStoredWithoutEmptyFields(t *testing.T) {
	r := karir.SaveReplies([]karir.Reply{{Text: "<b>Langkah 1</b>", Buttons: [][]karir.Button{{{Text: "Ya", Data: "x:ya"}}}}})[0]
	raw, err := bson.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	keys, err := bson.Raw(raw).Elements()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, k := range keys {
		names = append(names, k.Key())
	}
	if strings.Join(names, ",") != "text,rows" {
		t.Errorf("a reply with text and buttons is stored as %v; want text and rows alone", names)
	}
	old, err := bson.Marshal(bson.D{{Key: "text", Value: "halo"}, {Key: "buttons", Value: nil}, {Key: "askcontact", Value: true},
		{Key: "removekeyboard", Value: false}, {Key: "editmessageid", Value: int32(20)}, {Key: "document", Value: nil}, {Key: "photo", Value: nil}})
	if err != nil {
		t.Fatal(err)
	}
	var got karir.SavedReply
	if err := bson.Unmarshal(old, &got); err != nil {
		t.Fatal(err)
	}
	if got.Text != "halo" || !got.AskContact || got.EditMessageID != 20 || got.Document != nil || got.Buttons != nil {
		t.Errorf("a reply of an earlier build read back as %+v", got)
	}
}
