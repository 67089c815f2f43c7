package anymap

import (
	"fmt"
	"strings"
)

// Decodes marks a function that decodes JSON into some of its parameters,
// directly (json.Unmarshal(data, v)) or through another such function, so
// that a caller's readJSON(r, &body) is a decode into body.
type Decodes struct {
	Params []int    // indexes of the parameters decoded into
	Names  []string // their names, for the fact's text
	// YAML is set when the decode is YAML's, which stores an int for
	// 8080 where encoding/json stores a float64.
	YAML bool
}

// AFact marks Decodes as an analysis fact.
func (*Decodes) AFact() {}

func (f *Decodes) String() string {
	return "decodes into " + strings.Join(f.Names, ", ")
}

// Reads marks a function that asserts concrete types on values read from a
// map[string]any (or []any, or any) parameter, so that a caller that
// decodes into a map and passes it on is reported with the callee's reads.
type Reads struct {
	Params []ParamReads
}

// ParamReads lists what a function reads from one parameter.
type ParamReads struct {
	Index int
	Name  string
	Items []Item
	// Panics lists the paths asserted with the single-value form,
	// x["k"].(string), unguarded by a checked assertion: a missing or
	// differently typed value there panics.
	Panics [][]string
	// Lost lists the paths asserted, checked or not, to a type that
	// encoding/json never produces (tags []string), with no read of the
	// type it does produce there: on decoded JSON the read always fails.
	Lost []Item
}

// Item is one path read from a parameter and the types asserted on it.
// A path segment is a key, "*" for every value of a map (a range) or "[]"
// for the elements of a slice.
type Item struct {
	Path  []string
	Types []string
}

// AFact marks Reads as an analysis fact.
func (*Reads) AFact() {}

func (f *Reads) String() string {
	var parts []string
	for _, p := range f.Params {
		part := fmt.Sprintf("reads %s as %s", p.Name, itemList(p.Items))
		if len(p.Panics) > 0 {
			part += ", panicking on " + pathsString(p.Panics)
		}
		if len(p.Lost) > 0 {
			part += ", never matching " + itemList(p.Lost)
		}
		parts = append(parts, part)
	}
	return strings.Join(parts, "; ")
}

// DecodedField marks a field of map[string]any (or []any, or any) type of
// a struct that JSON is decoded into, in this package or through a
// function that decodes, so that another package reading the field key by
// key knows the map holds decoded JSON (a client library's response type:
// Secret.Data).
type DecodedField struct{}

// AFact marks DecodedField as an analysis fact.
func (*DecodedField) AFact() {}

func (*DecodedField) String() string { return "decoded from JSON" }

// pathsString renders paths joined by "or": "pain_level or user.name".
func pathsString(paths [][]string) string {
	var parts []string
	for _, p := range paths {
		parts = append(parts, pathString(p))
	}
	return strings.Join(parts, " or ")
}

// itemList renders items as the message lists them:
// "pain_level float64, took_medication bool, each value string or bool".
func itemList(items []Item) string {
	var parts []string
	for _, it := range items {
		parts = append(parts, pathString(it.Path)+" "+strings.Join(it.Types, " or "))
	}
	return strings.Join(parts, ", ")
}

// pathString renders a path as a JSON-path-like string: keys joined by
// dots, "[]" for slice elements, "[*]" for every value of a map. The values
// of the root map read "each value", its elements "each element".
func pathString(path []string) string {
	switch {
	case len(path) == 1 && path[0] == "*":
		return "each value"
	case len(path) == 1 && path[0] == "[]":
		return "each element"
	}
	var b strings.Builder
	for _, seg := range path {
		switch seg {
		case "*":
			b.WriteString("[*]")
		case "[]":
			b.WriteString("[]")
		default:
			if _, name, ok := parseKeyParamSeg(seg); ok {
				b.WriteString("[" + name + "]")
				continue
			}
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(seg)
		}
	}
	return b.String()
}

// DecodesResult marks a function that returns, at the listed results,
// JSON it decoded into a map[string]any (or []any, any, or a map of such
// maps) and returned untouched, so that a caller's info, _ := agent.Self()
// is a decode into info.
type DecodesResult struct {
	Results []int
	YAML    bool // decoded from YAML, as for Decodes
}

// AFact marks DecodesResult as an analysis fact.
func (*DecodesResult) AFact() {}

func (f *DecodesResult) String() string {
	parts := make([]string, len(f.Results))
	for i, r := range f.Results {
		parts[i] = fmt.Sprint(r)
	}
	return "returns decoded JSON at " + strings.Join(parts, ", ")
}
