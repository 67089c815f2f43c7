// Package main relays its run function's error to stderr before exiting:
// the logger lives inside run, which may fail before it exists.
package main

import (
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"os"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "%s\n", err) // not reported: the program's last word on stderr
		os.Exit(1)
	}
	if err := check(); err != nil {
		log.Fatal(err) // not reported: the standard logger writes to stderr
	}
	if err := run(); err != nil {
		fmt.Printf("%s\n", err) // want `fmt.Printf used as logging in a package that logs with slog`
		os.Exit(1)
	}
}

func check() error { return nil }

func run() error {
	slog.Info("starting", "addr", ":8080")
	return http.ListenAndServe(":8080", nil)
}
