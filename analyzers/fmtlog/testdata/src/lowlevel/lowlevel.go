// Package lowlevel links no fmt, like the runtime: print is all it has.
package lowlevel

// The builtins are the only output below fmt.
func Crash(msg string) {
	println("fatal:", msg)
}
