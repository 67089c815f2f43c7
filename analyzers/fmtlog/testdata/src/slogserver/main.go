// Command slogserver logs with slog; a stray log.Fatal beside it becomes
// slog.Error and keeps its exit.
package main

import (
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"os"
)

type app struct {
	Log *slog.Logger
}

func main() {
	slog.Info("starting")
	addr := os.Getenv("ADDR")
	if addr == "" {
		log.Fatalf("no address configured in %s", "ADDR") // want `log.Fatalf used as logging in a package that logs with slog: use slog.Error instead`
	}
	a := &app{Log: slog.New(slog.Default().Handler())}
	http.HandleFunc("/", a.serve)
	if err := http.ListenAndServe(addr, nil); err != nil {
		fmt.Fprintf(os.Stderr, "server failed to start: %v\n", err) // want `fmt.Fprintf used as logging in a package that logs with slog: use a.Log.Error instead`
		os.Exit(1)
	}
}

// The handler logs through the logger the program configured on a.Log,
// with the request's context.
func (a *app) serve(w http.ResponseWriter, r *http.Request) {
	fmt.Printf("request for %s from %s\n", r.URL.Path, r.RemoteAddr) // want `fmt.Printf used as logging in a package that logs with slog: use a.Log.InfoContext instead`
}
