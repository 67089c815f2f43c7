// Package ownlog logs through a logger of its own; printing beside it
// bypasses it.
package ownlog

import (
	"fmt"
	"io"
	"log"
)

// Logger is the package's logger; programs replace it.
var Logger = log.New(io.Discard, "[ownlog] ", log.LstdFlags)

func Connect(addr string, err error) {
	Logger.Printf("connecting to %s", addr)
	fmt.Printf("connect to %s failed: %v\n", addr, err) // want `fmt.Printf used as logging in a package that logs with Logger: use Logger.Printf instead`
}

func Retry(addr string, err error) {
	log.Printf("retrying %s: %v", addr, err) // want `log.Printf used as logging in a package that logs with Logger: use Logger.Printf instead`
}

// prettyPrint's job is printing: a developer's dump of a value.
func prettyPrint(v any) {
	fmt.Println(v)
}

// tablePrintln prints a table for its caller.
func tablePrintln(rows []string) {
	for _, r := range rows {
		fmt.Println(r)
	}
}

// fingerprint is not a printer: its print bypasses the logger.
func fingerprint(addr string) {
	fmt.Printf("fingerprint of %s\n", addr) // want `fmt.Printf used as logging in a package that logs with Logger: use Logger.Printf instead`
}

// logPrintf is a logging helper: its lines belong in Logger.
func logPrintf(format string, args ...any) {
	fmt.Printf(format, args...) // want `fmt.Printf used as logging in a package that logs with Logger: use Logger.Printf instead`
}
