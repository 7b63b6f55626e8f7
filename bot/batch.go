package bot

import (
	"context"
	"fmt"
	"time"

	"openkarir/karir"
)

// reportDelay holds back the reports to the admin who started a batch.
const reportDelay = 2 * time.Second

// tally counts a final state into the message's batch and tells the admin
// who started it at each quarter and at the end.
func (s *Sender) tally(ctx context.Context, m karir.Outgoing) {
	b, err := s.outbox.TallyBatch(ctx, m.Batch, m.Status, s.now())
	if err != nil {
		s.log.Error("tally batch", "batch", m.Batch, "err", err)
		return
	}
	done := b.Sent + b.Failed + b.Unreachable
	var n karir.Notice
	switch {
	case done == b.Total:
		n = karir.Notice{Key: "batch-done:" + b.ID, ChatID: b.AdminChat, Reply: karir.Reply{
			Text: fmt.Sprintf(txtBatchDone, batchName(b.Kind), b.Total, b.Sent, b.Unreachable, b.Failed)}}
	case b.Total >= 40 && done%(b.Total/4) == 0:
		pct := 100 * done / b.Total
		n = karir.Notice{Key: fmt.Sprintf("batch-progress:%s:%d", b.ID, pct), ChatID: b.AdminChat, Reply: karir.Reply{
			Text: fmt.Sprintf(txtBatchProgress, batchName(b.Kind), pct, done, b.Total)}}
	default:
		return
	}
	// Held back a little, so a small batch's report does not arrive before
	// the admin's own command is answered.
	n.NotBefore = s.now().Add(reportDelay)
	if _, err := s.Notify(ctx, n); err != nil {
		s.log.Error("report batch", "batch", b.ID, "err", err)
	}
}

func batchName(kind string) string {
	if kind == "siaran" {
		return "Siaran"
	}
	return "Pengingat"
}
