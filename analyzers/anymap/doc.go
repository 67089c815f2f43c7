// Package anymap defines an Analyzer that reports JSON decoded into
// map[string]any and then taken apart by hand.
//
// # Analyzer anymap
//
// anymap: report JSON decoded into map[string]any and read by assertion
//
// TODO
//
// # Limits
//
// TODO
//
// # Suppressing
//
// TODO
package anymap
