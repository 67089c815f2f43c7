package main

import (
	"fmt"
	"os"
	"runtime/debug"
)

// Every word of the format stays in the message: a value in mid-sentence
// leaves its key in braces.
func Login(user string, tries int) {
	fmt.Printf("user %s logged in after %d tries\n", user, tries) // want `fmt.Printf used as logging in a package that logs with slog: use slog.Info instead`
}

// Parentheses keep their closing half; a key named in the format names
// the attribute.
func Started(pid int) {
	fmt.Printf("started (pid=%d) - running in the background\n", pid) // want `fmt.Printf used as logging`
}

// Quotes around a value go with it.
func NoReturn(module string) {
	fmt.Printf("module '%s' did not return\n", module) // want `fmt.Printf used as logging in a package that logs with slog: use slog.Info instead`
}

// A value at the end goes with the word that introduced it.
func Serving(dir string) {
	fmt.Printf("serving files on %s\n", dir) // want `fmt.Printf used as logging`
}

// The level comes from the prefix, which is dropped. Consecutive prints
// are one finding whose fix rewrites each of them.
func Levels(err error, n int) {
	fmt.Printf("[ERROR] cannot open %d files\n", n) // want `fmt.Printf used as logging in a package that logs with slog: use slog.Error instead`
	fmt.Printf("[WARN] retrying %d\n", n)
	fmt.Printf("[WARNING] slow disk: %d ms\n", n)
	fmt.Println("[PANIC] recovered:", err)
	fmt.Fprintln(os.Stderr, "error: lost", n)
}

// Constant operands of Println are part of the message.
func Joined(name string) {
	fmt.Println("user", name, "logged out") // want `fmt.Println used as logging in a package that logs with slog: use slog.Info instead`
}

// A stack is a string attribute, not base64 bytes.
func Stack(v any) {
	fmt.Printf("recovered %v: %s\n", v, debug.Stack()) // want `fmt.Printf used as logging`
}

// Arguments that do not match the format are go vet's bug: no fix hides
// it (one finding for the run, and no fix for any of it).
func Mismatch(name string, n int) {
	fmt.Printf("%d items for %s\n", name, n) // want `fmt.Printf used as logging`
	fmt.Printf("%s has %d\n", name)
	fmt.Println("count %d", n)
}
