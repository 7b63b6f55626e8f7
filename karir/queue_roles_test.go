package karir_test

import (
	"slices"
	"testing"

	"openkarir/karir"
)

// Each role works the stages whose next step it records; the super admin
// and an OPD admin (of their OPD) every stage.
func TestQueueStagesWorkedBy(t *testing.T) {
	worked := func(r karir.Roles) []string {
		var keys []string
		for i := range karir.QueueStages {
			if s := &karir.QueueStages[i]; s.WorkedBy(r) {
				keys = append(keys, s.Key)
			}
		}
		return keys
	}
	for _, c := range []struct {
		roles karir.Roles
		want  []string
	}{
		{karir.Roles{Super: true}, []string{"b", "p", "v", "k", "e", "t"}},
		{karir.Roles{Held: []karir.Role{karir.RoleOPDAdmin}, AdminOPD: "DINKES"}, []string{"b", "p", "v", "k", "e", "t"}},
		{karir.Roles{Held: []karir.Role{karir.RoleVerifier}}, []string{"b", "p", "t"}},
		{karir.Roles{Held: []karir.Role{karir.RoleBaperjakat}}, []string{"v"}},
		{karir.Roles{Held: []karir.Role{karir.RoleRecorder}}, []string{"k", "e"}},
		{karir.Roles{Held: []karir.Role{karir.RoleMayor}}, []string{"k"}},
		{karir.Roles{Held: []karir.Role{karir.RoleBaperjakat, karir.RoleRecorder}}, []string{"v", "k", "e"}},
		{karir.Roles{}, nil},
	} {
		if got := worked(c.roles); !slices.Equal(got, c.want) {
			t.Errorf("%+v works %v, want %v", c.roles, got, c.want)
		}
	}
}
