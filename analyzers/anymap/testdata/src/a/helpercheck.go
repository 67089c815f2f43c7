package a

import (
	"encoding/json"
	"strconv"
	"strings"
)

// A helper that decodes a map and returns it with a bool true only when
// the map's value under its key parameter passed a checked assertion
// checks that key for the branch where the bool is true.

// hasOwnProperty is midtrans-go's: found is the checked assertion's
// result on every return path.
func hasOwnProperty(key string, body []byte) (bool, map[string]interface{}) { // want hasOwnProperty:"returns decoded JSON at 1" hasOwnProperty:"result 0 true only when \\[key\\] of result 1 is a string"
	d := make(map[string]interface{})
	_ = json.Unmarshal(body, &d)
	if _, found := d[key].(string); found {
		return found, d
	} else {
		return found, d
	}
}

// statusCode is midtrans-go's caller: not reported.
func statusCode(resBody []byte) int {
	if found, data := hasOwnProperty("status_code", resBody); found {
		code, _ := strconv.Atoi(data["status_code"].(string))
		return code
	}
	return 0
}

// hasKey returns true only inside the checked branch, false elsewhere.
func hasKey(body []byte, key string) (map[string]any, bool) { // want hasKey:"returns decoded JSON at 0" hasKey:"result 1 true only when \\[key\\] of result 0 is a float64"
	var d map[string]any
	if err := json.Unmarshal(body, &d); err != nil {
		return d, false
	}
	if _, ok := d[key].(float64); ok {
		return d, true
	}
	return d, false
}

// amountIn checks the bool first, beside another condition: not reported.
func amountIn(body []byte, strict bool) float64 {
	data, ok := hasKey(body, "amount")
	if ok && strict {
		return data["amount"].(float64)
	}
	return 0
}

// present only checks that the key is there.
func present(body []byte, key string) (bool, map[string]any) { // want present:"returns decoded JSON at 1" present:"result 0 true only when \\[key\\] of result 1 is present"
	var d map[string]any
	_ = json.Unmarshal(body, &d)
	_, ok := d[key]
	return ok, d
}

// kindOf reads a key the presence helper checked: it may still hold
// another type, but is not missing.
func kindOf(body []byte) string {
	if ok, data := present(body, "kind"); ok {
		return data["kind"].(string) // want `data decoded into map\[string\]any: unchecked read of kind as string panics if differently typed`
	}
	return ""
}

// alwaysTrue returns true whatever it checked: no check.
func alwaysTrue(key string, body []byte) (bool, map[string]any) { // want alwaysTrue:"returns decoded JSON at 1"
	var d map[string]any
	_ = json.Unmarshal(body, &d)
	_, ok := d[key].(string)
	_ = ok
	return true, d
}

func viaAlwaysTrue(body []byte) string {
	if ok, data := alwaysTrue("name", body); ok {
		return data["name"].(string) // want `data decoded into map\[string\]any: unchecked read of name as string panics if missing or differently typed`
	}
	return ""
}

// otherKey checks a constant key of its own, not its parameter.
func otherKey(key string, body []byte) (bool, map[string]any) { // want otherKey:"returns decoded JSON at 1" otherKey:"result 0 true only when id of result 1 is a string"
	var d map[string]any
	_ = json.Unmarshal(body, &d)
	_, ok := d["id"].(string)
	return ok, d
}

func viaOtherKey(body []byte) string {
	if ok, data := otherKey("name", body); ok {
		return data["name"].(string) + data["id"].(string) // want `data decoded into map\[string\]any: unchecked read of name as string panics if missing or differently typed`
	}
	return ""
}

// wrongRead reads another key, and the checked key as another type.
func wrongRead(body []byte) float64 {
	if found, data := hasOwnProperty("status_code", body); found {
		return data["status_code"].(float64) + data["amount"].(float64) // want `data decoded into map\[string\]interface\{\}: unchecked reads of status_code as float64 and amount as float64 panic if missing or differently typed`
	}
	return 0
}

// outsideBranch reads the key after the if, where found may be false.
func outsideBranch(body []byte) string {
	found, data := hasOwnProperty("status_code", body)
	if found {
		println("ok")
	}
	return data["status_code"].(string) // want `data decoded into map\[string\]interface\{\}: unchecked read of status_code as string panics if missing or differently typed`
}

// inElse reads the key where found is false.
func inElse(body []byte) string {
	if found, data := hasOwnProperty("status_code", body); !found {
		return data["status_code"].(string) // want `data decoded into map\[string\]interface\{\}: unchecked read of status_code as string panics if missing or differently typed`
	}
	return ""
}

// keyFromCaller passes a key the call does not spell: not checked.
func keyFromCaller(body []byte, k string) string {
	if found, data := hasOwnProperty(k, body); found {
		return data["status_code"].(string) // want `data decoded into map\[string\]interface\{\}: unchecked read of status_code as string panics if missing or differently typed`
	}
	return ""
}

// lowerKey checks a key of its own making, not the one passed in.
func lowerKey(key string, body []byte) (bool, map[string]any) { // want lowerKey:"returns decoded JSON at 1"
	var d map[string]any
	_ = json.Unmarshal(body, &d)
	key = strings.ToLower(key)
	_, ok := d[key].(string)
	return ok, d
}

func viaLowerKey(body []byte) string {
	if ok, data := lowerKey("Name", body); ok {
		return data["Name"].(string) // want `data decoded into map\[string\]any: unchecked read of Name as string panics if missing or differently typed`
	}
	return ""
}

// trueAfterIf returns true past the checked branch too.
func trueAfterIf(key string, body []byte) (bool, map[string]any) { // want trueAfterIf:"returns decoded JSON at 1"
	var d map[string]any
	_ = json.Unmarshal(body, &d)
	if _, ok := d[key].(string); ok {
		println("found")
	}
	return true, d
}

func viaTrueAfterIf(body []byte) string {
	if ok, data := trueAfterIf("name", body); ok {
		return data["name"].(string) // want `data decoded into map\[string\]any: unchecked read of name as string panics if missing or differently typed`
	}
	return ""
}
