package a

import (
	"encoding/json"
	"testing"
)

// TestOutputShape decodes an encoder's output into a map to check the JSON
// itself, independently of the types that produced it: the right way to
// test JSON output.
func TestOutputShape(t *testing.T) {
	var m map[string]any
	_ = json.Unmarshal([]byte(`{"red":3}`), &m)
	if m["red"].(float64) != 3 {
		t.Fatal("red")
	}
}
