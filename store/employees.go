package store

import (
	"context"
	"errors"
	"fmt"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

const collEmployees = "employees"

// Bounds of one bulk write of the roster import. FerretDB v1.24.2 runs each
// update of a bulk write as a query whose iterator stays open until the
// whole command ends (handler/msg_update.go defers every Close), holding a
// connection of its pool: 100 with SQLite, 50 with PostgreSQL. The update
// that found the pool empty waited for a connection that never came back:
// a re-import of 100 or more existing rows failed after the 15 s
// operation timeout (and on PostgreSQL, 50 updates wedged the server for
// every client). 16 leaves room for three such writes at once on
// PostgreSQL. Inserts carry no query and go in large batches (about 33 µs
// a row measured, against 0.85 ms for an update).
const (
	updateBatch = 16
	insertBatch = 5000
)

func employeeIndexes() []mongo.IndexModel {
	return []mongo.IndexModel{{Keys: bson.D{{Key: "opd_code", Value: 1}}}}
}

func (s *core) readEmployee(ctx context.Context, nip string) (*karir.Employee, error) {
	var e karir.Employee
	if err := s.db.Collection(collEmployees).FindOne(ctx, bson.D{{Key: "_id", Value: nip}}).Decode(&e); err != nil {
		return nil, fmt.Errorf("load employee: %w", notFound(err))
	}
	return &e, nil
}

// Employee implements karir.Roster.
func (s *ServerStore) Employee(ctx context.Context, nip string) (*karir.Employee, error) {
	return s.readEmployee(ctx, nip)
}

// Employee implements karir.Roster, from memory when it can.
func (s *EmbeddedStore) Employee(ctx context.Context, nip string) (*karir.Employee, error) {
	if s.employeesCached() {
		s.cache.mu.Lock()
		e, ok := s.cache.emps[nip]
		s.cache.mu.Unlock()
		if ok {
			return &e, nil
		}
	}
	e, err := s.readEmployee(ctx, nip)
	if err != nil {
		return nil, err
	}
	if s.warm() && s.employeesCached() {
		s.cacheEmployees([]karir.Employee{*e})
	}
	return e, nil
}

// employeesCached reports whether the cache holds the roster as stored: not
// after a write of it failed, when some rows may have landed unseen.
func (s *EmbeddedStore) employeesCached() bool {
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	return !s.cache.empsUnsure
}

// UpsertEmployees writes the roster's fields of each employee by NIP (other
// fields a document may have stay) and counts the new and the existing ones
// it wrote, also when it fails midway.
func (s *ServerStore) UpsertEmployees(ctx context.Context, emps []karir.Employee) (added, updated int, err error) {
	return s.updateAllEmployees(ctx, emps, 0, 0, func([]karir.Employee) {})
}

// updateAllEmployees upserts emps in batches of updateBatch, adding to the
// counts so far, and tells wrote of each batch.
func (s *core) updateAllEmployees(ctx context.Context, emps []karir.Employee, added, updated int, wrote func([]karir.Employee)) (int, int, error) {
	for start := 0; start < len(emps); start += updateBatch {
		batch := emps[start:min(start+updateBatch, len(emps))]
		a, u, err := s.updateEmployees(ctx, batch)
		added, updated = added+a, updated+u
		if err != nil {
			return added, updated, err
		}
		wrote(batch)
	}
	return added, updated, nil
}

// UpsertEmployees writes the roster as ServerStore.UpsertEmployees does.
// An update costs a query on FerretDB, an insert does not: employees the
// complete cache does not know are inserted.
func (s *EmbeddedStore) UpsertEmployees(ctx context.Context, emps []karir.Employee) (added, updated int, err error) {
	defer func() {
		if err != nil {
			// Rows of the failed write may have landed: the next read of
			// the roster goes to the database.
			s.cache.mu.Lock()
			s.cache.empsUnsure = true
			s.cache.mu.Unlock()
		}
	}()
	rest := emps
	if known, ok := s.knownEmployees(emps); ok {
		var fresh []karir.Employee
		rest = nil
		for _, e := range emps {
			if known[e.NIP] {
				rest = append(rest, e)
			} else {
				fresh = append(fresh, e)
			}
		}
		for start := 0; start < len(fresh); start += insertBatch {
			inserted, dups, err := s.insertEmployees(ctx, fresh[start:min(start+insertBatch, len(fresh))])
			s.insertedEmployees(inserted)
			added += len(inserted)
			if err != nil {
				return added, updated, err
			}
			rest = append(rest, dups...)
		}
	}
	return s.updateAllEmployees(ctx, rest, added, updated, s.cacheEmployees)
}

// insertEmployees inserts a batch and returns the ones that landed and
// the ones that were there already (stored since the caller last looked).
func (s *core) insertEmployees(ctx context.Context, batch []karir.Employee) (inserted, dups []karir.Employee, err error) {
	docs := make([]any, len(batch))
	for i, e := range batch {
		docs[i] = e
	}
	_, err = s.db.Collection(collEmployees).InsertMany(ctx, docs, options.InsertMany().SetOrdered(false))
	if err == nil {
		return batch, nil, nil
	}
	var bwe mongo.BulkWriteException
	if !errors.As(err, &bwe) || bwe.WriteConcernError != nil {
		return nil, nil, fmt.Errorf("insert employees: %w", err)
	}
	dup := map[int]bool{}
	for _, we := range bwe.WriteErrors {
		if !mongo.IsDuplicateKeyError(we) {
			return nil, nil, fmt.Errorf("insert employees: %w", err)
		}
		dup[we.Index] = true
	}
	for i, e := range batch {
		if dup[i] {
			dups = append(dups, e)
		} else {
			inserted = append(inserted, e)
		}
	}
	return inserted, dups, nil
}

// knownEmployees tells, from a complete cache, which of emps exist.
func (s *EmbeddedStore) knownEmployees(emps []karir.Employee) (map[string]bool, bool) {
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	if !s.cache.complete || s.cache.empsUnsure {
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

func (s *EmbeddedStore) insertedEmployees(emps []karir.Employee) { s.cacheEmployees(emps) }

func (s *EmbeddedStore) cacheEmployees(emps []karir.Employee) {
	s.cache.mu.Lock()
	for _, e := range emps {
		s.cache.emps[e.NIP] = keepOptional(e, s.cache.emps[e.NIP])
	}
	s.cache.mu.Unlock()
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
	if e.Education == "" {
		e.Education = old.Education
	}
	if e.TMTJabatan.IsZero() {
		e.TMTJabatan = old.TMTJabatan
	}
	if e.BirthDate.IsZero() {
		e.BirthDate = old.BirthDate
	}
	return e
}

// updateEmployees upserts one batch of at most updateBatch rows.
func (s *core) updateEmployees(ctx context.Context, batch []karir.Employee) (added, updated int, err error) {
	models := make([]mongo.WriteModel, len(batch))
	for i, e := range batch {
		set := bson.D{
			{Key: "name", Value: e.Name}, {Key: "opd_code", Value: e.OPDCode},
			{Key: "opd_name", Value: e.OPDName}, {Key: "position", Value: e.Position},
			{Key: "eselon", Value: e.Eselon}, {Key: "phone", Value: e.Phone},
			{Key: "activation_hash", Value: e.ActivationHash}, {Key: "updated_at", Value: e.UpdatedAt},
			{Key: "jabatan_type", Value: e.JabatanType}, {Key: "asn_kind", Value: e.Kind},
		}
		// The roster's optional columns: an empty cell keeps what is stored.
		if e.Golongan != "" {
			set = append(set, bson.E{Key: "golongan", Value: e.Golongan})
		}
		if e.SupervisorNIP != "" {
			set = append(set, bson.E{Key: "supervisor_nip", Value: e.SupervisorNIP})
		}
		if e.Education != "" {
			set = append(set, bson.E{Key: "education", Value: e.Education})
		}
		if !e.TMTJabatan.IsZero() {
			set = append(set, bson.E{Key: "tmt_jabatan", Value: e.TMTJabatan})
		}
		if !e.BirthDate.IsZero() {
			set = append(set, bson.E{Key: "birth_date", Value: e.BirthDate})
		}
		models[i] = mongo.NewUpdateOneModel().SetFilter(bson.D{{Key: "_id", Value: e.NIP}}).
			SetUpdate(bson.D{{Key: "$set", Value: set}}).SetUpsert(true)
	}
	res, err := s.db.Collection(collEmployees).BulkWrite(ctx, models, options.BulkWrite().SetOrdered(false))
	if err != nil {
		return 0, 0, fmt.Errorf("upsert employees: %w", err)
	}
	return int(res.UpsertedCount), int(res.MatchedCount), nil
}

func (s *core) listEmployees(ctx context.Context) ([]karir.Employee, error) {
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

// ListEmployees returns the whole roster by NIP.
func (s *ServerStore) ListEmployees(ctx context.Context) ([]karir.Employee, error) {
	return s.listEmployees(ctx)
}

// ListEmployees returns the whole roster by NIP, from memory when it can.
func (s *EmbeddedStore) ListEmployees(ctx context.Context) ([]karir.Employee, error) {
	if s.employeesCached() {
		if emps, ok := cachedList(s, func(c *memCache) map[string]karir.Employee { return c.emps }, nil); ok {
			return emps, nil
		}
	}
	emps, err := s.listEmployees(ctx)
	if err != nil {
		return nil, err
	}
	// What the database holds is the roster again (once the cache is
	// warm: before, writes racing with this read would be undone).
	s.cache.mu.Lock()
	if s.cache.complete {
		s.cache.emps = make(map[string]karir.Employee, len(emps))
		for _, e := range emps {
			s.cache.emps[e.NIP] = e
		}
		s.cache.empsUnsure = false
	}
	s.cache.mu.Unlock()
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

func (s *core) employeesIn(ctx context.Context, opd string) ([]karir.Employee, error) {
	var emps []karir.Employee
	if err := s.findEmployeesIn(ctx, opd, nil, &emps); err != nil {
		return nil, err
	}
	return emps, nil
}

func (s *core) nipsIn(ctx context.Context, opd string) ([]string, error) {
	var docs []struct {
		NIP string `bson:"_id"`
	}
	if err := s.findEmployeesIn(ctx, opd, bson.D{{Key: "_id", Value: 1}}, &docs); err != nil {
		return nil, err
	}
	out := make([]string, len(docs))
	for i, d := range docs {
		out[i] = d.NIP
	}
	return out, nil
}

// EmployeesIn returns the employees of one OPD, or all of them when opd is
// empty, in no particular order (ListEmployees sorts them: at 100,000
// that took 80 ms). /kandidat reads a post's OPD with it.
func (s *ServerStore) EmployeesIn(ctx context.Context, opd string) ([]karir.Employee, error) {
	return s.employeesIn(ctx, opd)
}

// NIPsIn returns the NIPs of one OPD's employees, or of all when opd is
// empty, in no particular order: /talenta needs no more, and copying
// 100,000 whole employees took most of its time.
func (s *ServerStore) NIPsIn(ctx context.Context, opd string) ([]string, error) {
	return s.nipsIn(ctx, opd)
}

// EmployeesIn is ServerStore.EmployeesIn, from memory when it can.
func (s *EmbeddedStore) EmployeesIn(ctx context.Context, opd string) ([]karir.Employee, error) {
	if out, ok := fromCachedEmployees(s, opd, func(e karir.Employee) karir.Employee { return e }); ok {
		return out, nil
	}
	return s.employeesIn(ctx, opd)
}

// NIPsIn is ServerStore.NIPsIn, from memory when it can.
func (s *EmbeddedStore) NIPsIn(ctx context.Context, opd string) ([]string, error) {
	if out, ok := fromCachedEmployees(s, opd, func(e karir.Employee) string { return e.NIP }); ok {
		return out, nil
	}
	return s.nipsIn(ctx, opd)
}

// fromCachedEmployees picks from the employees of one OPD (all when opd is
// empty) in a complete cache; ok is false when the cache cannot answer.
func fromCachedEmployees[T any](s *EmbeddedStore, opd string, pick func(karir.Employee) T) (out []T, ok bool) {
	if !s.employeesCached() {
		return nil, false
	}
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	if !s.cache.complete {
		return nil, false
	}
	size := len(s.cache.emps)
	if opd != "" {
		size /= max(1, len(s.cache.opds))
	}
	out = make([]T, 0, size)
	for _, e := range s.cache.emps {
		if opd == "" || e.OPDCode == opd {
			out = append(out, pick(e))
		}
	}
	return out, true
}

func (s *core) findEmployeesIn(ctx context.Context, opd string, projection bson.D, into any) error {
	filter := bson.D{}
	if opd != "" {
		filter = bson.D{{Key: "opd_code", Value: opd}}
	}
	opts := options.Find()
	if projection != nil {
		opts.SetProjection(projection)
	}
	cur, err := s.db.Collection(collEmployees).Find(ctx, filter, opts)
	if err == nil {
		err = cur.All(ctx, into)
	}
	if err != nil {
		return fmt.Errorf("employees of %q: %w", opd, err)
	}
	return nil
}
