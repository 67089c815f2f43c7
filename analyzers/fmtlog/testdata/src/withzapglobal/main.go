// Command withzapglobal installs its zap logger as the global one, so
// zap.L() is the program's logger.
package main

import (
	"fmt"

	"go.uber.org/zap"
)

func main() {
	logger, _ := zap.NewProduction()
	zap.ReplaceGlobals(logger)
	run("config.yaml")
}

func run(path string) {
	fmt.Printf("loading config %s\n", path) // want `fmt.Printf used as logging in a package that logs with zap: use zap.L\(\).Info instead`
}
