package store

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"openkarir/karir"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// collTalent holds one document per ASN and year (_id "<nip>:<year>"):
// the SKP predikat and the potential, for the 9-box.
const collTalent = "talent"

var _ karir.TalentStore = (*Store)(nil)

func talentIndexes() []mongo.IndexModel {
	return []mongo.IndexModel{{Keys: bson.D{{Key: "nip", Value: 1}, {Key: "year", Value: 1}}}}
}

// talentCache is the embedded store's copy of the talent collection.
// latest is replaced on every write, never changed, so LatestTalent hands
// it out without copying (100,000 entries: a copy would be most of the
// time /talenta may take).
type talentCache struct {
	byNIP  map[string][]karir.TalentRecord // oldest year first
	latest map[string]karir.TalentRecord
	// boxes is latest as the 9-box counts it, keyed by the NIP as a
	// number: for 100,000 ASN, looking each up in latest took 60 ms of a
	// /talenta (string keys and large values spread over memory), in this
	// compact map a few. Replaced with latest.
	boxes map[uint64]boxYear
	// byYear are TalentOfYear's maps, made on first use and dropped by
	// every write.
	byYear map[int]map[string]karir.TalentRecord
}

// boxYear is a latest record as the 9-box counts it.
type boxYear struct {
	box  uint8
	year uint16
}

// nipKey is an 18-digit NIP as a number (it fits in 60 bits).
func nipKey(nip string) (uint64, bool) {
	n, err := strconv.ParseUint(nip, 10, 64)
	return n, err == nil
}

func newTalentCache() *talentCache {
	return &talentCache{byNIP: map[string][]karir.TalentRecord{}, latest: map[string]karir.TalentRecord{},
		boxes: map[uint64]boxYear{}}
}

// put stores records in the cache (the caller holds the cache's lock).
func (c *talentCache) put(recs []karir.TalentRecord) {
	if len(recs) == 0 {
		return
	}
	latest, boxes := maps.Clone(c.latest), maps.Clone(c.boxes)
	for _, r := range recs {
		list := slices.DeleteFunc(slices.Clone(c.byNIP[r.NIP]), func(o karir.TalentRecord) bool { return o.Year == r.Year })
		list = append(list, r)
		slices.SortFunc(list, func(a, b karir.TalentRecord) int { return a.Year - b.Year })
		c.byNIP[r.NIP] = list
		top := list[len(list)-1]
		latest[r.NIP] = top
		if key, ok := nipKey(r.NIP); ok {
			boxes[key] = boxYear{box: uint8(top.Box()), year: uint16(top.Year)}
		}
	}
	c.latest, c.boxes, c.byYear = latest, boxes, nil
}

func (s *core) findTalent(ctx context.Context, filter bson.D) ([]karir.TalentRecord, error) {
	cur, err := s.db.Collection(collTalent).Find(ctx, filter)
	if err != nil {
		return nil, err
	}
	var recs []karir.TalentRecord
	if err := cur.All(ctx, &recs); err != nil {
		return nil, err
	}
	return recs, nil
}

// talentBatch bounds one insert of a talent import, and the imports whose
// stored records are read by _id.
const talentBatch = 1000

// replaceBatch bounds one bulk replace. FerretDB v1.24.2 (SQLite) hangs on
// a bulk update of about 100 statements or more: measured, 80 $set updates
// took 0.23 s and 100 never finished, and every later request to it waited
// behind them (its goroutines wait for a SQLite connection).
const replaceBatch = 50

// SaveTalent implements karir.TalentStore. The stored records are compared
// first, so a file imported again writes only what changed: on FerretDB a
// replace costs about a millisecond and an insert far less.
func (s *ServerStore) SaveTalent(ctx context.Context, recs []karir.TalentRecord) (added, changed int, err error) {
	old, err := s.storedTalent(ctx, recs)
	if err != nil {
		return 0, 0, err
	}
	added, changed, _, err = s.saveTalent(ctx, recs, old)
	return added, changed, err
}

// SaveTalent is ServerStore.SaveTalent, comparing with the records in
// memory once they are complete, and keeping what it wrote there.
func (s *EmbeddedStore) SaveTalent(ctx context.Context, recs []karir.TalentRecord) (added, changed int, err error) {
	old, ok := s.cachedTalent(recs)
	if !ok {
		if old, err = s.storedTalent(ctx, recs); err != nil {
			return 0, 0, err
		}
	}
	added, changed, written, err := s.saveTalent(ctx, recs, old)
	if err != nil {
		return added, changed, err
	}
	s.cache.mu.Lock()
	s.cache.talent.put(written)
	s.cache.mu.Unlock()
	return added, changed, nil
}

// saveTalent writes what of recs differs from old (the stored records by
// ID), and returns the counts and the records written.
func (s *core) saveTalent(ctx context.Context, recs []karir.TalentRecord, old map[string]karir.TalentRecord) (added, changed int, written []karir.TalentRecord, err error) {
	var fresh []any
	var replace []mongo.WriteModel
	for _, r := range recs {
		r.ID = karir.TalentID(r.NIP, r.Year)
		switch o, ok := old[r.ID]; {
		case !ok:
			fresh = append(fresh, r)
		case o.SameData(r):
			continue
		default:
			replace = append(replace, mongo.NewReplaceOneModel().SetFilter(bson.D{{Key: "_id", Value: r.ID}}).
				SetReplacement(r).SetUpsert(true))
		}
		written = append(written, r)
	}
	coll := s.db.Collection(collTalent)
	for start := 0; start < len(fresh); start += talentBatch {
		batch := fresh[start:min(start+talentBatch, len(fresh))]
		if _, err := coll.InsertMany(ctx, batch); err != nil {
			return added, changed, written, fmt.Errorf("insert talent: %w", err)
		}
		added += len(batch)
	}
	for start := 0; start < len(replace); start += replaceBatch {
		batch := replace[start:min(start+replaceBatch, len(replace))]
		if _, err := coll.BulkWrite(ctx, batch, options.BulkWrite().SetOrdered(false)); err != nil {
			return added, changed, written, fmt.Errorf("replace talent: %w", err)
		}
		changed += len(batch)
	}
	return added, changed, written, nil
}

// cachedTalent returns the records in memory with the IDs of recs; ok is
// false before the cache is complete.
func (s *EmbeddedStore) cachedTalent(recs []karir.TalentRecord) (map[string]karir.TalentRecord, bool) {
	if !s.warm() {
		return nil, false
	}
	out := map[string]karir.TalentRecord{}
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	for _, r := range recs {
		for _, o := range s.cache.talent.byNIP[r.NIP] {
			if o.Year == r.Year {
				out[o.ID] = o
			}
		}
	}
	return out, true
}

// storedTalent returns the stored records with the IDs of recs.
func (s *core) storedTalent(ctx context.Context, recs []karir.TalentRecord) (map[string]karir.TalentRecord, error) {
	out := map[string]karir.TalentRecord{}
	// A small import asks for its records; a large one reads the whole
	// collection once: FerretDB scans the table for an $in, so batches of
	// it read the table again and again (a 13,000-row file on PostgreSQL
	// took longer than a chat waits).
	filter := bson.D{}
	if len(recs) <= talentBatch {
		ids := make([]string, len(recs))
		for i, r := range recs {
			ids[i] = karir.TalentID(r.NIP, r.Year)
		}
		filter = bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}}
	}
	found, err := s.findTalent(ctx, filter)
	if err != nil {
		return nil, fmt.Errorf("read stored talent: %w", err)
	}
	for _, o := range found {
		out[o.ID] = o
	}
	return out, nil
}

// TalentOf implements karir.TalentStore.
func (s *EmbeddedStore) TalentOf(ctx context.Context, nip string) ([]karir.TalentRecord, error) {
	if s.warm() {
		s.cache.mu.Lock()
		defer s.cache.mu.Unlock()
		return slices.Clone(s.cache.talent.byNIP[nip]), nil
	}
	return s.talentOf(ctx, nip)
}

// TalentOf implements karir.TalentStore.
func (s *ServerStore) TalentOf(ctx context.Context, nip string) ([]karir.TalentRecord, error) {
	return s.talentOf(ctx, nip)
}

func (s *core) talentOf(ctx context.Context, nip string) ([]karir.TalentRecord, error) {
	recs, err := s.findTalent(ctx, bson.D{{Key: "nip", Value: nip}})
	if err != nil {
		return nil, fmt.Errorf("talent of an ASN: %w", err)
	}
	slices.SortFunc(recs, func(a, b karir.TalentRecord) int { return a.Year - b.Year })
	return recs, nil
}

// TalentOfYear implements karir.TalentStore. The embedded store keeps
// each year's map until the next write replaces the cache's lists.
func (s *EmbeddedStore) TalentOfYear(ctx context.Context, year int) (map[string]karir.TalentRecord, error) {
	if s.warm() {
		s.cache.mu.Lock()
		defer s.cache.mu.Unlock()
		c := s.cache.talent
		if m, ok := c.byYear[year]; ok {
			return m, nil
		}
		m := map[string]karir.TalentRecord{}
		for nip, list := range c.byNIP {
			for _, r := range list {
				if r.Year == year {
					m[nip] = r
				}
			}
		}
		if c.byYear == nil {
			c.byYear = map[int]map[string]karir.TalentRecord{}
		}
		c.byYear[year] = m
		return m, nil
	}
	return s.talentOfYear(ctx, year)
}

// TalentOfYear implements karir.TalentStore.
func (s *ServerStore) TalentOfYear(ctx context.Context, year int) (map[string]karir.TalentRecord, error) {
	return s.talentOfYear(ctx, year)
}

func (s *core) talentOfYear(ctx context.Context, year int) (map[string]karir.TalentRecord, error) {
	recs, err := s.findTalent(ctx, bson.D{{Key: "year", Value: year}})
	if err != nil {
		return nil, fmt.Errorf("talent of %d: %w", year, err)
	}
	m := make(map[string]karir.TalentRecord, len(recs))
	for _, r := range recs {
		m[r.NIP] = r
	}
	return m, nil
}

// LatestTalent implements karir.TalentStore.
func (s *EmbeddedStore) LatestTalent(ctx context.Context) (map[string]karir.TalentRecord, error) {
	if s.warm() {
		s.cache.mu.Lock()
		defer s.cache.mu.Unlock()
		return s.cache.talent.latest, nil
	}
	return s.latestTalent(ctx)
}

// LatestTalent implements karir.TalentStore.
func (s *ServerStore) LatestTalent(ctx context.Context) (map[string]karir.TalentRecord, error) {
	return s.latestTalent(ctx)
}

func (s *core) latestTalent(ctx context.Context) (map[string]karir.TalentRecord, error) {
	recs, err := s.findTalent(ctx, bson.D{})
	if err != nil {
		return nil, fmt.Errorf("list talent: %w", err)
	}
	latest := make(map[string]karir.TalentRecord, len(recs))
	for _, r := range recs {
		if o, ok := latest[r.NIP]; !ok || r.Year > o.Year {
			latest[r.NIP] = r
		}
	}
	return latest, nil
}

// TalentMapOf implements karir.TalentStore. The embedded store counts in
// one pass over its memory; otherwise the NIPs and the latest records are
// read and counted.
func (s *ServerStore) TalentMapOf(ctx context.Context, opd string) (karir.TalentMap, error) {
	nips, err := s.NIPsIn(ctx, opd)
	if err != nil {
		return karir.TalentMap{}, err
	}
	latest, err := s.LatestTalent(ctx)
	if err != nil {
		return karir.TalentMap{}, err
	}
	return karir.MapTalent(nips, latest), nil
}

// TalentMapOf implements karir.TalentStore.
func (s *EmbeddedStore) TalentMapOf(ctx context.Context, opd string) (karir.TalentMap, error) {
	if m, ok := s.cachedTalentMap(opd); ok {
		return m, nil
	}
	nips, err := s.NIPsIn(ctx, opd)
	if err != nil {
		return karir.TalentMap{}, err
	}
	latest, err := s.LatestTalent(ctx)
	if err != nil {
		return karir.TalentMap{}, err
	}
	return karir.MapTalent(nips, latest), nil
}

func (s *EmbeddedStore) cachedTalentMap(opd string) (m karir.TalentMap, ok bool) {
	if !s.employeesCached() {
		return m, false
	}
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	if !s.cache.complete {
		return m, false
	}
	boxes := s.cache.talent.boxes
	for _, e := range s.cache.emps {
		if opd != "" && e.OPDCode != opd {
			continue
		}
		key, isNum := nipKey(e.NIP)
		if by, found := boxes[key]; isNum && found {
			m.AddBox(int(by.box), int(by.year))
		} else {
			m.Add(nil)
		}
	}
	return m, true
}

// TrackRecords implements karir.TalentStore: the verdicts on targets and
// the ratings of check-ins, from the submissions of every round.
func (s *ServerStore) TrackRecords(ctx context.Context) (map[string]karir.TrackRecord, error) {
	return s.trackRecords(ctx)
}

// TrackRecords implements karir.TalentStore, from the forms in memory once
// they are complete.
func (s *EmbeddedStore) TrackRecords(ctx context.Context) (map[string]karir.TrackRecord, error) {
	if !s.warm() {
		return s.trackRecords(ctx)
	}
	out := map[string]karir.TrackRecord{}
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	for _, sub := range s.cache.subs {
		addTrackRecord(out, sub.NIP, sub.Stage, sub.Milestones)
	}
	return out, nil
}

func addTrackRecord(out map[string]karir.TrackRecord, nip string, stage karir.Step, milestones []karir.Milestone) {
	r := out[nip]
	r.Count(stage, milestones)
	if !r.Empty() {
		out[nip] = r
	}
}

func (s *core) trackRecords(ctx context.Context) (map[string]karir.TrackRecord, error) {
	out := map[string]karir.TrackRecord{}
	// Only these stages can hold a verdict or a rated check-in.
	stages := bson.A{karir.StepCheckIn, karir.StepMet, karir.StepMissed}
	filter := bson.D{{Key: "stage", Value: bson.D{{Key: "$in", Value: stages}}}}
	cur, err := s.db.Collection(collSubmissions).Find(ctx, filter,
		options.Find().SetProjection(bson.D{{Key: "nip", Value: 1}, {Key: "stage", Value: 1}, {Key: "milestones", Value: 1}}))
	if err != nil {
		return nil, fmt.Errorf("track records: %w", err)
	}
	var subs []struct {
		NIP        string            `bson:"nip"`
		Stage      karir.Step        `bson:"stage"`
		Milestones []karir.Milestone `bson:"milestones"`
	}
	if err := cur.All(ctx, &subs); err != nil {
		return nil, fmt.Errorf("track records: %w", err)
	}
	for _, v := range subs {
		addTrackRecord(out, v.NIP, v.Stage, v.Milestones)
	}
	return out, nil
}
