// Package main is a server that builds its slog logger from the
// configuration it loads first.
package main

import (
	"errors"
	"log"
	"log/slog"
	"net/http"
	"os"
)

type config struct {
	Level slog.Level
	Addr  string
	Data  string
}

func load(args []string) (config, error) {
	if len(args) > 1 {
		return config{}, errors.New("too many arguments")
	}
	return config{Addr: ":8080"}, nil
}

func openStore(dir string) error { return nil }

// main cannot log the failed load through a logger built from what
// failed to load: there is none yet, and the standard logger is the one
// that exists.
func main() {
	cfg, err := load(os.Args[1:])
	if err != nil {
		log.Fatal(err)
	}
	logger := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: cfg.Level}))
	if err := openStore(cfg.Data); err != nil {
		log.Fatal(err) // want `log.Fatal used as logging in a package that logs with slog: use logger.Error instead`
	}
	logger.Info("listening", "addr", cfg.Addr)
	if err := http.ListenAndServe(cfg.Addr, nil); err != nil {
		logger.Error(err.Error())
		os.Exit(1)
	}
}

// serve builds a logger per attempt inside its loop: a print before it in
// a later pass runs after an earlier logger was built.
func serve(addrs []string) {
	for _, a := range addrs {
		if a == "" {
			log.Printf("empty address") // want `log.Printf used as logging in a package that logs with slog: use slog.Info instead`
			continue
		}
		l := slog.New(slog.NewTextHandler(os.Stderr, nil))
		l.Info("serving", "addr", a)
	}
}
