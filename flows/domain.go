// Package flows holds the Open Karir domain (employees, OPDs, submissions) and
// the conversations users have with the bot, as pure logic over small
// interfaces that the store and the Telegram transport satisfy.
//
// Terms kept in Indonesian, as users see them:
//   - ASN: Aparatur Sipil Negara, a civil servant; every ASN files one form.
//   - NIP: Nomor Induk Pegawai, the 18-digit civil-servant number.
//   - OPD: Organisasi Perangkat Daerah, an agency of the city government.
//   - Eselon: the structural rank of a position (II, III, IV, or staff).
//   - BKPSDM: the HR agency that runs the programme.
//   - Baperjakat: the board that weighs the forms before the mayor decides.
package flows

import (
	"errors"
	"time"
)

// Employee is one ASN in the roster.
type Employee struct {
	NIP      string `bson:"_id"`
	Name     string `bson:"name"`
	OPDCode  string `bson:"opd_code"`
	OPDName  string `bson:"opd_name"`
	Position string `bson:"position"`
	Eselon   string `bson:"eselon"`
	// Phone is normalised to the international form without "+" (628...).
	Phone string `bson:"phone"`
	// ActivationHash is HashActivationCode of the code BKPSDM issued, or empty.
	ActivationHash string    `bson:"activation_hash,omitempty"`
	UpdatedAt      time.Time `bson:"updated_at"`
}

// OPD is one agency with the positions its staff hold (the pick list for a move).
type OPD struct {
	Code      string   `bson:"_id"`
	Name      string   `bson:"name"`
	Positions []string `bson:"positions"`
}

// Binding ties a NIP to the one Telegram account that proved it owns it.
type Binding struct {
	NIP        string    `bson:"_id"`
	TelegramID int64     `bson:"telegram_id"`
	Method     string    `bson:"method"` // "contact" or "code"
	BoundAt    time.Time `bson:"bound_at"`
}

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

	Answers    Answers `bson:"answers"`
	TelegramID int64   `bson:"telegram_id"`
	// Stage is the latest milestone; Milestones is the whole history.
	Stage      Step        `bson:"stage"`
	Milestones []Milestone `bson:"milestones"`
	Revisions  []Revision  `bson:"revisions,omitempty"`
	// TargetDeadline is the decision date plus the term, once approved.
	TargetDeadline time.Time `bson:"target_deadline,omitempty"`
	SubmittedAt    time.Time `bson:"submitted_at"` // first filing
	UpdatedAt      time.Time `bson:"updated_at"`   // latest filing
	Version        int64     `bson:"version"`
}

// SubmissionID is the key of the submission of one NIP in one round.
func SubmissionID(round, nip string) string { return round + ":" + nip }

// Round is the programme's current period: its id and the last day to file.
type Round struct {
	ID string
	// Closes is the first instant after the form deadline (the deadline day's
	// midnight in the bot's time zone); filing is allowed before it.
	Closes time.Time
}

// Domain errors that users must see differently from a failure.
var (
	ErrNotFound     = errors.New("not found")
	ErrAlreadyBound = errors.New("NIP already bound to another Telegram account")
	// ErrConflict means a versioned write lost a race: reload and try again.
	ErrConflict = errors.New("version conflict")
)

// LastDay is an instant on the last day to file.
func (r Round) LastDay() time.Time { return r.Closes.Add(-time.Nanosecond) }

// IsOpen reports whether forms may still be filed at now.
func (r Round) IsOpen(now time.Time) bool { return now.Before(r.Closes) }
