package bot

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
)

// WebhookSecretFor derives the webhook's secret token from the bot token:
// HMAC-SHA256 keyed by the token, in hex (64 characters, within Telegram's
// 1-256 of A-Z, a-z, 0-9, _ and -). Every process of a deployment has the
// token, so all present the same secret with nothing stored: the database
// (and its backups) hold no secret to leak, and the secret tells nothing
// of the token. A new token gives a new secret, registered at start.
func WebhookSecretFor(token string) string {
	mac := hmac.New(sha256.New, []byte(token))
	mac.Write([]byte("openkarir webhook secret_token v1"))
	return hex.EncodeToString(mac.Sum(nil))
}
