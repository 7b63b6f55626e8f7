package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"openkarir/flows"
)

var _ flows.Files = (*Bot)(nil)

// maxDownload bounds what the bot reads of a user's file: Telegram's own
// limit for bots.
const maxDownload = flows.MaxDownload

// Download fetches a file a user sent. The library's own download URL is
// fixed to Telegram's host, so it is built here from the configured endpoint.
func (b *Bot) Download(ctx context.Context, fileID string) ([]byte, error) {
	f, err := b.api.GetFile(tgbotapi.FileConfig{FileID: fileID})
	if tgErr, ok := errors.AsType[*tgbotapi.Error](err); ok && strings.Contains(tgErr.Message, "file is too big") {
		return nil, fmt.Errorf("get file: %w", flows.ErrFileTooBig)
	}
	if err != nil {
		return nil, fmt.Errorf("get file: %w", err)
	}
	fileEndpoint := strings.Replace(b.cfg.Endpoint, "/bot%s/%s", "/file/bot%s/%s", 1)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf(fileEndpoint, b.cfg.Token, f.FilePath), nil)
	if err != nil {
		return nil, fmt.Errorf("download file: %w", redact(err, b.cfg.Token))
	}
	resp, err := b.files.Do(req) // takes the token out of its errors
	if err != nil {
		return nil, fmt.Errorf("download file: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("download file: status %s", resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxDownload+1))
	if err != nil {
		return nil, fmt.Errorf("download file: %w", err)
	}
	if len(data) > maxDownload {
		return nil, fmt.Errorf("download file: larger than %d bytes: %w", maxDownload, flows.ErrFileTooBig)
	}
	return data, nil
}
