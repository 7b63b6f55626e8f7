package bot

import "testing"

// An update's id is read without decoding it, and a text that quotes the
// key does not fool the read.
func TestUpdateIDRead(t *testing.T) {
	for raw, want := range map[string]int{
		`{"update_id":42,"message":{"text":"x"}}`:                 42,
		`{"message":{"text":"\"update_id\":7,"},"update_id":43}`:  43,
		`{"callback_query":{"data":"a"},"update_id":44}`:          44,
		`{"update_id" : 45}`:                                      45,
		`{"message":{"text":"{\"update_id\":9}"},"update_id":46}`: 46,
		`{"update_id":47}`:                                        47,
	} {
		if got, err := updateID([]byte(raw)); err != nil || got != want {
			t.Errorf("updateID(%s) = %d, %v; want %d", raw, got, err, want)
		}
	}
	if _, err := updateID([]byte(`{"update_id":`)); err == nil {
		t.Error("a cut update read without an error")
	}
}
