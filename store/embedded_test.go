package store_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"

	"openkarir/store/storetest"
)

// TestEmbeddedFindsByIDWithAnIndex guards the index that makes FerretDB's
// lookups by _id use an index rather than read the whole table (see
// embedded.indexIDs): FerretDB's explain shows SQLite's plan for the query.
func TestEmbeddedFindsByIDWithAnIndex(t *testing.T) {
	if os.Getenv("MONGODB_TEST_URI") != "" {
		t.Skip("FerretDB's SQLite plans only")
	}
	s := storetest.Open(t)
	ctx := context.Background()
	// The generations of the commit log and of the outbox's keys and
	// outcomes are made by their first write.
	c, err := s.LoadConversation(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveConversation(ctx, c); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Enqueue(ctx, time.Now(), "", []karir.Notice{{Key: "k", ChatID: 1, Reply: karir.Reply{Text: "x"}}}); err != nil {
		t.Fatal(err)
	}
	if err := s.FinishOutgoing(ctx, karir.Outgoing{Key: "k", ChatID: 1, Status: karir.OutSent}); err != nil {
		t.Fatal(err)
	}
	names, err := s.DB().ListCollectionNames(ctx, bson.D{})
	if err != nil {
		t.Fatal(err)
	}
	gen := func(prefix string, period time.Duration) string {
		return fmt.Sprintf("%s_%d", prefix, time.Now().UnixNano()/int64(period))
	}
	for _, coll := range []string{"conversations", "employees", "bindings", "submissions", "outbox_pending", "settings",
		gen("commits", time.Hour), gen("outbox_keys", 35*24*time.Hour), gen("outbox_done", 35*24*time.Hour)} {
		t.Run(coll, func(t *testing.T) {
			if !slices.Contains(names, coll) {
				t.Fatalf("collection %s not there (have %v)", coll, names)
			}
			var out struct {
				QueryPlanner struct{ Plan []string } `bson:"queryPlanner"`
			}
			cmd := bson.D{{Key: "explain", Value: bson.D{{Key: "find", Value: coll}, {Key: "filter", Value: bson.D{{Key: "_id", Value: "x"}}}}}}
			if err := s.DB().RunCommand(context.Background(), cmd).Decode(&out); err != nil {
				t.Fatal(err)
			}
			plan := fmt.Sprint(out.QueryPlanner.Plan)
			if !strings.Contains(plan, "SEARCH") || !strings.Contains(plan, "_openkarir_id") {
				t.Errorf("find by _id in %s does not use the _id index: %s", coll, plan)
			}
		})
	}
}
