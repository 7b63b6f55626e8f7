package telegramtest

import (
	"encoding/json"
	"net/http"
)

// CommandScope is the scope of a setMyCommands call (Bot API
// BotCommandScope); the zero value is the default scope.
type CommandScope struct {
	Type   string `json:"type"`
	ChatID int64  `json:"chat_id,omitempty"`
	UserID int64  `json:"user_id,omitempty"`
}

// ScopedCommands is one setMyCommands call with a scope other than the
// default.
type ScopedCommands struct {
	Scope    CommandScope
	Commands []BotCommand
}

// scopedMenus are the menus set for scopes other than the default, and
// every such call in order. They live beside Server's fields so the
// fake's own file stays as it is.
type scopedMenus struct {
	byChat map[int64][]BotCommand
	calls  []ScopedCommands
}

// setScopedCommands records a setMyCommands call whose scope is not the
// default; ok is false when the call had the default scope (or none), for
// the caller to record as the default menu.
func (s *Server) setScopedCommands(w http.ResponseWriter, r *http.Request, cmds []BotCommand) (handled bool) {
	raw := r.FormValue("scope")
	if raw == "" {
		return false
	}
	var scope CommandScope
	if err := json.Unmarshal([]byte(raw), &scope); err != nil {
		writeError(w, http.StatusBadRequest, "Bad Request: can't parse BotCommandScope JSON object", 0)
		return true
	}
	switch scope.Type {
	case "default":
		return false
	case "chat":
		if scope.ChatID == 0 {
			writeError(w, http.StatusBadRequest, "Bad Request: chat_id is empty", 0)
			return true
		}
	case "all_private_chats", "all_group_chats", "all_chat_administrators", "chat_administrators", "chat_member":
	default:
		writeError(w, http.StatusBadRequest, "Bad Request: unsupported bot command scope type", 0)
		return true
	}
	s.mu.Lock()
	if s.menus.byChat == nil {
		s.menus.byChat = map[int64][]BotCommand{}
	}
	if scope.Type == "chat" {
		if len(cmds) == 0 {
			delete(s.menus.byChat, scope.ChatID)
		} else {
			s.menus.byChat[scope.ChatID] = cmds
		}
	}
	s.menus.calls = append(s.menus.calls, ScopedCommands{Scope: scope, Commands: cmds})
	s.notify()
	s.mu.Unlock()
	writeOK(w, true)
	return true
}

// deleteMyCommands drops a scope's menu (the chat then sees the default).
func (s *Server) deleteMyCommands(w http.ResponseWriter, r *http.Request) {
	if s.setScopedCommands(w, r, nil) {
		return
	}
	s.mu.Lock()
	s.commands = nil
	s.mu.Unlock()
	writeOK(w, true)
}

// ChatCommands is the menu set for one chat (BotCommandScopeChat); nil
// when none was set, and the chat sees the default menu (Commands).
func (s *Server) ChatCommands(chatID int64) []BotCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]BotCommand(nil), s.menus.byChat[chatID]...)
}

// ScopedCalls are the setMyCommands calls with a scope other than the
// default, in order.
func (s *Server) ScopedCalls() []ScopedCommands {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]ScopedCommands(nil), s.menus.calls...)
}
