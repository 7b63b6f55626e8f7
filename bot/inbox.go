package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Inbox keeps updates received from Telegram and not yet handled, as
// Telegram sent them (JSON, by update_id), so the offset given to Telegram
// may pass them: they survive a crash there instead. store.Store is the
// production one. The inbox is the one polling process's: Telegram answers
// a second getUpdates consumer of a bot with 409 Conflict, so several
// processes of one deployment take webhooks (WebhookHandler), which need
// no inbox; a process that starts polling queues what it finds there.
type Inbox interface {
	// KeepUpdates stores updates; one stored already is no error.
	KeepUpdates(ctx context.Context, updates map[int][]byte) error
	// DropUpdates removes updates done with.
	DropUpdates(ctx context.Context, ids []int) error
	// KeptUpdates are every update stored.
	KeptUpdates(ctx context.Context) (map[int][]byte, error)
}

const (
	// parkAfter is how long the lowest open update holds the offset, with
	// Telegram showing no update above the ones held (pollLimit of them),
	// before the updates open that long are parked in the inbox and the
	// offset passes them. Far above an update's handling time even under
	// load (p99 about 0.1-1 s), so parking is for what is held long: heavy
	// work, an update waiting out an outage.
	parkAfter = 2 * time.Second
	// rereadGap is the first pause between getUpdates calls while updates
	// are held (Telegram then answers at once, with them): it doubles, up
	// to heldPoll, while the calls bring nothing new.
	rereadGap = 10 * time.Millisecond
)

// polled is one update of a getUpdates answer.
type polled struct {
	id  int
	raw json.RawMessage
}

// getUpdates asks Telegram for the updates from offset, reading of each
// update only its update_id: most are held ones seen before, and only new
// ones are decoded whole (fresh).
func (p *poller) getUpdates(client *apiClient, offset int) ([]polled, error) {
	form := url.Values{"limit": {strconv.Itoa(pollLimit)}, "timeout": {strconv.Itoa(int(p.bot.cfg.PollTimeout / time.Second))},
		"allowed_updates": {`["message","callback_query"]`}}
	if offset != 0 {
		form.Set("offset", strconv.Itoa(offset))
	}
	req, err := http.NewRequest(http.MethodPost, fmt.Sprintf(p.bot.cfg.Endpoint, p.bot.cfg.Token, "getUpdates"), bytes.NewBufferString(form.Encode()))
	if err != nil {
		return nil, fmt.Errorf("get updates: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	p.body.Reset()
	if _, err := p.body.ReadFrom(resp.Body); err != nil {
		return nil, fmt.Errorf("get updates: read the answer: %w", redact(err, p.bot.cfg.Token))
	}
	var answer struct {
		Ok          bool                         `json:"ok"`
		Result      []json.RawMessage            `json:"result"`
		ErrorCode   int                          `json:"error_code"`
		Description string                       `json:"description"`
		Parameters  *tgbotapi.ResponseParameters `json:"parameters"`
	}
	if err := json.Unmarshal(p.body.Bytes(), &answer); err != nil {
		return nil, fmt.Errorf("get updates: decode the answer (HTTP %d): %w", resp.StatusCode, err)
	}
	if !answer.Ok {
		e := &tgbotapi.Error{Code: answer.ErrorCode, Message: answer.Description}
		if answer.Parameters != nil {
			e.ResponseParameters = *answer.Parameters
		}
		return nil, e
	}
	out := make([]polled, 0, len(answer.Result))
	for _, raw := range answer.Result {
		id, err := updateID(raw)
		if err != nil {
			return nil, fmt.Errorf("get updates: %w", err)
		}
		out = append(out, polled{id: id, raw: raw})
	}
	return out, nil
}

// updateID reads an update's update_id. Most of an answer are updates
// held and seen before, so this is the one read of them: a search for the
// key, which JSON escapes inside strings ("update_id" within a text is
// \"update_id\") and no Bot API type nests, decoding only if it is not
// written as Telegram writes it.
func updateID(raw []byte) (int, error) {
	const key = `"update_id":`
	if i := bytes.Index(raw, []byte(key)); i >= 0 {
		digits := raw[i+len(key):]
		n := 0
		for n < len(digits) && digits[n] >= '0' && digits[n] <= '9' {
			n++
		}
		if id, err := strconv.Atoi(string(digits[:n])); err == nil && n < len(digits) && (digits[n] == ',' || digits[n] == '}') {
			return id, nil
		}
	}
	var head struct {
		UpdateID int `json:"update_id"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return 0, fmt.Errorf("decode an update_id: %w", err)
	}
	return head.UpdateID, nil
}

// admitPolled opens and queues the updates not seen before, and reports
// how many there were.
func (p *poller) admitPolled(updates []polled) (fresh int) {
	now := time.Now()
	for _, pu := range updates {
		if p.win.seen(pu.id) {
			continue
		}
		var u tgbotapi.Update
		if err := json.Unmarshal(pu.raw, &u); err != nil {
			// Not an update the library reads: it cannot be handled, and
			// holding it would hold every chat.
			p.bot.log.Error("decode update", "update_id", pu.id, "err", err)
			p.win.admit(pu.id, nil, now)
			p.finish(pu.id)
			continue
		}
		// The body buffer is read into again by the next call.
		if p.win.admit(pu.id, bytes.Clone(pu.raw), now) {
			p.enqueue(u)
			fresh++
		}
	}
	return fresh
}

// restore reads back the updates parked by an earlier process and queues
// them, before any update is asked of Telegram (so each chat keeps its
// order). While the database does not answer, it tries again: what the
// inbox holds was confirmed to Telegram, and exists nowhere else.
// Meanwhile whoever writes is told of the trouble once (AnswerWhileDown,
// which confirms nothing to Telegram), as a failure while polling does;
// the polling proper that follows answers each of those updates once.
func (p *poller) restore(ctx context.Context) bool {
	if p.inbox == nil {
		return true
	}
	var told chan []int
	stopTelling := func() {}
	defer func() {
		stopTelling()
		if told != nil {
			p.bot.MarkTold(<-told)
		}
	}()
	pause := time.Second
	for {
		kept, err := p.inbox.KeptUpdates(ctx)
		if err == nil {
			// Those told are marked before any update is queued.
			stopTelling()
			if told != nil {
				p.bot.MarkTold(<-told)
				told = nil
			}
			ids := make([]int, 0, len(kept))
			for id := range kept {
				ids = append(ids, id)
			}
			slices.Sort(ids)
			now := time.Now()
			for _, id := range ids {
				var u tgbotapi.Update
				if err := json.Unmarshal(kept[id], &u); err != nil {
					p.bot.log.Error("decode a parked update", "update_id", id, "err", err)
					p.drop(id)
					continue
				}
				p.win.restore(id, now)
				p.enqueue(u)
			}
			if len(ids) > 0 {
				p.bot.log.Info("updates parked by an earlier process queued again", "updates", len(ids))
			}
			return true
		}
		p.bot.log.Warn("read the parked updates", "err", err, "retry_in", pause)
		if told == nil {
			down, cancel := context.WithCancel(ctx)
			stopTelling = cancel
			told = make(chan []int, 1)
			go func() { told <- p.bot.AnswerWhileDown(down) }()
		}
		if !sleep(ctx, pause) {
			return false
		}
		pause = min(2*pause, 30*time.Second)
	}
}

// parkStale parks in the inbox the updates open longer than parkAfter,
// once the lowest open one is among them: the offset may then pass them,
// and Telegram shows the updates above. A write that fails (the database
// down) leaves them holding the offset, as without an inbox.
func (p *poller) parkStale(ctx context.Context) {
	// After a failure, the next try waits parkAfter: the polls come every
	// heldPoll meanwhile.
	if p.inbox == nil || time.Since(p.parkFailed) < parkAfter {
		return
	}
	stale := p.win.stale(time.Now().Add(-parkAfter))
	if len(stale) == 0 {
		return
	}
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := p.inbox.KeepUpdates(wctx, stale); err != nil {
		p.bot.log.Warn("park held updates", "updates", len(stale), "err", err)
		p.parkFailed = time.Now()
		return
	}
	p.bot.log.Info("held updates parked in the inbox", "updates", len(stale))
	for _, id := range p.win.park(stale) {
		p.drop(id)
	}
}

// finish marks an update done; a parked one is dropped from the inbox.
func (p *poller) finish(id int) {
	if p.win.finish(id) {
		p.drop(id)
	}
}

// drop hands an update to the dropper, which removes it from the inbox.
func (p *poller) drop(id int) {
	p.drops.mu.Lock()
	p.drops.ids = append(p.drops.ids, id)
	p.drops.mu.Unlock()
	select {
	case p.drops.wake <- struct{}{}:
	default:
	}
}

// dropper removes from the inbox the parked updates done with, those done
// at once in one command, until stop ends; then once more.
type dropper struct {
	mu   sync.Mutex
	ids  []int
	wake chan struct{}
}

func (p *poller) runDropper(stop context.Context) {
	pause := time.Second
	for {
		select {
		case <-p.drops.wake:
		case <-stop.Done():
			p.flushDrops(p.handleCtx)
			return
		}
		if p.flushDrops(stop) {
			pause = time.Second
			continue
		}
		if !sleep(stop, pause) {
			p.flushDrops(p.handleCtx)
			return
		}
		pause = min(2*pause, 30*time.Second)
		select {
		case p.drops.wake <- struct{}{}:
		default:
		}
	}
}

// flushDrops drops what is waiting, reporting false (and keeping it for
// the next try) if the inbox failed.
func (p *poller) flushDrops(ctx context.Context) bool {
	p.drops.mu.Lock()
	ids := p.drops.ids
	p.drops.ids = nil
	p.drops.mu.Unlock()
	if len(ids) == 0 {
		return true
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := p.inbox.DropUpdates(ctx, ids); err != nil {
		p.bot.log.Warn("drop updates done from the inbox", "updates", len(ids), "err", err)
		p.drops.mu.Lock()
		p.drops.ids = append(ids, p.drops.ids...)
		p.drops.mu.Unlock()
		return false
	}
	return true
}
