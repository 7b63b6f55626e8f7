package karir

import (
	"slices"
	"strings"
)

// Role is a duty a super admin grants in chat. Duties are kept apart
// (separation of duties): BKPSDM verifies a form, Baperjakat weighs it,
// the mayor decides and BKPSDM staff record that decision (PP 11/2017 on
// PNS management, as amended by PP 17/2020: Baperjakat gives its
// consideration to the Pejabat Pembina Kepegawaian, here the mayor, who
// appoints and moves; UU 20/2023 keeps the PPK's authority).
// The supervisor is not a role: it follows from the roster's nip_atasan.
type Role string

const (
	// RoleSuper comes from the settings (ADMIN_TELEGRAM_IDS), never from
	// a grant: everything, including roles, rounds, deadlines, imports.
	RoleSuper Role = "super"
	// RoleVerifier (verifikator BKPSDM) verifies or returns the forms of
	// every OPD and chases those who have not filed.
	RoleVerifier Role = "verifikator"
	// RoleBaperjakat reads the cards and the talent pool and records
	// "ditinjau Baperjakat" with a note.
	RoleBaperjakat Role = "baperjakat"
	// RoleRecorder (pencatat keputusan) records the mayor's decision and
	// the evaluation's verdict.
	RoleRecorder Role = "pencatat"
	// RoleOPDAdmin acts for one OPD only: its coverage, reminders and
	// broadcasts, its ASN's cards, and the OPD's recommendation.
	RoleOPDAdmin Role = "admin_opd"
	// RoleMayor (Wali Kota) is the Pejabat Pembina Kepegawaian: he
	// chooses, per post of a closed Baperjakat session, among the names it
	// recommended (PP 11/2017 Pasal 3: the PPK appoints, moves and
	// dismisses; Baperjakat only considers).
	RoleMayor Role = "walikota"
)

// GrantableRoles are the roles a super admin may grant, in the order they
// are listed.
var GrantableRoles = []Role{RoleVerifier, RoleBaperjakat, RoleRecorder, RoleOPDAdmin, RoleMayor}

// ParseRole reads a role as an admin types it ("verifikator",
// "Baperjakat", "pencatat", "admin_opd", "adminopd", "opd").
func ParseRole(s string) (Role, bool) {
	s = strings.ToLower(strings.NewReplacer("-", "", "_", "", " ", "").Replace(strings.TrimSpace(s)))
	switch s {
	case "verifikator", "verifikatorbkpsdm":
		return RoleVerifier, true
	case "baperjakat":
		return RoleBaperjakat, true
	case "pencatat", "pencatatkeputusan":
		return RoleRecorder, true
	case "adminopd", "opd":
		return RoleOPDAdmin, true
	case "walikota", "ppk":
		return RoleMayor, true
	}
	return "", false
}

// RoleLabel names a role as users read it.
func RoleLabel(r Role) string {
	switch r {
	case RoleSuper:
		return "super admin"
	case RoleVerifier:
		return "verifikator BKPSDM"
	case RoleBaperjakat:
		return "Baperjakat"
	case RoleRecorder:
		return "pencatat keputusan"
	case RoleOPDAdmin:
		return "admin OPD"
	case RoleMayor:
		return "Wali Kota"
	}
	return string(r)
}

// Right is one thing a role lets its holder do.
type Right string

const (
	RightRoles      Right = "roles"      // grant and revoke roles, the audit log, unbind a NIP
	RightRounds     Right = "rounds"     // open a round, move the deadline
	RightImport     Right = "import"     // import the roster and talent data
	RightVerify     Right = "verify"     // the steps Diverifikasi BKPSDM and Dikembalikan
	RightBaperjakat Right = "baperjakat" // the step Ditinjau Baperjakat
	RightDecide     Right = "decide"     // Disetujui, Ditolak and the evaluation's verdicts
	RightRecommend  Right = "recommend"  // the OPD's recommendation on its own ASN's requests
	RightCards      Right = "cards"      // read the cards and the queue
	RightCoverage   Right = "coverage"   // coverage and who has not filed
	RightRemind     Right = "remind"     // reminders now
	RightBroadcast  Right = "broadcast"  // announcements
	RightLists      Right = "lists"      // export, demand, teladan
	RightTalent     Right = "talent"     // the 9-box, candidates, succession
	RightRate       Right = "rate"       // rate check-ins when the supervisor is not in the bot
	// RightAppoint is the mayor's choice on a closed session's posts; a
	// pencatat keputusan holds it to record that choice on his behalf.
	RightAppoint Right = "appoint"
	RightDecree  Right = "decree" // the SK's lampiran, and marking the SK signed
)

// roleRights is the whole table: which right each role holds. The super
// admin holds every right. An OPD admin's rights are confined to their
// OPD (Roles.Scope).
var roleRights = map[Role][]Right{
	RoleVerifier:   {RightVerify, RightCards, RightCoverage, RightRemind, RightBroadcast, RightLists, RightTalent, RightRate, RightSidang, RightSidangRead},
	RoleBaperjakat: {RightBaperjakat, RightCards, RightTalent, RightSidangRead},
	RoleRecorder:   {RightDecide, RightCards, RightAppoint, RightDecree},
	// The OPD admin keeps the talent map and candidates of their own OPD
	// (its ASN, its posts), as before roles.
	RoleOPDAdmin: {RightRecommend, RightCards, RightCoverage, RightRemind, RightBroadcast, RightLists, RightTalent},
	// The mayor decides the session's posts and reads the cards of those
	// he chooses among.
	RoleMayor: {RightAppoint, RightCards},
}

// RoleHolds reports whether role holds right (the super admin holds all).
func RoleHolds(role Role, right Right) bool {
	return role == RoleSuper || slices.Contains(roleRights[role], right)
}

// StepRight is the right a review step needs; undoing a step needs the
// same right as recording it.
func StepRight(s Step) Right {
	switch s {
	case StepVerified, StepReturned:
		return RightVerify
	case StepBaperjakat:
		return RightBaperjakat
	}
	return RightDecide
}

// Roles are what one user holds: super admin from the settings, and the
// roles granted in chat (AdminOPD is the OPD of RoleOPDAdmin).
type Roles struct {
	Super    bool
	Held     []Role
	AdminOPD string
}

// Any reports whether the user holds any role at all.
func (r Roles) Any() bool { return r.Super || len(r.Held) > 0 }

// Has reports whether the user holds role.
func (r Roles) Has(role Role) bool {
	return (role == RoleSuper && r.Super) || slices.Contains(r.Held, role)
}

// Can reports whether some role of the user holds right.
func (r Roles) Can(right Right) bool {
	if r.Super {
		return true
	}
	for _, h := range r.Held {
		if slices.Contains(roleRights[h], right) {
			return true
		}
	}
	return false
}

// Scope is the OPD the user's right is confined to: empty when a role
// holds it for every OPD (or the user does not hold it: check Can).
func (r Roles) Scope(right Right) string {
	if r.Super {
		return ""
	}
	for _, h := range r.Held {
		if h != RoleOPDAdmin && slices.Contains(roleRights[h], right) {
			return ""
		}
	}
	if r.Has(RoleOPDAdmin) && slices.Contains(roleRights[RoleOPDAdmin], right) {
		return r.AdminOPD
	}
	return ""
}

// Labels names the roles held, the super admin first.
func (r Roles) Labels() []string {
	var out []string
	if r.Super {
		out = append(out, RoleLabel(RoleSuper))
	}
	for _, h := range GrantableRoles {
		if slices.Contains(r.Held, h) {
			l := RoleLabel(h)
			if h == RoleOPDAdmin && r.AdminOPD != "" {
				l += " " + r.AdminOPD
			}
			out = append(out, l)
		}
	}
	return out
}

// HoldersOf lists the roles that hold right, for a refusal that names
// them: the granted ones in table order, else the super admin alone.
func HoldersOf(right Right) []Role {
	var out []Role
	for _, role := range GrantableRoles {
		if slices.Contains(roleRights[role], right) {
			out = append(out, role)
		}
	}
	if len(out) == 0 {
		out = []Role{RoleSuper}
	}
	return out
}

// RolesOf are the roles of a grant made in chat.
func RolesOf(g *AdminGrant, super bool) Roles {
	r := Roles{Super: super}
	if g != nil {
		r.Held, r.AdminOPD = slices.Clone(g.Roles), g.OPD
	}
	return r
}
