package main

import (
	"errors"
	"fmt"
	"log"
	"log/slog"
	"os"
)

func load() error { return errors.New("no configuration") }

// serveRouted makes its slog logger the default first: the log package's
// lines go through its handler from then on. Not reported.
func serveRouted() {
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stdout, nil)))
	if err := load(); err != nil {
		log.Printf("load: %v", err)
	}
	fmt.Println("loaded") // want `fmt.Println used as logging in a package that logs with slog: use slog.Info instead`
}

// serveUnrouted never hands the log package to slog.
func serveUnrouted() {
	if err := load(); err != nil {
		log.Printf("load: %v", err) // want `log.Printf used as logging in a package that logs with slog: use slog.Error instead`
	}
}

// serveRedirected sends the log package elsewhere again.
func serveRedirected(w *os.File) {
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stdout, nil)))
	log.SetOutput(w)
	if err := load(); err != nil {
		log.Printf("load: %v", err) // want `log.Printf used as logging in a package that logs with slog: use slog.Error instead`
	}
}
