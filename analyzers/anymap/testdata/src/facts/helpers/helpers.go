// Package helpers holds the JSON helpers a service writes once and calls
// everywhere.
package helpers

import (
	"encoding/json"
	"fmt"
	"net/http"
)

func ReadJSON(r *http.Request, v any) error { // want ReadJSON:"decodes into v"
	return json.NewDecoder(r.Body).Decode(v)
}

func MustReadJSON(r *http.Request, dst any) { // want MustReadJSON:"decodes into dst"
	if err := ReadJSON(r, dst); err != nil {
		panic(err)
	}
}

type Codec struct{}

func (Codec) Unmarshal(data []byte, out any) error { // want Unmarshal:"decodes into out"
	return json.Unmarshal(data, out)
}

func Amount(order map[string]any) float64 { // want Amount:"reads order as total float64, currency string"
	total, _ := order["total"].(float64)
	if cur, ok := order["currency"].(string); ok && cur != "EUR" {
		return 0
	}
	return total
}

func Items(doc any) []string { // want Items:"reads doc as items\\[\\].sku string"
	var out []string
	for _, it := range doc.(map[string]any)["items"].([]any) {
		out = append(out, it.(map[string]any)["sku"].(string))
	}
	return out
}

// Validate takes a value to validate and decodes nothing: a parameter
// named like a target is not one.
func Validate(v any) error {
	if v == nil {
		return fmt.Errorf("nil")
	}
	return nil
}

// Encode writes its parameter as JSON: encoding is not decoding.
func Encode(w http.ResponseWriter, v any) error {
	return json.NewEncoder(w).Encode(v)
}

// Keys reads only the keys of a map parameter, no value types.
func Keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// LoadDefaults decodes into a variable of its own and returns it: its
// parameter is not a decode target, so it gets no decodes fact.
func LoadDefaults(data []byte, fallback any) any {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return fallback
	}
	return v
}

// DecodeCopy decodes into its own copy of the interface, not into what
// the caller passed: no decodes fact (the caller's value is untouched).
func DecodeCopy(data []byte, v any) error {
	return json.Unmarshal(data, &v)
}

// DecodeAll takes its targets as variadic arguments: the fact names single
// parameters, and a slice of targets is not one.
func DecodeAll(dec *json.Decoder, vs ...any) error {
	for _, v := range vs {
		if err := dec.Decode(v); err != nil {
			return err
		}
	}
	return nil
}

func GetFloat(m map[string]any, key string) float64 { // want GetFloat:"reads m as \\[key\\] float64"
	f, _ := m[key].(float64)
	return f
}

func GetPath(m map[string]any, obj, field string) string { // want GetPath:"reads m as \\[obj\\]\\[field\\] string"
	s, _ := m[obj].(map[string]any)[field].(string)
	return s
}

// Describe only prints the values of its map: no types are assumed, so no
// reads fact.
func Describe(m map[string]any) string {
	return fmt.Sprint(len(m), m["name"])
}

func Merge(dst, src map[string]any) { // want Merge:"reads src as version string"
	if v, ok := src["version"].(string); ok {
		dst["version"] = v
	}
}

// HasOwnProperty decodes body and reports whether key holds a string
// there (midtrans-go's helper): a fact carries the check to callers.
func HasOwnProperty(key string, body []byte) (bool, map[string]interface{}) { // want HasOwnProperty:"returns decoded JSON at 1" HasOwnProperty:"result 0 true only when \\[key\\] of result 1 is a string"
	d := make(map[string]interface{})
	_ = json.Unmarshal(body, &d)
	_, found := d[key].(string)
	return found, d
}
