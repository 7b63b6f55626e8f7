package karir

import "time"

// FormsImport is one import of forms filed outside the bot (on paper, or
// with Google Forms, before the bot opened): into which round, from which
// file, by whom. Each form's first milestone names the file and the admin,
// and Submission.ImportedFrom marks it.
type FormsImport struct {
	Round     string
	File      string
	ActorID   int64 // 0 from a terminal
	ActorName string
	Now       time.Time
	Loc       *time.Location
}
