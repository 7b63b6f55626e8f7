package karir

import (
	"context"
	"time"
)

// Employee is one ASN in the roster.
type Employee struct {
	NIP      string `bson:"_id"`
	Name     string `bson:"name"`
	OPDCode  string `bson:"opd_code"`
	OPDName  string `bson:"opd_name"`
	Position string `bson:"position"`
	// Eselon is the old structural rank as the personnel system writes it
	// ("II.a", "III.b", "IV"), "" for a post without one.
	Eselon string `bson:"eselon"`
	// JabatanType is the post's type under UU 20/2023 (see Type, which
	// reads it again for employees stored before it existed).
	JabatanType JabatanType `bson:"jabatan_type,omitempty"`
	// Phone is normalised to the international form without "+" (628...).
	Phone string `bson:"phone"`
	// ActivationHash is HashActivationCode of the code BKPSDM issued, or empty.
	ActivationHash string `bson:"activation_hash,omitempty"`
	// Golongan is the pangkat/golongan ruang ("III/c"), when the roster
	// gives it; SupervisorNIP is the direct supervisor's NIP, likewise.
	Golongan      string `bson:"golongan,omitempty"`
	SupervisorNIP string `bson:"supervisor_nip,omitempty"`
	// What a personnel export (SIASN, SIMPEG) adds, when it gives it: the
	// date the ASN took the post (TMT jabatan), the birth date, the
	// education level ("S1", "D3") and whether the ASN is a PNS or a PPPK.
	TMTJabatan time.Time `bson:"tmt_jabatan,omitempty"`
	BirthDate  time.Time `bson:"birth_date,omitempty"`
	Education  string    `bson:"education,omitempty"`
	Kind       ASNKind   `bson:"asn_kind,omitempty"`
	// Inactive says why the ASN is no longer in service (the export's
	// kedudukan hukum, "Pensiun", or that a later export of their OPD no
	// longer lists them); empty for one in service. Who is inactive stays
	// in the roster with their history, but no longer has to file.
	Inactive  string    `bson:"inactive,omitempty"`
	UpdatedAt time.Time `bson:"updated_at"`
}

// Active reports whether the employee is in service: one who must file,
// is counted in coverage and reminded.
func (e Employee) Active() bool { return e.Inactive == "" }

// OPD is one agency with the positions its staff hold (the pick list for a move).
type OPD struct {
	Code      string   `bson:"_id"`
	Name      string   `bson:"name"`
	Positions []string `bson:"positions"`
	// Units are the personnel system's unit names (UNOR) a mapping file
	// assigned to this OPD, so an export's rows find it by their unit.
	Units []string `bson:"units,omitempty"`
}

// Binding ties a NIP to the one Telegram account that proved it owns it.
type Binding struct {
	NIP        string    `bson:"_id"`
	TelegramID int64     `bson:"telegram_id"`
	Method     string    `bson:"method"` // "contact" or "code"
	BoundAt    time.Time `bson:"bound_at"`
}

// Roster is the employee list and the bindings of NIPs to Telegram accounts.
type Roster interface {
	// Employee returns ErrNotFound when the NIP is not in the roster.
	Employee(ctx context.Context, nip string) (*Employee, error)
	// OPDs returns all agencies sorted by name.
	OPDs(ctx context.Context) ([]OPD, error)
	// OPD returns ErrNotFound for an unknown code.
	OPD(ctx context.Context, code string) (*OPD, error)
	// Binding returns ErrNotFound when the NIP is not bound.
	Binding(ctx context.Context, nip string) (*Binding, error)
	// Bind binds the NIP to the account. Binding again to the same account is
	// no error; a NIP bound to another account gives ErrAlreadyBound. Two
	// accounts racing for one NIP: exactly one wins.
	Bind(ctx context.Context, b Binding) error
}

// Directory lists the whole programme, for reminders, broadcasts and the
// admins' reports.
type Directory interface {
	ListEmployees(ctx context.Context) ([]Employee, error)
	ListBindings(ctx context.Context) ([]Binding, error)
	ListSubmissions(ctx context.Context, round string) ([]Submission, error)
}
