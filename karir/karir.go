// Package karir is the Open Karir domain: the roster (employees, OPDs), the
// bindings of Telegram accounts, the filed forms and their milestones, the
// rounds, and the rules over them (NIP and phone checks, the milestone table,
// coverage tallies). It also declares what the stores keep and the
// interfaces they implement. It imports nothing of this module: the chat
// layer (flows), the store, the reports and the roster reader import it.
//
// Terms kept in Indonesian, as users see them:
//   - ASN: Aparatur Sipil Negara, a civil servant; every ASN files one form.
//   - NIP: Nomor Induk Pegawai, the 18-digit civil-servant number.
//   - OPD: Organisasi Perangkat Daerah, an agency of the city government.
//   - Eselon: the structural rank of a position (II, III, IV, or staff).
//   - BKPSDM: the HR agency that runs the programme.
//   - Baperjakat: the board that weighs the forms before the mayor decides.
package karir

import "errors"

// Domain errors that users must see differently from a failure.
var (
	ErrNotFound     = errors.New("not found")
	ErrAlreadyBound = errors.New("NIP already bound to another Telegram account")
	// ErrConflict means a versioned write lost a race: reload and try again.
	ErrConflict = errors.New("version conflict")
)
