package bot

import (
	"context"
	"fmt"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"openkarir/flows"
)

var _ flows.ChatMenus = (*Bot)(nil)

// SetChatMenu implements flows.ChatMenus: the command menu of one private
// chat (BotCommandScopeChat, which v5.5.1 already speaks). An empty menu
// drops the chat's own, so the chat sees the default (ASN) menu again.
func (b *Bot) SetChatMenu(_ context.Context, chatID int64, menu []flows.MenuEntry) error {
	scope := tgbotapi.NewBotCommandScopeChat(chatID)
	var req tgbotapi.Chattable
	if len(menu) == 0 {
		req = tgbotapi.NewDeleteMyCommandsWithScope(scope)
	} else {
		cmds := make([]tgbotapi.BotCommand, len(menu))
		for i, c := range menu {
			cmds[i] = tgbotapi.BotCommand{Command: c.Name, Description: c.Description}
		}
		req = tgbotapi.NewSetMyCommandsWithScope(scope, cmds...)
	}
	if _, err := b.api.Request(req); err != nil {
		return fmt.Errorf("set the command menu of chat %d: %w", chatID, err)
	}
	return nil
}
