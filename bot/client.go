package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// apiClient is the one door of every request to the Bot API: the library's
// calls, the bot's own (post), the long poll and the file downloads. The
// token is part of every Bot API URL, and Go's HTTP client quotes the URL
// in its errors ("Post \"https://.../bot<token>/sendMessage\": EOF"),
// which are logged and stored in the outbox: the token is taken out of
// them here (redact), before anyone sees them.
type apiClient struct {
	// ctx is put on requests made without one (the library makes all its
	// requests so); nil keeps the request's own.
	ctx    context.Context
	client *http.Client
	token  string
	// answers holds the buffers post reads answers into.
	answers sync.Pool
}

func (c *apiClient) Do(req *http.Request) (*http.Response, error) {
	if c.ctx != nil {
		req = req.WithContext(c.ctx)
	}
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, redact(err, c.token)
	}
	return resp, nil
}

// apiAnswer is what the bot reads of the Bot API's answer to its own
// calls: whether it was done, and if not, why. The result is not read: no
// caller of post needs the message sent.
type apiAnswer struct {
	OK          bool                         `json:"ok"`
	ErrorCode   int                          `json:"error_code"`
	Description string                       `json:"description"`
	Parameters  *tgbotapi.ResponseParameters `json:"parameters"`
}

// post makes one call of the bot's own to url (the endpoint of r.method)
// and fails as the library does: with a *tgbotapi.Error for an answer
// that is not ok (its error_code, description and parameters, whatever
// the HTTP status), the network's error (redacted) otherwise, or the
// decoding's for an answer that is not the Bot API's JSON (a proxy's
// error page).
func (c *apiClient) post(url string, r request) error {
	ctx := c.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(r.form))
	if err != nil {
		return redact(fmt.Errorf("%s: %w", r.method, err), c.token)
	}
	req.Header["Content-Type"] = formType
	resp, err := c.client.Do(req)
	if err != nil {
		return redact(err, c.token)
	}
	defer resp.Body.Close()
	buf, _ := c.answers.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	defer func() {
		if buf.Cap() <= 64<<10 {
			buf.Reset()
			c.answers.Put(buf)
		}
	}()
	if _, err := buf.ReadFrom(resp.Body); err != nil {
		return redact(fmt.Errorf("%s: read the answer: %w", r.method, err), c.token)
	}
	body := buf.Bytes()
	if n := len(okTrue); len(body) > n && string(body[:n]) == okTrue && (body[n] == ',' || body[n] == '}') {
		// Done, as Telegram writes it: the result (half the decoding's
		// work, scanned twice by json.Unmarshal) is not needed.
		return nil
	}
	var a apiAnswer
	if err := json.Unmarshal(body, &a); err != nil {
		return fmt.Errorf("%s: decode the answer (HTTP %d): %w", r.method, resp.StatusCode, err)
	}
	if !a.OK {
		e := &tgbotapi.Error{Code: a.ErrorCode, Message: a.Description}
		if a.Parameters != nil {
			e.ResponseParameters = *a.Parameters
		}
		return e
	}
	return nil
}

// okTrue begins the answer to a call that was done.
const okTrue = `{"ok":true`

// formType is post's Content-Type header, set without Header.Set's
// copy.
var formType = []string{"application/x-www-form-urlencoded"}
