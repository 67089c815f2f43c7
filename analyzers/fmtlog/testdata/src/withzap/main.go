// Command withzap already logs with zap, so its prints are stray logs.
package main

import (
	"fmt"
	"log"

	"go.uber.org/zap"
)

func load(path string) error { return nil }

func main() {
	zap.L().Info("starting")
	path := "config.yaml"
	fmt.Printf("loading config %s\n", path) // want `fmt.Printf used as logging in a package that logs with zap: use zap.L\(\).Info instead`
	if err := load(path); err != nil {
		log.Fatalf("cannot load %s: %v", path, err) // want `log.Fatalf used as logging in a package that logs with zap: use zap.L\(\).Fatal instead`
	}
}
