package karir

import (
	"cmp"
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"slices"
)

// Activation codes made by the bot: BKPSDM's personnel system exports
// none, so `openkarir codes` and /kode issue one to every ASN who needs
// it. Only the hash is stored (HashActivationCode): a code is seen once,
// in the file handed out when it is issued.

// ActivationCodeLength is the length of a code the bot makes, in the
// contract codes' alphabet: 32^6, about a billion codes, against the few guesses code_attempts allows a NIP.
const ActivationCodeLength = 6

// RandomCode is n symbols of codeAlphabet (32 of them, so a byte modulo
// 32 is uniform) read from r, crypto/rand when nil.
func RandomCode(r io.Reader, n int) (string, error) {
	if r == nil {
		r = rand.Reader
	}
	buf := make([]byte, n)
	if _, err := io.ReadFull(r, buf); err != nil {
		return "", fmt.Errorf("random code: %w", err)
	}
	for i := range buf {
		buf[i] = codeAlphabet[int(buf[i])%len(codeAlphabet)]
	}
	return string(buf), nil
}

// IssuedCode is a code issued to one employee, in clear: it exists only
// until it is written into the file handed out.
type IssuedCode struct {
	Employee
	Code string
}

// CodeHash is the stored form of an issued code.
type CodeHash struct {
	NIP, Hash string
}

// CodeStore is what issuing codes reads and writes; the store implements it.
type CodeStore interface {
	// EmployeesIn returns one OPD's employees, all when opd is empty.
	EmployeesIn(ctx context.Context, opd string) ([]Employee, error)
	ListBindings(ctx context.Context) ([]Binding, error)
	// SetActivationHashes writes each NIP's code hash, in order, and
	// returns how many it wrote, also when it fails.
	SetActivationHashes(ctx context.Context, hashes []CodeHash) (int, error)
}

// NeedsCode reports whether an employee gets a code from IssueCodes: one
// in service who has none and whose NIP is not bound to a Telegram account
// yet.
func NeedsCode(e Employee, bound bool) bool { return e.ActivationHash == "" && !bound && e.Active() }

// IssueCodes issues a code to every employee of the OPD (all OPDs when opd
// is empty) who needs one (NeedsCode), stores the hashes and returns the
// codes in clear, by OPD and name. skipped counts those who did not need
// one. When the write fails midway, the codes written are returned with
// the error: they are valid and must still be handed out.
func IssueCodes(ctx context.Context, s CodeStore, opd string, r io.Reader) (issued []IssuedCode, skipped int, err error) {
	emps, err := s.EmployeesIn(ctx, opd)
	if err != nil {
		return nil, 0, fmt.Errorf("list employees: %w", err)
	}
	binds, err := s.ListBindings(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("list bindings: %w", err)
	}
	bound := make(map[string]bool, len(binds))
	for _, b := range binds {
		bound[b.NIP] = true
	}
	slices.SortFunc(emps, func(a, b Employee) int {
		return cmp.Or(cmp.Compare(a.OPDCode, b.OPDCode), cmp.Compare(a.Name, b.Name), cmp.Compare(a.NIP, b.NIP))
	})
	var hashes []CodeHash
	for _, e := range emps {
		if !NeedsCode(e, bound[e.NIP]) {
			skipped++
			continue
		}
		code, err := RandomCode(r, ActivationCodeLength)
		if err != nil {
			return nil, 0, err
		}
		issued = append(issued, IssuedCode{Employee: e, Code: code})
		hashes = append(hashes, CodeHash{NIP: e.NIP, Hash: HashActivationCode(e.NIP, code)})
	}
	n, err := s.SetActivationHashes(ctx, hashes)
	if err != nil {
		return issued[:n], skipped, fmt.Errorf("store code hashes (%d of %d written): %w", n, len(hashes), err)
	}
	return issued, skipped, nil
}

// ReissueCode makes a new code for one employee, replacing the one issued
// before (lost, or never handed out). It is an admin's explicit act, to be
// audited by the caller.
func ReissueCode(ctx context.Context, s CodeStore, e Employee, r io.Reader) (string, error) {
	code, err := RandomCode(r, ActivationCodeLength)
	if err != nil {
		return "", err
	}
	if _, err := s.SetActivationHashes(ctx, []CodeHash{{NIP: e.NIP, Hash: HashActivationCode(e.NIP, code)}}); err != nil {
		return "", fmt.Errorf("store code hash: %w", err)
	}
	return code, nil
}

// CodeSheetHeader is the header of the file of issued codes (the
// programme's own sheet; activation codes are an Open Karir programme
// rule, not a regulation).
var CodeSheetHeader = []string{"NIP", "Nama", "Jabatan", "Kode aktivasi"}

// CodeSheets groups issued codes by OPD (in the order given) as the rows
// of one file each.
func CodeSheets(issued []IssuedCode) (opds []string, rows map[string][][]string) {
	rows = map[string][][]string{}
	for _, c := range issued {
		if _, ok := rows[c.OPDCode]; !ok {
			opds = append(opds, c.OPDCode)
		}
		rows[c.OPDCode] = append(rows[c.OPDCode], []string{c.NIP, c.Name, c.Position, c.Code})
	}
	return opds, rows
}
