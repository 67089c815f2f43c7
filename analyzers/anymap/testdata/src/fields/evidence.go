package fields

import (
	"encoding/json"
	"strings"
)

// Evidence that the program fills a field is per path across functions:
// a defensive assertion of one key says nothing of the others.

type Event struct {
	Attrs map[string]any `json:"attrs"` // want Attrs:"decoded from JSON"
}

func decodeEvent(data []byte) (Event, error) {
	var e Event
	err := json.Unmarshal(data, &e)
	return e, err
}

// tagsOf accepts the []string a producer in the program may have put
// under tags: encoding/json never makes one, so tags holds the program's
// values.
func tagsOf(e Event) []string {
	if t, ok := e.Attrs["tags"].([]string); ok {
		return t
	}
	return nil
}

// tagLine reads tags as a string elsewhere: the same path, known to hold
// the program's values, is not reported.
func tagLine(e Event) string {
	s, _ := e.Attrs["tags"].(string)
	return strings.TrimSpace(s)
}

// owner reads another key, unchecked: nothing says the program filled it,
// and a missing owner crashes.
func owner(e Event) string {
	return e.Attrs["owner"].(string) // want `e\.Attrs \(Event\.Attrs, decoded from JSON\): unchecked read of owner as string panics if missing or differently typed`
}

// Each value of a range asserted to a type of the program's own stands
// for every key.

type Bag struct {
	Items map[string]any `json:"items"` // want Items:"decoded from JSON"
}

func decodeBag(data []byte) (Bag, error) {
	var b Bag
	err := json.Unmarshal(data, &b)
	return b, err
}

func counts(b Bag) int {
	n := 0
	for _, v := range b.Items {
		if c, ok := v.(int); ok {
			n += c
		}
	}
	return n
}

func first(b Bag) string {
	return b.Items["first"].(string)
}
