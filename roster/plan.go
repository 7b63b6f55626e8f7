package roster

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"openkarir/karir"
)

// plan is an import compared with what the last import wrote (the store's
// roster index, one read of a few documents): a row whose hash is the one
// written before changes nothing and is not written, so a re-import of
// 100,000 unchanged rows writes nothing and reads no employee; one run
// again after a failure writes what the failure left out. Without an
// index to trust (the first import, or one that stopped midway) the
// stored roster is read and compared field by field, and the index
// written again.
//
// A row skipped by its hash is skipped even when something else changed
// the employee since (a code re-issued with /kode ulang stays): the file
// says nothing new, so the import changes nothing.
type plan struct {
	progress     func(string)
	now          time.Time
	sum          Summary
	opds         []karir.OPD
	fresh, known []karir.RosterRow
	inactive     map[string]string // NIP -> why no longer in service
	// index is every NIP's entry after the import; changed are the NIPs
	// whose entry this import changes (all, when the index read was not
	// trusted: it is written whole).
	index   map[string]karir.RosterEntry
	changed []string
	trusted bool
}

func newPlan(ctx context.Context, w Writer, p *Parsed, now time.Time) (*plan, error) {
	index, trusted, err := w.RosterIndex(ctx)
	if err != nil {
		return nil, err
	}
	var stored map[string]karir.Employee
	if !trusted {
		emps, err := w.EmployeesIn(ctx, "")
		if err != nil {
			return nil, fmt.Errorf("read the stored roster: %w", err)
		}
		index, stored = make(map[string]karir.RosterEntry, len(emps)), make(map[string]karir.Employee, len(emps))
		for _, e := range emps {
			index[e.NIP] = karir.RosterEntry{OPD: e.OPDCode, Active: e.Active()}
			stored[e.NIP] = e
		}
	}
	storedOPDs, err := w.OPDs(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the stored OPDs: %w", err)
	}
	pl := &plan{now: now, index: index, trusted: trusted, inactive: map[string]string{},
		sum: Summary{Rows: p.Rows, Rejected: slices.Clone(p.Rejected), Inactive: p.Inactive, Warnings: p.Warnings}}
	used := map[string]bool{} // OPDs of the rows kept
	for _, row := range p.Employees {
		used[row.OPDCode] = true
	}
	absent := pl.absent(p, used)
	for _, row := range p.Employees {
		pl.addRow(row, stored)
	}
	for _, l := range p.Left {
		if e, ok := index[l.NIP]; ok && e.Active {
			pl.deactivate(l.NIP, l.Status)
			pl.sum.Inactive--
		}
	}
	for _, nip := range absent {
		pl.deactivate(nip, txtAbsent)
	}
	for _, o := range p.NewOPDs {
		if used[o.Code] {
			pl.sum.NewOPDs = append(pl.sum.NewOPDs, o)
		}
	}
	slices.SortStableFunc(pl.sum.Rejected, func(a, b Rejected) int { return cmp.Compare(a.Line, b.Line) })
	have := make(map[string]karir.OPD, len(storedOPDs))
	for _, o := range storedOPDs {
		have[o.Code] = o
	}
	for _, o := range p.OPDs {
		if !used[o.Code] {
			continue
		}
		old, ok := have[o.Code]
		if ok && old.Name == o.Name && containsAll(old.Positions, o.Positions) {
			continue
		}
		pl.opds = append(pl.opds, o)
	}
	return pl, nil
}

// txtAbsent is why an ASN a personnel export of their OPD no longer lists
// is taken as no longer in service.
const txtAbsent = "tidak tercantum lagi dalam ekspor kepegawaian OPD-nya"

// addRow plans one good row: unchanged, or written as new or as an update.
func (pl *plan) addRow(row Row, stored map[string]karir.Employee) {
	e := row.Employee
	if e.Kind == karir.PPPK {
		pl.sum.PPPK++
	} else {
		pl.sum.PNS++
	}
	old, known := pl.index[e.NIP]
	entry := karir.RosterEntry{OPD: e.OPDCode, Active: true, Hash: rowHash(row, old.Hash)}
	if withoutProof(row, entry.Hash, stored) {
		pl.sum.NoPhone++
	}
	switch {
	case known && old.Hash == entry.Hash:
		pl.sum.Unchanged++
		return
	case known && stored != nil && old.Active && sameAsStored(row, stored[e.NIP]):
		pl.sum.Unchanged++
		pl.set(e.NIP, entry)
		return
	}
	r := karir.RosterRow{Employee: e, KeepPhone: row.KeepPhone, KeepCode: row.Code == KeepCode}
	if known {
		pl.known = append(pl.known, r)
	} else {
		pl.fresh = append(pl.fresh, r)
	}
	pl.set(e.NIP, entry)
}

// deactivate plans marking a stored ASN as no longer in service. The entry
// loses its hash, so a row that brings them back is written.
func (pl *plan) deactivate(nip, why string) {
	pl.inactive[nip] = why
	pl.sum.Deactivated++
	pl.set(nip, karir.RosterEntry{OPD: pl.index[nip].OPD})
}

func (pl *plan) set(nip string, e karir.RosterEntry) {
	pl.index[nip] = e
	if pl.trusted {
		pl.changed = append(pl.changed, nip)
	}
}

// Absent ASN: a personnel export (a file with the kedudukan hukum column,
// as SIASN and SIMPEG write it) lists every ASN of the OPDs it covers, in
// service or not. An ASN stored as active in an OPD the file has rows for,
// whom the file does not list, is no longer in service there, and is
// marked inactive. What the file does not cover stays as it is: an export
// of one OPD changes no other OPD, and a file in our own header (often a
// few new hires) deactivates no one. An ASN moved to an OPD the file does
// not cover is inactive until an export of that OPD lists them.
//
// A file that lists only part of an OPD (one bidang's export) would take
// its other staff out: an OPD where more than a quarter of the stored
// active ASN (and more than absentFloor) are absent keeps them, and the
// summary says so.
const absentFloor = 3

// absent returns the NIPs to deactivate as absent from the export, and
// notes in the summary the OPDs whose absent ASN stay active.
func (pl *plan) absent(p *Parsed, used map[string]bool) []string {
	if !p.Personnel {
		return nil
	}
	listed := make(map[string]bool, len(p.Employees)+len(p.Left))
	for _, r := range p.Employees {
		listed[r.NIP] = true
	}
	for _, l := range p.Left {
		listed[l.NIP] = true
	}
	missing, active := map[string][]string{}, map[string]int{}
	for nip, e := range pl.index {
		if !e.Active || !used[e.OPD] {
			continue
		}
		active[e.OPD]++
		if !listed[nip] {
			missing[e.OPD] = append(missing[e.OPD], nip)
		}
	}
	var out []string
	for _, opd := range slices.Sorted(maps.Keys(missing)) {
		nips := missing[opd]
		if len(nips) > absentFloor && 4*len(nips) > active[opd] {
			pl.sum.KeptActive = append(pl.sum.KeptActive, fmt.Sprintf(
				"OPD %s: %d dari %d ASN yang tersimpan tidak ada di berkas dan tetap dianggap aktif (berkas tampaknya hanya sebagian OPD itu); "+
					"kirim ekspor lengkap OPD itu, atau isi KEDUDUKAN_HUKUM mereka", opd, len(nips), active[opd]))
			continue
		}
		out = append(out, nips...)
	}
	slices.Sort(out)
	return out
}

// rowHash identifies what a row leaves stored: a hash of the fields it
// always writes, then a fingerprint of each field it may leave as stored
// (the proof fields, the optional columns), taken from the row when it
// gives one and from the last import's hash (old) when it keeps it. So a
// re-export that drops the activation codes, or a golongan column, still
// hashes as unchanged. 96 bits for the hash, 36 for each fingerprint: a
// collision between two states of one NIP is out of reach, and the index
// stays small (about 70 bytes an ASN).
func rowHash(r Row, old string) string {
	e := r.Employee
	h := sha256.New()
	for _, s := range []string{"v1", e.Name, e.OPDCode, e.OPDName, e.Position, e.Eselon, string(e.JabatanType), string(e.Kind)} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	oldPrints := strings.Split(old, ".")
	parts := []string{base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:12])}
	for i, f := range []struct {
		value string
		given bool
	}{
		{e.Phone, !r.KeepPhone},
		{e.ActivationHash, r.Code != KeepCode},
		{e.Golongan, e.Golongan != ""},
		{e.SupervisorNIP, e.SupervisorNIP != ""},
		{e.Education, e.Education != ""},
		{dateKey(e.TMTJabatan), !e.TMTJabatan.IsZero()},
		{dateKey(e.BirthDate), !e.BirthDate.IsZero()},
	} {
		switch {
		case f.given:
			parts = append(parts, fingerprint(f.value))
		case len(oldPrints) == 8:
			parts = append(parts, oldPrints[i+1])
		default:
			parts = append(parts, fingerprint(""))
		}
	}
	return strings.Join(parts, ".")
}

// withoutProof reports whether the ASN of a row is left with neither a
// phone number nor an activation code: from the row's hash, whose second
// and third fingerprints are those of the phone and the code (kept ones
// as the last import wrote them), or from the stored employee when the
// index was not trusted.
func withoutProof(r Row, hash string, stored map[string]karir.Employee) bool {
	phone, code := r.Phone, r.ActivationHash
	if old, ok := stored[r.NIP]; ok {
		if r.KeepPhone {
			phone = old.Phone
		}
		if r.Code == KeepCode {
			code = old.ActivationHash
		}
		return phone == "" && code == ""
	}
	prints := strings.Split(hash, ".")
	return prints[1] == fingerprint("") && prints[2] == fingerprint("")
}

func fingerprint(s string) string {
	if s == "" {
		return "-"
	}
	sum := sha256.Sum256([]byte(s))
	return base64.RawURLEncoding.EncodeToString(sum[:6])[:6]
}

func dateKey(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// sameAsStored reports whether a row would change nothing of the stored
// employee (compared when there is no index to trust).
func sameAsStored(row Row, old karir.Employee) bool {
	e := row.Employee
	if row.Code == KeepCode {
		e.ActivationHash = old.ActivationHash
	}
	if row.KeepPhone {
		e.Phone = old.Phone
	}
	// Empty optional cells keep what is stored, as the store's update does.
	e.Golongan = cmp.Or(e.Golongan, old.Golongan)
	e.SupervisorNIP = cmp.Or(e.SupervisorNIP, old.SupervisorNIP)
	e.Education = cmp.Or(e.Education, old.Education)
	if e.TMTJabatan.IsZero() {
		e.TMTJabatan = old.TMTJabatan
	}
	if e.BirthDate.IsZero() {
		e.BirthDate = old.BirthDate
	}
	return sameRosterFields(old, e)
}

// sameRosterFields reports whether a row would change nothing the roster
// carries (the fields the store's WriteRoster writes, the time aside).
func sameRosterFields(a, b karir.Employee) bool {
	return a.Name == b.Name && a.OPDCode == b.OPDCode && a.OPDName == b.OPDName && a.Position == b.Position &&
		a.Eselon == b.Eselon && a.Phone == b.Phone && a.ActivationHash == b.ActivationHash &&
		a.Golongan == b.Golongan && a.SupervisorNIP == b.SupervisorNIP &&
		a.JabatanType == b.JabatanType && a.Kind == b.Kind && a.Education == b.Education &&
		a.TMTJabatan.Equal(b.TMTJabatan) && a.BirthDate.Equal(b.BirthDate) && a.Active() && b.Active()
}

func containsAll(have, want []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

// write applies the plan: agencies first, so every employee's OPD exists;
// then the employees, in chunks of progressEvery so a long import says how
// far it is; then who left service; the index last.
func (pl *plan) write(ctx context.Context, w Writer) (*Summary, error) {
	sum := pl.sum
	sum.Deactivated = 0
	opds, err := w.UpsertOPDs(ctx, pl.opds)
	fail := func(what string, err error) (*Summary, error) {
		return nil, &WriteError{Written: sum, OPDs: opds, Err: fmt.Errorf("%s: %w", what, err)}
	}
	if err != nil {
		return fail("write OPDs", err)
	}
	if pl.trusted && len(pl.changed) == 0 {
		return &sum, nil
	}
	if pl.trusted {
		if err := w.StaleRosterIndex(ctx); err != nil {
			return fail("write employees", err)
		}
	}
	total := len(pl.fresh) + len(pl.known)
	for start := 0; start < total; start += progressEvery {
		end := min(start+progressEvery, total)
		fresh := pl.fresh[min(start, len(pl.fresh)):min(end, len(pl.fresh))]
		known := pl.known[max(0, start-len(pl.fresh)):max(0, end-len(pl.fresh))]
		added, updated, err := w.WriteRoster(ctx, fresh, known)
		sum.Added, sum.Updated = sum.Added+added, sum.Updated+updated
		if err != nil {
			return fail("write employees", err)
		}
		if pl.progress != nil {
			pl.progress(fmt.Sprintf("%d dari %d pegawai ditulis", sum.Added+sum.Updated, total))
		}
	}
	n, err := w.SetInactive(ctx, pl.inactive, pl.now)
	sum.Deactivated = n
	if err != nil {
		return fail("mark who left service", err)
	}
	changed := pl.changed
	if !pl.trusted {
		changed = slices.Collect(maps.Keys(pl.index)) // every document of the index
	}
	if err := w.SaveRosterIndex(ctx, pl.index, changed); err != nil {
		return fail("write the roster index", err)
	}
	return &sum, nil
}
