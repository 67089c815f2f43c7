// Command withzap already logs with zap, so its prints beside its
// logger, or in its handler, are stray logs.
package main

import (
	"fmt"
	"log"
	"net/http"

	"go.uber.org/zap"
)

func load(path string) error { return nil }

type server struct {
	log *zap.Logger
}

func main() {
	logger, _ := zap.NewProduction()
	logger.Info("starting")
	path := "config.yaml"
	fmt.Printf("loading config %s\n", path) // want `fmt.Printf used as logging in a package that logs with zap: use logger.Info instead`
	if err := load(path); err != nil {
		log.Fatalf("cannot load %s: %v", path, err) // want `log.Fatalf used as logging in a package that logs with zap: use logger.Fatal instead`
	}
	s := &server{log: logger}
	s.handle("/")
}

// A program that serves no requests: its calls of zap count only where
// a logger is at hand. reload has none, and its print is the command
// talking to its user.
func reload(path string) {
	fmt.Printf("reloading config %s\n", path)
}

// In a handler they count: zap.L() discards everything unless the
// program calls zap.ReplaceGlobals, so with no logger in scope there is
// no fix.
func health(w http.ResponseWriter, r *http.Request) {
	fmt.Printf("health check from %s\n", r.RemoteAddr) // want `fmt.Printf used as logging in a package that logs with zap: use the program's \*zap.Logger.Info instead`
}

// The logger in a field is the one to use.
func (s *server) handle(path string) {
	fmt.Printf("[WARN] slow request for %s\n", path) // want `fmt.Printf used as logging in a package that logs with zap: use s.log.Warn instead`
}
