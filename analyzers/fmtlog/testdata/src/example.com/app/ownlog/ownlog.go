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
