package bot

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"openkarir/flows"
	"openkarir/karir"
)

// txtReplyRefused stands in for a reply Telegram refused, so the user is
// not left with nothing.
const txtReplyRefused = "⚠️ Maaf, sebagian jawaban tidak dapat ditampilkan oleh Telegram. Kejadian ini sudah dicatat untuk diperbaiki; silakan coba lagi nanti atau hubungi admin BKPSDM."

// maxButtonText caps a button's label: labels carry roster text (an OPD,
// a post, a name), and one cell of 5,000 characters must not make Telegram
// refuse the keyboard, which may hold the only way on.
const maxButtonText = 100

// fit makes a reply into messages Telegram takes. It is the one place
// replies are built, so: text that is not UTF-8 (a roster cell in a legacy
// encoding) becomes valid; button labels are cleaned and capped; a text over 4,096 characters is split at line
// ends (its buttons and keyboard go with the last part, and an edit becomes
// new messages, since one message cannot hold it); a caption over 1,024
// characters goes ahead of its file as messages of its own.
func fit(r karir.Reply) []karir.Reply {
	r.Text = strings.ToValidUTF8(r.Text, "\uFFFD")
	r.Buttons = fitButtons(r.Buttons)
	if r.Document != nil || r.Photo != nil {
		if flows.TextLength(r.Text) <= flows.MaxCaption {
			return []karir.Reply{r}
		}
		var out []karir.Reply
		for _, part := range flows.SplitText(r.Text, flows.MaxMessage) {
			out = append(out, karir.Reply{Text: part})
		}
		r.Text, r.EditMessageID = "", 0
		return append(out, r)
	}
	if flows.TextLength(r.Text) <= flows.MaxMessage {
		return []karir.Reply{r}
	}
	parts := flows.SplitText(r.Text, flows.MaxMessage)
	out := make([]karir.Reply, len(parts))
	for i, part := range parts {
		out[i] = karir.Reply{Text: part}
	}
	last := r
	last.Text, last.EditMessageID = parts[len(parts)-1], 0
	out[len(out)-1] = last
	return out
}

// fitButtons cleans and caps the labels. The caller's rows are never
// changed (a flow may send the same keyboard again): a row is copied only
// when a label in it changes, and the rows only then, so clean labels,
// nearly all of them, cost nothing.
func fitButtons(rows [][]karir.Button) [][]karir.Button {
	out, outCopied := rows, false
	for i, row := range rows {
		copied := false
		for j, btn := range row {
			text := karir.ClipText(karir.CleanText(btn.Text), maxButtonText)
			if text == btn.Text {
				continue
			}
			if !copied {
				if !outCopied {
					out, outCopied = append([][]karir.Button(nil), rows...), true
				}
				out[i] = append([]karir.Button(nil), row...)
				copied = true
			}
			out[i][j].Text = text
		}
	}
	return out
}

// refused reports whether Telegram refused a call for what it held (bad
// HTML, too long, a keyboard over the limits): sending it again is no use.
func refused(err error) bool {
	var apiErr *tgbotapi.Error
	return errors.As(err, &apiErr) && apiErr.Code == http.StatusBadRequest
}

// replyName names a reply in the log by what it answered: the command, the
// button's kind or the kind of message, and its place among the replies.
// No user text: the log holds no personal data at that level.
func replyName(in flows.Input, i int) string {
	what := "text"
	switch {
	case in.Command != "":
		what = "/" + in.Command
	case in.Callback != nil:
		kind, rest, _ := strings.Cut(in.Callback.Data, ":")
		sub, _, _ := strings.Cut(rest, ":")
		what = "button " + kind + ":" + sub
	case in.Contact != nil:
		what = "contact"
	case in.File != nil:
		what = in.File.Kind
	}
	return what + " reply " + strconv.Itoa(i+1)
}
