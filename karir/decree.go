package karir

import (
	"context"
	"strings"
	"time"
)

// The mayor's decision on a closed Baperjakat session, and the decree (SK)
// that carries it. Baperjakat considers, the Pejabat Pembina Kepegawaian
// (here the Wali Kota) appoints and moves (PP 11/2017 Pasal 3, as amended
// by PP 17/2020); BKPSDM drafts the SK and its lampiran.

// Decision is the mayor's choice on one post of a closed session: one
// document per session post, claimed by an insert (FerretDB has no
// transactions; a duplicate key is its one atomic guard), so a post is
// decided once whoever presses first.
type Decision struct {
	ID     string    `bson:"_id"` // DecisionID
	Sidang string    `bson:"sidang"`
	Date   time.Time `bson:"sidang_date"`
	// The post decided, as the agenda names it.
	OPDCode  string `bson:"opd_code"`
	OPDName  string `bson:"opd_name"`
	Position string `bson:"position"`
	// The chosen ASN: who they were when chosen (the SK's "old" columns),
	// and their place in Baperjakat's recommendation (1-3).
	NIP         string  `bson:"nip"`
	Name        string  `bson:"name"`
	Golongan    string  `bson:"golongan,omitempty"`
	Kind        ASNKind `bson:"asn_kind,omitempty"`
	OldOPDCode  string  `bson:"old_opd_code"`
	OldOPDName  string  `bson:"old_opd_name"`
	OldPosition string  `bson:"old_position"`
	Rank        int     `bson:"rank"`
	// MinisterRef is the Minister of Home Affairs' written approval of a
	// replacement within six months of the inauguration (UU 10/2016 Pasal
	// 162 ayat 3) or from six months before the penetapan pasangan calon
	// (Pasal 71 ayat 2); SelectionRef the open selection's result for a JPT post
	// (PP 11/2017 Pasal 127: the PPK chooses one of the panitia seleksi's
	// three).
	MinisterRef  string `bson:"minister_ref,omitempty"`
	SelectionRef string `bson:"selection_ref,omitempty"`
	// Who recorded it: the mayor himself, or a pencatat keputusan on his
	// behalf (ByName then names the pencatat).
	ByID     int64     `bson:"by_id"`
	ByName   string    `bson:"by_name"`
	OnBehalf bool      `bson:"on_behalf,omitempty"`
	At       time.Time `bson:"at"`
	// Applied is set once the forms follow the decision (the chosen
	// approved, the other applicants declined); until then a repeat of the
	// same choice carries the work on, every step of it idempotent.
	Applied  bool     `bson:"applied"`
	Declined []string `bson:"declined,omitempty"`
	// NoForm marks a chosen ASN without a form for the post (from the
	// succession pool): the SK carries them, no contract is drawn up.
	NoForm bool `bson:"no_form,omitempty"`
}

// DecisionID names the decision of a session's post.
func DecisionID(sidang, opd, position string) string {
	return sidang + "/" + opd + "/" + NormalizePost(position)
}

// Post is the post decided.
func (d Decision) Post() Post {
	return Post{OPDCode: d.OPDCode, OPDName: d.OPDName, Position: d.Position}
}

// RecordedAs says who decided: "Wali Kota", or "dicatat atas nama Wali
// Kota oleh <pencatat>".
func (d Decision) RecordedAs() string {
	if d.OnBehalf {
		return "dicatat atas nama Wali Kota oleh " + d.ByName
	}
	return "Wali Kota (" + d.ByName + ")"
}

// DeclinedReason is the note the other applicants of a decided post read.
const DeclinedReason = "jabatan diisi oleh kandidat lain"

// Decree is the SK of a session's decisions once BKPSDM marks it signed:
// one document per session, inserted once.
type Decree struct {
	Sidang   string    `bson:"_id"`
	Number   string    `bson:"number"`
	Date     time.Time `bson:"date"`
	ByID     int64     `bson:"by_id"`
	ByName   string    `bson:"by_name"`
	SignedAt time.Time `bson:"signed_at"`
}

// DecreeStore keeps the decisions and the signed decrees.
type DecreeStore interface {
	// ClaimDecision inserts a decision; ErrConflict when the post has one.
	ClaimDecision(ctx context.Context, d Decision) error
	// Decision loads one by DecisionID; ErrNotFound when none.
	Decision(ctx context.Context, id string) (*Decision, error)
	// SaveDecision replaces a claimed decision (only its claimer's update
	// writes it: marking it applied).
	SaveDecision(ctx context.Context, d Decision) error
	// DecisionsOf lists a session's decisions by OPD and post.
	DecisionsOf(ctx context.Context, sidang string) ([]Decision, error)
	// PendingDecisions lists, by DecisionID, the decisions not yet carried
	// out on the forms (Applied false): claimed by a press whose work a
	// crash or a failure stopped.
	PendingDecisions(ctx context.Context) ([]Decision, error)
	// SignDecree inserts the signed SK; ErrConflict when already signed.
	SignDecree(ctx context.Context, d Decree) error
	// Decree loads a session's signed SK; ErrNotFound when not signed.
	Decree(ctx context.Context, sidang string) (*Decree, error)
}

// MinisterApprovalMonths is how long after the inauguration a regional
// head needs the Minister's written approval to replace officials: "Gubernur,
// Bupati, atau Walikota yang akan melakukan penggantian pejabat di
// lingkungan Pemerintah Daerah Provinsi atau Kabupaten/Kota, dalam jangka
// waktu 6 (enam) bulan terhitung sejak tanggal pelantikan harus mendapatkan
// persetujuan tertulis dari Menteri" (UU 10/2016 Pasal 162 ayat 3).
const MinisterApprovalMonths = 6

// NeedsMinisterApproval reports whether a decision at needs the Minister's
// written approval: within six months of the mayor's inauguration (zero:
// not set, no guard), counted on the calendar of loc.
func NeedsMinisterApproval(inaugurated, at time.Time, loc *time.Location) bool {
	return !inaugurated.IsZero() && !at.Before(inaugurated) && at.Before(AddMonths(inaugurated, MinisterApprovalMonths, loc))
}

// PilkadaBanMonths is how long before the date the KPU determines the
// candidate pairs (penetapan pasangan calon) a regional head may no longer
// replace officials without the Minister's written approval: "Gubernur atau
// Wakil Gubernur, Bupati atau Wakil Bupati, dan Walikota atau Wakil
// Walikota dilarang melakukan penggantian pejabat 6 (enam) bulan sebelum
// tanggal penetapan pasangan calon sampai dengan akhir masa jabatan kecuali
// mendapat persetujuan tertulis dari Menteri" (UU 10/2016 Pasal 71 ayat 2).
const PilkadaBanMonths = 6

// PilkadaBanFrom is the first day of Pasal 71 ayat 2's window: six months
// before the penetapan pasangan calon, on the calendar of loc.
func PilkadaBanFrom(penetapan time.Time, loc *time.Location) time.Time {
	return AddMonths(penetapan, -PilkadaBanMonths, loc)
}

// InPilkadaBan reports whether a decision at falls in Pasal 71 ayat 2's
// window (zero penetapan: not set, no guard). The window runs "sampai dengan
// akhir masa jabatan", which the bot does not know: the setting is cleared
// when the term ends (the next mayor's inauguration is then Pasal 162 ayat
// 3's, NeedsMinisterApproval).
func InPilkadaBan(penetapan, at time.Time, loc *time.Location) bool {
	return !penetapan.IsZero() && !at.Before(PilkadaBanFrom(penetapan, loc))
}

// IsJPT reports whether a post's type is a jabatan pimpinan tinggi, filled
// through open and competitive selection (seleksi terbuka: PermenPANRB
// 15/2019 on filling JPT openly and competitively; PP 11/2017 Pasal 127 as
// amended by PP 17/2020: the panitia seleksi puts three names to the PPK,
// who chooses one), not by Baperjakat's ranking alone.
func IsJPT(t JabatanType) bool {
	return t == JPTUtama || t == JPTMadya || t == JPTPratama
}

// pangkat names each PNS golongan ruang (PP 99/2000 on the promotion of
// PNS, Lampiran: I/a Juru Muda ... IV/e Pembina Utama).
var pangkat = map[string]string{
	"I/a": "Juru Muda", "I/b": "Juru Muda Tingkat I", "I/c": "Juru", "I/d": "Juru Tingkat I",
	"II/a": "Pengatur Muda", "II/b": "Pengatur Muda Tingkat I", "II/c": "Pengatur", "II/d": "Pengatur Tingkat I",
	"III/a": "Penata Muda", "III/b": "Penata Muda Tingkat I", "III/c": "Penata", "III/d": "Penata Tingkat I",
	"IV/a": "Pembina", "IV/b": "Pembina Tingkat I", "IV/c": "Pembina Utama Muda", "IV/d": "Pembina Utama Madya", "IV/e": "Pembina Utama",
}

// PangkatGolongan writes a golongan as an SK does: "Penata Tingkat I, III/d"
// for a PNS; a PPPK's golongan (I-XVII) has no pangkat and stays as it is;
// "-" when the roster has none.
func PangkatGolongan(golongan string) string {
	g := strings.TrimSpace(golongan)
	if g == "" {
		return "-"
	}
	if p, ok := pangkat[g]; ok {
		return p + ", " + g
	}
	return g
}

// EffectiveDate is the TMT of the decree's rows: the SK's date once signed,
// else (the draft) the first day of the month after the decision, when a
// mutation customarily takes effect.
func EffectiveDate(d Decision, signed *Decree, loc *time.Location) time.Time {
	if signed != nil {
		return signed.Date
	}
	at := d.At.In(loc)
	return time.Date(at.Year(), at.Month()+1, 1, 0, 0, 0, 0, loc)
}

// DecreeRow is one line of the SK's lampiran.
type DecreeRow struct {
	NIP, Name, Pangkat     string
	OldPosition, OldOPD    string
	NewPosition, NewOPD    string
	Effective              time.Time
	MinisterRef, Selection string
}

// DecreeDraft is the lampiran of a session's SK: a draft until Signed
// names the SK's number and date.
type DecreeDraft struct {
	Sidang string
	Date   time.Time // the session's
	Signed *Decree
	Signer Signer
	Rows   []DecreeRow
}

// DraftOf lays a session's decisions out as the SK's lampiran, by OPD and
// post as DecisionsOf lists them.
func DraftOf(sidang string, date time.Time, decisions []Decision, signed *Decree, signer Signer, loc *time.Location) DecreeDraft {
	d := DecreeDraft{Sidang: sidang, Date: date, Signed: signed, Signer: signer}
	for _, x := range decisions {
		if !x.Applied {
			continue // not yet carried out on the forms
		}
		d.Rows = append(d.Rows, DecreeRow{NIP: x.NIP, Name: x.Name, Pangkat: PangkatGolongan(x.Golongan),
			OldPosition: x.OldPosition, OldOPD: x.OldOPDName, NewPosition: x.Position, NewOPD: x.OPDName,
			Effective: EffectiveDate(x, signed, loc), MinisterRef: x.MinisterRef, Selection: x.SelectionRef})
	}
	return d
}
