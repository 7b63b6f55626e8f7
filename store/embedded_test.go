package store_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

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
	names, err := s.DB().ListCollectionNames(context.Background(), bson.D{})
	if err != nil {
		t.Fatal(err)
	}
	for _, coll := range []string{"commits", "conversations", "employees", "bindings", "submissions", "outbox", "outbox_done", "settings"} {
		t.Run(coll, func(t *testing.T) {
			if !slices.Contains(names, coll) {
				t.Fatalf("collection %s not created at open (have %v)", coll, names)
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
