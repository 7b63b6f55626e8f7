package flows

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"openkarir/karir"
)

// Turn is one update being handled: the conversation it changes and what
// the bot will answer.
type Turn struct {
	Ctx   context.Context
	In    Input
	Conv  *karir.Conversation
	Round karir.Round
	Role  Role // set for admin commands
	res   Result
}

// Say adds a reply.
func (t *Turn) Say(r karir.Reply) {
	t.res.Replies = append(t.res.Replies, laidOut(r))
}

// titleThenPeriod is a period right after an abbreviation's own ("S.E."
// at the end of a name, maybe inside <b>), which reads as "S.E..".
var titleThenPeriod = regexp.MustCompile(`([A-Za-z]\.)((?:</[a-z]+>)*)\.(\s|$)`)

// tidyPeriods drops the second period after a name ending in a title: a
// sentence that ends with "S.E." ends there.
// Every match holds ".." or ".</", so a text with neither (nearly every
// reply) skips the regexp, which was a few per cent of the bot's CPU (issue 26).
func tidyPeriods(s string) string {
	if !strings.Contains(s, "..") && !strings.Contains(s, ".</") {
		return s
	}
	return titleThenPeriod.ReplaceAllString(s, "$1$2$3")
}

// Beside hands heavy work to the bot, to run beside the chat (see Work):
// run gets a Turn of its own, whose replies follow the progress message,
// and a progress function that edits that message.
func (t *Turn) Beside(start, done string, run func(w *Turn, progress func(text string)) error) {
	conv := *t.Conv
	t.res.Work = &Work{Start: start, Done: done,
		Run: func(ctx context.Context, progress func(string)) (Result, error) {
			w := &Turn{Ctx: ctx, In: t.In, Conv: &conv, Round: t.Round, Role: t.Role}
			err := run(w, progress)
			return w.res, err
		}}
}

// Toast sets the short answer shown on the pressed button.
func (t *Turn) Toast(text string) { t.res.Toast = text }

// Sayf adds a text reply; with args, text is a format.
func (t *Turn) Sayf(text string, args ...any) {
	if len(args) > 0 {
		text = fmt.Sprintf(text, args...)
	}
	t.Say(karir.Reply{Text: text})
}

// SayLong sends a text that may pass Telegram's limit as several messages.
func (t *Turn) SayLong(text string) {
	for _, part := range SplitText(text, MaxMessage) {
		t.Say(karir.Reply{Text: part})
	}
}

// Await makes the user's next message go to the command's Continue, with
// args kept in the conversation until then.
func (t *Turn) Await(command string, args map[string]string) {
	t.Conv.Pending, t.Conv.PendingArgs = command, args
}

// Done ends what Await started.
func (t *Turn) Done() { t.Conv.Pending, t.Conv.PendingArgs = "", nil }
