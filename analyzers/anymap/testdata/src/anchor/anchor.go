// Package anchor checks that each read is credited to the variable it
// reads, and reported where it reads.
package anchor

import "encoding/json"

type Resp struct {
	Kind string         `json:"kind"`
	Data map[string]any `json:"data"` // want Data:"decoded from JSON"
}

// refresh reads the previous response, then decodes the next one into
// another variable of the same type: the read is of prev's field, not of
// next's decode.
func refresh(prev *Resp, body []byte) string {
	user := prev.Data["user"].(string) // want `prev\.Data \(Resp\.Data, decoded from JSON\): unchecked read of user as string panics if missing or differently typed`
	var next Resp
	if err := json.Unmarshal(body, &next); err != nil {
		return ""
	}
	return user + next.Kind
}

// both decodes two responses and reads each: two reports, each naming
// its own variable, at its read.
func both(b1, b2 []byte) string {
	var a, b Resp
	if err := json.Unmarshal(b1, &a); err != nil {
		return ""
	}
	if err := json.Unmarshal(b2, &b); err != nil {
		return ""
	}
	x, _ := a.Data["x"].(string) // checked: not reported
	return x + b.Data["y"].(string) // want `b\.Data decoded into map\[string\]any: unchecked read of y as string panics if missing or differently typed`
}

// decodeLater reads m before the loop decodes into it again: the report
// sits at the read that panics, not at the decode.
func decodeLater(chunks [][]byte) (out []float64) {
	var m map[string]any
	for _, c := range chunks {
		if m != nil {
			out = append(out, m["n"].(float64)) // want `m decoded into map\[string\]any: unchecked read of n as float64 panics if missing or differently typed`
		}
		if err := json.Unmarshal(c, &m); err != nil {
			return nil
		}
	}
	return out
}
