// Command withzap already logs with zap, so its prints are stray logs.
package main

import (
	"fmt"
	"log"

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

// zap.L() discards everything unless the program calls
// zap.ReplaceGlobals: with no logger in scope there is no fix.
func reload(path string) {
	fmt.Printf("reloading config %s\n", path) // want `fmt.Printf used as logging in a package that logs with zap: use the program's \*zap.Logger.Info instead`
}

// The logger in a field is the one to use.
func (s *server) handle(path string) {
	fmt.Printf("[WARN] slow request for %s\n", path) // want `fmt.Printf used as logging in a package that logs with zap: use s.log.Warn instead`
}
