package roster

import (
	"bytes"
	"testing"
)

// An Upload's text is read as it is: the import of an uploaded file does
// not decode it a second time.
func TestUploadNotDecodedAgain(t *testing.T) {
	u, err := ReadUpload(Sample, ChatLimits())
	if err != nil {
		t.Fatal(err)
	}
	text, err := textOf(u, ChatLimits())
	if err != nil || len(text) == 0 || &text[0] != &u.text[0] {
		t.Fatalf("textOf(Upload) made a new text (%v)", err)
	}
	if again, err := textOf(bytes.NewReader(Sample), ChatLimits()); err != nil || &again[0] == &u.text[0] {
		t.Fatalf("a plain reader is not decoded: %v", err)
	}
}
