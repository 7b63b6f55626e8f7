package karir

import (
	"context"
	"crypto/rand"
	"fmt"
	"strings"
	"time"
)

// Contract is the performance contract ("Kontrak Kinerja Open Karir") an
// ASN signs when the form is approved: the target word for word, the term,
// the monthly report and the pledge to step down when the target is
// missed. It is a snapshot taken at approval, so the document reads the
// same however the roster or the settings change later. It is kept in its
// submission (Submission.Contract), so approval and contract are one save.
type Contract struct {
	// Code is the verification code printed on the document (/cek).
	Code string `bson:"code"`
	Ref  string `bson:"ref"`
	// The ASN, as the roster had them at approval.
	NIP      string `bson:"nip"`
	Name     string `bson:"name"`
	Golongan string `bson:"golongan,omitempty"`
	OPDName  string `bson:"opd_name"`
	Position string `bson:"position"`
	// Level is the current post's jenis jabatan as shown (JabatanLabel).
	Level string `bson:"level,omitempty"`
	// The post the contract is for: the new one for a move, the current
	// one for a stay.
	Choice      Choice `bson:"choice"`
	PostOPDName string `bson:"post_opd_name"`
	Post        string `bson:"post"`

	Target     string    `bson:"target"`
	TermMonths int       `bson:"term_months"`
	Start      time.Time `bson:"start"`
	End        time.Time `bson:"end"`

	Signer   Signer    `bson:"signer"`
	IssuedAt time.Time `bson:"issued_at"`
}

// Signer is the agency and the official who signs for it (the settings
// AGENCY_NAME, CONTRACT_SIGNER_NAME, CONTRACT_SIGNER_TITLE), and where
// they sign (PEMDA_TEMPAT).
type Signer struct {
	Agency string `bson:"agency"`
	Name   string `bson:"name"`
	Title  string `bson:"title"`
	Place  string `bson:"place,omitempty"`
}

// Where is the place written before a signature's date ("Bengkulu, 1
// Desember 2026"), as Permendagri 1/2023 on official papers (naskah dinas)
// has it: the Place set, else the one read from the agency's name (a
// contract drawn up before PEMDA_TEMPAT existed).
func (s Signer) Where() string {
	if s.Place != "" {
		return s.Place
	}
	return PlaceOf(s.Agency)
}

// PlaceOf reads the place from a Pemda's name: "Pemerintah Kota Bengkulu"
// is Bengkulu, "Pemkab Tegal" Tegal ("" for a name it cannot read). A
// regency whose seat has another name (Kabupaten Tegal signs in Slawi) sets
// PEMDA_TEMPAT. The prefixes are how agencies write their own names, a
// reading aid and no rule: no regulation is behind the list.
func PlaceOf(agency string) string {
	name := strings.Join(strings.Fields(agency), " ")
	for _, prefix := range []string{"Pemerintah Provinsi ", "Pemerintah Kabupaten ", "Pemerintah Kota ", "Pemerintah Daerah ",
		"Pemprov ", "Pemkab ", "Pemkot ", "Pemda ", "Kabupaten ", "Kota ", "Provinsi "} {
		if len(name) > len(prefix) && strings.EqualFold(name[:len(prefix)], prefix) {
			return name[len(prefix):]
		}
	}
	return ""
}

// NewContract takes the contract's terms from an approved submission. The
// code is random: 10 symbols of 32 (50 bits), so codes cannot be guessed.
func NewContract(sub *Submission, golongan string, signer Signer, now time.Time) (Contract, error) {
	if !sub.TargetRunning() && sub.Stage != StepMet && sub.Stage != StepMissed {
		return Contract{}, fmt.Errorf("contract for %s: the form is not approved (stage %s)", sub.Ref, sub.Stage)
	}
	start, _ := sub.Reached(StepTargetActive)
	code, err := newContractCode()
	if err != nil {
		return Contract{}, err
	}
	c := Contract{
		Code: code, Ref: sub.Ref,
		NIP: sub.NIP, Name: sub.Name, Golongan: golongan, OPDName: sub.OPDName, Position: sub.Position,
		Level:  JabatanLabel(sub.Type(), sub.Eselon),
		Choice: sub.Answers.Choice, PostOPDName: sub.OPDName, Post: sub.Position,
		Target: sub.Answers.Target, TermMonths: sub.Answers.TermMonths, Start: start, End: sub.TargetDeadline,
		Signer: signer, IssuedAt: now,
	}
	if sub.Answers.Choice == ChoiceMove {
		c.PostOPDName, c.Post = sub.Answers.TargetOPDName, sub.Answers.TargetPosition
	}
	return c, nil
}

// codeAlphabet has no 0/O or 1/I, so a code read out on the phone is not
// misheard.
const codeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"

func newContractCode() (string, error) {
	buf := make([]byte, 10)
	if _, err := rand.Read(buf); err != nil {
		return "", fmt.Errorf("make contract code: %w", err)
	}
	for i := range buf {
		buf[i] = codeAlphabet[int(buf[i])%len(codeAlphabet)]
	}
	return "KK-" + string(buf[:5]) + "-" + string(buf[5:]), nil
}

// NormalizeContractCode reads a code as people type it: any case, with or
// without the dashes and the "KK" in front.
func NormalizeContractCode(s string) string {
	s = strings.ToUpper(strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '.':
			return -1
		}
		return r
	}, s))
	s = strings.TrimPrefix(s, "KK")
	if len(s) != 10 {
		return ""
	}
	return "KK-" + s[:5] + "-" + s[5:]
}

// ContractStatus says where a contract stands, from its submission's stage.
type ContractStatus string

const (
	ContractActive ContractStatus = "aktif"
	ContractMet    ContractStatus = "tercapai"
	ContractMissed ContractStatus = "tidak tercapai"
)

// StatusOf is the contract status of a submission's stage.
func StatusOf(stage Step) ContractStatus {
	switch stage {
	case StepMet:
		return ContractMet
	case StepMissed:
		return ContractMissed
	}
	return ContractActive
}

// ContractCode maps a verification code to the submission whose contract
// carries it. A code is reserved (inserted, unique) before the submission
// is saved with the contract, so a code whose submission lost the race
// points to a submission with another code, and is not valid.
type ContractCode struct {
	Code  string `bson:"_id"`
	Round string `bson:"round"`
	NIP   string `bson:"nip"`
}

// ContractCodes keeps the verification codes.
type ContractCodes interface {
	// ReserveContractCode stores a new code; a code taken before gives
	// ErrConflict.
	ReserveContractCode(ctx context.Context, c ContractCode) error
	// ContractCode returns ErrNotFound for a code never reserved.
	ContractCode(ctx context.Context, code string) (*ContractCode, error)
}
