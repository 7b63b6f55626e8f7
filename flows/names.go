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

// academicPrefixes are the titles written before a name ("dr. Rina"),
// which sorting skips, lower case.
var academicPrefixes = []string{"dr. ", "drg. ", "prof. ", "ir. ", "drs. ", "dra. ", "hj. ", "h. "}

// sortKey is how a roster name sorts in lists: without the titles in
// front, and without regard to case ("dr. Rina" among the R).
func sortKey(name string) string {
	key := strings.ToLower(strings.TrimSpace(name))
	for trimmed := true; trimmed; {
		trimmed = false
		for _, p := range academicPrefixes {
			if rest, ok := strings.CutPrefix(key, p); ok {
				key, trimmed = strings.TrimSpace(rest), true
			}
		}
	}
	return key
}
