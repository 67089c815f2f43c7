package a

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// processAnswers type-switches each value to the types JSON produces:
// every case is checked, a value of another type falls through, nothing
// panics or is silently lost. Not reported.
func processAnswers(answers map[string]interface{}) { // want processAnswers:"reads answers as each value float64 or bool or string"
	for key, value := range answers {
		switch v := value.(type) {
		case float64:
			fmt.Printf("number %s: %f\n", key, v)
		case bool:
			fmt.Printf("bool %s: %t\n", key, v)
		case string:
			fmt.Printf("string %s: %s\n", key, v)
		}
	}
}

type Attrs map[string]any

// Labels switches over the values of its receiver: a named map type is an
// API whose values are dynamic by design (log or span attributes).
func (a Attrs) Labels() []string {
	var out []string
	for k, v := range a {
		switch v := v.(type) {
		case string:
			out = append(out, k+"="+v)
		}
	}
	return out
}

// claims reads constant keys of a map parameter (a JWT's claims, say):
// the map may come from anywhere, so only a decode in view is reported.
func claims(c map[string]any) string { // want claims:"reads c as sub string"
	sub, _ := c["sub"].(string)
	return sub
}

// stringify switches on every value of a map it is given, recursing into
// nested objects: a generic converter of any JSON.
func stringify(m map[string]any) map[string]string {
	out := make(map[string]string)
	for k, v := range m {
		switch v := v.(type) {
		case string:
			out[k] = v
		case float64:
			out[k] = strconv.FormatFloat(v, 'g', -1, 64)
		case map[string]any:
			for k2, v2 := range stringify(v) {
				out[k+"."+k2] = v2
			}
		}
	}
	return out
}

// sliceParam type-switches over its variadic arguments: a list
// of heterogeneous values is often the API (log fields, SQL arguments).
func sliceParam(args ...any) int {
	n := 0
	for _, a := range args {
		switch a.(type) {
		case string:
			n++
		}
	}
	return n
}

// assertInRange asserts, rather than switches, in a range over a map
// parameter: a map of one type of value, not a bag of JSON.
func assertInRange(m map[string]any) []string { // want assertInRange:"reads m as each value string"
	var out []string
	for _, v := range m {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// decodeThenProcess hands the decoded map to processAnswers, whose reads
// are all checked: nothing panics or is lost. Not reported.
func decodeThenProcess(data []byte) {
	var answers map[string]any
	_ = json.Unmarshal(data, &answers)
	processAnswers(answers)
}

// applySettings reads retries with a checked assertion and switches
// over the values: checked reads of JSON types, nothing to fix.
func applySettings(settings map[string]any) (n int) { // want applySettings:"reads settings as retries float64, each value bool or string"
	if r, ok := settings["retries"].(float64); ok {
		n = int(r)
	}
	for _, v := range settings {
		switch v.(type) {
		case bool:
			n++
		case string:
			n--
		}
	}
	return n
}

// containerParam switches on the values of a map parameter only to tell
// objects from arrays: structural, nothing about the leaves is assumed.
func containerParam(m map[string]any) (objects, arrays int) {
	for _, v := range m {
		switch v.(type) {
		case map[string]any:
			objects++
		case []any:
			arrays++
		}
	}
	return objects, arrays
}

// interfaceCases switches on behaviours, not on JSON types.
func interfaceCases(m map[string]any) []string {
	var out []string
	for _, v := range m {
		switch v := v.(type) {
		case error:
			out = append(out, v.Error())
		case fmt.Stringer:
			out = append(out, v.String())
		}
	}
	return out
}

// nestedRange switches on the values of a map read from the parameter, not
// of the parameter itself: only a decode in view makes those a finding.
func nestedRange(doc map[string]any) int { // want nestedRange:"reads doc as meta\\[\\*\\] string"
	n := 0
	for _, v := range doc["meta"].(map[string]any) {
		switch v.(type) {
		case string:
			n++
		}
	}
	return n
}

// toStrings converts every value to a string, special-casing a few types
// and formatting any other: a converter that accepts any value.
func toStrings(m map[string]any) map[string]string {
	out := make(map[string]string)
	for k, v := range m {
		switch v := v.(type) {
		case string:
			out[k] = v
		case bool:
			out[k] = strconv.FormatBool(v)
		default:
			out[k] = fmt.Sprint(v)
		}
	}
	return out
}

// strictTypes rejects, with an error, a value that is not a string or a
// bool: the type switch is the validation. Not reported.
func strictTypes(m map[string]any) error { // want strictTypes:"reads m as each value string or bool"
	for k, v := range m {
		switch v.(type) {
		case string, bool:
		default:
			return fmt.Errorf("%s: unsupported type %T", k, v)
		}
	}
	return nil
}

// encodeAttrs turns attributes into strings, switching over every scalar
// kind: int and int64 are never decoded from JSON, so the map holds Go
// values the program put there, and no decode is in its origin.
func encodeAttrs(attrs map[string]any) []string { // want encodeAttrs:"reads attrs as each value string or bool or int or int64 or float64"
	var out []string
	for k, v := range attrs {
		switch v := v.(type) {
		case string:
			out = append(out, k+"="+v)
		case bool:
			out = append(out, k+"="+strconv.FormatBool(v))
		case int:
			out = append(out, k+"="+strconv.Itoa(v))
		case int64:
			out = append(out, k+"="+strconv.FormatInt(v, 10))
		case float64:
			out = append(out, k+"="+strconv.FormatFloat(v, 'g', -1, 64))
		}
	}
	return out
}

// scoreAnswers switches each value to float64 or json.Number (a decoder
// with UseNumber): both are what JSON produces, both checked.
func scoreAnswers(answers map[string]any) float64 { // want scoreAnswers:"reads answers as each value float64 or json.Number"
	total := 0.0
	for _, value := range answers {
		switch v := value.(type) {
		case float64:
			total += v
		case json.Number:
			f, _ := v.Float64()
			total += f
		}
	}
	return total
}

func applyLimits(limits map[string]any) (n int) { // want `parameter limits map\[string\]any: unchecked read of name as string panics if missing or differently typed` applyLimits:"reads limits as name string, each value float64 or string, panicking on name"
	name := limits["name"].(string)
	for _, v := range limits {
		switch v.(type) {
		case float64:
			n++
		case string:
			n--
		}
	}
	return n + len(name)
}
