package roster

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"openkarir/karir"
)

// SamplePosts is a peta jabatan of the sample roster's five OPDs, with
// vacancies, for demos and tests.
//
//go:embed contoh_peta_jabatan.csv
var SamplePosts []byte

// The peta jabatan's columns: the OPD by code or name, the post, its type
// (jenis_jabatan, or the old eselon) and its seats.
const (
	colPostOPDCode = "kode_opd"
	colPostOPDName = "nama_opd"
	colPost        = "jabatan"
	colPostLevel   = "jenis_jabatan"
	colPostEselon  = "eselon"
	colSeats       = "kebutuhan"
)

// maxSeats bounds one post's seats: more is a typo (a city's largest post,
// Guru Ahli Pertama, has a few thousand).
const maxSeats = 100_000

// ParsedPosts is a peta jabatan read: the posts by OPD in the file's
// order, and why each bad row was refused.
type ParsedPosts struct {
	Rows     int
	Maps     []karir.PostMap
	Rejected []Rejected
}

// ParsePosts reads a peta jabatan against the stored OPDs.
func ParsePosts(r io.Reader, opds []karir.OPD, now time.Time) (*ParsedPosts, error) {
	tab, err := openFile(r, "peta jabatan", []string{colPost, colSeats},
		[][]string{{colPostOPDCode, colPostOPDName}, {colPostLevel, colPostEselon}}, "kode_opd,nama_opd,jabatan,jenis_jabatan,kebutuhan")
	if err != nil {
		return nil, err
	}
	p := &ParsedPosts{}
	byOPD := map[string]int{} // OPD code -> index in Maps
	seen := map[string]int{}  // OPD code + post -> line
	for {
		rw, err := tab.next()
		if errors.Is(err, io.EOF) {
			return p, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read peta jabatan: %w", err)
		}
		p.Rows++
		if rw.Unreadable != "" {
			p.Rejected = append(p.Rejected, Rejected{Line: rw.Line, Reason: rw.Unreadable})
			continue
		}
		o, post, reason := parsePostRow(rw, opds)
		key := o.Code + "\x00" + karir.NormalizePost(post.Name)
		if first, dup := seen[key]; reason == "" && dup {
			reason = fmt.Sprintf("jabatan ganda di %s (sama dengan baris %d)", o.Code, first)
		}
		if reason != "" {
			p.Rejected = append(p.Rejected, Rejected{Line: rw.Line, Reason: reason})
			continue
		}
		seen[key] = rw.Line
		i, ok := byOPD[o.Code]
		if !ok {
			i = len(p.Maps)
			byOPD[o.Code] = i
			p.Maps = append(p.Maps, karir.PostMap{OPDCode: o.Code, OPDName: o.Name, UpdatedAt: now})
		}
		p.Maps[i].Posts = append(p.Maps[i].Posts, post)
	}
}

// parsePostRow checks one row; a non-empty reason refuses it.
func parsePostRow(rw row, opds []karir.OPD) (karir.OPD, karir.PlannedPost, string) {
	var post karir.PlannedPost
	given := rw.Field(colPostOPDCode)
	if given == "" {
		given = rw.Field(colPostOPDName)
	}
	o, ok := findOPD(opds, given)
	if !ok {
		return o, post, fmt.Sprintf("OPD tidak dikenal (%s): tulis kode atau nama OPD seperti di data pegawai", given)
	}
	post.Name = karir.CleanText(rw.Field(colPost))
	if n := len([]rune(post.Name)); n < minPostText || n > maxPostText {
		return o, post, fmt.Sprintf("nama jabatan harus %d sampai %d karakter (sekarang %d)", minPostText, maxPostText, n)
	}
	level, eselon := rw.Field(colPostLevel), rw.Field(colPostEselon)
	switch {
	case level != "":
		t, err := karir.ParseJabatanType(level)
		if err != nil {
			return o, post, fmt.Sprintf("jenis jabatan tidak dikenal (%s): tulis salah satu dari %s", level, jabatanTypeNames())
		}
		post.Type = t
	case eselon != "":
		// "Staf", "non eselon" name a type; II.a, III, IV.b an eselon (UU
		// 5/2014 Pasal 131).
		t, err := karir.ParseJabatanType(eselon)
		if err != nil {
			t = karir.EselonType(karir.NormalizeEselon(eselon))
		}
		if t == "" {
			return o, post, fmt.Sprintf("eselon tidak dikenal (%s): tulis II, III, IV, V atau pelaksana, atau isi kolom jenis_jabatan", eselon)
		}
		post.Type = t
	default:
		return o, post, fmt.Sprintf("jenis jabatan kosong: tulis salah satu dari %s", jabatanTypeNames())
	}
	cell := strings.TrimSuffix(rw.Field(colSeats), ".0")
	seats, err := strconv.Atoi(cell)
	if err != nil || seats < 0 || seats > maxSeats {
		return o, post, fmt.Sprintf("kebutuhan bukan jumlah kursi (%s): tulis angka bulat 0 sampai %d, misalnya 3", rw.Field(colSeats), maxSeats)
	}
	post.Seats = seats
	return o, post, ""
}

// jabatanTypeNames are the words a jenis_jabatan may be, for the admin.
func jabatanTypeNames() string {
	var names []string
	for _, t := range karir.JabatanTypes() {
		names = append(names, t.Name())
	}
	return strings.Join(names, ", ")
}

// PostsWriter is what a peta jabatan import reads and writes; the store
// implements it.
type PostsWriter interface {
	OPDs(ctx context.Context) ([]karir.OPD, error)
	EmployeesIn(ctx context.Context, opd string) ([]karir.Employee, error)
	karir.PostStore
}

// PostsSummary is what a peta jabatan import did.
type PostsSummary struct {
	Rows, OPDs, Replaced, Unchanged int
	Posts, Seats, Holders, Vacant   int
	Rejected                        []Rejected
}

// Text is the summary for a terminal or a chat.
func (s *PostsSummary) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Baris dibaca: %d\nOPD: %d (diganti %d, tidak berubah %d)\nJabatan: %d · kursi: %d · terisi: %d · lowong: %d\nDitolak: %d",
		s.Rows, s.OPDs, s.Replaced, s.Unchanged, s.Posts, s.Seats, s.Holders, s.Vacant, len(s.Rejected))
	listRows(&b, s.Rejected)
	return b.String()
}

// PostsWriteError is a peta jabatan import the database stopped: each
// OPD's posts are one document, so the OPDs written stand and the same
// file imported again writes the rest.
type PostsWriteError struct {
	Written int
	Err     error
}

func (e *PostsWriteError) Error() string {
	return fmt.Sprintf("write peta jabatan (%d OPDs written before the failure): %v", e.Written, e.Err)
}

func (e *PostsWriteError) Unwrap() error { return e.Err }

// WrittenSoFar implements flows.ImportFailure: OPDs replaced.
func (e *PostsWriteError) WrittenSoFar() (opds, added, updated int) { return 0, 0, e.Written }

// postsPlan is a parsed peta jabatan compared with the stored one.
type postsPlan struct {
	sum   PostsSummary
	write []karir.PostMap
}

func planPosts(ctx context.Context, w PostsWriter, r io.Reader, now time.Time) (*postsPlan, error) {
	opds, err := w.OPDs(ctx)
	if err != nil {
		return nil, &PostsWriteError{Err: fmt.Errorf("read the OPDs: %w", err)}
	}
	p, err := ParsePosts(r, opds, now)
	if err != nil {
		return nil, err
	}
	stored, err := w.PostMaps(ctx)
	if err != nil {
		return nil, &PostsWriteError{Err: err}
	}
	emps, err := w.EmployeesIn(ctx, "")
	if err != nil {
		return nil, &PostsWriteError{Err: fmt.Errorf("read the roster: %w", err)}
	}
	old := map[string]karir.PostMap{}
	for _, m := range stored {
		old[m.OPDCode] = m
	}
	pl := &postsPlan{sum: PostsSummary{Rows: p.Rows, OPDs: len(p.Maps), Rejected: p.Rejected}}
	for _, m := range p.Maps {
		for _, s := range karir.SeatsOf(m, emps) {
			pl.sum.Posts++
			pl.sum.Seats += s.Seats
			pl.sum.Holders += min(s.Holders, s.Seats)
			pl.sum.Vacant += s.Vacant()
		}
		if o, ok := old[m.OPDCode]; ok && o.OPDName == m.OPDName && slices.Equal(o.Posts, m.Posts) {
			pl.sum.Unchanged++
			continue
		}
		pl.write = append(pl.write, m)
	}
	return pl, nil
}

func (pl *postsPlan) save(ctx context.Context, w PostsWriter) (*PostsSummary, error) {
	n, err := w.SavePostMaps(ctx, pl.write)
	if err != nil {
		return nil, &PostsWriteError{Written: n, Err: err}
	}
	sum := pl.sum
	sum.Replaced = n
	return &sum, nil
}

// ImportPosts loads a peta jabatan from a terminal: the good rows are
// written (each OPD named in the file gets exactly its good rows), the
// bad ones listed.
func ImportPosts(ctx context.Context, w PostsWriter, r io.Reader, now time.Time) (*PostsSummary, error) {
	pl, err := planPosts(ctx, w, r, now)
	if err != nil {
		return nil, err
	}
	return pl.save(ctx, w)
}

// StrictPosts imports a peta jabatan sent in chat: a file with a bad row
// changes nothing (flows.PostsImporter).
type StrictPosts struct{ W PostsWriter }

// ImportAll implements flows.PostsImporter.
func (s StrictPosts) ImportAll(ctx context.Context, r io.Reader, now time.Time) (string, []string, error) {
	pl, err := planPosts(ctx, s.W, r, now)
	var rejected []Rejected
	if pl != nil {
		rejected = pl.sum.Rejected
	}
	return strictly(pl, rejected, err, func(pl *postsPlan) (*PostsSummary, error) { return pl.save(ctx, s.W) })
}
