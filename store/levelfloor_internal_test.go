package store

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
)

func TestLevelFloorPassesOnlyErrorsWithTheirAttributes(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(levelFloor{next: slog.NewTextHandler(&buf, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	}), floor: slog.LevelError})
	// Three steps, so the slice of steps has room for a fourth that two
	// derived loggers could overwrite in each other.
	conn := log.With("conn", 1).WithGroup("sql").With("db", "openkarir")
	a, b := conn.With("q", "INSERT"), conn.With("q", "SELECT")
	a.Warn("dropped")
	b.Error("kept", "err", "boom")
	want := "level=ERROR msg=kept conn=1 sql.db=openkarir sql.q=SELECT sql.err=boom\n"
	if got := buf.String(); got != want {
		t.Fatalf("logged %q, want %q", got, want)
	}
	buf.Reset()
	a.Error("kept too")
	if got := buf.String(); !strings.Contains(got, "sql.q=INSERT") || strings.Contains(got, "SELECT") {
		t.Fatalf("a sibling logger's attributes leaked: %q", got)
	}
}
