package flows

import (
	"errors"
	"fmt"
	"strings"

	"openkarir/karir"
)

// The members present at a session: the secretary types them, one a line
// ("Nama, peran"), and the minutes print each on a signature line
// (karir.ParseBoardMembers).

// argSdMembers marks the pending /sidang reply as the members' list.
const argSdMembers = "members"

// askMembers asks the members present, showing who is recorded.
func (g *Sessions) askMembers(t *Turn, id string) error {
	s, ok, err := g.loadOpen(t, id)
	if !ok || err != nil {
		return err
	}
	t.Await("sidang", map[string]string{argSdID: s.ID, "act": argSdMembers})
	t.Sayf(txtSdAskMembers, esc(s.ID), membersText(s.Members))
	return nil
}

// membersTyped records the members typed, replacing those recorded.
func (g *Sessions) membersTyped(t *Turn, id string) error {
	members, err := karir.ParseBoardMembers(t.In.Text)
	if err != nil {
		t.Sayf(txtSdMembersBad, esc(err.Error()))
		return nil
	}
	t.Done()
	s, err := g.Store.UpdateSidang(t.Ctx, id, func(s *karir.Sidang) error {
		if s.Closed {
			return karir.ErrSidangClosed
		}
		s.Members = members
		return nil
	})
	switch {
	case err == nil:
	case errors.Is(err, karir.ErrSidangClosed):
		t.Sayf(txtSdIsClosed, esc(id))
		return nil
	default:
		return fmt.Errorf("record members: %w", err)
	}
	var names []string
	for _, m := range members {
		names = append(names, m.Name+" ("+m.Role+")")
	}
	if err := g.audit.Record(t, "sidang", fmt.Sprintf("anggota hadir sidang %s: %s", s.ID, strings.Join(names, "; "))); err != nil {
		return err
	}
	t.Sayf(txtSdMembersDone, esc(s.ID), membersText(s.Members))
	t.Say(g.sessionReply(t, s, 0))
	return nil
}

// membersText lists the members, one a line, or says none is recorded.
func membersText(ms []karir.BoardMember) string {
	if len(ms) == 0 {
		return txtSdMembersNone
	}
	var b strings.Builder
	for i, m := range ms {
		fmt.Fprintf(&b, "\n%d. %s · %s", i+1, escName(m.Name), m.Role)
	}
	return b.String()
}
