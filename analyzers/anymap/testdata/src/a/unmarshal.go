package a

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"gopkg.in/yaml.v3"
)

type dockerMeta struct {
	Name        string
	Description string
}

// The shape of docker/cli's DockerContext.UnmarshalJSON: a meta.json edited
// by hand with a numeric description takes the CLI down.
func (dc *dockerMeta) UnmarshalJSON(payload []byte) error {
	var data map[string]any
	if err := json.Unmarshal(payload, &data); err != nil {
		return err
	}
	for k, v := range data {
		if k == "Description" {
			dc.Description = v.(string) // want `data decoded into map\[string\]any: unchecked read of Description as string panics if differently typed`
		}
	}
	return nil
}

type plugin struct {
	Kind    string
	Version int
}

func (p *plugin) fromMap(m map[string]any) { // want fromMap:"reads m as kind string, version float64, panicking on kind"
	p.Kind = m["kind"].(string)
	if v, ok := m["version"].(float64); ok {
		p.Version = int(v)
	}
}

func (p *plugin) UnmarshalJSON(data []byte) error {
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	p.fromMap(m) // want `m decoded into map\[string\]any: unchecked read of kind as string panics if missing or differently typed`
	return nil
}

type service struct {
	Image string
	Port  int
}

// UnmarshalYAML reads port as an int: YAML, unlike encoding/json, stores
// an int for 8080, so that read is not one that always fails; the
// unchecked image is reported.
func (s *service) UnmarshalYAML(unmarshal func(any) error) error {
	var m map[string]any
	if err := unmarshal(&m); err != nil {
		return err
	}
	s.Image = m["image"].(string) // want `m decoded into map\[string\]any: unchecked read of image as string panics if missing or differently typed`
	s.Port, _ = m["port"].(int)
	return nil
}

type volume struct {
	Source string
}

func (v *volume) UnmarshalYAML(node *yaml.Node) error {
	var m map[string]any
	if err := node.Decode(&m); err != nil {
		return err
	}
	v.Source = m["source"].(string) // want `m decoded into map\[string\]any: unchecked read of source as string panics if missing or differently typed`
	return nil
}

// port is a value written as a number or a string ("8080"): a type switch
// in a custom decoder is how that is done, and it cannot panic. Its case
// int is how YAML stores the number.
type port int

// UnmarshalYAML reads a number or a string, checking each: nothing panics.
func (p *port) UnmarshalYAML(unmarshal func(any) error) error {
	var m map[string]any
	if err := unmarshal(&m); err != nil {
		return err
	}
	switch v := m["port"].(type) {
	case int:
		*p = port(v)
	case string:
		n, err := strconv.Atoi(v)
		if err != nil {
			return err
		}
		*p = port(n)
	}
	return nil
}

type labelled struct {
	ID string
}

// UnmarshalJSON asserts unchecked only inside the case of a type switch
// that already proved the type: it cannot panic.
func (l *labelled) UnmarshalJSON(data []byte) error {
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	switch m["id"].(type) {
	case string:
		l.ID = m["id"].(string)
	case float64:
		l.ID = strconv.FormatFloat(m["id"].(float64), 'f', -1, 64)
	}
	return nil
}

type rawDoc struct {
	Raw map[string]any
}

// UnmarshalJSON keeps the whole document as it came: passed through
// untouched, nothing is read.
func (d *rawDoc) UnmarshalJSON(data []byte) error {
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	d.Raw = m
	return nil
}

// guardedElsewhere asserts count unchecked only after a checked assertion
// of the same key and type returned on failure: it cannot panic.
func guardedElsewhere(data []byte) int {
	var m map[string]any
	_ = json.Unmarshal(data, &m)
	if _, ok := m["count"].(float64); !ok {
		return 0
	}
	return int(m["count"].(float64))
}

func headers(w http.ResponseWriter, data []byte) {
	var h map[string]any
	_ = json.Unmarshal(data, &h)
	for k, v := range h {
		w.Header().Set(k, v.(string)) // want `h decoded into map\[string\]any: unchecked read of each value as string panics if differently typed`
	}
}

// headersAnyType copies headers of any type, formatting each: the keys
// and the values are data, and no type is assumed.
func headersAnyType(w http.ResponseWriter, data []byte) {
	var h map[string]any
	_ = json.Unmarshal(data, &h)
	for k, v := range h {
		w.Header().Set(k, fmt.Sprint(v))
	}
}

func readsViaHelper(data []byte) string {
	var m map[string]any
	_ = json.Unmarshal(data, &m)
	return subject(m) // want `m decoded into map\[string\]any: unchecked read of sub as string panics if missing or differently typed`
}

func subject(claims map[string]any) string { // want subject:"reads claims as sub string, panicking on sub"
	return claims["sub"].(string)
}

// subjectOfBuilt passes a map it built itself to the helper that asserts
// unchecked: the keys are the code's own, not decoded input.
func subjectOfBuilt(user string) string {
	return subject(map[string]any{"sub": user})
}

// mountVersion checks that options.version is there through a variable
// set once from the read: only a value of another type panics, and the
// message says so.
func mountVersion(payload []byte) string {
	var data map[string]any
	if err := json.Unmarshal(payload, &data); err != nil {
		return ""
	}
	opts, ok := data["options"].(map[string]any)
	if !ok {
		return ""
	}
	raw := opts["version"]
	if raw == nil {
		return ""
	}
	return raw.(string) // want `data decoded into map\[string\]any: unchecked read of options\.version as string panics if differently typed`
}

// mountVersionAgain sets the variable twice: the nil check may be of the
// second value, so the first read's key may be missing.
func mountVersionAgain(payload []byte) string {
	var data map[string]any
	if err := json.Unmarshal(payload, &data); err != nil {
		return ""
	}
	raw := data["version"]
	if raw == nil {
		raw = data["v"]
	}
	return raw.(string) // want `data decoded into map\[string\]any: unchecked read of version as string panics if missing or differently typed`
}
