// Command slogserver logs with slog; a stray log.Fatal beside it becomes
// slog.Error and keeps its exit.
package main

import (
	"log"
	"log/slog"
	"net/http"
	"os"
)

func main() {
	slog.Info("starting")
	addr := os.Getenv("ADDR")
	if addr == "" {
		log.Fatalf("no address configured in %s", "ADDR") // want `log.Fatalf used as logging in a package that logs with slog: use slog.Error instead`
	}
	if err := http.ListenAndServe(addr, nil); err != nil {
		log.Fatalf("serve failed: %v", err) // want `log.Fatalf used as logging in a package that logs with slog: use slog.Error instead`
	}
}
