// Command klogmain applies its logging flags, builds its klog logger and
// serves: a print before the logger exists has no logger to go to.
package main

import (
	"errors"
	"fmt"
	"net/http"
	"os"

	"k8s.io/klog/v2"
)

func applyLogging(v string) error { return errors.New(v) }

func main() { os.Exit(run()) }

func run() int {
	if err := applyLogging("2"); err != nil {
		fmt.Fprintf(os.Stderr, "%v\n", err)
		return 1
	}
	logger := klog.NewKlogr()
	logger.Info("starting")
	if err := http.ListenAndServe(":8080", nil); err != nil {
		fmt.Fprintf(os.Stderr, "serve: %v\n", err) // want `fmt.Fprintf used as logging`
		return 1
	}
	return 0
}
