// Package anymap defines an Analyzer that reports JSON decoded into
// map[string]any and then taken apart by hand.
//
// # Analyzer anymap
//
// anymap: report JSON decoded into map[string]any, then asserted
//
// Decoding a request body into map[string]any (or map[string]interface{},
// []any, any) feels flexible, but the code that follows still expects a
// schema: it asserts that pain_level is a float64 and took_medication a
// bool. The compiler checks none of it, and two mistakes slip through.
// When a client sends "eight" for a number, or leaves the key out, an
// unchecked assertion panics. And an assertion to a type that decoding
// JSON never produces (an int, a []string, a struct) never matches: the
// value is silently dropped, whatever the client sends.
//
//	func handleReport(w http.ResponseWriter, r *http.Request) {
//		var body map[string]any
//		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
//			http.Error(w, err.Error(), http.StatusBadRequest)
//			return
//		}
//		level := body["pain_level"].(float64) // panics on "eight"
//		took, _ := body["took_medication"].(bool)
//		symptoms, _ := body["symptoms"].(string)
//		record(level, took, symptoms)
//	}
//
// anymap reports at the read that panics (else the first wrong read),
// naming the variable decoded into and the wrong reads:
//
//	body decoded into map[string]any: unchecked read of pain_level as float64 panics if missing or differently typed
//
// The related positions are the decode, with what to decode into instead
// ("decode into a struct with a field per key read instead"), and each
// read of the map, every key with the types asserted on it. A message
// names at most three wrong reads; past that it names the first two and
// counts the others ("unchecked reads of a as string, b as string and 6
// other paths panic ..."), as a decoder that recurses into nested lists
// reads one value through many paths.
//
// The single-value assertion of pain_level panics when the key is missing
// or holds another type ("interface conversion: interface
// {} is nil, not float64"): the message says so, names the keys read that
// way, and the diagnostic's category is "panic", so that drivers and
// reviewers can rank a crash above clumsy code. When the function checks
// that the key is there (_, ok := body["k"], body["k"] != nil, or v != nil
// of a variable set once, v := body["k"]) before
// the unchecked assertion, only a value of another type can make it
// panic, and the message says "if differently typed" instead of "if
// missing or differently typed".
//
// Had the function read pain_level in the two-value form too, nothing
// would be reported: a checked assertion, or a type switch, to a type
// that JSON produces handles a missing or mistyped value, and the code is
// correct as written, if longer than a struct. The other defect is a read
// that always fails:
//
//	var m map[string]any
//	_ = json.Unmarshal(data, &m)
//	if p, ok := m["port"].(int); ok { // JSON numbers are float64
//		return p
//	}
//	return 8080
//
// is reported as
//
//	m decoded into map[string]any: read of port as int always fails (a type decoded JSON never holds)
//
// encoding/json stores into an interface only string, float64, bool,
// []any, map[string]any, nil, and json.Number with UseNumber: a read as
// int, int64, []string, map[string]string, time.Time or a struct of the
// program's own never matches a decoded value. Unchecked, such a read
// panics whatever the client sends: return m["port"].(int) is "unchecked
// read of port as int always panics".
//
// The related positions list the keys read and their types; the struct
// writes itself, and a wrong type becomes a 400 from the decoder instead
// of a panic:
//
//	var body struct {
//		PainLevel      float64 `json:"pain_level"`
//		TookMedication bool    `json:"took_medication"`
//		Symptoms       string  `json:"symptoms"`
//	}
//	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
//		http.Error(w, err.Error(), http.StatusBadRequest)
//		return
//	}
//	record(body.PainLevel, body.TookMedication, body.Symptoms)
//
// With the flag -anymap.suggest, anymap adds that struct, on one line, as a
// related entry at the variable's declaration, so it prints under the
// finding in text output and travels with it in JSON output:
//
//	demo.go:10:6: 	suggested type: struct { PainLevel float64 `json:"pain_level"`; TookMedication bool `json:"took_medication"`; Symptoms string `json:"symptoms"` }
//
// Field names come from the keys (pain_level → PainLevel, user_id →
// UserID), types from the assertions; nested objects become nested
// structs and arrays slices. A key asserted to two types becomes any, and
// no suggestion is made when the result would be map[string]any again.
//
// The second shape is a map[string]any handed around in place of a type,
// whose values a function sorts out in a type switch, and which it also
// reads unchecked:
//
//	func processAnswers(answers map[string]interface{}) {
//		patient := answers["patient_id"].(string)
//		for key, value := range answers {
//			switch v := value.(type) {
//			case float64:
//				saveNumber(patient, key, v)
//			case string:
//				saveText(patient, key, v)
//			}
//		}
//	}
//
// anymap reports the parameter:
//
//	parameter answers map[string]interface{}: unchecked read of patient_id as string panics if missing or differently typed
//
// Decode into a typed answer instead (a question code and one typed field
// per kind of answer) and pass a slice of those. Without the unchecked
// read, the type switch alone handles every value and is not reported.
//
// When the keys are data rather than fields, and every value is read as
// the one type, the decode's related position says the map to decode
// into instead of a struct ("decode into map[string]string instead"):
//
//	var h map[string]any
//	_ = json.Unmarshal(data, &h)
//	for k, v := range h {
//		w.Header().Set(k, v.(string))
//	}
//
// is reported as
//
//	h decoded into map[string]any: unchecked read of each value as string panics if differently typed
//
// The third shape is a map that travels in a struct field: a request's
// Parameters decoded in the handler and read key by key in the function
// the handler dispatches to, or a client library's response type whose
// Data the library (or its users) read by key:
//
//	type Secret struct {
//		RequestID string                 `json:"request_id"`
//		Data      map[string]interface{} `json:"data"`
//	}
//
//	func (c *Client) Unwrap(token string) (*Secret, error) {
//		secret, err := c.Read("sys/wrapping/unwrap")
//		if err != nil {
//			return nil, err
//		}
//		wrapped := secret.Data["response"].(string)
//		return ParseSecret(strings.NewReader(wrapped))
//	}
//
// anymap reports the first read in each function, with the others as
// related positions:
//
//	secret.Data (Secret.Data, decoded from JSON): unchecked read of response as string panics if missing or differently typed
//
// A crash in a client library takes down its caller. Decode the field
// into a struct for the response (keep it as json.RawMessage, or give it
// a struct type when it has one shape); declare a field read as each value
// of one type as a map of that type (map[string]string).
//
// # The rule
//
// A decode is a call of json.Unmarshal, (*json.Decoder).Decode, the same
// of the drop-in replacements for encoding/json (goccy/go-json,
// json-iterator's Unmarshal and its API values' Unmarshal, sonic's
// Unmarshal and UnmarshalString), gin's
// (*Context).ShouldBindJSON, BindJSON and ShouldBind, echo's Context.Bind,
// go-zero's httpx.Parse and httpx.ParseJsonBody, or of any function, in
// this package or another, that passes one of its parameters to a decode
// (an analysis fact, "decodes into v", marks those: the readJSON helper
// every service writes), and YAML's decoders and the unmarshal callback of
// a yaml.v2 UnmarshalYAML (see Limits). A decode into &v, where v is a
// local variable of type map[string]any, []any or any (or a named type
// with such an underlying map or slice, like gin.H; or a map or list of
// such maps, map[string]map[string]any and []map[string]any, whose
// elements are read the same way), is looked at when the
// function then asserts a concrete type (float64, string, bool, json.Number, []any,
// map[string]any...) on a value read from v, and reported when one of
// those reads is wrong (below). So is a decode into a struct
// whose own field of one of those types (Answers map[string]any) is then
// read that way: "req.Answers decoded into map[string]any: unchecked
// read of ...". The reads that count:
//
//   - under a constant key, v["pain_level"].(float64), in the checked form
//     too, or in a type switch on it;
//   - on the values of a range over v or over a map or slice read from it;
//     in the body of if k == "name" or of case "name" in switch k, where k
//     is the range key, the value is read under that key;
//   - through variables, nested maps and slices:
//     m := v.(map[string]any); u := m["user"].(map[string]any); u["name"].(string);
//   - in a function v (or a value read from it) is passed to, which asserts
//     types on its parameter: an analysis fact, "reads m as total float64,
//     currency string", carries those reads across packages. A helper
//     that reads under a key parameter, getFloat(m, key), is recorded as
//     "reads m as [key] float64", and a call getFloat(body, "pain_level")
//     reads pain_level.
//
// At least one assertion must be to a type other than a map or slice
// (unless a read always fails): code that only tells objects from arrays
// is generic. A parameter of a
// map type is reported without a decode in view only in the second shape:
// a type switch with a case other than a map or slice, on the values of a
// range over the parameter itself, and none for a type that decoding JSON
// never produces (int, int64, time.Time, []byte, the program's own types):
// such a switch, an encoder of attributes that handles every scalar kind,
// serves values the program put in the map, with no decode in their
// origin. Like any shape, it is reported only when a read panics.
//
// Such reads are reported only when one of them is wrong; a map read only
// by checked assertions and type switch cases to the types JSON produces
// is not reported, whatever its shape. A read is wrong when:
//
//   - it panics: a single-value assertion, x["k"].(T), here or in a
//     function the value is passed to (the Reads fact says "panicking on
//     k"), unless a checked assertion or a type switch case of the same
//     key and type is in the same function (switch v := m["id"].(type) {
//     case string: use(m["id"].(string)) }). The message names the
//     deepest such path: user.name for
//     m["user"].(map[string]any)["name"].(string). The finding sits at
//     the first such read.
//   - it always fails: an assertion, checked or not, or a type switch
//     case, to a type encoding/json never stores in an interface (any
//     type but string, float64, bool, json.Number, []any and
//     map[string]any: int, []string, map[string]string, a named type, a
//     struct), here or in a function the value is passed to (the Reads
//     fact says "never matching k int"), on a value decoded from JSON in
//     the function (a YAML decode stores an int for 8080, and its values
//     are not judged so). Not when the function also reads the same key
//     as the type JSON gives that value (case int: beside case float64:
//     is dead code, not a lost number; a string for a named string type,
//     a []byte or a time.Time; []any for a slice; map[string]any for a
//     map or struct), nor under a key it stores into itself (m["at"] =
//     time.Now()). Without a panic, the finding sits at the first such
//     read.
//
// A decoded map also travels through function results. A function that
// decodes into a local map[string]any, []any, any or map of such maps
// (map[string]map[string]any) and returns it as decoded (never assigned
// again, written, or handed to another call) exports a DecodesResult
// fact, "returns decoded JSON", so that a caller's info, err :=
// agent.Self(), in the package or in an importer, is a decode into info:
//
//	name := info["Config"]["NodeName"].(string)
//
//	info decoded into map[string]map[string]interface{}: unchecked read of Config.NodeName as string panics if missing or differently typed
//
// Such a function may also check a key of the map it returns. When it
// returns a bool that is true only when the map's value under a key (a
// string parameter it never assigns, or a constant) passed one checked
// assertion, _, found := d[key].(string), it exports a ChecksKey fact,
// "result 0 true only when [key] of result 1 is a string". Every return
// must give the decoded map itself and, as the bool, found, false, or
// true inside if found { ... }; a function that can return true without
// the check is no check. At a call with the key spelled as a constant,
// found, data := HasOwnProperty("status_code", body), the read
// data["status_code"].(string) in the body of if found (or if found &&
// ...) is checked as the two-value form is: not reported.
//
//	if found, data := HasOwnProperty("status_code", resBody); found {
//		statusCode, _ := strconv.Atoi(data["status_code"].(string))
//	}
//
// A helper that checks presence only (_, ok := d[key]) makes a read there
// "panics if differently typed", as a presence check in the function
// does. Another key, another type, a read after the if or in its else,
// and a key the caller computes stay reported.
//
// A field is followed when it is an exported field of type map[string]any,
// []any or any (not tagged json:"-") of a struct that a decode of the
// package fills: the target's type, the structs it holds through
// pointers, slices and maps, or the field itself (&req.Params). A summary
// of the package, built once, lists those fields; a DecodedField fact,
// "decoded from JSON", carries them to the packages that import the type.
// Each function that reads such a field (x.F, through any variable) with
// concrete assertions under constant keys, or as each value of one type,
// is reported at its first read. A struct with its own UnmarshalJSON fills
// its fields by hand and is not followed. Each read is credited to the
// variable it reads: a field of one variable read before (or without) a
// decode into another variable of the same type is reported as a field
// of a decoded type, not as part of that other decode.
//
// Not reported, because map[string]any is the right type there or no
// schema is assumed:
//
//   - the map is passed on untouched: proxied, stored, re-encoded, or its
//     values only printed or compared with nil;
//   - json.RawMessage values, decoded later into their own types;
//   - reads under computed keys, v[key].(string): a generic lookup;
//   - assertions to interface types (fmt.Stringer, error);
//   - a value encoded back to JSON (json.Marshal(v["content"])) in the
//     same function: the code expects any JSON under that key, whatever
//     type it special-cases;
//   - a JSON array read by position, v[0].(string): a tuple such as
//     JSON-RPC's positional params, for which encoding/json has no struct;
//   - generic JSON tooling: a function that passes the values back to
//     itself (a walker, a flattener, a converter to strings) does not have
//     its range reads counted, a switch whose only cases are maps and
//     slices is structural, and a switch whose default clause formats or
//     encodes the value (fmt.Sprint(v), json.Marshal(v)) converts values of
//     any type;
//   - a type switch over the values of a method's receiver (a named map
//     type such as a logger's attributes is dynamic by design), or over a
//     variadic ...any parameter;
//   - reads that can neither panic nor always fail: a checked assertion
//     (v, ok := m["k"].(string)) or a type switch case to a type JSON
//     produces handles a missing or mistyped value, in a handler as in a
//     custom decoder (UnmarshalJSON taking a string-or-array value apart,
//     or keeping extension keys beside the known ones); a read that
//     panics (a hand-edited config with a number for a description) is
//     reported in a custom decoder too;
//   - a field read as values of several types under arbitrary keys
//     (labels, attributes): an open-ended field is the design;
//   - a field the program fills itself: of a struct never decoded into,
//     unexported, tagged json:"-", or of a type with its own UnmarshalJSON;
//     the reads of a field in a function that itself asserts a value of
//     it to a type encoding/json never produces (a struct of the
//     program's own, an int, []string): it handles values the program put
//     there; and, in any function, a read under a key that another
//     function asserts so (the evidence is per key, and a range's values
//     asserted so stand for every key), so one defensive assertion of
//     tags to []string does not silence an unchecked read of owner;
//   - test files: a test decodes encoder output into a map to check the
//     JSON itself, independently of the types that produced it.
//
// # Limits
//
// The analysis follows values through local variables, assignments, range
// loops and type switches, into function literals of the same function
// (a package-level var handler = func(...) counts as a function of its
// own), into functions through facts, and through the struct fields JSON
// is decoded into; it does not follow values through channels, function
// values or a map stored in a field by hand. A field is known to be decoded
// by the type's decodes anywhere in the package, not by the flow of the
// value read: a Secret built by hand is read as if decoded. YAML's
// Unmarshal, (*Decoder).Decode and (*yaml.Node).Decode (gopkg.in/yaml.v2
// and v3, go.yaml.in, sigs.k8s.io/yaml) and the unmarshal callback of a
// yaml.v2 UnmarshalYAML are decodes; other decoders (mapstructure,
// jsoniter) are not, unless a wrapper around encoding/json hides them. A
// guard other than a checked assertion or a type switch (reflect, a schema
// validator run first) is not seen: suppress the finding with the reason.
// A helper's check (ChecksKey) covers the body of an if on its bool, with
// the bool and the map each assigned once, not the code after an early
// return (if !found { return }); the helper must check the key it was
// passed, unchanged, in one checked read, and the caller must read the
// map the call returned, not a copy.
// Only the first decode into a variable is reported.
//
// Some payloads really are open-ended (user-defined form fields, plugin
// configuration); a type switch over their values is then the design.
// Suppress the finding with the reason.
//
// # Category panic
//
// A finding where a read panics on a missing or differently typed value
// (an unchecked assertion) has the category "panic": go vet -json and
// trapvet -json print it, and editors link it here. A crash outranks
// clumsy code; rank these first.
//
// # Suppressing
//
// Write the reason after the analyzer name, on the line of the reported
// read (or of the parameter) or the line above it:
//
//	//trapvet:ignore anymap form fields are defined by each customer at run time
//	v := fields["age"].(float64)
package anymap
