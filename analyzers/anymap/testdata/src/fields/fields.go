// Package fields decodes requests whose free-form parts travel in struct
// fields and are read key by key in other functions.
package fields

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
)

type ToolRequest struct {
	Name       string         `json:"name"`
	Parameters map[string]any `json:"parameters"` // want Parameters:"decoded from JSON"
	Headers    map[string]any `json:"headers"`    // want Headers:"decoded from JSON"
	Labels     map[string]any `json:"labels"`     // want Labels:"decoded from JSON"
	Forward    map[string]any `json:"forward"`    // want Forward:"decoded from JSON"
	Ignored    map[string]any `json:"-"`
	internal   map[string]any
}

// handle decodes the request and dispatches it: the Parameters are read in
// the tool functions, not here.
func handle(w http.ResponseWriter, r *http.Request) {
	var req ToolRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	switch req.Name {
	case "read":
		fmt.Fprint(w, readFile(req))
	case "search":
		fmt.Fprint(w, req.search())
	}
}

func readFile(req ToolRequest) string {
	path := req.Parameters["path"].(string) // want `req\.Parameters \(ToolRequest\.Parameters, decoded from JSON\): unchecked read of path as string panics if missing or differently typed`
	limit, _ := req.Parameters["limit"].(float64)
	data, _ := os.ReadFile(path)
	return string(data[:int(limit)])
}

// search checks its one read and returns "" otherwise. Not reported.
func (req *ToolRequest) search() string {
	params := req.Parameters
	q, ok := params["query"].(string)
	if !ok {
		return ""
	}
	return strings.ToUpper(q)
}

func (req *ToolRequest) setHeaders(w http.ResponseWriter) {
	for k, v := range req.Headers {
		w.Header().Set(k, v.(string)) // want `req\.Headers \(ToolRequest\.Headers, decoded from JSON\): unchecked read of each value as string panics if differently typed`
	}
}

// labels switches on values of any type under keys that are data: an
// open-ended field, read as the design intends.
func labels(req *ToolRequest) []string {
	var out []string
	for k, v := range req.Labels {
		switch v := v.(type) {
		case string:
			out = append(out, k+"="+v)
		case bool:
			out = append(out, k)
		}
	}
	return out
}

// forward passes the map on untouched, to another service.
func forward(req ToolRequest) ([]byte, error) {
	return json.Marshal(req.Forward)
}

// ignored reads a field encoding/json never fills (tagged "-"): the
// program sets it, so its keys are the program's own.
func ignored(req ToolRequest) string {
	return req.Ignored["trace"].(string)
}

// internal reads an unexported field, which encoding/json leaves alone.
func internal(req ToolRequest) string {
	return req.internal["trace"].(string)
}

// lookup reads a parameter under a key the caller computes: a generic
// lookup, not a schema.
func lookup(req ToolRequest, key string) string {
	s, _ := req.Parameters[key].(string)
	return s
}

type Options struct {
	Extra map[string]any
}

// fromOptions reads a map field of a struct that is never decoded into:
// the program builds the map, so its keys and types are its own.
func fromOptions(o Options) int {
	return int(o.Extra["retries"].(float64))
}

type Envelope struct {
	Meta map[string]any `json:"meta"`
}

// UnmarshalJSON decodes the envelope by hand: encoding/json never fills
// Meta itself, so its reads elsewhere are not followed.
func (e *Envelope) UnmarshalJSON(data []byte) error {
	e.Meta = map[string]any{"raw": string(data)}
	return nil
}

func decodeEnvelope(data []byte) (*Envelope, error) {
	var e Envelope
	err := json.Unmarshal(data, &e)
	return &e, err
}

// envelopeRaw reads Meta of a type that decodes itself.
func envelopeRaw(e *Envelope) string {
	return e.Meta["raw"].(string)
}

type Batch struct {
	Items []Item `json:"items"`
}

type Item struct {
	ID    string         `json:"id"`
	Attrs map[string]any `json:"attrs"` // want Attrs:"decoded from JSON"
}

func decodeBatch(data []byte) (*Batch, error) {
	b := new(Batch)
	return b, json.Unmarshal(data, b)
}

// color reads an attribute with a checked assertion: a missing or
// non-string color is "". Not reported.
func color(it Item) string {
	c, _ := it.Attrs["color"].(string)
	return c
}

type Report struct {
	Totals map[string]any `json:"totals"`
}

// build fills the report the program sends: only a test decodes it back,
// so Totals holds the program's own values.
func build() Report {
	return Report{Totals: map[string]any{"count": 3.0}}
}

// count reads the program's own totals.
func count(r Report) int {
	return int(r.Totals["count"].(float64))
}

type EndpointMeta struct {
	Host string
}

type ContextMeta struct {
	Name      string         `json:"name"`
	Endpoints map[string]any `json:"endpoints"` // want Endpoints:"decoded from JSON"
}

// loadContext decodes the metadata and then replaces each endpoint's raw
// JSON with a typed value (the shape of docker/cli's context store).
func loadContext(data []byte) (ContextMeta, error) {
	var m ContextMeta
	if err := json.Unmarshal(data, &m); err != nil {
		return m, err
	}
	for k := range m.Endpoints {
		m.Endpoints[k] = EndpointMeta{Host: k}
	}
	return m, nil
}

// dockerHost reads an endpoint the store typed: asserting a struct of the
// program's own proves the map holds its values, not raw JSON.
func dockerHost(m ContextMeta) string {
	return m.Endpoints["docker"].(EndpointMeta).Host
}

type StoredMeta struct {
	Metadata any `json:"metadata"` // want Metadata:"decoded from JSON"
}

func loadStored(data []byte) (StoredMeta, error) {
	var m StoredMeta
	err := json.Unmarshal(data, &m)
	return m, err
}

// endpointOf switches on the metadata itself, which a store may have
// replaced by a typed value: a case of the program's own type shows that
// the field holds its values (found in docker/cli's telemetry).
func endpointOf(m StoredMeta) string {
	var cfg any
	switch v := m.Metadata.(type) {
	case Options:
		cfg = v.Extra["otel"]
	case map[string]any:
		cfg = v["otel"]
	}
	otel, _ := cfg.(map[string]any)
	s, _ := otel["endpoint"].(string)
	return s
}

type Job struct {
	Args map[string]any `json:"args"` // want Args:"decoded from JSON"
}

func decodeJob(data []byte) (*Job, error) {
	j := new(Job)
	return j, json.Unmarshal(data, j)
}

// retries reads an int, which encoding/json never puts in a map: the
// program fills Args itself before it gets here (a scheduler's defaults).
func retries(j *Job) int {
	n, _ := j.Args["retries"].(int)
	return n + len(j.Args["queue"].(string))
}
