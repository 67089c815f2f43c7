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
	return m["kind"].(string), v // want `m decoded into map\[string\]any: unchecked read of kind as string panics if differently typed`
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
	return m["name"].(string), n // want `m decoded into map\[string\]any: unchecked read of name as string panics if differently typed`
}

func partlyChecked(data []byte) (string, string) {
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return "", ""
	}
	if _, ok := m["a"]; !ok {
		return "", ""
	}
	return m["a"].(string), m["b"].(string) // want `m decoded into map\[string\]any: unchecked reads of a as string and b as string panic if missing or differently typed`
}

// Past three wrong reads the message names the first two and counts the
// rest; every read is still a related position.

func manyReads(data []byte) []string {
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return nil
	}
	return []string{m["a"].(string), m["b"].(string), m["c"].(string), m["d"].(string), m["e"].(string)} // want `m decoded into map\[string\]any: unchecked reads of a as string, b as string and 3 other paths panic if missing or differently typed`
}

func threeReads(data []byte) []string {
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return nil
	}
	return []string{m["a"].(string), m["b"].(string), m["c"].(string)} // want `m decoded into map\[string\]any: unchecked reads of a as string, b as string and c as string panic if missing or differently typed`
}
