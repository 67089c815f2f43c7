package use

import (
	"fmt"
	"net/http"

	"facts/helpers"
)

func viaHelper(r *http.Request) {
	var body map[string]any
	_ = helpers.ReadJSON(r, &body)
	fmt.Println(body["name"].(string)) // want `body decoded into map\[string\]any: unchecked read of name as string panics if missing or differently typed`
}

// viaWrapper decodes through a wrapper and hands the map to Amount,
// whose reads are checked: a missing total is 0. Not reported.
func viaWrapper(r *http.Request) {
	var body map[string]any
	helpers.MustReadJSON(r, &body)
	fmt.Println(helpers.Amount(body))
}

func viaMethod(data []byte) {
	var c helpers.Codec
	var doc any
	_ = c.Unmarshal(data, &doc)
	m := doc.(map[string]any)
	fmt.Println(helpers.Amount(m["order"].(map[string]any)), helpers.Items(doc)) // want `doc decoded into any: unchecked reads of order as map\[string\]any and items\[\]\.sku as string panic if missing or differently typed`
}

func localDecoder(r *http.Request, v any) error { // want localDecoder:"decodes into v"
	return helpers.ReadJSON(r, v)
}

func viaLocal(r *http.Request) {
	var body map[string]any
	_ = localDecoder(r, &body)
	fmt.Println(body["id"].(float64)) // want `body decoded into map\[string\]any: unchecked read of id as float64 panics if missing or differently typed`
}

// validateOnly passes the map to a function with no decode fact and no
// reads: nothing is known about its shape.
func validateOnly(r *http.Request) error {
	var body map[string]any
	if err := helpers.ReadJSON(r, &body); err != nil {
		return err
	}
	fmt.Println(helpers.Keys(body))
	return helpers.Validate(body)
}

// encodeMap passes a map to a function that encodes it: a response, not a
// decode, so reading it back is about the code's own data.
func encodeMap(w http.ResponseWriter) {
	m := map[string]any{"n": 1.0}
	_ = helpers.Encode(w, &m)
	fmt.Println(m["n"].(float64))
}

type request struct {
	Name string `json:"name"`
}

// structThroughHelper passes a struct to the decoding helper: the fix,
// not the trap.
func structThroughHelper(r *http.Request) string {
	var req request
	_ = helpers.ReadJSON(r, &req)
	return req.Name
}

// builtLocally passes a map the function built itself to a function that
// reads it: no JSON is decoded into it here.
func builtLocally() float64 {
	order := map[string]any{"total": 12.5, "currency": "EUR"}
	return helpers.Amount(order)
}

// decodeCopyHelper calls a helper that decodes into its own copy: the map
// stays empty, but nothing decodes into it, so there is no decode to report.
func decodeCopyHelper(data []byte) string {
	var body map[string]any
	_ = helpers.DecodeCopy(data, &body)
	s, _ := body["name"].(string)
	return s
}

func viaKeyHelpers(r *http.Request) {
	var body map[string]any
	_ = helpers.ReadJSON(r, &body)
	fmt.Println(helpers.GetFloat(body, "pain_level"), helpers.GetPath(body, "user", "name")) // want `body decoded into map\[string\]any: unchecked read of user panics if missing or differently typed`
}

// computedKeys reads keys the caller computes through the helpers: a
// generic lookup, no schema in view.
func computedKeys(r *http.Request, keys []string) float64 {
	var body map[string]any
	_ = helpers.ReadJSON(r, &body)
	sum := 0.0
	for _, k := range keys {
		sum += helpers.GetFloat(body, k)
	}
	return sum
}

// mergeInto decodes into the map that Merge writes, not the one it reads:
// the reads fact is about the other parameter.
func mergeInto(r *http.Request) map[string]any {
	var body map[string]any
	_ = helpers.ReadJSON(r, &body)
	helpers.Merge(body, map[string]any{"version": "v1"})
	return body
}

// describeOnly hands the decoded map to a function that only prints it.
func describeOnly(r *http.Request) string {
	var body map[string]any
	_ = helpers.ReadJSON(r, &body)
	return helpers.Describe(body)
}

// statusCode reads the key HasOwnProperty checked, in its branch: not
// reported; the read of message is.
func statusCode(body []byte) (string, string) {
	if found, data := helpers.HasOwnProperty("status_code", body); found {
		return data["status_code"].(string), data["message"].(string) // want `data decoded into map\[string\]interface\{\}: unchecked read of message as string panics if missing or differently typed`
	}
	return "", ""
}
