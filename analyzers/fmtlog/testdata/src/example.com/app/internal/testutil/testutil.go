// Package testutil helps tests: its output belongs to the test log.
package testutil

import "fmt"

// A test helper prints into the test's output.
func Step(name string) {
	fmt.Println("step", name)
}
