package a

import (
	"encoding/json"
	"time"
)

type logLine struct {
	N int
	T string
}

// A JSON array of objects decoded into []map[string]any: each element's
// unchecked reads panic like a map's.
func parseLog(b []byte) ([]logLine, error) {
	var tmp []map[string]interface{}
	if err := json.Unmarshal(b, &tmp); err != nil {
		return nil, err
	}
	var out []logLine
	for _, l := range tmp {
		out = append(out, logLine{
			N: int(l["n"].(float64)), // want `tmp decoded into \[\]map\[string\]interface\{\}: unchecked reads of \[\]\.n as float64 and \[\]\.t as string panic if missing or differently typed`
			T: l["t"].(string),
		})
	}
	return out, nil
}

// The same list read with checked assertions: not reported.
func parseStamps(b []byte) []time.Time {
	var tmp []map[string]any
	if err := json.Unmarshal(b, &tmp); err != nil {
		return nil
	}
	var out []time.Time
	for _, l := range tmp {
		if s, ok := l["at"].(float64); ok {
			out = append(out, time.Unix(int64(s), 0))
		}
	}
	return out
}
