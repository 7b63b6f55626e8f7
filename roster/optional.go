package roster

import (
	"fmt"
	"time"

	"openkarir/karir"
)

// The roster's optional columns: files without them import as before.
const (
	colGolongan   = "golongan"   // pangkat/golongan ruang, e.g. III/c ("Penata (III/c)")
	colSupervisor = "nip_atasan" // the direct supervisor's NIP
	colTMT        = "tmt_jabatan"
	colBirth      = "tanggal_lahir"
	colEducation  = "pendidikan"
)

// optionalColumns reads the optional columns of a row into e; a non-empty
// reason refuses the row, a date that cannot be read is left empty with
// a warning. An empty cell leaves the stored value as it is (see
// store.UpsertEmployees).
func optionalColumns(e *karir.Employee, field func(string) string, now time.Time, warnings *[]string) string {
	if g := field(colGolongan); g != "" {
		norm, ok := readGolongan(g, e.Kind)
		if !ok {
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
	if s := field(colTMT); s != "" {
		if t, ok := parseDate(s); ok && !t.After(now) {
			e.TMTJabatan = t
		} else {
			*warnings = append(*warnings, fmt.Sprintf("TMT jabatan tidak terbaca (%s): dikosongkan", s))
		}
	}
	e.BirthDate = birthFromNIP(e.NIP)
	if s := field(colBirth); s != "" {
		if t, ok := parseDate(s); ok {
			e.BirthDate = t
			if !t.Equal(birthFromNIP(e.NIP)) {
				*warnings = append(*warnings, fmt.Sprintf("tanggal lahir (%s) berbeda dengan yang tertulis di NIP", s))
			}
		} else {
			*warnings = append(*warnings, fmt.Sprintf("tanggal lahir tidak terbaca (%s): dibaca dari NIP", s))
		}
	}
	if s := field(colEducation); s != "" {
		e.Education = education(s)
	}
	return ""
}
