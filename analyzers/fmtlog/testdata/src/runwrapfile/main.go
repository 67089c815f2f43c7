// Package main builds its logger in main: the failure belongs in it.
package main

import (
	"fmt"
	"log/slog"
	"net/http"
	"os"
)

func main() {
	f, _ := os.Create("/var/log/svc.json")
	logger := slog.New(slog.NewJSONHandler(f, nil))
	logger.Info("starting")
	if err := serve(); err != nil {
		fmt.Fprintf(os.Stderr, "%s\n", err) // want `fmt.Fprintf used as logging`
		os.Exit(1)
	}
}

func serve() error { return http.ListenAndServe(":8080", nil) }
