package anymap

import (
	"strconv"
	"strings"
	"unicode"
)

// A shape is what the reads tell about one JSON value: its keys in the
// order first read, the values of a map read over a range, the elements of
// a slice, and the types asserted on the value itself.
type shape struct {
	keys   []string
	fields map[string]*shape
	values *shape // "*"
	elems  *shape // "[]"
	types  []string
}

func (s *shape) at(seg string) *shape {
	switch seg {
	case "*":
		if s.values == nil {
			s.values = new(shape)
		}
		return s.values
	case "[]":
		if s.elems == nil {
			s.elems = new(shape)
		}
		return s.elems
	}
	if s.fields == nil {
		s.fields = make(map[string]*shape)
	}
	f, ok := s.fields[seg]
	if !ok {
		f = new(shape)
		s.fields[seg] = f
		s.keys = append(s.keys, seg)
	}
	return f
}

// suggestType renders the Go type the items describe, on one line: a
// struct with a json-tagged field per key, maps and slices for ranges,
// and any where a value was asserted to more than one type.
func suggestType(items []Item) string {
	top := new(shape)
	for _, it := range items {
		s := top
		for _, seg := range it.Path {
			s = s.at(seg)
		}
		s.types = append(s.types, it.Types...)
	}
	return top.goType()
}

func (s *shape) goType() string {
	switch {
	case len(s.keys) > 0:
		var b strings.Builder
		b.WriteString("struct { ")
		used := make(map[string]bool)
		for i, k := range s.keys {
			if i > 0 {
				b.WriteString("; ")
			}
			name := fieldName(k, used)
			b.WriteString(name + " " + s.fields[k].goType() + " `json:" + strconv.Quote(k) + "`")
		}
		b.WriteString(" }")
		return b.String()
	case s.values != nil:
		return "map[string]" + s.values.goType()
	case s.elems != nil:
		return "[]" + s.elems.goType()
	case len(s.types) == 1:
		return s.types[0]
	}
	return "any"
}

// fieldName turns a JSON key into an exported Go identifier:
// "pain_level" → PainLevel, "user-id" → UserID, "id" → ID.
func fieldName(key string, used map[string]bool) string {
	var b strings.Builder
	for w := range strings.FieldsFuncSeq(key, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if strings.EqualFold(w, "id") || strings.EqualFold(w, "url") || strings.EqualFold(w, "http") || strings.EqualFold(w, "json") || strings.EqualFold(w, "api") {
			b.WriteString(strings.ToUpper(w))
			continue
		}
		rs := []rune(w)
		rs[0] = unicode.ToUpper(rs[0])
		b.WriteString(string(rs))
	}
	name := b.String()
	if name == "" || !unicode.IsLetter([]rune(name)[0]) {
		name = "F" + name
	}
	base := name
	for n := 2; used[name]; n++ {
		name = base + strconv.Itoa(n)
	}
	used[name] = true
	return name
}
