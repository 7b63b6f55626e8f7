package flows

import (
	"errors"
	"fmt"

	"openkarir/karir"
)

// knownOPD reports whether code names an OPD of the roster.
func knownOPD(t *Turn, roster karir.Roster, code string) (bool, error) {
	_, err := roster.OPD(t.Ctx, code)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, karir.ErrNotFound):
		return false, nil
	default:
		return false, fmt.Errorf("look up OPD %q: %w", code, err)
	}
}

// requireOPD answers an unknown OPD code; an empty code (all OPDs) passes.
func requireOPD(t *Turn, roster karir.Roster, code string) (bool, error) {
	if code == "" {
		return true, nil
	}
	ok, err := knownOPD(t, roster, code)
	if err == nil && !ok {
		t.Sayf(txtUnknownOPD, esc(code))
	}
	return ok, err
}

// confineToOPD keeps an OPD admin to their own OPD: naming no OPD means
// theirs, naming another is refused. BKPSDM admins pass unchanged.
func confineToOPD(t *Turn, opd string) (string, bool) {
	if t.Role.OPD == "" {
		return opd, true
	}
	if opd != "" && opd != t.Role.OPD {
		t.Sayf(txtOtherOPD, esc(t.Role.OPD))
		return "", false
	}
	return t.Role.OPD, true
}
