package flows

import (
	"errors"
	"fmt"
	"strings"

	"openkarir/karir"
)

// accountName is how an account is named to others (in milestones,
// notices, the audit log): the roster name when it is bound to a NIP,
// else its name in Telegram; never a bare id.
func accountName(t *Turn, roster karir.Roster, c *karir.Conversation, in *Input) (string, error) {
	if c.NIP != "" {
		e, err := roster.Employee(t.Ctx, c.NIP)
		switch {
		case err == nil && e.Name != "":
			return e.Name, nil
		case err != nil && !errors.Is(err, karir.ErrNotFound):
			return "", fmt.Errorf("name of the account: %w", err)
		}
	}
	first, user := c.FirstName, c.Username
	if in != nil {
		// The admin acting now: Telegram sends their names with the update
		// (the conversation keeps them only after the privacy consent).
		first, user = in.FirstName, strings.ToLower(in.Username)
	}
	switch {
	case first != "" && user != "":
		return first + " (@" + user + ")", nil
	case first != "":
		return first, nil
	case user != "":
		return "@" + user, nil
	}
	return txtUnnamedAdmin, nil
}

// actorName names the user of the turn.
func actorName(t *Turn, roster karir.Roster) (string, error) {
	return accountName(t, roster, t.Conv, &t.In)
}
