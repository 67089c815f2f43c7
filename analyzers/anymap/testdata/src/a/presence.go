package a

import "encoding/json"

// The message says "missing" only where the key's presence is not
// checked.

func presenceChecked(data []byte) (string, float64) {
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return "", 0
	}
	if _, ok := m["kind"]; !ok {
		return "", 0
	}
	v, _ := m["version"].(float64)
	return m["kind"].(string), v // want `m decoded into map\[string\]any, then read as version float64, kind string, and a differently typed kind panics \(unchecked assertion\): decode into a struct with those fields`
}

func nilChecked(data []byte) (string, float64) {
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return "", 0
	}
	if m["name"] == nil {
		return "", 0
	}
	n, _ := m["size"].(float64)
	return m["name"].(string), n // want `m decoded into map\[string\]any, then read as size float64, name string, and a differently typed name panics \(unchecked assertion\)`
}

func partlyChecked(data []byte) (string, string) {
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return "", ""
	}
	if _, ok := m["a"]; !ok {
		return "", ""
	}
	return m["a"].(string), m["b"].(string) // want `m decoded into map\[string\]any, then read as a string, b string, and a missing or differently typed a or b panics \(unchecked assertion\)`
}
