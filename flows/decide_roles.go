package flows

import (
	"errors"
	"strconv"
	"strings"

	"openkarir/karir"
)

// grantsMayor reports whether /admin tambah's fields grant the role Wali
// Kota.
func grantsMayor(fields []string) bool {
	if len(fields) < 2 {
		return false
	}
	role, ok := karir.ParseRole(fields[1])
	return ok && role == karir.RoleMayor
}

// findAnyAccount finds an account by Telegram id or @username, bound to a
// NIP or not: the Wali Kota is no ASN of the roster.
func (c *Console) findAnyAccount(t *Turn, who string) (*karir.Conversation, error) {
	if id, err := strconv.ParseInt(who, 10, 64); err == nil && id > 0 {
		return c.Store.LoadConversation(t.Ctx, id)
	}
	conv, err := c.Store.ConversationByUsername(t.Ctx, strings.ToLower(strings.TrimPrefix(who, "@")))
	if errors.Is(err, karir.ErrNotFound) {
		t.Sayf(txtAccountUnknown, esc(who))
		return nil, nil
	}
	return conv, err
}
