// Package flows is the chat layer: the conversations users have with the
// bot. Router takes one update at a time, loads the user's stored
// conversation, and hands the input to the form (binding a NIP, filing,
// /status) or to a registered command group (the admin console, /tinjau,
// /lapor, broadcasts, privacy); it saves the conversation with the replies,
// which it returns as values for the bot package to send. The form's steps
// are a looplab/fsm declaration (machine.go); the texts users read are kept
// together in texts*.go. Reminders is the background work that queues
// reminders through the outbox.
//
// flows reaches the database and Telegram through small interfaces it
// declares (Deps): the store and the bot satisfy them, and the domain types
// come from package karir.
package flows
