package telegramtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"strconv"
)

// parseJSONBody adds the parameters of a JSON body to r.Form, as Telegram
// accepts them beside query strings and forms (core.telegram.org/bots/api,
// "Making requests": application/json). Libraries other than
// telegram-bot-api send JSON (grammY, the load tool's peer): a string is
// taken as it is, a number or a boolean as its literal, an object or an
// array (reply_markup) as its JSON text, which is how forms carry them.
func parseJSONBody(r *http.Request) error {
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct != "application/json" || r.Body == nil {
		return nil
	}
	dec := json.NewDecoder(r.Body)
	dec.UseNumber()
	var params map[string]any
	if err := dec.Decode(&params); err != nil {
		return fmt.Errorf("decode the JSON body: %w", err)
	}
	if r.Form == nil {
		_ = r.ParseForm()
	}
	for k, v := range params {
		switch v := v.(type) {
		case nil:
		case string:
			r.Form.Set(k, v)
		case json.Number:
			r.Form.Set(k, v.String())
		case bool:
			r.Form.Set(k, strconv.FormatBool(v))
		default:
			var b bytes.Buffer
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(v); err != nil {
				return fmt.Errorf("parameter %s: %w", k, err)
			}
			r.Form.Set(k, string(bytes.TrimSpace(b.Bytes())))
		}
	}
	return nil
}
