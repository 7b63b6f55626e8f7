package karir

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// A sidang is one meeting of Baperjakat (Badan Pertimbangan Jabatan dan
// Kepangkatan): BKPSDM sets its agenda (the posts to fill), the board
// weighs the candidates of each post and records, per post, whom it
// recommends to the mayor. Baperjakat gives its consideration to the
// Pejabat Pembina Kepegawaian before an appointment: PP 100/2000 jo. PP
// 13/2002 (on appointing PNS to structural posts) formed it; its article
// is not cited here, none we could read named it (a training slide on
// text-id.123dok.com gives its task as "Pasal 4 PP No. 100 Tahun 2000",
// the older note here "Pasal 14"; unverified). The ASN law moved the role to the tim penilai kinerja:
// "Promosi Pejabat Administrasi dan Pejabat Fungsional PNS dilakukan oleh
// Pejabat Pembina Kepegawaian setelah mendapat pertimbangan tim penilai
// kinerja PNS pada Instansi Pemerintah" (UU 5/2014 Pasal 72), and BKN lets
// Baperjakat do it while that team is not regulated. The PPK decides from
// at most three names ("kita hanya tunjuk tiga orang ini saja"), so a
// recommendation names at most three, in order.
//
// One session is one document (FerretDB has no transactions): every change
// is a single-document save guarded by Version.

// Rights of the sessions (roles.go holds who has them).
const (
	// RightSidang opens a session and sets its agenda (BKPSDM).
	RightSidang Right = "sidang"
	// RightSidangRead reads the sessions, their pack and minutes
	// (BKPSDM and Baperjakat). Recording a recommendation and closing
	// the session need RightBaperjakat.
	RightSidangRead Right = "sidang_read"
)

// Sidang is one Baperjakat session.
type Sidang struct {
	// ID is short and readable: "S-20261210-1" (the meeting's date, then
	// the how-manieth session opened for that date).
	ID string `bson:"_id"`
	// Date is the meeting's date (midnight in the city's zone).
	Date time.Time `bson:"date"`
	// Round is the programme's round whose requests it weighs.
	Round  string       `bson:"round"`
	Agenda []AgendaPost `bson:"agenda"`
	Closed bool         `bson:"closed"`
	// ClosedAt and ClosedBy: when and by whom it was closed.
	ClosedAt time.Time `bson:"closed_at,omitempty"`
	ClosedBy int64     `bson:"closed_by,omitempty"`
	// Members are those present, as the secretary records them
	// (sidang_members.go); empty: the minutes' signature lines are blank.
	Members  []BoardMember `bson:"members,omitempty"`
	OpenedBy int64         `bson:"opened_by"`
	OpenedAt time.Time     `bson:"opened_at"`
	// Version counts saves: a save names the version it read and is
	// refused (ErrConflict) when another came first.
	Version int64 `bson:"version"`
}

// Held reports whether the session's date has come on loc's calendar: its
// minutes record a meeting held, so it closes on its date or later, never
// before (the berita acara says "Pada hari ini, <its date>").
func (s *Sidang) Held(now time.Time, loc *time.Location) bool {
	return DaysUntil(now, s.Date, loc) <= 0
}

// AgendaPost is one post on a session's agenda.
type AgendaPost struct {
	// OPD and Post key the post as the peta jabatan and the form do
	// (Post.Is: case and spacing aside).
	OPD     string `bson:"opd"`
	OPDName string `bson:"opd_name,omitempty"`
	Post    string `bson:"post"`
	// Seats the post has and Vacant how many no holder who stays takes,
	// when the agenda was set.
	Seats  int `bson:"seats"`
	Vacant int `bson:"vacant"`
	// Level is the post's type as users read it ("administrator (eselon
	// III)"); Holders name who holds it and stays.
	Level   string   `bson:"level,omitempty"`
	Holders []string `bson:"holders,omitempty"`
	// Nominees are the post's candidates in the meeting pack (applicants
	// and the succession pool, ranked), fixed when the session is opened:
	// the board recommends from them.
	Nominees []Nominee `bson:"nominees,omitempty"`
	// Rec is the board's recommendation, nil until recorded.
	Rec *BoardRecommendation `bson:"rec,omitempty"`
	// Returned is the mayor's note when he sent the post back to the
	// board (ReturnAgendaPost); the post then needs a new Rec, and the
	// one he returned is kept in History.
	Returned string                `bson:"returned,omitempty"`
	History  []BoardRecommendation `bson:"history,omitempty"`
}

// Nominee is one candidate of an agenda post as the meeting pack lists
// them: what the pack shows, kept so the pack, the minutes and the
// mayor's message show what the board weighed, also after the data moves.
type Nominee struct {
	NIP  string `bson:"nip"`
	Name string `bson:"name"`
	// Now is their post and OPD when the pack was made; Golongan theirs.
	Now      string `bson:"now"`
	Golongan string `bson:"golongan,omitempty"`
	// Box is the 9-box (0: no talent data); Ready "siap" (memenuhi
	// syarat and box 7-9).
	Box   int  `bson:"box,omitempty"`
	Ready bool `bson:"ready,omitempty"`
	// Applied: they asked for this post in the round (or hold it and
	// filed to stay, Stay); Pool: they are in its succession pool.
	Applied bool `bson:"applied,omitempty"`
	Stay    bool `bson:"stay,omitempty"`
	Pool    bool `bson:"pool,omitempty"`
	// Wish is their own wish in words ("mengajukan jabatan ini",
	// "berminat lain: ...", "tidak mengajukan pindah") and Stage the
	// stage of their request ("" when they filed none).
	Wish  string `bson:"wish,omitempty"`
	Stage string `bson:"stage,omitempty"`
	// Eligible: no checkable requirement fails (memenuhi syarat). Met of
	// Checks requirements are met; Failed and Unchecked say the others
	// as every list writes them, Notes what is no requirement.
	Eligible  bool     `bson:"eligible"`
	Met       int      `bson:"met"`
	Checks    int      `bson:"checks"`
	Failed    []string `bson:"failed,omitempty"`
	Unchecked []string `bson:"unchecked,omitempty"`
	Notes     []string `bson:"notes,omitempty"`
	// TargetsMet and TargetsMissed are the programme's record of targets
	// before; Rating the average of their check-ins' ratings (1-5) over
	// Ratings reports, 0 when none.
	TargetsMet    int     `bson:"targets_met,omitempty"`
	TargetsMissed int     `bson:"targets_missed,omitempty"`
	Rating        float64 `bson:"rating,omitempty"`
	Ratings       int     `bson:"ratings,omitempty"`
	// Line is the one-line record, for a chat message.
	Line string `bson:"line"`
}

// BoardRecommendation is what the board recommends for one post.
type BoardRecommendation struct {
	// NIPs are the recommended candidates in order, at most
	// MaxRecommended; empty when None.
	NIPs []string `bson:"nips,omitempty"`
	// None: "tidak ada yang direkomendasikan".
	None bool      `bson:"none,omitempty"`
	Note string    `bson:"note,omitempty"`
	By   int64     `bson:"by"`
	At   time.Time `bson:"at"`
}

// MaxRecommended is how many names a recommendation may carry: the PPK
// picks one of three.
const MaxRecommended = 3

// Errors of a session that users see as such.
var (
	ErrSidangClosed     = errors.New("sidang closed")
	ErrNoAgenda         = errors.New("sidang has no agenda")
	ErrNotOnAgenda      = errors.New("post not on the agenda")
	ErrNotNominee       = errors.New("not a candidate of the post")
	ErrRecommendation   = errors.New("recommendation invalid")
	ErrAgendaUnfinished = errors.New("agenda posts lack a recommendation")
)

// SidangID is the readable id of the n-th session opened for date.
func SidangID(date time.Time, n int) string {
	return fmt.Sprintf("S-%s-%d", date.Format("20060102"), n)
}

// Is reports whether the agenda post is the post opd and post name.
func (p AgendaPost) Is(opd, post string) bool {
	return Post{OPDCode: p.OPD, Position: p.Post}.Is(opd, post)
}

// AsPost is the agenda post as a Post.
func (p AgendaPost) AsPost() Post { return Post{OPDCode: p.OPD, OPDName: p.OPDName, Position: p.Post} }

// Nominee returns the candidate with the NIP, if the pack lists them.
func (p AgendaPost) Nominee(nip string) (Nominee, bool) {
	i := slices.IndexFunc(p.Nominees, func(n Nominee) bool { return n.NIP == nip })
	if i < 0 {
		return Nominee{}, false
	}
	return p.Nominees[i], true
}

// Find is the index of the agenda post opd/post, -1 when it is not there.
func (s *Sidang) Find(opd, post string) int {
	return slices.IndexFunc(s.Agenda, func(p AgendaPost) bool { return p.Is(opd, post) })
}

// Lacking lists the agenda posts without a recommendation.
func (s *Sidang) Lacking() []AgendaPost {
	var out []AgendaPost
	for _, p := range s.Agenda {
		if p.Rec == nil {
			out = append(out, p)
		}
	}
	return out
}

// Validate checks a recommendation for an agenda post: at most three
// names, none twice, each a candidate of the post; or None, without names.
func (p AgendaPost) Validate(rec BoardRecommendation) error {
	switch {
	case rec.None && len(rec.NIPs) > 0:
		return fmt.Errorf("%w: none and names", ErrRecommendation)
	case !rec.None && len(rec.NIPs) == 0:
		return fmt.Errorf("%w: no names", ErrRecommendation)
	case len(rec.NIPs) > MaxRecommended:
		return fmt.Errorf("%w: %d names, at most %d", ErrRecommendation, len(rec.NIPs), MaxRecommended)
	}
	for i, nip := range rec.NIPs {
		if slices.Contains(rec.NIPs[:i], nip) {
			return fmt.Errorf("%w: a name twice", ErrRecommendation)
		}
		if _, ok := p.Nominee(nip); !ok {
			return ErrNotNominee
		}
	}
	return nil
}

// Recommend records the board's recommendation for the agenda post
// opd/post (replacing one recorded before, until the session closes).
func (s *Sidang) Recommend(opd, post string, rec BoardRecommendation) error {
	if s.Closed {
		return ErrSidangClosed
	}
	i := s.Find(opd, post)
	if i < 0 {
		return ErrNotOnAgenda
	}
	if err := s.Agenda[i].Validate(rec); err != nil {
		return err
	}
	rec.NIPs = slices.Clone(rec.NIPs)
	s.Agenda[i].Rec = &rec
	return nil
}

// Close closes the session once every agenda post has a recommendation;
// otherwise it returns ErrAgendaUnfinished (Lacking says which).
func (s *Sidang) Close(by int64, at time.Time) error {
	switch {
	case s.Closed:
		return ErrSidangClosed
	case len(s.Agenda) == 0:
		return ErrNoAgenda
	case len(s.Lacking()) > 0:
		return ErrAgendaUnfinished
	}
	s.Closed, s.ClosedAt, s.ClosedBy = true, at, by
	return nil
}

// Return sends one post of a closed session back to the board with the
// mayor's note: its recommendation moves to History and the post waits
// for a new one (recorded with Recommend, which a returned post allows
// on a closed session).
func (s *Sidang) Return(opd, post, note string) error {
	i := s.Find(opd, post)
	if i < 0 {
		return ErrNotOnAgenda
	}
	p := &s.Agenda[i]
	if p.Rec != nil {
		p.History = append(p.History, *p.Rec)
	}
	p.Rec, p.Returned = nil, strings.TrimSpace(note)
	return nil
}

// RecommendReturned records a new recommendation for a post the mayor
// returned, also on a closed session; the note of the return stays, for
// the record, until the mayor decides again.
func (s *Sidang) RecommendReturned(opd, post string, rec BoardRecommendation) error {
	i := s.Find(opd, post)
	if i < 0 {
		return ErrNotOnAgenda
	}
	if s.Agenda[i].Returned == "" {
		return s.Recommend(opd, post, rec)
	}
	if err := s.Agenda[i].Validate(rec); err != nil {
		return err
	}
	rec.NIPs = slices.Clone(rec.NIPs)
	s.Agenda[i].Rec = &rec
	return nil
}

// SidangStore keeps the sessions; the store implements it (store/sidang.go).
type SidangStore interface {
	// CreateSidang stores a new session, giving it the next free ID of its
	// date (SidangID) and version 1; it returns the session as stored.
	// ErrNoAgenda when the agenda is empty.
	CreateSidang(ctx context.Context, s Sidang) (Sidang, error)
	// Sidang returns a session; ErrNotFound when there is none.
	Sidang(ctx context.Context, id string) (*Sidang, error)
	// OpenSidangs and ClosedSidangs list the sessions, the newest date
	// first.
	OpenSidangs(ctx context.Context) ([]Sidang, error)
	ClosedSidangs(ctx context.Context) ([]Sidang, error)
	// RecordRecommendation records rec for one agenda post of the session
	// as read at version (Sidang.RecommendReturned's rules: a closed
	// session takes only a post the mayor returned). ErrConflict when
	// the session changed since version; ErrSidangClosed, ErrNotOnAgenda,
	// ErrNotNominee, ErrRecommendation as the rules say. It returns the
	// session as stored.
	RecordRecommendation(ctx context.Context, id, opd, post string, rec BoardRecommendation, version int64) (*Sidang, error)
	// CloseSidang closes the session as read at version (Sidang.Close).
	CloseSidang(ctx context.Context, id string, by int64, at time.Time, version int64) (*Sidang, error)
	// ReturnAgendaPost sends one post of a session back to the board
	// (Sidang.Return), whatever its version; for the mayor's "Kembalikan
	// ke Baperjakat".
	ReturnAgendaPost(ctx context.Context, id, opd, post, note string) (*Sidang, error)
	// UpdateSidang applies change to the session's latest version and
	// saves it, reloading and applying again (at most a few times) when
	// another save came first; an error of change is returned as is and
	// nothing is saved.
	UpdateSidang(ctx context.Context, id string, change func(*Sidang) error) (*Sidang, error)
}
