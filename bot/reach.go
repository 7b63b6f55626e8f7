package bot

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// connectError explains a failed first call (getMe): what was tried, and
// the settings that change it. The token is never in it.
func connectError(err error, cfg Config) error {
	base, _, _ := strings.Cut(cfg.Endpoint, "/bot%s")
	var apiErr *tgbotapi.Error
	if errors.As(err, &apiErr) && (apiErr.Code == http.StatusUnauthorized || apiErr.Code == http.StatusNotFound) {
		// Telegram answers 404 to a token of the wrong shape, 401 to an unknown one.
		return fmt.Errorf("connect to Telegram: the Bot API at %s refused the bot token (%s): "+
			"check TELEGRAM_BOT_TOKEN, copied whole from @BotFather", base, apiErr.Message)
	}
	return fmt.Errorf("connect to Telegram: cannot reach the Bot API at %s (%v). "+
		"Check this machine's Internet access (a proxy goes in HTTPS_PROXY), or set TELEGRAM_API_ENDPOINT "+
		"to a Bot API server it can reach. To try the bot without Telegram: openkarir demo", base, err)
}

// redactedError is an error whose text had the bot token taken out. The
// Telegram library puts the token in every URL, and Go's network errors
// quote the URL.
type redactedError struct {
	err  error
	text string
}

func (e *redactedError) Error() string { return e.text }
func (e *redactedError) Unwrap() error { return e.err }

// redact hides token in err's text, keeping err for errors.Is and As.
func redact(err error, token string) error {
	if err == nil || token == "" || !strings.Contains(err.Error(), token) {
		return err
	}
	return &redactedError{err: err, text: strings.ReplaceAll(err.Error(), token, "<TELEGRAM_BOT_TOKEN>")}
}
