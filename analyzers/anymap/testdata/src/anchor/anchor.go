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
	user := prev.Data["user"].(string) // want `prev\.Data \(Resp\.Data, decoded from JSON into map\[string\]any\) is read as user string, and a missing or differently typed user panics`
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
	return x + b.Data["y"].(string) // want `b\.Data decoded into map\[string\]any, then read as y string, and a missing or differently typed y panics`
}

// decodeLater reads m before the loop decodes into it again: the report
// sits at the read that panics, not at the decode.
func decodeLater(chunks [][]byte) (out []float64) {
	var m map[string]any
	for _, c := range chunks {
		if m != nil {
			out = append(out, m["n"].(float64)) // want `m decoded into map\[string\]any, then read as n float64, and a missing or differently typed n panics`
		}
		if err := json.Unmarshal(c, &m); err != nil {
			return nil
		}
	}
	return out
}
