package a

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// Reads that always fail: encoding/json stores a number as float64 (or
// json.Number), an array as []any and an object as map[string]any, never
// as an int, a []string or a struct.

func portChecked(data []byte) int {
	var m map[string]any
	_ = json.Unmarshal(data, &m)
	if p, ok := m["port"].(int); ok { // want `m decoded into map\[string\]any: read of port as int always fails \(a type decoded JSON never holds\)`
		return p
	}
	return 8080
}

func tagsChecked(data []byte) []string {
	var m map[string]any
	_ = json.Unmarshal(data, &m)
	name, _ := m["name"].(string)
	tags, _ := m["tags"].([]string) // want `m decoded into map\[string\]any: read of tags as \[\]string always fails \(a type decoded JSON never holds\)`
	return append(tags, name)
}

func switchWithoutFloat(data []byte) string {
	var m map[string]any
	_ = json.Unmarshal(data, &m)
	switch v := m["id"].(type) { // want `m decoded into map\[string\]any: read of id as int always fails \(a type decoded JSON never holds\)`
	case int:
		return strconv.Itoa(v)
	case string:
		return v
	}
	return ""
}

type limits struct{ Max int }

func structAsserted(data []byte) int {
	var m map[string]any
	_ = json.Unmarshal(data, &m)
	if l, ok := m["limits"].(limits); ok { // want `m decoded into map\[string\]any: read of limits as limits always fails \(a type decoded JSON never holds\)`
		return l.Max
	}
	return 0
}

func portUnchecked(data []byte) int {
	var m map[string]any
	_ = json.Unmarshal(data, &m)
	return m["port"].(int) // want `m decoded into map\[string\]any: unchecked read of port as int always panics \(a type decoded JSON never holds\)`
}

// portOf reads port as an int, checked: harmless on a map the program
// fills, always false on decoded JSON, which its caller decides.
func portOf(m map[string]any) int { // want portOf:"reads m as port int, never matching port int"
	p, _ := m["port"].(int)
	return p
}

func portThroughHelper(data []byte) int {
	var m map[string]any
	_ = json.Unmarshal(data, &m)
	return portOf(m) // want `m decoded into map\[string\]any: read of port as int always fails \(a type decoded JSON never holds\)`
}

// numberEitherWay has a case for int beside the one for float64: the int
// case is dead code on decoded JSON, but the number is handled.
func numberEitherWay(data []byte) float64 {
	var m map[string]any
	_ = json.Unmarshal(data, &m)
	switch v := m["n"].(type) {
	case int:
		return float64(v)
	case float64:
		return v
	}
	return 0
}

// stampedHere writes created itself before reading it back: the
// program's own time.Time is there, not JSON.
func stampedHere(data []byte) time.Time {
	var m map[string]any
	_ = json.Unmarshal(data, &m)
	if _, ok := m["created"]; !ok {
		m["created"] = time.Now()
	}
	t, _ := m["created"].(time.Time)
	return t
}

// useNumber reads a number as json.Number, checked: a decoder with
// UseNumber produces exactly that.
func useNumber(d *json.Decoder) string {
	var m map[string]any
	d.UseNumber()
	_ = d.Decode(&m)
	if n, ok := m["id"].(json.Number); ok {
		return n.String()
	}
	return ""
}

// programValues asserts a []string on a map parameter that no decode in
// view fills: the program may well have put a []string there.
func programValues(m map[string]any) []string { // want programValues:"reads m as tags \\[\\]string, never matching tags \\[\\]string"
	tags, _ := m["tags"].([]string)
	return tags
}

// checkedOnly reads every key checked, to the types JSON produces: a
// missing or mistyped value takes the other branch. Not reported.
func checkedOnly(data []byte) {
	var m map[string]any
	_ = json.Unmarshal(data, &m)
	if s, ok := m["status"].(string); ok {
		fmt.Println(s)
	}
	if n, ok := m["count"].(float64); ok {
		fmt.Println(n)
	}
	if items, ok := m["items"].([]any); ok {
		fmt.Println(len(items))
	}
}
