// Package lowlevel links no fmt. Outside the standard library that is a
// choice, not a limit (only the runtime and what fmt depends on have
// nothing but the builtins), so its println is logging like any other.
package lowlevel

func Crash(msg string) {
	println("fatal:", msg) // want `println used as logging in library package lowlevel`
}
