package karir

import (
	"context"
	"time"
	"unicode/utf8"
)

// Wrong activation codes are limited twice. An account may type
// MaxCodeFailures wrong ones (for any NIPs), then none for CodeLockout: that
// stops one account, and never touches the NIP's owner, who uses their own
// account. A NIP's code may be tried wrongly MaxNIPCodeFailures times in
// NIPCodeWindow from all accounts together: that stops many accounts
// guessing one NIP. A NIP closed so still opens with the contact button
// (the phone must match the roster), so its owner is never locked out.
// At these rates a 6-character code (about 10^9 values) holds for years.
const (
	MaxCodeFailures    = 5
	CodeLockout        = 15 * time.Minute
	MaxNIPCodeFailures = 20
	NIPCodeWindow      = 24 * time.Hour
)

// NIP look-ups are limited per account as wrong codes are: an account not
// yet bound may type MaxNIPLookups different NIPs in NIPLookupWindow. The
// answer to a NIP says nothing of the roster until the proof (the shared
// phone or the code), and the limit keeps a stranger from trying NIPs by
// the thousand to learn even that; an ASN types their own NIP once or twice.
const (
	MaxNIPLookups   = 10
	NIPLookupWindow = 24 * time.Hour
)

// LookUpNIP counts a NIP the account typed at now, in a new window when the
// last one is over. It returns the zero time when the look-up may go ahead,
// or, past the limit, when the account may type a NIP again (nothing is
// counted then).
func (c *Conversation) LookUpNIP(now time.Time) (closedUntil time.Time) {
	if !now.Before(c.NIPLookupsSince.Add(NIPLookupWindow)) {
		c.NIPLookupsSince, c.NIPLookups = now, 0
	}
	if c.NIPLookups >= MaxNIPLookups {
		return c.NIPLookupsSince.Add(NIPLookupWindow)
	}
	c.NIPLookups++
	return time.Time{}
}

// CodeAttempts are the wrong activation codes typed for one NIP, from any
// account, in the current window. It is saved with a version, so two
// accounts failing at once both count.
type CodeAttempts struct {
	NIP string `bson:"_id"`
	// Since is when the current window began (its first wrong code).
	Since    time.Time `bson:"since"`
	Failures int       `bson:"failures"`
	Version  int64     `bson:"version"`
}

// ClosedUntil returns when the NIP's code may be tried again, or the zero
// time when it may be tried now.
func (a *CodeAttempts) ClosedUntil(now time.Time) time.Time {
	end := a.Since.Add(NIPCodeWindow)
	if a.Failures >= MaxNIPCodeFailures && now.Before(end) {
		return end
	}
	return time.Time{}
}

// Fail counts a wrong code typed at now, in a new window when the last one
// is over.
func (a *CodeAttempts) Fail(now time.Time) {
	if !now.Before(a.Since.Add(NIPCodeWindow)) {
		a.Since, a.Failures = now, 0
	}
	a.Failures++
}

// CodeGuesses keeps, per NIP, the wrong activation codes of all accounts.
type CodeGuesses interface {
	// CodeAttempts returns the NIP's record (an empty one, Version 0, when
	// there is none).
	CodeAttempts(ctx context.Context, nip string) (*CodeAttempts, error)
	// FailCode counts a wrong code for the NIP at now (CodeAttempts.Fail)
	// and returns the record as saved; a save that loses a race is tried
	// again on the newer record.
	FailCode(ctx context.Context, nip string, now time.Time) (*CodeAttempts, error)
}

// MayBeActivationCode reports whether typed text could be a code at all:
// something with a letter or a digit, and not a whole message. An emoji or
// a sentence of punctuation is answered without using a try.
func MayBeActivationCode(s string) bool {
	if utf8.RuneCountInString(s) > 64 {
		return false
	}
	for _, r := range s {
		if r < utf8.RuneSelf && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return true
		}
	}
	return false
}
