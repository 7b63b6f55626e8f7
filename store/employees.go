package store

import (
	"context"
	"fmt"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

const collEmployees = "employees"

// upsertBatch bounds one bulk write of the roster import.
const upsertBatch = 500

func employeeIndexes() []mongo.IndexModel {
	return []mongo.IndexModel{{Keys: bson.D{{Key: "opd_code", Value: 1}}}}
}

// Employee implements karir.Roster.
func (s *Store) Employee(ctx context.Context, nip string) (*karir.Employee, error) {
	if s.cache != nil {
		s.cache.mu.Lock()
		e, ok := s.cache.emps[nip]
		s.cache.mu.Unlock()
		if ok {
			return &e, nil
		}
	}
	var e karir.Employee
	if err := s.db.Collection(collEmployees).FindOne(ctx, bson.D{{Key: "_id", Value: nip}}).Decode(&e); err != nil {
		return nil, fmt.Errorf("load employee: %w", notFound(err))
	}
	if s.cache != nil {
		s.cache.mu.Lock()
		s.cache.emps[nip] = e
		s.cache.mu.Unlock()
	}
	return &e, nil
}

// UpsertEmployees writes the roster's fields of each employee by NIP (other
// fields a document may have stay) and counts the new and the existing ones.
func (s *Store) UpsertEmployees(ctx context.Context, emps []karir.Employee) (added, updated int, err error) {
	// On the embedded store an upsert reads the whole table, while an
	// insert does not: employees the cache does not know are inserted.
	if known, ok := s.knownEmployees(emps); ok {
		var fresh []any
		var existing []karir.Employee
		for _, e := range emps {
			if known[e.NIP] {
				existing = append(existing, e)
			} else {
				fresh = append(fresh, e)
			}
		}
		for start := 0; start < len(fresh); start += 5000 {
			if _, err := s.db.Collection(collEmployees).InsertMany(ctx, fresh[start:min(start+5000, len(fresh))]); err != nil {
				return added, updated, fmt.Errorf("insert employees: %w", err)
			}
			added += min(5000, len(fresh)-start)
		}
		s.cacheEmployees(emps)
		emps = existing
	}
	a, u, err := s.upsertEmployees(ctx, emps)
	return added + a, updated + u, err
}

// knownEmployees tells, from a complete cache, which of emps exist.
func (s *Store) knownEmployees(emps []karir.Employee) (map[string]bool, bool) {
	if s.cache == nil {
		return nil, false
	}
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	if !s.cache.complete {
		return nil, false
	}
	known := map[string]bool{}
	for _, e := range emps {
		if _, ok := s.cache.emps[e.NIP]; ok {
			known[e.NIP] = true
		}
	}
	return known, true
}

func (s *Store) cacheEmployees(emps []karir.Employee) {
	if s.cache != nil {
		s.cache.mu.Lock()
		for _, e := range emps {
			s.cache.emps[e.NIP] = keepOptional(e, s.cache.emps[e.NIP])
		}
		s.cache.mu.Unlock()
	}
}

// keepOptional fills the optional fields a roster row left empty from the
// stored employee, as the upsert does in the database.
func keepOptional(e, old karir.Employee) karir.Employee {
	if e.Golongan == "" {
		e.Golongan = old.Golongan
	}
	if e.SupervisorNIP == "" {
		e.SupervisorNIP = old.SupervisorNIP
	}
	return e
}

func (s *Store) upsertEmployees(ctx context.Context, emps []karir.Employee) (added, updated int, err error) {
	for start := 0; start < len(emps); start += upsertBatch {
		batch := emps[start:min(start+upsertBatch, len(emps))]
		models := make([]mongo.WriteModel, len(batch))
		for i, e := range batch {
			set := bson.D{
				{Key: "name", Value: e.Name}, {Key: "opd_code", Value: e.OPDCode},
				{Key: "opd_name", Value: e.OPDName}, {Key: "position", Value: e.Position},
				{Key: "eselon", Value: e.Eselon}, {Key: "phone", Value: e.Phone},
				{Key: "activation_hash", Value: e.ActivationHash}, {Key: "updated_at", Value: e.UpdatedAt},
			}
			// The roster's optional columns: an empty cell keeps what is stored.
			if e.Golongan != "" {
				set = append(set, bson.E{Key: "golongan", Value: e.Golongan})
			}
			if e.SupervisorNIP != "" {
				set = append(set, bson.E{Key: "supervisor_nip", Value: e.SupervisorNIP})
			}
			models[i] = mongo.NewUpdateOneModel().SetFilter(bson.D{{Key: "_id", Value: e.NIP}}).
				SetUpdate(bson.D{{Key: "$set", Value: set}}).SetUpsert(true)
		}
		res, err := s.db.Collection(collEmployees).BulkWrite(ctx, models, options.BulkWrite().SetOrdered(false))
		if err != nil {
			return added, updated, fmt.Errorf("upsert employees: %w", err)
		}
		added += int(res.UpsertedCount)
		updated += int(res.MatchedCount)
		s.cacheEmployees(batch)
	}
	return added, updated, nil
}

// ListEmployees returns the whole roster by NIP.
func (s *Store) ListEmployees(ctx context.Context) ([]karir.Employee, error) {
	if emps, ok := cachedList(s, func(c *memCache) map[string]karir.Employee { return c.emps }, nil); ok {
		return emps, nil
	}
	cur, err := s.db.Collection(collEmployees).Find(ctx, bson.D{}, options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		return nil, fmt.Errorf("list employees: %w", err)
	}
	var emps []karir.Employee
	if err := cur.All(ctx, &emps); err != nil {
		return nil, fmt.Errorf("list employees: %w", err)
	}
	return emps, nil
}

// CountEmployees counts the roster.
func (s *Store) CountEmployees(ctx context.Context) (int64, error) {
	n, err := s.db.Collection(collEmployees).CountDocuments(ctx, bson.D{})
	if err != nil {
		return 0, fmt.Errorf("count employees: %w", err)
	}
	return n, nil
}
