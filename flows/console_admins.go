package flows

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"openkarir/karir"
)

// findAccount resolves a Telegram id or the @username of an account that
// bound its NIP.
func (c *Console) findAccount(t *Turn, who string) (*karir.Conversation, error) {
	if who == "" {
		t.Sayf(txtRoleUsage)
		return nil, nil
	}
	var conv *karir.Conversation
	var err error
	if id, perr := strconv.ParseInt(who, 10, 64); perr == nil {
		conv, err = c.Store.LoadConversation(t.Ctx, id)
	} else {
		conv, err = c.Store.ConversationByUsername(t.Ctx, strings.ToLower(strings.TrimPrefix(who, "@")))
		if errors.Is(err, karir.ErrNotFound) {
			conv, err = &karir.Conversation{}, nil
		}
	}
	if err != nil {
		return nil, err
	}
	if conv.NIP == "" {
		t.Sayf(txtAccountNotBound, esc(who))
		return nil, nil
	}
	return conv, nil
}

func (c *Console) auditLog(t *Turn) error {
	entries, err := c.Store.RecentAudit(t.Ctx, 30)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(txtAuditHead)
	if len(entries) == 0 {
		b.WriteString(txtAuditEmpty)
	}
	for _, e := range entries {
		fmt.Fprintf(&b, "• %s — %s: <b>%s</b>: %s\n", karir.FormatDateTime(e.At, c.Location), escName(e.ActorName), esc(auditLabel(e.Action)), esc(e.Detail))
	}
	t.SayLong(b.String())
	return nil
}

// unbind frees a NIP from its Telegram account (a lost phone, a new
// number); the submissions stay.
func (c *Console) unbind(t *Turn) error {
	nip := karir.NormalizeNIP(t.In.Args)
	if len(nip) != 18 || digits(nip) != 18 {
		// Not a NIP: never echoed, and no look-up.
		t.Sayf(txtUnbindUsage)
		return nil
	}
	b, err := c.Store.Binding(t.Ctx, nip)
	if errors.Is(err, karir.ErrNotFound) {
		t.Sayf(txtUnbindNone, esc(nip))
		return nil
	}
	if err != nil {
		return err
	}
	if err := c.Store.Unbind(t.Ctx, nip); err != nil {
		return err
	}
	// The binding goes first, so an update of the account that races with
	// the reset below is retried on the reset state.
	if reset, err := c.resetAccount(t, b.TelegramID, nip); err != nil || !reset {
		// Put the binding back, so nothing changed.
		if berr := c.Store.Bind(t.Ctx, *b); berr != nil || err != nil {
			return fmt.Errorf("unbind NIP %s: %w", nip, errors.Join(err, berr))
		}
		// The account kept changing under us: the admin may try again.
		t.Sayf(txtUnbindBusy, esc(nip), b.TelegramID)
		return nil
	}
	t.Sayf(txtUnbound, esc(nip), b.TelegramID)
	return c.audit.Record(t, "lepas", fmt.Sprintf("NIP %s dari akun id %d", nip, b.TelegramID))
}

// resetAccount makes the account bound to nip start again from the NIP,
// with nothing half-filled. It reports false when every try lost a race
// with the account's own updates.
func (c *Console) resetAccount(t *Turn, userID int64, nip string) (bool, error) {
	for range maxAttempts {
		conv, err := c.Store.LoadConversation(t.Ctx, userID)
		if err != nil {
			return false, err
		}
		if conv.NIP != nip {
			return true, nil
		}
		conv.NIP, conv.State, conv.Draft, conv.Editing = "", karir.StateStart, karir.Answers{}, false
		conv.Pending, conv.PendingArgs = "", nil
		err = c.Store.SaveConversation(t.Ctx, conv)
		if errors.Is(err, karir.ErrConflict) {
			continue
		}
		return err == nil, err
	}
	return false, nil
}
