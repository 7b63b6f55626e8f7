package karir

import (
	"context"
	"time"
)

// Choice is the ASN's decision: stay in the current post or move.
type Choice string

const (
	ChoiceStay Choice = "tetap"
	ChoiceMove Choice = "pindah"
)

// Answers are the form's fields, as drafted in a conversation or as filed.
type Answers struct {
	Choice         Choice `bson:"choice,omitempty"`
	TargetOPDCode  string `bson:"target_opd_code,omitempty"`
	TargetOPDName  string `bson:"target_opd_name,omitempty"`
	TargetPosition string `bson:"target_position,omitempty"`
	Reason         string `bson:"reason,omitempty"`
	Target         string `bson:"target,omitempty"`
	TermMonths     int    `bson:"term_months,omitempty"`
}

// Terms a performance target may run for, in months: a programme rule
// set by the Open Karir programme ("missing it means stepping down"), not
// a regulation; the SKP periods of the performance appraisal rules are
// not these.
var Terms = []int{3, 6, 12}

// DefaultTerm is the term the form suggests.
const DefaultTerm = 6

// Submission is one ASN's filed form for one round. Its ID is SubmissionID.
type Submission struct {
	ID    string `bson:"_id"`
	Round string `bson:"round"`
	NIP   string `bson:"nip"`
	// Ref is the short reference number shown to the ASN, kept across edits.
	Ref string `bson:"ref"`
	// The ASN's post when filing (a snapshot of the roster).
	Name     string `bson:"name"`
	OPDCode  string `bson:"opd_code"`
	OPDName  string `bson:"opd_name"`
	Position string `bson:"position"`
	Eselon   string `bson:"eselon"`
	// JabatanType is the post's type when filing (empty in forms filed
	// before types existed: Employee.Type reads it again).
	JabatanType JabatanType `bson:"jabatan_type,omitempty"`

	Answers    Answers `bson:"answers"`
	TelegramID int64   `bson:"telegram_id"`
	// ImportedFrom is the file a form filed outside the bot came from
	// (FormsImport); TelegramID stays 0 until the ASN changes it in chat.
	ImportedFrom string `bson:"imported_from,omitempty"`
	// Stage is the latest milestone; Milestones is the whole history.
	Stage      Step        `bson:"stage"`
	Milestones []Milestone `bson:"milestones"`
	Revisions  []Revision  `bson:"revisions,omitempty"`
	// Undone are the steps admins took back (see UndoWindow).
	Undone []Undone `bson:"undone,omitempty"`
	// Recommendation is the OPD's word on the request, when given.
	Recommendation *Recommendation `bson:"recommendation,omitempty"`
	// Contract is the performance contract signed on approval.
	Contract *Contract `bson:"contract,omitempty"`
	// TargetDeadline is the decision date plus the term, once approved.
	TargetDeadline time.Time `bson:"target_deadline,omitempty"`
	SubmittedAt    time.Time `bson:"submitted_at"` // first filing
	UpdatedAt      time.Time `bson:"updated_at"`   // latest filing
	Version        int64     `bson:"version"`
	// LoadedAt is when the store handed this Version out; it is not stored
	// (see Conversation.LoadedAt).
	LoadedAt time.Time `bson:"-" json:"-"`
}

// SubmissionID is the key of the submission of one NIP in one round.
func SubmissionID(round, nip string) string { return round + ":" + nip }

// Revision is an edit of a filed form: the answers before and after.
type Revision struct {
	At  time.Time `bson:"at"`
	Old Answers   `bson:"old"`
	New Answers   `bson:"new"`
}

// Submissions keeps the filed forms.
type Submissions interface {
	// Submission returns ErrNotFound when the NIP has not filed in the round.
	Submission(ctx context.Context, round, nip string) (*Submission, error)
	// SaveSubmission stores s if the stored version is still s.Version (0 for
	// a new submission) and then increments s.Version; otherwise ErrConflict.
	SaveSubmission(ctx context.Context, s *Submission) error
}
