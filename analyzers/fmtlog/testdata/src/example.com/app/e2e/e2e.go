// Package e2e drives end-to-end tests: its output is the test's.
package e2e

import "fmt"

// An end-to-end suite prints its progress into the test output.
func Step(name string) {
	fmt.Println("step", name)
}
