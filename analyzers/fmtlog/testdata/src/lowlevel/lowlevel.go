// Package lowlevel links no fmt. Outside the standard library that is a
// choice, not a limit (only the runtime and what fmt depends on have
// nothing but the builtins), so its println counts as a print like any
// other: reported where a logger is at hand, left alone where none is.
package lowlevel

import "log"

// Crash's println is the package's only output: no logger is at hand.
func Crash(msg string) {
	println("fatal:", msg)
}

// A logger handed in puts one at hand: the println bypasses it.
func CrashWith(msg string, l *log.Logger) {
	println("fatal:", msg) // want `println used as logging in library package lowlevel: use l instead`
	l.Print(msg)
}
