package store_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"openkarir/store/storetest"
)

// TestFerretDBPostgreSQLFindsByIDWithAnIndex guards .ci/ferretdb-pg.sql:
// on FerretDB's postgresql handler a find by _id is _jsonb->$1 @> $2,
// which only the GIN index that file gives every table can serve. It checks
// the plan of each collection of the store, then whether a statement
// FerretDB prepared before the index existed goes on scanning the table.
// With that file's plan_cache_mode = force_custom_plan it does not; with
// PostgreSQL's default (auto) it does, and this test fails.
func TestFerretDBPostgreSQLFindsByIDWithAnIndex(t *testing.T) {
	pgURL := os.Getenv("FERRETDB_TEST_POSTGRESQL_URL")
	if pgURL == "" {
		t.Skip("needs FerretDB on PostgreSQL: .ci/ferretdb-pg go test ./store/")
	}
	ctx := context.Background()
	s := storetest.Open(t)
	db := s.DB()
	pg, err := pgx.Connect(ctx, pgURL)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close(ctx)

	t.Run("Plans", func(t *testing.T) {
		hour := fmt.Sprintf("commits_%d", time.Now().UnixNano()/int64(time.Hour))
		done := fmt.Sprintf("outbox_done_%d", time.Now().UnixNano()/int64(35*24*time.Hour))
		for _, coll := range []string{hour, "conversations", "employees", "bindings", "submissions", "outbox_pending", done, "settings", "leases"} {
			// A document, so the collection and its table exist.
			if _, err := db.Collection(coll).InsertOne(ctx, bson.D{{Key: "_id", Value: "plan-probe"}}); err != nil && !mongo.IsDuplicateKeyError(err) {
				t.Fatal(err)
			}
			var out bson.M
			cmd := bson.D{{Key: "explain", Value: bson.D{{Key: "find", Value: coll}, {Key: "filter", Value: bson.D{{Key: "_id", Value: "x"}}}}}}
			if err := db.RunCommand(ctx, cmd).Decode(&out); err != nil {
				t.Fatal(err)
			}
			if plan := fmt.Sprint(out["queryPlanner"]); !strings.Contains(plan, "Index Scan") || !strings.Contains(plan, "_openkarir_id") {
				t.Errorf("find by _id in %s does not use the GIN index: %s", coll, plan)
			}
		}
	})

	t.Run("PreparedBeforeTheIndex", func(t *testing.T) {
		probe := db.Collection("probe")
		docs := make([]any, 2000)
		for i := range docs {
			docs[i] = bson.D{{Key: "_id", Value: fmt.Sprintf("p%05d", i)}, {Key: "n", Value: i}}
		}
		if _, err := probe.InsertMany(ctx, docs); err != nil {
			t.Fatal(err)
		}
		var table, index string
		err := pg.QueryRow(ctx, `SELECT tablename, indexname FROM pg_indexes
			WHERE schemaname = $1 AND tablename LIKE 'probe\_%' AND indexname LIKE '%\_openkarir\_id'`, db.Name()).Scan(&table, &index)
		if err != nil {
			t.Fatalf("the GIN index of the new table: %v", err)
		}
		if _, err := pg.Exec(ctx, `DROP INDEX `+pgx.Identifier{db.Name(), index}.Sanitize()); err != nil {
			t.Fatal(err)
		}
		find := func(i int) {
			t.Helper()
			var got struct{ N int }
			if err := probe.FindOne(ctx, bson.D{{Key: "_id", Value: fmt.Sprintf("p%05d", i)}}).Decode(&got); err != nil || got.N != i {
				t.Fatalf("find p%05d = %+v, %v", i, got, err)
			}
		}
		// Past PostgreSQL's five custom plans, on the connections FerretDB
		// keeps with the statement prepared.
		for i := range 20 {
			find(i)
		}
		if _, err := pg.Exec(ctx, `SELECT openkarir_index_id($1::regclass)`, pgx.Identifier{db.Name(), table}.Sanitize()); err != nil {
			t.Fatal(err)
		}
		// The index's scan count reaches the statistics within about a
		// second of a query; a plan that kept scanning the table never
		// moves it.
		deadline := time.Now().Add(20 * time.Second)
		for i := 20; ; i++ {
			find(i % len(docs))
			var scans int64
			err := pg.QueryRow(ctx, `SELECT idx_scan FROM pg_stat_user_indexes WHERE schemaname = $1 AND indexrelname = $2`,
				db.Name(), index).Scan(&scans)
			if err != nil {
				t.Fatal(err)
			}
			if scans > 0 {
				t.Logf("the index served finds after %d of them", i-20+1)
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%d finds by _id after the index was created, none used it", i-20+1)
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
}
