package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"openkarir/store/storetest"
)

// BenchmarkFindByID reads one document by _id from a collection of 1,000,
// 10,000 and 100,000, through the driver and the database (no cache): the
// time must not grow with the collection. On the embedded store that is
// the SQLite index of embedded.indexIDs; on FerretDB + PostgreSQL the GIN
// index of .ci/ferretdb-pg.sql; on MongoDB its own _id index.
//
//	go test ./store/ -run XXX -bench FindByID -benchtime 2000x
//	.ci/ferretdb-pg go test ./store/ -run XXX -bench FindByID -benchtime 2000x
func BenchmarkFindByID(b *testing.B) {
	ctx := context.Background()
	s := storetest.Open(b)
	// The commit log: the collection that grows fastest, read by _id on
	// every load of a versioned document.
	coll := s.DB().Collection("commits")
	id := func(i int) string { return fmt.Sprintf("conversations/%d@%d", 1_000_000+i/10, 1+i%10) }
	have := 0
	for _, n := range []int{1_000, 10_000, 100_000} {
		for have < n {
			batch := make([]any, 0, 1000)
			for ; have < n && len(batch) < cap(batch); have++ {
				batch = append(batch, bson.D{{Key: "_id", Value: id(have)}, {Key: "coll", Value: "conversations"},
					{Key: "at", Value: time.Now()}, {Key: "doc", Value: bson.D{{Key: "state", Value: "ask_reason"}, {Key: "version", Value: 1 + have%10}}}})
			}
			if _, err := coll.InsertMany(ctx, batch); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			for b.Loop() {
				want := id(rand.IntN(n))
				var got struct {
					ID string `bson:"_id"`
				}
				if err := coll.FindOne(ctx, bson.D{{Key: "_id", Value: want}}).Decode(&got); err != nil || got.ID != want {
					b.Fatalf("find %s: %+v, %v", want, got, err)
				}
			}
		})
	}
}
