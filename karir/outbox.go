package karir

import (
	"context"
	"time"
)

// Delivery states of an outgoing message.
const (
	OutPending     = "pending"
	OutSent        = "sent"
	OutFailed      = "failed"      // gave up after retries, or Telegram refused it
	OutUnreachable = "unreachable" // the user blocked the bot or never started it
)

// Outgoing is a message in the outbox: a Notice with its delivery state.
type Outgoing struct {
	Key    string `bson:"_id"`
	ChatID int64  `bson:"chat_id"`
	// Reply is stored by the store in a form of its own (the keyboard's
	// rows as documents: store/outbox.go), under "reply".
	Reply Reply `bson:"-"`
	// Batch groups the messages of one reminder run or broadcast, for the
	// report to the admin who started it.
	Batch     string    `bson:"batch,omitempty"`
	Status    string    `bson:"status"`
	Attempts  int       `bson:"attempts"`
	NotBefore time.Time `bson:"not_before"`
	CreatedAt time.Time `bson:"created_at"`
	SentAt    time.Time `bson:"sent_at,omitempty"`
	LastError string    `bson:"last_error,omitempty"`
}

// Batch is one reminder run or broadcast that an admin started, with the
// tally reported back to them.
type Batch struct {
	ID          string    `bson:"_id"`
	Kind        string    `bson:"kind"` // "ingatkan" or "siaran"
	AdminChat   int64     `bson:"admin_chat"`
	Total       int       `bson:"total"`
	Sent        int       `bson:"sent"`
	Unreachable int       `bson:"unreachable"`
	Failed      int       `bson:"failed"`
	CreatedAt   time.Time `bson:"created_at"`
	DoneAt      time.Time `bson:"done_at,omitempty"`
}

// Outbox stores what the bot sends on its own until it is delivered.
type Outbox interface {
	// Enqueue stores the notices as pending (in batch, if not empty); a key
	// stored before is left as it is. It returns the new messages.
	Enqueue(ctx context.Context, now time.Time, batch string, notices []Notice) ([]Outgoing, error)
	// PendingOutgoing returns every pending message.
	PendingOutgoing(ctx context.Context) ([]Outgoing, error)
	// ClaimOutgoing takes the pending message key for one try, for up to
	// ttl: no other claim of it succeeds meanwhile. It returns the message
	// as stored and whether it was claimed: nil when it is pending no more
	// (delivered, given up); not claimed when it is not due or another try
	// is under way, with NotBefore saying when to ask again.
	ClaimOutgoing(ctx context.Context, key string, now time.Time, ttl time.Duration) (*Outgoing, bool, error)
	// FinishOutgoing records a final state (sent, failed, unreachable) or a
	// retry (pending with a later NotBefore).
	FinishOutgoing(ctx context.Context, m Outgoing) error
	// CreateBatch stores a new batch; TallyBatch adds one final state to it
	// and returns the batch as it now stands.
	CreateBatch(ctx context.Context, b Batch) error
	TallyBatch(ctx context.Context, id, status string, now time.Time) (*Batch, error)
	// MarkUnreachable and MarkReachable keep the set of chats the bot
	// cannot write to; Unreachable lists them.
	MarkUnreachable(ctx context.Context, chatID int64, now time.Time) error
	MarkReachable(ctx context.Context, chatID int64) error
	Unreachable(ctx context.Context) (map[int64]bool, error)
}

// Leases lets one process at a time do a job (send the outbox, run the
// reminder plan), taking over when the holder stops renewing.
type Leases interface {
	// AcquireLease takes or renews the named lease for holder for up to
	// ttl; it reports whether holder has it.
	AcquireLease(ctx context.Context, name, holder string, now time.Time, ttl time.Duration) (bool, error)
	// ReleaseLease gives the lease up, if holder has it, so another process
	// takes it at once rather than after ttl.
	ReleaseLease(ctx context.Context, name, holder string) error
}
