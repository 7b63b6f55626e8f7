package roster

import (
	"fmt"
	"time"

	"openkarir/karir"
)

// The roster's optional columns: files without them import as before.
const (
	colGolongan   = "golongan"   // pangkat/golongan ruang, e.g. III/c
	colSupervisor = "nip_atasan" // the direct supervisor's NIP
)

// optionalColumns reads the optional columns of a row into e; a non-empty
// reason refuses the row. An empty cell leaves the stored value as it is
// (see store.UpsertEmployees).
func optionalColumns(e *karir.Employee, field func(string) string, now time.Time) string {
	if g := field(colGolongan); g != "" {
		norm, err := karir.ParseGolongan(g)
		if err != nil {
			return fmt.Sprintf("golongan tidak valid (%s): tulis seperti III/c", g)
		}
		e.Golongan = norm
	}
	if s := field(colSupervisor); s != "" {
		nip := karir.NormalizeNIP(s)
		if err := karir.ValidateNIP(nip, now); err != nil {
			return fmt.Sprintf("NIP atasan tidak valid (%s): %s", s, nipReason(err))
		}
		if nip == e.NIP {
			return "NIP atasan sama dengan NIP pegawai"
		}
		e.SupervisorNIP = nip
	}
	return ""
}
