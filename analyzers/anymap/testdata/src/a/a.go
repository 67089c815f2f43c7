package a

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
)

func unmarshalKeys(data []byte) error {
	var body map[string]any
	if err := json.Unmarshal(data, &body); err != nil {
		return err
	}
	level := body["pain_level"].(float64) // want `body decoded into map\[string\]any: unchecked read of pain_level as float64 panics if missing or differently typed`
	took, _ := body["took_medication"].(bool)
	if s, ok := body["symptoms"].(string); ok {
		fmt.Println(level, took, s)
	}
	return nil
}

// decoderInterface switches each decoded value to float64, bool or
// string: checked, to the types JSON produces. Not reported.
func decoderInterface(r *http.Request) {
	answers := map[string]interface{}{}
	_ = json.NewDecoder(r.Body).Decode(&answers)
	for key, value := range answers {
		switch v := value.(type) {
		case float64:
			fmt.Println(key, v)
		case bool:
			fmt.Println(key, v)
		case string:
			fmt.Println(key, v)
		}
	}
}

func throughVariables(data []byte) {
	var v any
	_ = json.Unmarshal(data, &v)
	m, ok := v.(map[string]any)
	if !ok {
		return
	}
	user := m["user"].(map[string]any) // want `v decoded into any: unchecked reads of user\.name as string, user\.age as float64 and tags\[\] as string panic if missing or differently typed`
	name := user["name"]
	fmt.Println(name.(string), user["age"].(float64))
	for _, t := range m["tags"].([]any) {
		fmt.Println(t.(string))
	}
}

const keyID = "id"

func namedConstantKey(data []byte) {
	var items []any
	_ = json.Unmarshal(data, &items)
	for _, it := range items {
		obj := it.(map[string]any) // want `items decoded into \[\]any: unchecked read of \[\]\.id as float64 panics if missing or differently typed`
		fmt.Println(obj[keyID].(float64))
	}
}

// switchOnKey accepts an amount as a number or a string, in a type
// switch: a value of either kind is handled, any other ignored.
func switchOnKey(data []byte) {
	var body map[string]any
	_ = json.Unmarshal(data, &body)
	switch a := body["amount"].(type) {
	case float64:
		fmt.Println(a)
	case string:
		fmt.Println(strconv.Quote(a))
	case nil:
	}
}

// proxy decodes a body only to check it is JSON and passes the map on
// untouched: nothing is read by hand.
func proxy(w io.Writer, data []byte) error {
	var body map[string]any
	if err := json.Unmarshal(data, &body); err != nil {
		return err
	}
	return json.NewEncoder(w).Encode(body)
}

// printOnly only prints and nil-checks the values: no type is assumed.
func printOnly(data []byte) {
	var body map[string]any
	_ = json.Unmarshal(data, &body)
	if body["error"] != nil {
		fmt.Println("error:", body["error"])
	}
	for k, v := range body {
		fmt.Println(k, v)
	}
}

// rawMessage keeps undecoded values as json.RawMessage and decodes each
// into a type later: the schema lives in types.
func rawMessage(data []byte) error {
	var body map[string]json.RawMessage
	if err := json.Unmarshal(data, &body); err != nil {
		return err
	}
	var n int
	return json.Unmarshal(body["count"], &n)
}

// computedKey reads values under keys the caller chose: a generic lookup,
// not a schema the code knows.
func computedKey(data []byte, key string) (string, bool) {
	var body map[string]any
	_ = json.Unmarshal(data, &body)
	s, ok := body[key].(string)
	return s, ok
}

// interfaceAssertion asserts an interface type: a behaviour, not a JSON
// shape.
func interfaceAssertion(data []byte) {
	var body map[string]any
	_ = json.Unmarshal(data, &body)
	if s, ok := body["name"].(fmt.Stringer); ok {
		fmt.Println(s)
	}
}

func structField(data []byte) {
	var body struct {
		ID    string         `json:"id"`
		Extra map[string]any `json:"extra"`
	}
	_ = json.Unmarshal(data, &body)
	fmt.Println(body.ID, body.Extra["color"].(string)) // want `body\.Extra decoded into map\[string\]any: unchecked read of color as string panics if missing or differently typed`
}

// structFieldStored decodes into a struct whose free-form field is kept as
// it is: the typed part is typed, the rest is stored untouched.
func structFieldStored(data []byte, store map[string]map[string]any) {
	var body struct {
		ID    string         `json:"id"`
		Extra map[string]any `json:"extra"`
	}
	_ = json.Unmarshal(data, &body)
	if body.Extra["color"] != nil {
		store[body.ID] = body.Extra
	}
}

// containersOnly tells objects from arrays and passes them on, never
// assuming the type of a leaf value: generic JSON handling.
func containersOnly(data []byte) []map[string]any {
	var v any
	_ = json.Unmarshal(data, &v)
	switch t := v.(type) {
	case map[string]any:
		return []map[string]any{t}
	case []any:
		var out []map[string]any
		for _, e := range t {
			if m, ok := e.(map[string]any); ok {
				out = append(out, m)
			}
		}
		return out
	}
	return nil
}

// rootScalar decodes any JSON value and asserts on the whole value, not on
// a key read from it: there is no object to describe as a struct.
func rootScalar(data []byte) string {
	var v any
	_ = json.Unmarshal(data, &v)
	s, _ := v.(string)
	return s
}

// walk converts any JSON into strings, recursing into objects and arrays:
// generic JSON tooling, for which map[string]any is the right type.
func walk(v any, out map[string]string, prefix string) {
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			walk(e, out, prefix+"."+k)
		}
	case []any:
		for i, e := range t {
			walk(e, out, prefix+"."+strconv.Itoa(i))
		}
	case string:
		out[prefix] = t
	case float64:
		out[prefix] = strconv.FormatFloat(t, 'g', -1, 64)
	}
}

// walkDecoded hands the decoded value to the generic walker above.
func walkDecoded(data []byte) map[string]string {
	var v any
	_ = json.Unmarshal(data, &v)
	out := make(map[string]string)
	walk(v, out, "")
	return out
}

// tuple decodes a JSON array read by position, such as JSON-RPC's
// positional params: encoding/json has no struct for a tuple.
func tuple(data []byte) (string, any) {
	var v []any
	_ = json.Unmarshal(data, &v)
	if len(v) < 2 {
		return "", nil
	}
	return v[0].(string), v[1]
}

// reencoded special-cases a string under a key and encodes any other value
// back to JSON: the key holds arbitrary JSON by design (found in go-zero's
// logx/logtest).
func reencoded(data []byte) string {
	var m map[string]interface{}
	if err := json.Unmarshal(data, &m); err != nil {
		return ""
	}
	content, ok := m["content"]
	if !ok {
		return ""
	}
	switch val := content.(type) {
	case string:
		return val
	default:
		bs, _ := json.Marshal(content)
		return string(bs)
	}
}

type dockerContext struct {
	Description string
	Extra       map[string]any
}

func rangeKeySwitch(payload []byte, dc *dockerContext) error {
	var data map[string]any
	if err := json.Unmarshal(payload, &data); err != nil {
		return err
	}
	for k, v := range data {
		switch k {
		case "Description":
			dc.Description = v.(string) // want `data decoded into map\[string\]any: unchecked reads of Description as string and priority as float64 panic if differently typed`
		default:
			dc.Extra[k] = v
		}
		if k == "priority" {
			fmt.Println(v.(float64))
		}
	}
	return nil
}

// audience is a claim that is a string or an array of strings.
type audience []string

// UnmarshalJSON is a custom decoder for a value that is a string or an
// array: decoding into any and switching is how it is done (found in
// golang-jwt's ClaimStrings).
func (a *audience) UnmarshalJSON(data []byte) error {
	var value any
	if err := json.Unmarshal(data, &value); err != nil {
		return err
	}
	switch v := value.(type) {
	case string:
		*a = audience{v}
	case []any:
		for _, e := range v {
			s, ok := e.(string)
			if !ok {
				return fmt.Errorf("audience: %T", e)
			}
			*a = append(*a, s)
		}
	}
	return nil
}

type schema struct {
	Ref        string
	Extensions map[string]any
}

func (s *schema) fromMap(m map[string]any) { // want fromMap:"reads m as \\$ref string"
	if r, ok := m["$ref"].(string); ok {
		s.Ref = r
	}
}

// UnmarshalJSON reads the known keys and keeps every other one as an
// extension: the map is needed for the unknown keys (found in go-openapi's
// spec.Schema).
func (s *schema) UnmarshalJSON(data []byte) error {
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	s.fromMap(m)
	delete(m, "$ref")
	s.Extensions = m
	return nil
}
