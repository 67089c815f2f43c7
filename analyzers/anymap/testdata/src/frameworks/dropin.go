package frameworks

import (
	"fmt"
	"net/http"

	"github.com/bytedance/sonic"
	gojson "github.com/goccy/go-json"
	jsoniter "github.com/json-iterator/go"
)

// Drop-in replacements for encoding/json decode a map[string]any the same
// way: the same unchecked reads panic.
func bulkDelete(body []byte) string {
	var vm map[string]any
	if err := gojson.Unmarshal(body, &vm); err != nil {
		return ""
	}
	return vm["_index"].(string) // want `vm decoded into map\[string\]any: unchecked read of _index as string panics if missing or differently typed`
}

func decodeStream(r *http.Request) {
	var doc map[string]any
	if err := gojson.NewDecoder(r.Body).Decode(&doc); err != nil {
		return
	}
	fmt.Println(doc["id"].(string)) // want `doc decoded into map\[string\]any: unchecked read of id as string panics if missing or differently typed`
}

var fastJSON = jsoniter.ConfigCompatibleWithStandardLibrary

func iterDecode(body []byte) float64 {
	var m map[string]any
	_ = fastJSON.Unmarshal(body, &m)
	return m["count"].(float64) // want `m decoded into map\[string\]any: unchecked read of count as float64 panics if missing or differently typed`
}

func sonicDecode(s string) string {
	var m map[string]any
	_ = sonic.UnmarshalString(s, &m)
	return m["name"].(string) // want `m decoded into map\[string\]any: unchecked read of name as string panics if missing or differently typed`
}

// Checked reads of the same decodes: not reported.
func sonicChecked(s string) string {
	var m map[string]any
	_ = sonic.Unmarshal([]byte(s), &m)
	name, _ := m["name"].(string)
	return name
}

func iterChecked(body []byte) float64 {
	var m map[string]any
	_ = jsoniter.Unmarshal(body, &m)
	if n, ok := m["count"].(float64); ok {
		return n
	}
	return 0
}
