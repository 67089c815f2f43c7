// Package tracer has no logger: its debug traces behind a flag are its
// own opt-in diagnostics.
package tracer

import (
	"fmt"
	"os"
)

var verbose bool

// step traces behind the switch: not reported.
func step(name string) {
	if verbose {
		fmt.Fprintln(os.Stderr, "step", name)
	}
}

// traceCall is a tracer called only behind the switch: not reported.
func traceCall(name string) {
	fmt.Fprintln(os.Stderr, "call", name)
}

// Run runs the steps.
func Run(names []string) {
	for _, n := range names {
		step(n)
		if verbose {
			traceCall(n)
		}
	}
}
