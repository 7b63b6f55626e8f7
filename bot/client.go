package bot

import (
	"context"
	"net/http"
)

// apiClient is the one door of every request to the Bot API: the library's
// calls, the long poll and the file downloads. The token is part of every
// Bot API URL, and Go's HTTP client quotes the URL in its errors ("Post
// \"https://.../bot<token>/sendMessage\": EOF"), which are logged and stored
// in the outbox: the token is taken out of them here (redact), before
// anyone sees them.
type apiClient struct {
	// ctx is put on requests made without one (the library makes all its
	// requests so); nil keeps the request's own.
	ctx    context.Context
	client *http.Client
	token  string
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
