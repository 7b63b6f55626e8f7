package karir

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// The succession pool: for a post, besides its applicants, every ASN of
// the roster in boxes 7-9 (the succession group, PermenPANRB 3/2020), one
// level below the post or at it, who meets its requirements, ranked as
// candidates are; each marked with their own wish from the programme
// (what SIMATA does not know). PP 11/2017 Pasal 200 ayat (2): promotion
// goes first to the succession group.

// The wishes a pool entry is marked with.
const (
	WishApplied   = "mengajukan"    // asked to move to this post
	WishElsewhere = "berminat lain" // asked to move to another post
)

// Pool is the succession group of a city, checked once against a post of
// each level its members may step to (their own and the next), so the
// pools of many posts cost one pass over the roster. A level's members
// are ranked only as far as a caller reads them (a heap gives them in
// order): /suksesi reads the first few of each post. A Pool serves one
// request; it is not safe for concurrent use.
type Pool struct {
	levels  [LevelJPTPratama + 1]poolLevel
	latest  map[string]TalentRecord
	years   TalentYears
	records map[string]TrackRecord
	moves   map[string]*Submission // NIP -> a move filed this round
	now     time.Time
}

// poolLevel is the pool of posts of one level: ranked holds its best
// members in order, heap the rest (its best first).
type poolLevel struct {
	ranked, heap []poolEntry
}

// poolEntry is a member as the pool keeps them: small, so 100,000 ASN
// rank fast; For makes Candidates (with their talent record, profile and
// checks) of the few it returns.
type poolEntry struct {
	emp *Employee
	nip string
	// The key RankCandidates orders by: the box's standing, the potential,
	// then the programme's record.
	standing    int32
	met, missed int32
	potential   float64
	rating      float64
}

func comparePoolEntries(a, b *poolEntry) int {
	if c := cmp.Compare(b.standing, a.standing); c != 0 {
		return c
	}
	if c := cmp.Compare(b.potential, a.potential); c != 0 {
		return c
	}
	// compareRecords: more met, fewer missed, better rated first.
	if c := cmp.Compare(b.met, a.met); c != 0 {
		return c
	}
	if c := cmp.Compare(a.missed, b.missed); c != 0 {
		return c
	}
	if c := cmp.Compare(b.rating, a.rating); c != 0 {
		return c
	}
	return strings.Compare(a.nip, b.nip)
}

// TalentYears are the talent records of a few years, by year and NIP: the
// SKP history the requirements read (the last two years), as the store
// keeps it, so the pool reads one ASN's years without a copy.
type TalentYears map[int]map[string]TalentRecord

// History is the years as a TalentHistory, oldest first.
func (y TalentYears) History() TalentHistory {
	years := make([]int, 0, len(y))
	for year := range y {
		years = append(years, year)
	}
	slices.Sort(years)
	maps := make([]map[string]TalentRecord, len(years))
	for i, year := range years {
		maps[i] = y[year]
	}
	return HistoryFromYears(maps...)
}

// NewPool gathers the succession group for posts of the given levels (all
// when none) from the roster (emps, all of it), the latest talent records,
// the SKP of past years, the round's submissions and the programme's
// records; now is the appointment's date. The retirement age is checked
// over 12 months (a pool entry has no term of their own). The pool keeps
// emps and the maps: the caller does not change them.
func NewPool(emps []Employee, latest map[string]TalentRecord, years TalentYears, subs []Submission,
	records map[string]TrackRecord, now time.Time, levels ...int) *Pool {
	want := [LevelJPTPratama + 1]bool{}
	for _, l := range levels {
		if l >= 0 && l <= LevelJPTPratama {
			want[l] = true
		}
	}
	if len(levels) == 0 {
		want = [LevelJPTPratama + 1]bool{true, true, true, true}
	}
	p := &Pool{latest: latest, years: years, records: records, moves: map[string]*Submission{}, now: now}
	for i := range subs {
		if subs[i].Answers.Choice == ChoiceMove {
			p.moves[subs[i].NIP] = &subs[i]
		}
	}
	var rules [LevelJPTPratama + 1]levelRule
	for l := range rules {
		rules[l] = ruleOf(Target{Rung: Rung{Level: l, Known: true}, At: now})
	}
	// The SKP years: the same for every level.
	skpYears := rules[0].skpYears
	rungs := map[rungKey]Rung{} // posts repeat: their type once each
	for i := range emps {
		e := &emps[i]
		if !e.Active() { // left service: no successor
			continue
		}
		// The rung first: the levels not asked for are passed over before
		// the talent data is looked up (a look-up in 100,000 records is most
		// of the cost).
		var rung Rung
		if e.JabatanType.Valid() {
			rung = RungOfType(e.JabatanType)
		} else {
			key := rungKey{e.Position, e.Eselon}
			var seen bool
			if rung, seen = rungs[key]; !seen {
				rung = RungOfType(e.Type())
				rungs[key] = rung
			}
		}
		if !rung.Known || !(want[min(rung.Level, LevelJPTPratama)] || (rung.Level+1 <= LevelJPTPratama && want[rung.Level+1])) {
			continue
		}
		rec, ok := latest[e.NIP]
		if !ok || !InSuccessionGroup(rec.Box()) {
			continue
		}
		profile := profileAt(*e, rung, nil)
		skp := p.skpOf(rec, skpYears)
		var entry poolEntry
		for _, level := range [2]int{rung.Level, rung.Level + 1} {
			if level > LevelJPTPratama || !want[level] || rules[level].fails(&profile, skp) {
				continue
			}
			if entry.emp == nil {
				entry = p.entry(e, rec.Box(), rec.potentialScore())
			}
			p.levels[level].heap = append(p.levels[level].heap, entry)
		}
	}
	for l := range p.levels {
		p.levels[l].heapify()
	}
	return p
}

// skpOf is the predikat of the years ("" none): the latest record's where
// it is of the year, none for a year after it, else that year's record.
func (p *Pool) skpOf(latest TalentRecord, years [2]int) [2]Predikat {
	var out [2]Predikat
	for i, y := range years {
		switch {
		case latest.Year == y:
			out[i] = latest.Predikat
		case y < latest.Year:
			out[i] = p.years[y][latest.NIP].Predikat
		}
	}
	return out
}

func (p *Pool) entry(e *Employee, box int, potential float64) poolEntry {
	var record TrackRecord
	if len(p.records) > 0 {
		record = p.records[e.NIP]
	}
	return poolEntry{emp: e, nip: e.NIP, standing: int32(BoxStanding(box)), potential: potential,
		met: int32(record.Met), missed: int32(record.Missed), rating: ratingScore(record.Ratings)}
}

// rungKey is what an employee's type is read from when the roster does not
// say it.
type rungKey struct{ position, eselon string }

// For is the pool of a post: its members who do not hold it, in rank
// order, at most limit (0: all), each marked with their wish; nil when
// the post's level is unknown.
func (p *Pool) For(post Post, facts PostFacts, limit int) []Candidate {
	if !facts.Rung.Known || facts.Rung.Level < 0 || facts.Rung.Level > LevelJPTPratama {
		return nil
	}
	lv := &p.levels[facts.Rung.Level]
	target := Target{Rung: Rung{Level: facts.Rung.Level, Known: true}, At: p.now}
	var history TalentHistory
	var out []Candidate
	for i := 0; limit == 0 || len(out) < limit; i++ {
		if i == len(lv.ranked) && !lv.rankNext() {
			break
		}
		en := &lv.ranked[i]
		if post.Is(en.emp.OPDCode, en.emp.Position) {
			continue
		}
		if history == nil {
			history = p.years.History()
		}
		rec := p.latest[en.nip]
		c := Candidate{Employee: en.emp, Talent: &rec, Record: p.records[en.nip], Ready: true,
			Checks:     CheckRequirements(ProfileOf(*en.emp, history(en.nip)), target),
			Submission: Submission{NIP: en.nip, Name: en.emp.Name}}
		if s, ok := p.moves[en.nip]; ok {
			c.Submission = *s
			c.Wish = WishElsewhere
			if s.AppliesFor(post) {
				c.Wish = WishApplied
			}
		}
		out = append(out, c)
	}
	return out
}

// Size is how many are in the pool for posts of the level.
func (p *Pool) Size(level int) int {
	if level < 0 || level > LevelJPTPratama {
		return 0
	}
	return len(p.levels[level].ranked) + len(p.levels[level].heap)
}

// rankNext moves the best member left in the heap to the end of ranked;
// false when none is left.
func (lv *poolLevel) rankNext() bool {
	n := len(lv.heap)
	if n == 0 {
		return false
	}
	lv.ranked = append(lv.ranked, lv.heap[0])
	lv.heap[0] = lv.heap[n-1]
	lv.heap = lv.heap[:n-1]
	lv.siftDown(0)
	return true
}

func (lv *poolLevel) heapify() {
	for i := len(lv.heap)/2 - 1; i >= 0; i-- {
		lv.siftDown(i)
	}
}

// siftDown restores the heap below i (the best member at the root).
func (lv *poolLevel) siftDown(i int) {
	h := lv.heap
	for {
		best, l := i, 2*i+1
		if l < len(h) && comparePoolEntries(&h[l], &h[best]) < 0 {
			best = l
		}
		if r := l + 1; r < len(h) && comparePoolEntries(&h[r], &h[best]) < 0 {
			best = r
		}
		if best == i {
			return
		}
		h[i], h[best] = h[best], h[i]
		i = best
	}
}

// SuccessionPlan is a post to fill with its pool's first candidates.
type SuccessionPlan struct {
	Vacancy
	Candidates []Candidate
}

// PlanSuccession pairs each vacancy with the first limit of its pool.
func PlanSuccession(vacancies []Vacancy, pool *Pool, limit int) []SuccessionPlan {
	out := make([]SuccessionPlan, len(vacancies))
	for i, v := range vacancies {
		out[i] = SuccessionPlan{Vacancy: v, Candidates: pool.For(v.Post, v.PostFacts, limit)}
	}
	return out
}
