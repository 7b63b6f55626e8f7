package karir_test

import (
	"slices"
	"testing"

	"openkarir/karir"
)

func TestRolesCan(t *testing.T) {
	verifier := karir.Roles{Held: []karir.Role{karir.RoleVerifier}}
	baperjakat := karir.Roles{Held: []karir.Role{karir.RoleBaperjakat}}
	recorder := karir.Roles{Held: []karir.Role{karir.RoleRecorder}}
	dinkes := karir.Roles{Held: []karir.Role{karir.RoleOPDAdmin}, AdminOPD: "DINKES"}
	both := karir.Roles{Held: []karir.Role{karir.RoleOPDAdmin, karir.RoleVerifier}, AdminOPD: "DINKES"}
	super := karir.Roles{Super: true}
	steps := map[karir.Step][]karir.Roles{
		karir.StepVerified:   {verifier, both, super},
		karir.StepReturned:   {verifier, both, super},
		karir.StepBaperjakat: {baperjakat, super},
		karir.StepApproved:   {recorder, super},
		karir.StepDeclined:   {recorder, super},
		karir.StepMet:        {recorder, super},
		karir.StepMissed:     {recorder, super},
	}
	all := []karir.Roles{verifier, baperjakat, recorder, dinkes, both, super}
	for step, may := range steps {
		for i, r := range all {
			allowed := slices.ContainsFunc(may, func(m karir.Roles) bool { return slices.Equal(m.Held, r.Held) && m.Super == r.Super })
			if got := r.Can(karir.StepRight(step)); got != allowed {
				t.Errorf("roles #%d %v: Can(%s) = %v, want %v", i, r.Labels(), step, got, allowed)
			}
		}
	}
	if dinkes.Can(karir.RightVerify) || dinkes.Can(karir.RightBaperjakat) || dinkes.Can(karir.RightDecide) {
		t.Error("an OPD admin may take a BKPSDM, Baperjakat or decision step")
	}
	if !dinkes.Can(karir.RightRecommend) || dinkes.Scope(karir.RightRecommend) != "DINKES" {
		t.Error("an OPD admin may not recommend for their OPD")
	}
	if got := dinkes.Scope(karir.RightCoverage); got != "DINKES" {
		t.Errorf("OPD admin's coverage scope = %q, want DINKES", got)
	}
	if got := both.Scope(karir.RightCoverage); got != "" {
		t.Errorf("OPD admin who also verifies: coverage scope = %q, want every OPD", got)
	}
	if baperjakat.Can(karir.RightCoverage) || recorder.Can(karir.RightBroadcast) || verifier.Can(karir.RightRoles) {
		t.Error("a role holds a right the table does not give it")
	}
	if !super.Can(karir.RightRoles) || super.Scope(karir.RightCards) != "" {
		t.Error("the super admin does not hold everything")
	}
}

func TestHoldersOf(t *testing.T) {
	if got := karir.HoldersOf(karir.RightVerify); !slices.Equal(got, []karir.Role{karir.RoleVerifier}) {
		t.Errorf("HoldersOf(verify) = %v", got)
	}
	if got := karir.HoldersOf(karir.RightRounds); !slices.Equal(got, []karir.Role{karir.RoleSuper}) {
		t.Errorf("HoldersOf(rounds) = %v", got)
	}
}

func TestParseRole(t *testing.T) {
	for in, want := range map[string]karir.Role{
		"verifikator": karir.RoleVerifier, "Baperjakat": karir.RoleBaperjakat, "pencatat": karir.RoleRecorder,
		"admin_opd": karir.RoleOPDAdmin, "ADMIN-OPD": karir.RoleOPDAdmin, "opd": karir.RoleOPDAdmin,
		"walikota": karir.RoleMayor, "Wali Kota": karir.RoleMayor, "PPK": karir.RoleMayor,
	} {
		if got, ok := karir.ParseRole(in); !ok || got != want {
			t.Errorf("ParseRole(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "super", "admin", "wali"} {
		if got, ok := karir.ParseRole(in); ok {
			t.Errorf("ParseRole(%q) = %q; want refused", in, got)
		}
	}
}
