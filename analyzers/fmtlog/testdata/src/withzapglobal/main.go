// Command withzapglobal is a server that installs its zap logger as the
// global one, so zap.L() is the program's logger.
package main

import (
	"fmt"
	"net/http"

	"go.uber.org/zap"
)

func main() {
	logger, _ := zap.NewProduction()
	zap.ReplaceGlobals(logger)
	run("config.yaml")
	_ = http.ListenAndServe(":8080", nil)
}

func run(path string) {
	fmt.Printf("loading config %s\n", path) // want `fmt.Printf used as logging in a package that logs with zap: use zap.L\(\).Info instead`
}
