package store

import (
	"context"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"time"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// collRosterIndex holds what each NIP's last imported row was
// (karir.RosterEntry), packed into rosterIndexChunks documents, so that a
// re-import compares the file with it in memory. Why not read the roster:
// through FerretDB v1.24.2 (SQLite) every document costs its JSON decoding,
// projection or not; 99,000 employees took 38.7 s with only _id projected
// and 60.6 s whole (measured 2026-12-02, load average about 15 on the 2
// cores), against the 5 s a re-import of 100,000 rows may take. The
// index of 100,000 is about 5 MB in 64 documents.
//
// The index is trusted only while its meta document is there: an import
// deletes it before writing the roster and writes it back last, so an
// import that stopped midway leaves no index, and the next one reads the
// roster (RosterIndex's ok is false) and writes the index again.
const collRosterIndex = "roster_index"

const (
	rosterIndexChunks = 64
	rosterIndexMeta   = "meta"
)

type rosterIndexDoc struct {
	ID string `bson:"_id"`
	// Entries are one a line: NIP, OPD code, 1 (active) or 0, and the
	// row's hash, separated by tabs (a roster cell never holds a tab or a
	// newline: roster.cleanCell).
	Entries string `bson:"entries"`
}

// rosterChunk is the document of the index that holds nip.
func rosterChunk(nip string) string {
	h := fnv.New32a()
	h.Write([]byte(nip))
	return fmt.Sprintf("c%02d", h.Sum32()%rosterIndexChunks)
}

// RosterIndex returns the entry of each NIP an import wrote; ok is false
// when there is no index to trust (no import yet, or the last one stopped
// midway): then the roster must be read.
func (s *Store) RosterIndex(ctx context.Context) (map[string]karir.RosterEntry, bool, error) {
	cur, err := s.db.Collection(collRosterIndex).Find(ctx, bson.D{})
	if err != nil {
		return nil, false, fmt.Errorf("read the roster index: %w", err)
	}
	var docs []rosterIndexDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, false, fmt.Errorf("read the roster index: %w", err)
	}
	out := map[string]karir.RosterEntry{}
	ok := false
	for _, d := range docs {
		if d.ID == rosterIndexMeta {
			ok = true
			continue
		}
		for line := range strings.SplitSeq(d.Entries, "\n") {
			f := strings.Split(line, "\t")
			if len(f) != 4 {
				continue
			}
			out[f[0]] = karir.RosterEntry{OPD: f[1], Active: f[2] == "1", Hash: f[3]}
		}
	}
	if !ok {
		return nil, false, nil
	}
	return out, true, nil
}

// StaleRosterIndex marks the index as not to be trusted, before an import
// writes the roster.
func (s *Store) StaleRosterIndex(ctx context.Context) error {
	if _, err := s.db.Collection(collRosterIndex).DeleteOne(ctx, bson.D{{Key: "_id", Value: rosterIndexMeta}}); err != nil {
		return fmt.Errorf("mark the roster index stale: %w", err)
	}
	return nil
}

// SaveRosterIndex writes the index documents that hold any of the changed
// NIPs, from all (every NIP the index is to know), then the meta document
// that makes the index trusted again.
func (s *Store) SaveRosterIndex(ctx context.Context, all map[string]karir.RosterEntry, changed []string) error {
	dirty := map[string]bool{}
	for _, nip := range changed {
		dirty[rosterChunk(nip)] = true
	}
	lines := map[string][]string{}
	for nip, e := range all {
		if c := rosterChunk(nip); dirty[c] {
			active := "0"
			if e.Active {
				active = "1"
			}
			lines[c] = append(lines[c], nip+"\t"+e.OPD+"\t"+active+"\t"+e.Hash)
		}
	}
	var models []mongo.WriteModel
	for c := range dirty {
		slices.Sort(lines[c])
		models = append(models, mongo.NewReplaceOneModel().SetFilter(bson.D{{Key: "_id", Value: c}}).
			SetReplacement(rosterIndexDoc{ID: c, Entries: strings.Join(lines[c], "\n")}).SetUpsert(true))
	}
	models = append(models, mongo.NewReplaceOneModel().SetFilter(bson.D{{Key: "_id", Value: rosterIndexMeta}}).
		SetReplacement(rosterIndexDoc{ID: rosterIndexMeta}).SetUpsert(true))
	// The meta document last: in order, and one bulk write of at most
	// updateBatch at a time (see updateBatch).
	for start := 0; start < len(models); start += updateBatch {
		batch := models[start:min(start+updateBatch, len(models))]
		if _, err := s.db.Collection(collRosterIndex).BulkWrite(ctx, batch, options.BulkWrite().SetOrdered(true)); err != nil {
			return fmt.Errorf("write the roster index: %w", err)
		}
	}
	return nil
}

// WriteRoster writes an import's rows: fresh ones (not known to the index)
// are inserted, insertBatch at a time in NIP order, and one stored
// meanwhile is updated instead; known ones are updated, updateBatch at a
// time, setting the roster's fields and leaving what the row keeps. It
// counts the new and the existing ones written, also when it fails.
func (s *Store) WriteRoster(ctx context.Context, fresh, known []karir.RosterRow) (added, updated int, err error) {
	defer func() {
		if err != nil {
			s.rosterUnsure()
		}
	}()
	fresh = slices.Clone(fresh)
	slices.SortFunc(fresh, func(a, b karir.RosterRow) int { return strings.Compare(a.NIP, b.NIP) })
	rest := slices.Clone(known)
	for start := 0; start < len(fresh); start += insertBatch {
		batch := fresh[start:min(start+insertBatch, len(fresh))]
		emps := make([]karir.Employee, len(batch))
		rows := make(map[string]karir.RosterRow, len(batch))
		for i, r := range batch {
			emps[i], rows[r.NIP] = r.Employee, r
		}
		inserted, dups, err := s.insertEmployees(ctx, emps)
		s.insertedEmployees(inserted)
		added += len(inserted)
		if err != nil {
			return added, updated, err
		}
		for _, d := range dups {
			rest = append(rest, rows[d.NIP])
		}
	}
	for start := 0; start < len(rest); start += updateBatch {
		batch := rest[start:min(start+updateBatch, len(rest))]
		models := make([]mongo.WriteModel, len(batch))
		for i, r := range batch {
			models[i] = mongo.NewUpdateOneModel().SetFilter(bson.D{{Key: "_id", Value: r.NIP}}).
				SetUpdate(rosterUpdate(r)).SetUpsert(true)
		}
		res, err := s.db.Collection(collEmployees).BulkWrite(ctx, models, options.BulkWrite().SetOrdered(false))
		if err != nil {
			return added, updated, fmt.Errorf("upsert employees: %w", err)
		}
		added, updated = added+int(res.UpsertedCount), updated+int(res.MatchedCount)
		s.wroteRosterRows(batch)
	}
	return added, updated, nil
}

// rosterUpdate sets the roster's fields of a row: an empty optional cell,
// and a proof field the row keeps, leave what is stored; a row of the
// roster is in service.
func rosterUpdate(r karir.RosterRow) bson.D {
	e := r.Employee
	set := bson.D{
		{Key: "name", Value: e.Name}, {Key: "opd_code", Value: e.OPDCode},
		{Key: "opd_name", Value: e.OPDName}, {Key: "position", Value: e.Position},
		{Key: "eselon", Value: e.Eselon}, {Key: "updated_at", Value: e.UpdatedAt},
		{Key: "jabatan_type", Value: e.JabatanType}, {Key: "asn_kind", Value: e.Kind},
	}
	if !r.KeepPhone {
		set = append(set, bson.E{Key: "phone", Value: e.Phone})
	}
	if !r.KeepCode {
		set = append(set, bson.E{Key: "activation_hash", Value: e.ActivationHash})
	}
	for _, f := range []struct {
		key   string
		value any
		empty bool
	}{
		{"golongan", e.Golongan, e.Golongan == ""},
		{"supervisor_nip", e.SupervisorNIP, e.SupervisorNIP == ""},
		{"education", e.Education, e.Education == ""},
		{"tmt_jabatan", e.TMTJabatan, e.TMTJabatan.IsZero()},
		{"birth_date", e.BirthDate, e.BirthDate.IsZero()},
	} {
		if !f.empty {
			set = append(set, bson.E{Key: f.key, Value: f.value})
		}
	}
	return bson.D{{Key: "$set", Value: set}, {Key: "$unset", Value: bson.D{{Key: "inactive", Value: ""}}}}
}

// SetInactive marks employees as no longer in service, each with its
// reason (karir.Employee.Inactive); their documents, and so their history,
// stay. It returns how many it wrote, also when it fails.
func (s *Store) SetInactive(ctx context.Context, reasons map[string]string, at time.Time) (written int, err error) {
	defer func() {
		if err != nil {
			s.rosterUnsure()
		}
	}()
	nips := slices.Sorted(func(yield func(string) bool) {
		for nip := range reasons {
			if !yield(nip) {
				return
			}
		}
	})
	for start := 0; start < len(nips); start += updateBatch {
		batch := nips[start:min(start+updateBatch, len(nips))]
		models := make([]mongo.WriteModel, len(batch))
		for i, nip := range batch {
			models[i] = mongo.NewUpdateOneModel().SetFilter(bson.D{{Key: "_id", Value: nip}}).
				SetUpdate(bson.D{{Key: "$set", Value: bson.D{{Key: "inactive", Value: reasons[nip]}, {Key: "updated_at", Value: at}}}})
		}
		if _, err := s.db.Collection(collEmployees).BulkWrite(ctx, models, options.BulkWrite().SetOrdered(false)); err != nil {
			return written, fmt.Errorf("mark employees inactive: %w", err)
		}
		s.markedInactive(batch, reasons, at)
		written += len(batch)
	}
	return written, nil
}

// The roster's writes, as the embedded store's cache follows them; a
// server keeps nothing.

func (s *ServerStore) insertedEmployees([]karir.Employee)                    {}
func (s *ServerStore) wroteRosterRows([]karir.RosterRow)                     {}
func (s *ServerStore) markedInactive([]string, map[string]string, time.Time) {}
func (s *ServerStore) rosterUnsure()                                         {}

// wroteRosterRows puts written rows in the cache, merged with the cached
// employee; a row that keeps a field the cache does not hold makes the
// roster's reads go to the database until it is read again.
func (s *EmbeddedStore) wroteRosterRows(rows []karir.RosterRow) {
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	for _, r := range rows {
		old, ok := s.cache.emps[r.NIP]
		if !ok && (r.KeepPhone || r.KeepCode) {
			s.cache.empsUnsure = true
			continue
		}
		e := keepOptional(r.Employee, old)
		if r.KeepPhone {
			e.Phone = old.Phone
		}
		if r.KeepCode {
			e.ActivationHash = old.ActivationHash
		}
		e.Inactive = ""
		s.cache.emps[r.NIP] = e
	}
}

func (s *EmbeddedStore) markedInactive(nips []string, reasons map[string]string, at time.Time) {
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	for _, nip := range nips {
		if e, ok := s.cache.emps[nip]; ok {
			e.Inactive, e.UpdatedAt = reasons[nip], at
			s.cache.emps[nip] = e
		}
	}
}

// rosterUnsure sends the roster's reads to the database after a failed
// write, some of which may have landed.
func (s *EmbeddedStore) rosterUnsure() {
	s.cache.mu.Lock()
	s.cache.empsUnsure = true
	s.cache.mu.Unlock()
}
